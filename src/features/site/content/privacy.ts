/** "Données personnelles": the privacy notice, including the list of strictly necessary cookies. */
import type { LocalizedDocument } from './document.types.ts';

export const privacyNotice: LocalizedDocument = {
  fr: {
    title: 'Données personnelles',
    lead: 'Quelles données MonGuichet.mc conserve, pourquoi, pendant combien de temps, avec qui elles sont partagées et comment exercer vos droits.',
    sections: [
      {
        heading: 'Responsable du traitement',
        paragraphs: [
          'Le responsable du traitement des données personnelles du portail MonGuichet.mc est le Gouvernement Princier de la Principauté de Monaco. Le portail est exploité par la Délégation Interministérielle chargée de la Transition Numérique, 2 rue du Gabian, Bâtiment les Industries, 5e étage, MC 98000 Monaco.',
          'Les données propres à une démarche sont traitées en outre par le service administratif qui en est chargé. Pour la cantine, l’établissement scolaire et le créancier (prestataire de restauration ou régie) traitent les données nécessaires à la facturation des repas et au suivi des paiements.',
        ],
      },
      {
        heading: 'Finalités',
        paragraphs: ['Vos données sont traitées pour :'],
        items: [
          'créer et gérer votre compte, vous authentifier, y compris au moyen de l’identité numérique MConnect, et sécuriser l’accès au portail ;',
          'instruire vos démarches en ligne et vous permettre d’en suivre l’avancement dans « Mes démarches » ;',
          'rattacher vos enfants à leur établissement, mettre à votre disposition les factures de cantine et vous permettre de les payer en ligne ;',
          'vous adresser les courriels liés à votre compte et à vos démarches : vérification de l’adresse, réinitialisation du mot de passe, confirmation de paiement, avis de facture ;',
          'tenir la comptabilité des paiements, rapprocher les encaissements et procéder aux remboursements ;',
          'assurer la sécurité du portail, détecter les abus et répondre aux demandes d’assistance.',
        ],
      },
      {
        heading: 'Base légale',
        paragraphs: [
          'Ces traitements sont mis en œuvre conformément à la loi n° 1.165 du 23 décembre 1993 relative à la protection des informations nominatives, modifiée notamment par la loi n° 1.565 du 3 décembre 2024.',
          'Ils reposent sur l’exécution des missions d’intérêt public dont l’Administration est investie (démarches administratives, service de restauration scolaire), sur le respect de ses obligations légales, notamment comptables, et sur l’exécution des demandes que vous formulez vous-même, comme le paiement d’une facture.',
          'Vos données ne sont jamais utilisées à des fins commerciales ou publicitaires, ni cédées à des tiers.',
        ],
      },
      {
        heading: 'Données conservées',
        paragraphs: ['Le portail conserve uniquement les données nécessaires aux finalités ci-dessus :'],
        items: [
          'compte : identifiant, type de compte (particulier ou professionnel), nom, prénom, adresse électronique, téléphone s’il est renseigné, langue préférée, mot de passe sous forme chiffrée irréversible, et identifiant MConnect si vous avez associé votre identité numérique ;',
          'démarches : contenu de vos demandes, pièces jointes, étapes et décisions ;',
          'cantine : enfants rattachés et leur établissement, repas consommés, factures, avoirs, paiements et remboursements ;',
          'paiements : montant, date, référence, créancier et résultat transmis par le prestataire de paiement. Les données de carte bancaire ne sont jamais transmises au portail ni conservées par lui : elles sont saisies uniquement sur la page du prestataire de paiement ;',
          'sécurité : journaux de connexion et d’opérations sensibles (date, adresse IP, action effectuée).',
        ],
      },
      {
        heading: 'Durées de conservation',
        paragraphs: [
          'Les données sont conservées pendant les durées suivantes, puis supprimées. Une tâche automatique supprime, toutes les 15 minutes, les données dont la durée de conservation est écoulée.',
        ],
        items: [
          'compte : jusqu’à sa clôture ; un compte sans aucune connexion pendant un an est clôturé et ses données sont supprimées, à l’exception de celles dont la conservation est imposée ci-dessous ;',
          'pièces de paiement et pièces comptables (factures, paiements, remboursements) : 10 ans, conformément aux obligations comptables ;',
          'journaux de sécurité : 1 an ;',
          'connexion en cours avec MConnect et première connexion MConnect en attente de votre choix (jeton d’identité, nom, prénoms, date de naissance, adresse électronique) : 10 minutes ;',
          'session de connexion (adresse IP, navigateur) : 30 minutes d’inactivité, et au plus 12 heures après la connexion ; supprimée dès la déconnexion ;',
          'liens envoyés par courriel (vérification de l’adresse, réinitialisation du mot de passe, changement d’adresse) : 1 heure pour la réinitialisation, 24 heures pour les autres, qu’ils aient servi ou non ;',
          'compteurs de tentatives de connexion et de récupération (identifiant, adresse IP ou adresse électronique) : 24 heures ;',
          'courriels en attente d’envoi : un jour après leur envoi.',
        ],
      },
      {
        heading: 'Destinataires',
        paragraphs: [
          'Vos données ne sont communiquées qu’aux destinataires qui en ont besoin, et pour ce qui les concerne seulement :',
        ],
        items: [
          'les établissements scolaires, pour leurs propres élèves ;',
          'les créanciers (prestataires de restauration ou régies), pour leurs propres factures et les paiements correspondants ;',
          'le prestataire de paiement, pour exécuter le paiement que vous avez demandé ;',
          'les services administratifs chargés des démarches que vous effectuez ;',
          'les agents habilités de l’assistance et de l’exploitation du portail, qui ne voient jamais votre mot de passe ni vos données de carte bancaire.',
        ],
      },
      {
        heading: 'Vos droits',
        paragraphs: [
          'Vous disposez d’un droit d’accès, de rectification, de suppression et d’opposition sur les données qui vous concernent, dans les conditions prévues par la loi n° 1.165 modifiée. Le droit de suppression ne s’applique pas aux données dont la conservation est une obligation légale, comme les pièces comptables.',
          'Vous pouvez corriger vous-même la plupart de vos informations dans « Mon profil ». Les informations provenant de MConnect ne peuvent être modifiées que par l’autorité qui a délivré votre carte d’identité ou votre carte de séjour.',
          'Pour exercer vos droits, écrivez au délégué à la protection des données, par courriel ou par courrier postal à l’adresse de la Délégation Interministérielle chargée de la Transition Numérique, en joignant un justificatif d’identité. Une réponse vous est apportée dans les délais prévus par la loi.',
        ],
      },
      {
        heading: 'Contact du délégué à la protection des données',
        paragraphs: ['Délégué à la protection des données du Gouvernement Princier : dpd@gouv.mc.'],
      },
      {
        heading: 'Autorité de contrôle',
        paragraphs: [
          'Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez saisir l’Autorité de protection des données personnelles (APDP), autorité administrative indépendante chargée de veiller au respect de la loi en Principauté.',
        ],
      },
      {
        heading: 'Cookies',
        paragraphs: [
          'Le portail utilise uniquement les cookies strictement nécessaires à son fonctionnement. Ils ne nécessitent pas votre consentement. Il n’y a aucun cookie de suivi, de publicité ou de mesure d’audience ; c’est pourquoi aucun bandeau de consentement aux cookies ne s’affiche.',
        ],
        items: [
          'lang : mémorise la langue de l’interface que vous avez choisie ; conservé 1 an ;',
          'mg_session : maintient votre connexion ; supprimé à la déconnexion ou après 30 minutes d’inactivité, et au plus tard 12 heures après la connexion ;',
          'mg_csrf : protège les formulaires contre la falsification de requêtes intersites (CSRF) ; supprimé à la fermeture du navigateur.',
        ],
      },
    ],
  },
  en: {
    title: 'Personal data',
    lead: 'What data MonGuichet.mc keeps, why, for how long, who it is shared with and how to exercise your rights.',
    sections: [
      {
        heading: 'Controller',
        paragraphs: [
          'The controller of the personal data of the MonGuichet.mc portal is the Prince’s Government of the Principality of Monaco. The portal is operated by the Interministerial Delegation for Digital Transition, 2 rue du Gabian, Bâtiment les Industries, 5th floor, MC 98000 Monaco.',
          'Data specific to a procedure are also processed by the department in charge of it. For the canteen, the school and the creditor (catering provider or public collection office) process the data needed to bill meals and follow payments.',
        ],
      },
      {
        heading: 'Purposes',
        paragraphs: ['Your data are processed to:'],
        items: [
          'create and manage your account, authenticate you, including with the MConnect digital identity, and secure access to the portal;',
          'handle your online procedures and let you follow their progress in “My procedures”;',
          'link your children to their school, make canteen bills available to you and let you pay them online;',
          'send you the e-mails about your account and procedures: address verification, password reset, payment confirmation, bill notice;',
          'keep the accounts of payments, reconcile receipts and make refunds;',
          'keep the portal secure, detect abuse and answer help requests.',
        ],
      },
      {
        heading: 'Legal basis',
        paragraphs: [
          'This processing is carried out under Law No. 1.165 of 23 December 1993 on the protection of personal information, as amended in particular by Law No. 1.565 of 3 December 2024.',
          'It is based on the public-interest tasks entrusted to the Administration (administrative procedures, school catering service), on its legal obligations, in particular accounting obligations, and on carrying out the requests you make yourself, such as paying a bill.',
          'Your data are never used for commercial or advertising purposes, nor passed on to third parties.',
        ],
      },
      {
        heading: 'Data kept',
        paragraphs: ['The portal keeps only the data needed for the purposes above:'],
        items: [
          'account: identifier, account type (individual or professional), surname, first name, e-mail address, telephone number if given, preferred language, password in irreversibly hashed form, and MConnect identifier if you have linked your digital identity;',
          'procedures: the content of your requests, attachments, steps and decisions;',
          'canteen: linked children and their school, meals eaten, bills, credit notes, payments and refunds;',
          'payments: amount, date, reference, creditor and outcome reported by the payment provider. Card details are never sent to or kept by the portal: they are entered only on the payment provider’s page;',
          'security: logs of logins and sensitive operations (date, IP address, action taken).',
        ],
      },
      {
        heading: 'Retention periods',
        paragraphs: [
          'Data are kept for the following periods and then deleted. An automatic task deletes, every 15 minutes, the data whose retention period has ended.',
        ],
        items: [
          'account: until it is closed; an account with no login for one year is closed and its data deleted, except the data that must be kept as stated below;',
          'payment and accounting records (bills, payments, refunds): 10 years, in line with accounting obligations;',
          'security logs: 1 year;',
          'MConnect login in progress, and a first MConnect login waiting for your choice (identity token, names, date of birth, e-mail address): 10 minutes;',
          'login session (IP address, browser): 30 minutes of inactivity, and at most 12 hours after login; deleted as soon as you log out;',
          'links sent by e-mail (address verification, password reset, change of address): 1 hour for a reset, 24 hours for the others, whether used or not;',
          'counters of login and recovery attempts (identifier, IP address or e-mail address): 24 hours;',
          'e-mails waiting to be sent: one day after they are sent.',
        ],
      },
      {
        heading: 'Recipients',
        paragraphs: [
          'Your data are disclosed only to recipients who need them, and only as far as they are concerned:',
        ],
        items: [
          'schools, for their own pupils;',
          'creditors (catering providers or public collection offices), for their own bills and the related payments;',
          'the payment provider, to carry out the payment you asked for;',
          'the government departments in charge of the procedures you carry out;',
          'authorised help-desk and operations staff of the portal, who never see your password or card details.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'You have the right to access, rectify and delete the data about you and to object to their processing, under the conditions of Law No. 1.165 as amended. The right to deletion does not apply to data that must be kept by law, such as accounting records.',
          'You can correct most of your details yourself in “My profile”. Details that come from MConnect can only be changed by the authority that issued your identity card or residence permit.',
          'To exercise your rights, write to the data protection officer, by e-mail or by post to the Interministerial Delegation for Digital Transition, enclosing proof of identity. You will receive an answer within the time limits set by law.',
        ],
      },
      {
        heading: 'Data protection officer',
        paragraphs: ['Data protection officer of the Prince’s Government: dpd@gouv.mc.'],
      },
      {
        heading: 'Supervisory authority',
        paragraphs: [
          'If, after contacting us, you consider that your rights are not respected, you may refer the matter to the Autorité de protection des données personnelles (APDP), the independent administrative authority that oversees compliance with the law in the Principality.',
        ],
      },
      {
        heading: 'Cookies',
        paragraphs: [
          'The portal uses only the cookies that are strictly necessary for it to work. They do not require your consent. There are no tracking, advertising or audience-measurement cookies; that is why no cookie consent banner is shown.',
        ],
        items: [
          'lang: remembers the interface language you chose; kept for 1 year;',
          'mg_session: keeps you logged in; deleted when you log out or after 30 minutes of inactivity, and at the latest 12 hours after you logged in;',
          'mg_csrf: protects forms against cross-site request forgery (CSRF); deleted when you close your browser.',
        ],
      },
    ],
  },
};
