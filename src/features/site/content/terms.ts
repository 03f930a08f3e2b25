/** "Conditions générales d'utilisation" of the portal. */
import type { LocalizedDocument } from './document.types.ts';

export const termsOfUse: LocalizedDocument = {
  fr: {
    title: 'Conditions générales d’utilisation',
    lead: 'Les règles d’utilisation du portail MonGuichet.mc, applicables à toute personne qui le consulte ou y effectue une démarche.',
    sections: [
      {
        heading: 'Objet',
        paragraphs: [
          'MonGuichet.mc est le guichet unique en ligne du Gouvernement Princier et de ses partenaires publics. Il permet d’accéder avec un seul compte aux services en ligne de l’Administration, de suivre ses démarches dans « Mes démarches » et de gérer ses informations dans « Mon profil ».',
          'Les présentes conditions s’appliquent à toute utilisation du portail. Créer un compte ou effectuer une démarche vaut acceptation de ces conditions. Certaines démarches peuvent comporter des conditions particulières, portées à votre connaissance avant leur utilisation.',
        ],
      },
      {
        heading: 'Accès au portail',
        paragraphs: [
          'L’accès au portail et aux démarches en ligne est gratuit. Seuls les frais de connexion à internet, qui dépendent de votre fournisseur, restent à votre charge.',
          'Les pages d’information sont accessibles sans compte. Les démarches en ligne nécessitent d’être connecté :',
        ],
        items: [
          'avec un compte MonGuichet.mc, créé en choisissant « Je suis un particulier » ou « Je suis un professionnel », puis protégé par un identifiant et un mot de passe ;',
          'ou avec l’identité numérique MConnect, au moyen de votre carte d’identité monégasque ou de votre carte de séjour, en cliquant sur « S’identifier avec MConnect ». Lors de la première connexion avec MConnect, vous pouvez associer votre compte MonGuichet.mc existant à votre identité numérique pour retrouver l’historique de vos démarches.',
        ],
      },
      {
        heading: 'Obligations de l’usager',
        paragraphs: [
          'Vous vous engagez à fournir des informations exactes et à jour, à n’effectuer des démarches que pour vous-même ou pour les personnes que vous êtes légalement autorisé à représenter, notamment vos enfants mineurs, et à utiliser le portail conformément à sa destination.',
          'Il est interdit de tenter d’accéder à des données qui ne vous concernent pas, de perturber le fonctionnement du portail ou d’y introduire un programme malveillant. Toute fausse déclaration peut entraîner le rejet de la démarche et des poursuites, conformément à la loi.',
        ],
      },
      {
        heading: 'Identifiants et mot de passe',
        paragraphs: [
          'Votre identifiant et votre mot de passe sont personnels et confidentiels. Vous êtes responsable de leur conservation et ne devez les communiquer à personne ; l’Administration ne vous les demandera jamais, ni par courriel ni par téléphone.',
          'Choisissez un mot de passe robuste, que vous n’utilisez pas sur un autre site. Si vous pensez qu’un tiers en a eu connaissance, changez-le immédiatement depuis « Mon profil » ou au moyen de la fonction « Mot de passe oublié », et prévenez l’assistance à l’adresse contact@monguichet.mc.',
          'Pensez à vous déconnecter après chaque utilisation, surtout sur un appareil partagé. Par sécurité, votre session est fermée automatiquement après une période d’inactivité.',
        ],
      },
      {
        heading: 'Disponibilité du service',
        paragraphs: [
          'Le portail est accessible en principe 24 heures sur 24 et 7 jours sur 7. Il peut être interrompu pour des opérations de maintenance, annoncées dans la mesure du possible, ou en raison d’incidents techniques.',
          'Une interruption ne peut donner lieu à aucune indemnisation. Lorsqu’une démarche est soumise à une date limite, il vous appartient de ne pas attendre le dernier moment pour l’effectuer.',
        ],
      },
      {
        heading: 'Paiements en ligne',
        paragraphs: [
          'Certaines démarches, comme le paiement de la cantine, permettent de payer en ligne. Le paiement est effectué sur la page de paiement sécurisée d’un prestataire de paiement agréé, vers laquelle vous êtes redirigé.',
          'Vos données de carte bancaire sont saisies uniquement sur la page de ce prestataire : le portail ne les voit jamais et ne les conserve pas. Le portail ne reçoit que le résultat du paiement (accepté, refusé ou annulé) et sa référence.',
          'Aucun frais n’est facturé aux familles pour le paiement de la cantine en ligne. Un paiement n’est considéré comme effectué que lorsqu’il a été confirmé par le prestataire ; vous en retrouvez le justificatif dans « Mes démarches ».',
        ],
      },
      {
        heading: 'Responsabilité',
        paragraphs: [
          'Le Gouvernement Princier met en œuvre les moyens nécessaires pour assurer la sécurité, l’exactitude et la disponibilité du portail. Il ne saurait être tenu responsable d’un dommage résultant d’une utilisation non conforme aux présentes conditions, de la divulgation de vos identifiants par vos soins, ou d’une indisponibilité du réseau internet ou de votre équipement.',
          'Les informations publiées sur le portail sont fournies à titre indicatif ; seuls les textes officiels publiés au Journal de Monaco font foi.',
        ],
      },
      {
        heading: 'Modification des conditions',
        paragraphs: [
          'Les présentes conditions peuvent être modifiées à tout moment, notamment pour tenir compte de nouveaux services ou d’une évolution de la réglementation. La version applicable est celle publiée sur le portail au moment de son utilisation.',
          'En cas de modification importante, les usagers en sont informés lors de leur connexion ou par courriel.',
        ],
      },
      {
        heading: 'Droit applicable et juridiction compétente',
        paragraphs: [
          'Les présentes conditions sont régies par le droit monégasque.',
          'Tout litige relatif à l’utilisation du portail relève de la compétence des juridictions de la Principauté de Monaco. Avant toute action, vous pouvez contacter l’assistance à l’adresse contact@monguichet.mc afin de rechercher une solution amiable.',
        ],
      },
    ],
  },
  en: {
    title: 'Terms of use',
    lead: 'The rules for using the MonGuichet.mc portal, which apply to anyone who visits it or carries out a procedure on it.',
    sections: [
      {
        heading: 'Purpose',
        paragraphs: [
          'MonGuichet.mc is the online one-stop counter of the Prince’s Government and its public partners. With a single account it gives access to the Administration’s online services, lets you follow your procedures in “My procedures” and manage your details in “My profile”.',
          'These terms apply to any use of the portal. Creating an account or carrying out a procedure means you accept them. Some procedures may have specific conditions, shown to you before you use them.',
        ],
      },
      {
        heading: 'Access to the portal',
        paragraphs: [
          'Access to the portal and to its online procedures is free of charge. Only your internet connection costs, which depend on your provider, are at your expense.',
          'Information pages can be read without an account. Online procedures require you to be logged in:',
        ],
        items: [
          'with a MonGuichet.mc account, created by choosing “I am an individual” or “I am a professional”, and protected by an identifier and a password;',
          'or with the MConnect digital identity, using your Monegasque identity card or residence permit, by clicking “Sign in with MConnect”. At your first MConnect login, you can link your existing MonGuichet.mc account to your digital identity to keep the history of your procedures.',
        ],
      },
      {
        heading: 'Your obligations',
        paragraphs: [
          'You undertake to provide accurate and up-to-date information, to carry out procedures only for yourself or for the people you are legally entitled to represent, in particular your minor children, and to use the portal for its intended purpose.',
          'You must not try to access data that do not concern you, disrupt the portal or introduce malicious software into it. Any false statement may lead to the rejection of the procedure and to prosecution under the law.',
        ],
      },
      {
        heading: 'Identifier and password',
        paragraphs: [
          'Your identifier and password are personal and confidential. You are responsible for keeping them safe and must not share them with anyone; the Administration will never ask you for them, by e-mail or by telephone.',
          'Choose a strong password that you do not use on any other website. If you think someone else knows it, change it at once in “My profile” or with “Forgotten password”, and tell the help desk at contact@monguichet.mc.',
          'Remember to log out after each use, especially on a shared device. For your security, your session is closed automatically after a period of inactivity.',
        ],
      },
      {
        heading: 'Availability',
        paragraphs: [
          'The portal is normally available 24 hours a day, 7 days a week. It may be interrupted for maintenance, announced in advance where possible, or because of technical incidents.',
          'An interruption gives no right to compensation. When a procedure has a deadline, it is up to you not to wait until the last moment.',
        ],
      },
      {
        heading: 'Online payments',
        paragraphs: [
          'Some procedures, such as the canteen payment, let you pay online. Payment is made on the secure payment page of an approved payment provider, to which you are redirected.',
          'Your card details are entered only on that provider’s page: the portal never sees them and does not store them. The portal receives only the outcome of the payment (accepted, declined or cancelled) and its reference.',
          'Families are charged no fee for paying the canteen online. A payment counts as made only once the provider has confirmed it; you will find the receipt in “My procedures”.',
        ],
      },
      {
        heading: 'Liability',
        paragraphs: [
          'The Prince’s Government takes the necessary measures to keep the portal secure, accurate and available. It cannot be held liable for damage resulting from use that does not comply with these terms, from your own disclosure of your credentials, or from a failure of the internet or of your equipment.',
          'The information published on the portal is given for guidance only; only the official texts published in the Journal de Monaco are authoritative.',
        ],
      },
      {
        heading: 'Changes to these terms',
        paragraphs: [
          'These terms may be changed at any time, in particular to reflect new services or changes in the law. The version that applies is the one published on the portal when you use it.',
          'If a significant change is made, users are told when they log in or by e-mail.',
        ],
      },
      {
        heading: 'Applicable law and jurisdiction',
        paragraphs: [
          'These terms are governed by Monegasque law.',
          'Any dispute about the use of the portal falls within the jurisdiction of the courts of the Principality of Monaco. Before taking any action, you may contact the help desk at contact@monguichet.mc to seek an amicable solution.',
        ],
      },
    ],
  },
};
