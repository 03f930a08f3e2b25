/**
 * Demo catalogue of online procedures ("démarches en ligne") of the Principality's portal.
 *
 * These are the procedures a user of MonGuichet.mc expects to find next to the canteen payment.
 * The canteen payment itself ("Payer la cantine en ligne pour …") is not listed here: the app
 * generates one such entry per school. Every entry points to its external online service.
 */
import type { ProcedureSeed } from '../features/catalogue/catalogue.types.ts';
import { procedureKeywords } from './procedure-keywords.ts';

const procedureTexts: readonly ProcedureSeed[] = [
  // ─── Éducation ──────────────────────────────────────────────────────────────
  {
    slug: 'inscrire-mon-enfant-a-l-ecole',
    theme: 'education',
    audiences: ['particulier'],
    popularity: 960,
    externalUrl: 'https://teleservice.gouv.mc/inscription-scolaire',
    content: {
      fr: {
        title: 'Inscrire mon enfant à l’école',
        summary: 'Demandez l’inscription scolaire de votre enfant dans un établissement public de la Principauté.',
        description:
          'Cette démarche permet d’inscrire votre enfant en maternelle, en élémentaire ou de demander son admission au collège ou au lycée dans un établissement public de la Principauté. La Direction de l’Éducation Nationale, de la Jeunesse et des Sports examine la demande et vous indique l’établissement d’affectation. Vous suivez l’avancement de votre dossier dans « Mes démarches ».',
        audience:
          'Les parents ou responsables légaux d’un enfant domicilié à Monaco, ou dont la famille remplit les conditions d’accès aux établissements publics de la Principauté.',
        requirements: [
          'Le livret de famille ou un extrait d’acte de naissance de l’enfant',
          'Un justificatif de domicile de moins de trois mois',
          'La carte d’identité monégasque ou la carte de séjour du responsable légal',
          'Le carnet de vaccinations de l’enfant à jour',
          'Le certificat de radiation de l’école précédente, le cas échéant',
        ],
        duration: '15 minutes en ligne ; réponse sous 3 semaines',
      },
      en: {
        title: 'Enrol my child at school',
        summary: 'Apply to enrol your child at a state school in the Principality.',
        description:
          'This procedure lets you enrol your child in nursery or primary school, or apply for admission to a state secondary school in the Principality. The Department of Education, Youth and Sport reviews the application and tells you which school your child is assigned to. You follow the progress of your application in “My procedures”.',
        audience:
          'Parents or legal guardians of a child living in Monaco, or whose family meets the conditions for admission to the Principality’s state schools.',
        requirements: [
          'The family record book or an extract of the child’s birth certificate',
          'Proof of address less than three months old',
          'The guardian’s Monegasque identity card or residence permit',
          'The child’s up-to-date vaccination record',
          'The certificate of leaving from the previous school, where applicable',
        ],
        duration: '15 minutes online; reply within 3 weeks',
      },
    },
  },
  {
    slug: 'demander-une-bourse-d-etudes',
    theme: 'education',
    audiences: ['particulier'],
    popularity: 640,
    externalUrl: 'https://teleservice.gouv.mc/bourses-d-etudes',
    content: {
      fr: {
        title: 'Demander une bourse d’études',
        summary: 'Sollicitez une bourse d’études de l’État pour poursuivre des études supérieures.',
        description:
          'La Principauté attribue des bourses d’études aux étudiants qui poursuivent un cursus d’enseignement supérieur, à Monaco ou à l’étranger. La demande est déposée chaque année auprès de la Direction de l’Éducation Nationale, de la Jeunesse et des Sports, qui l’instruit au vu des ressources du foyer et du parcours de l’étudiant. La décision vous est notifiée par courrier électronique.',
        audience:
          'Les étudiants de nationalité monégasque et les étudiants résidents qui remplissent les conditions fixées par le règlement des bourses, ou leurs responsables légaux s’ils sont mineurs.',
        requirements: [
          'Le certificat d’inscription dans l’établissement d’enseignement supérieur',
          'Les relevés de notes de l’année précédente',
          'Les justificatifs de ressources du foyer',
          'Un relevé d’identité bancaire (IBAN) au nom de l’étudiant',
        ],
        duration: '20 minutes en ligne ; décision sous 2 mois',
      },
      en: {
        title: 'Apply for a study grant',
        summary: 'Apply for a State study grant to pursue higher education.',
        description:
          'The Principality awards study grants to students in higher education, in Monaco or abroad. The application is made every year to the Department of Education, Youth and Sport, which assesses it on the basis of the household’s income and the student’s record. You are told of the decision by e-mail.',
        audience:
          'Students of Monegasque nationality and resident students who meet the conditions of the grant regulations, or their legal guardians if they are minors.',
        requirements: [
          'The certificate of enrolment at the higher-education institution',
          'Last year’s transcripts',
          'Proof of the household’s income',
          'Bank details (IBAN) in the student’s name',
        ],
        duration: '20 minutes online; decision within 2 months',
      },
    },
  },
  {
    slug: 'demander-une-allocation-de-cantine',
    theme: 'education',
    audiences: ['particulier'],
    popularity: 580,
    externalUrl: 'https://teleservice.gouv.mc/allocation-de-cantine',
    content: {
      fr: {
        title: 'Demander une allocation de cantine',
        summary: 'Demandez l’aide de l’État qui prend en charge une partie des frais de cantine de votre enfant.',
        description:
          'L’allocation de cantine aide les familles à faire face aux frais de restauration des élèves scolarisés dans les établissements publics de la Principauté. La demande est instruite par la Direction de l’Éducation Nationale, de la Jeunesse et des Sports et doit être déposée chaque année scolaire avant la date limite fixée par le règlement d’attribution. Une fois accordée, l’allocation est déduite des factures de cantine que vous payez sur MonGuichet.mc.',
        audience:
          'Les parents ou responsables légaux d’un élève d’un établissement public de la Principauté qui remplissent les conditions de nationalité, de résidence et de situation familiale prévues par le règlement.',
        requirements: [
          'Un extrait d’acte de naissance de l’élève',
          'La fiche familiale d’état civil ou la copie du livret de famille',
          'Le certificat de nationalité ou de résidence selon votre situation',
          'Les justificatifs de revenus du foyer de l’année précédente',
          'Un relevé d’identité bancaire (IBAN) du responsable légal',
        ],
        duration: '15 minutes en ligne ; réponse sous 1 mois',
      },
      en: {
        title: 'Apply for a canteen allowance',
        summary: 'Apply for the State aid that covers part of your child’s canteen costs.',
        description:
          'The canteen allowance helps families with the cost of school meals for pupils of the Principality’s state schools. The application is assessed by the Department of Education, Youth and Sport and must be made every school year before the deadline set by the allowance regulations. Once granted, the allowance is deducted from the canteen bills you pay on MonGuichet.mc.',
        audience:
          'Parents or legal guardians of a pupil at a state school in the Principality who meet the nationality, residence and family conditions of the regulations.',
        requirements: [
          'An extract of the pupil’s birth certificate',
          'The family civil-status form or a copy of the family record book',
          'The certificate of nationality or of residence, depending on your situation',
          'Proof of the household’s income for the previous year',
          'The guardian’s bank details (IBAN)',
        ],
        duration: '15 minutes online; reply within 1 month',
      },
    },
  },
  {
    slug: 'demander-une-place-en-creche',
    theme: 'education',
    audiences: ['particulier'],
    popularity: 540,
    externalUrl: 'https://teleservice.gouv.mc/place-en-creche',
    content: {
      fr: {
        title: 'Demander une place en crèche',
        summary: 'Déposez une demande d’accueil de votre jeune enfant dans une crèche de Monaco.',
        description:
          'Cette démarche permet de demander une place pour votre enfant de moins de trois ans dans une crèche de la Principauté. La demande est enregistrée sur la liste d’attente et examinée lors des commissions d’attribution. Vous pouvez l’introduire dès le sixième mois de grossesse.',
        audience:
          'Les parents domiciliés en Principauté, ou qui y travaillent, attendant un enfant ou ayant un enfant de moins de trois ans.',
        requirements: [
          'Un certificat de grossesse ou l’acte de naissance de l’enfant',
          'Un justificatif de domicile ou une attestation d’emploi à Monaco',
          'Les attestations d’activité professionnelle des deux parents',
        ],
        duration: '10 minutes en ligne ; réponse après la commission d’attribution',
      },
      en: {
        title: 'Apply for a nursery place',
        summary: 'Apply for a place for your young child in a Monaco day nursery.',
        description:
          'This procedure lets you apply for a place for your child under three in one of the Principality’s day nurseries. The application goes on the waiting list and is reviewed at the allocation meetings. You may apply from the sixth month of pregnancy.',
        audience:
          'Parents living or working in the Principality who are expecting a child or have a child under three.',
        requirements: [
          'A certificate of pregnancy or the child’s birth certificate',
          'Proof of address or proof of employment in Monaco',
          'Proof of employment for both parents',
        ],
        duration: '10 minutes online; reply after the allocation meeting',
      },
    },
  },

  // ─── État civil ─────────────────────────────────────────────────────────────
  {
    slug: 'demander-un-extrait-d-acte-de-naissance',
    theme: 'etat-civil',
    audiences: ['particulier'],
    popularity: 610,
    externalUrl: 'https://teleservice.gouv.mc/acte-de-naissance',
    content: {
      fr: {
        title: 'Demander un extrait d’acte de naissance',
        summary: 'Recevez une copie intégrale ou un extrait d’un acte de naissance dressé à Monaco.',
        description:
          'Le Service de l’État Civil de la Mairie de Monaco délivre les copies et extraits des actes de naissance dressés en Principauté. Vous choisissez le type de document et le mode de remise, par courrier ou au guichet de la Mairie. La délivrance est gratuite.',
        audience:
          'La personne concernée, ses ascendants, descendants ou son conjoint, ainsi que les personnes autorisées par la loi.',
        requirements: [
          'Les nom, prénoms et date de naissance de la personne concernée',
          'Les noms et prénoms de ses parents',
          'Une pièce d’identité du demandeur',
        ],
        duration: '5 minutes en ligne ; envoi sous 5 jours ouvrés',
      },
      en: {
        title: 'Request a birth certificate',
        summary: 'Receive a full copy or an extract of a birth certificate drawn up in Monaco.',
        description:
          'The Civil Registry Office of the Mairie de Monaco issues copies and extracts of birth certificates drawn up in the Principality. You choose the type of document and how you receive it, by post or at the Mairie’s counter. It is free of charge.',
        audience: 'The person concerned, their ascendants, descendants or spouse, and other persons authorised by law.',
        requirements: [
          'The surname, first names and date of birth of the person concerned',
          'The surnames and first names of their parents',
          'An identity document of the applicant',
        ],
        duration: '5 minutes online; sent within 5 working days',
      },
    },
  },
  {
    slug: 'demander-une-copie-d-acte-de-mariage',
    theme: 'etat-civil',
    audiences: ['particulier'],
    popularity: 330,
    externalUrl: 'https://teleservice.gouv.mc/acte-de-mariage',
    content: {
      fr: {
        title: 'Demander une copie d’acte de mariage',
        summary: 'Obtenez une copie ou un extrait d’un acte de mariage célébré à Monaco.',
        description:
          'Cette démarche permet d’obtenir auprès du Service de l’État Civil de la Mairie de Monaco une copie intégrale ou un extrait d’un acte de mariage célébré en Principauté. Le document est adressé par courrier ou remis au guichet. La délivrance est gratuite.',
        audience: 'Les époux, leurs ascendants ou descendants, ainsi que les personnes autorisées par la loi.',
        requirements: ['Les noms et prénoms des deux époux', 'La date du mariage', 'Une pièce d’identité du demandeur'],
        duration: '5 minutes en ligne ; envoi sous 5 jours ouvrés',
      },
      en: {
        title: 'Request a copy of a marriage certificate',
        summary: 'Obtain a copy or an extract of a marriage certificate for a wedding held in Monaco.',
        description:
          'This procedure lets you obtain a full copy or an extract of a marriage certificate for a marriage celebrated in the Principality from the Civil Registry Office of the Mairie de Monaco. The document is sent by post or handed over at the counter. It is free of charge.',
        audience: 'The spouses, their ascendants or descendants, and other persons authorised by law.',
        requirements: [
          'The surnames and first names of both spouses',
          'The date of the marriage',
          'An identity document of the applicant',
        ],
        duration: '5 minutes online; sent within 5 working days',
      },
    },
  },
  {
    slug: 'demander-un-certificat-de-nationalite',
    theme: 'etat-civil',
    audiences: ['particulier'],
    popularity: 420,
    externalUrl: 'https://teleservice.gouv.mc/certificat-de-nationalite',
    content: {
      fr: {
        title: 'Demander un certificat de nationalité monégasque',
        summary: 'Obtenez le certificat qui atteste de votre nationalité monégasque.',
        description:
          'Le certificat de nationalité est demandé pour de nombreuses démarches : passeport, allocation de cantine, bourse d’études ou logement domanial. Il est délivré par le Service de l’État Civil – Nationalité de la Mairie de Monaco aux personnes inscrites sur le Sommier de la Nationalité. La demande peut être faite pour vous-même ou pour votre enfant mineur.',
        audience:
          'Les personnes de nationalité monégasque, ou les parents d’un enfant mineur de nationalité monégasque.',
        requirements: [
          'Votre carte d’identité monégasque en cours de validité',
          'Le livret de famille, pour une demande concernant un enfant mineur',
        ],
        duration: '5 minutes en ligne ; délivrance sous 3 jours ouvrés',
      },
      en: {
        title: 'Request a certificate of Monegasque nationality',
        summary: 'Obtain the certificate that proves your Monegasque nationality.',
        description:
          'The certificate of nationality is required for many procedures: passport, canteen allowance, study grant or State-owned housing. It is issued by the Civil Registry and Nationality Office of the Mairie de Monaco to persons entered in the Register of Nationality. You may apply for yourself or for your minor child.',
        audience: 'Persons of Monegasque nationality, or parents of a minor child of Monegasque nationality.',
        requirements: [
          'Your valid Monegasque identity card',
          'The family record book, when applying for a minor child',
        ],
        duration: '5 minutes online; issued within 3 working days',
      },
    },
  },

  // ─── Résidence ──────────────────────────────────────────────────────────────
  {
    slug: 'demander-une-premiere-carte-de-sejour',
    theme: 'residence',
    audiences: ['particulier'],
    popularity: 870,
    externalUrl: 'https://teleservice.gouv.mc/premiere-carte-de-sejour',
    content: {
      fr: {
        title: 'Demander une première carte de séjour (carte de résident)',
        summary: 'Déposez votre demande de première carte de séjour pour vous installer en Principauté.',
        description:
          'Toute personne de nationalité étrangère âgée de plus de 16 ans qui souhaite s’installer à Monaco doit obtenir une carte de séjour, anciennement appelée carte de résident. La demande est instruite par la Section des Résidents de la Direction de la Sûreté Publique, qui vous propose ensuite un rendez-vous pour le relevé des empreintes et la remise de la carte. La carte de séjour donne accès à l’identité numérique MConnect.',
        audience:
          'Les personnes de nationalité étrangère âgées de plus de 16 ans qui souhaitent établir leur résidence principale en Principauté.',
        requirements: [
          'Un passeport ou une carte d’identité en cours de validité',
          'Un justificatif de logement à Monaco : bail, titre de propriété ou certificat d’hébergement',
          'Des justificatifs de ressources suffisantes',
          'Un extrait de casier judiciaire de moins de trois mois',
        ],
        duration: '30 minutes en ligne ; rendez-vous proposé sous 4 semaines',
      },
      en: {
        title: 'Apply for a first residence permit (residence card)',
        summary: 'Submit your application for a first residence permit to settle in the Principality.',
        description:
          'Every foreign national over 16 who wishes to settle in Monaco must obtain a residence permit, formerly called a residence card. The application is assessed by the Residents’ Section of the Police Department, which then offers you an appointment to take your fingerprints and hand over the card. The residence permit gives access to the MConnect digital identity.',
        audience: 'Foreign nationals over 16 who wish to make the Principality their main residence.',
        requirements: [
          'A valid passport or identity card',
          'Proof of accommodation in Monaco: lease, title deed or certificate of accommodation',
          'Proof of sufficient means',
          'A criminal record extract less than three months old',
        ],
        duration: '30 minutes online; appointment offered within 4 weeks',
      },
    },
  },
  {
    slug: 'renouveler-ma-carte-de-sejour',
    theme: 'residence',
    audiences: ['particulier'],
    popularity: 850,
    externalUrl: 'https://teleservice.gouv.mc/renouvellement-carte-de-sejour',
    content: {
      fr: {
        title: 'Renouveler ma carte de séjour (carte de résident)',
        summary: 'Demandez le renouvellement de votre carte de séjour avant son expiration.',
        description:
          'Le renouvellement de la carte de séjour se demande en ligne auprès de la Section des Résidents de la Direction de la Sûreté Publique, au plus tôt trois mois avant la date d’expiration. Selon votre ancienneté de résidence, une carte d’une autre catégorie peut vous être délivrée. Vous êtes informé par courriel ou par SMS et prenez rendez-vous pour le retrait.',
        audience: 'Les résidents titulaires d’une carte de séjour monégasque qui arrive à échéance.',
        requirements: [
          'Votre carte de séjour actuelle',
          'Un passeport ou une carte d’identité en cours de validité',
          'La dernière facture d’électricité de votre logement à Monaco',
          'Des justificatifs de ressources récents',
        ],
        duration: '20 minutes en ligne ; rendez-vous de retrait sous 3 semaines',
      },
      en: {
        title: 'Renew my residence permit (residence card)',
        summary: 'Apply to renew your residence permit before it expires.',
        description:
          'You apply online to the Residents’ Section of the Police Department to renew your residence permit, at the earliest three months before it expires. Depending on how long you have lived in Monaco, a card of another category may be issued. You are informed by e-mail or text message and book an appointment to collect it.',
        audience: 'Residents holding a Monegasque residence permit that is about to expire.',
        requirements: [
          'Your current residence permit',
          'A valid passport or identity card',
          'The latest electricity bill for your home in Monaco',
          'Recent proof of income',
        ],
        duration: '20 minutes online; collection appointment within 3 weeks',
      },
    },
  },
  {
    slug: 'signaler-un-changement-de-situation-resident',
    theme: 'residence',
    audiences: ['particulier'],
    popularity: 460,
    externalUrl: 'https://teleservice.gouv.mc/changement-de-situation-resident',
    content: {
      fr: {
        title: 'Signaler un changement d’adresse ou de situation',
        summary: 'Informez la Section des Résidents de votre nouvelle adresse ou de votre nouvelle situation.',
        description:
          'Tout résident doit signaler à la Direction de la Sûreté Publique un changement d’adresse, de situation familiale, de nationalité ou de situation professionnelle, même si sa carte de séjour est en cours de validité. Une nouvelle carte portant les informations à jour vous est ensuite délivrée. Cette démarche ne concerne pas l’activation de l’identité numérique.',
        audience: 'Les résidents titulaires d’une carte de séjour dont la situation a changé.',
        requirements: [
          'Votre carte de séjour en cours de validité',
          'Le justificatif du changement : bail, acte de mariage, jugement, contrat de travail',
          'La dernière facture d’électricité de votre logement',
        ],
        duration: '15 minutes en ligne ; nouvelle carte sous 3 semaines',
      },
      en: {
        title: 'Report a change of address or circumstances',
        summary: 'Tell the Residents’ Section about your new address or new circumstances.',
        description:
          'Every resident must report to the Police Department any change of address, family situation, nationality or employment, even if their residence permit is still valid. A new card with the updated details is then issued. This procedure does not cover the activation of the digital identity.',
        audience: 'Residence permit holders whose circumstances have changed.',
        requirements: [
          'Your valid residence permit',
          'Proof of the change: lease, marriage certificate, court decision, employment contract',
          'The latest electricity bill for your home',
        ],
        duration: '15 minutes online; new card within 3 weeks',
      },
    },
  },
  {
    slug: 'demander-un-certificat-de-residence',
    theme: 'residence',
    audiences: ['particulier'],
    popularity: 560,
    externalUrl: 'https://teleservice.gouv.mc/certificat-de-residence',
    content: {
      fr: {
        title: 'Demander un certificat de résidence',
        summary: 'Obtenez un certificat attestant de votre résidence effective en Principauté.',
        description:
          'Le certificat de résidence atteste que vous résidez effectivement à Monaco ; il est souvent demandé par une banque, un organisme étranger ou une autre administration. Il est délivré par la Direction de la Sûreté Publique après vérification de l’effectivité de votre résidence. Précisez à la demande l’usage auquel il est destiné.',
        audience: 'Les résidents de la Principauté titulaires d’une carte de séjour en cours de validité.',
        requirements: [
          'Votre carte de séjour en cours de validité',
          'La dernière facture d’électricité de votre logement',
          'L’indication de l’organisme auquel le certificat est destiné',
        ],
        duration: '10 minutes en ligne ; délivrance sous 10 jours',
      },
      en: {
        title: 'Request a certificate of residence',
        summary: 'Obtain a certificate proving that you actually live in the Principality.',
        description:
          'The certificate of residence proves that you actually live in Monaco; banks, foreign bodies and other administrations often ask for it. It is issued by the Police Department once your residence has been checked. State in your application what the certificate is for.',
        audience: 'Residents of the Principality holding a valid residence permit.',
        requirements: [
          'Your valid residence permit',
          'The latest electricity bill for your home',
          'The name of the body the certificate is intended for',
        ],
        duration: '10 minutes online; issued within 10 days',
      },
    },
  },

  // ─── Transports ─────────────────────────────────────────────────────────────
  {
    slug: 'prendre-rendez-vous-pour-la-visite-technique-de-mon-vehicule',
    theme: 'transport',
    audiences: ['particulier', 'professionnel'],
    popularity: 880,
    externalUrl: 'https://teleservice.gouv.mc/visite-technique',
    content: {
      fr: {
        title: 'Prendre rendez-vous pour la visite technique de mon véhicule',
        summary: 'Réservez en ligne le créneau de la visite technique de votre véhicule immatriculé à Monaco.',
        description:
          'Les véhicules immatriculés en Principauté sont soumis à une visite technique périodique effectuée par le Service des Titres de Circulation. Cette démarche permet de choisir le jour et l’heure du contrôle, de recevoir une confirmation par courriel et de déplacer ou d’annuler le rendez-vous. L’échéance de la visite est reportée sur le certificat d’immatriculation.',
        audience:
          'Les propriétaires, particuliers ou entreprises, d’un véhicule immatriculé à Monaco dont la visite technique arrive à échéance.',
        requirements: [
          'Le certificat d’immatriculation du véhicule',
          'L’attestation d’assurance en cours de validité',
          'Un mandat signé si vous agissez pour le compte du propriétaire',
        ],
        duration: '5 minutes en ligne ; rendez-vous confirmé immédiatement',
      },
      en: {
        title: 'Book the technical inspection of my vehicle',
        summary: 'Book online a slot for the technical inspection of your Monaco-registered vehicle.',
        description:
          'Vehicles registered in the Principality must pass a periodic technical inspection carried out by the Vehicle Registration Office. This procedure lets you choose the day and time of the inspection, receive a confirmation by e-mail, and move or cancel the appointment. The next inspection date is recorded on the registration certificate.',
        audience: 'Owners, private or business, of a vehicle registered in Monaco whose technical inspection is due.',
        requirements: [
          'The vehicle registration certificate',
          'A valid insurance certificate',
          'A signed mandate if you act on behalf of the owner',
        ],
        duration: '5 minutes online; appointment confirmed at once',
      },
    },
  },
  {
    slug: 'echanger-mon-permis-de-conduire-etranger',
    theme: 'transport',
    audiences: ['particulier'],
    popularity: 590,
    externalUrl: 'https://teleservice.gouv.mc/echange-permis-de-conduire',
    content: {
      fr: {
        title: 'Échanger mon permis de conduire étranger contre un permis de conduire monégasque',
        summary: 'Demandez l’échange de votre permis de conduire étranger après votre installation à Monaco.',
        description:
          'Les nouveaux résidents titulaires d’un permis de conduire délivré par un autre État peuvent l’échanger contre un permis de conduire monégasque, dans les délais fixés par la réglementation. Le Service des Titres de Circulation vérifie l’authenticité du permis auprès de l’autorité qui l’a délivré. Le permis étranger vous est retiré lors de la remise du permis monégasque.',
        audience: 'Les résidents de la Principauté titulaires d’un permis de conduire étranger en cours de validité.',
        requirements: [
          'Votre permis de conduire étranger en cours de validité',
          'Votre carte de séjour ou votre carte d’identité monégasque',
          'Une photographie d’identité récente',
          'Un justificatif de domicile à Monaco',
        ],
        duration: '15 minutes en ligne ; permis délivré sous 6 semaines',
      },
      en: {
        title: 'Exchange my foreign driving licence for a Monegasque driving licence',
        summary: 'Apply to exchange your foreign driving licence after settling in Monaco.',
        description:
          'New residents holding a driving licence issued by another country can exchange it for a Monegasque driving licence within the time limits set by the regulations. The Vehicle Registration Office checks the licence with the authority that issued it. Your foreign licence is withdrawn when you receive the Monegasque one.',
        audience: 'Residents of the Principality holding a valid foreign driving licence.',
        requirements: [
          'Your valid foreign driving licence',
          'Your residence permit or Monegasque identity card',
          'A recent passport photograph',
          'Proof of address in Monaco',
        ],
        duration: '15 minutes online; licence issued within 6 weeks',
      },
    },
  },
  {
    slug: 'immatriculer-un-vehicule',
    theme: 'transport',
    audiences: ['particulier', 'professionnel'],
    popularity: 620,
    externalUrl: 'https://teleservice.gouv.mc/immatriculation-vehicule',
    content: {
      fr: {
        title: 'Immatriculer un véhicule en Principauté',
        summary: 'Demandez l’immatriculation à Monaco d’un véhicule neuf ou d’occasion.',
        description:
          'Les personnes domiciliées à Monaco et les entreprises autorisées à y exercer peuvent immatriculer leur véhicule en Principauté. Le Service des Titres de Circulation examine le dossier, délivre le certificat d’immatriculation et attribue le numéro. Vous êtes invité à prendre rendez-vous pour la remise des documents.',
        audience:
          'Les particuliers domiciliés à Monaco et les entreprises exerçant une activité autorisée en Principauté.',
        requirements: [
          'Le certificat de conformité ou l’ancien certificat d’immatriculation',
          'La facture d’achat ou le certificat de cession',
          'Une pièce d’identité et un justificatif de domicile, ou un extrait du RCI de moins de trois mois',
          'L’attestation d’assurance du véhicule',
        ],
        duration: '20 minutes en ligne ; certificat délivré sous 10 jours',
      },
      en: {
        title: 'Register a vehicle in the Principality',
        summary: 'Apply to register a new or used vehicle in Monaco.',
        description:
          'People living in Monaco and businesses authorised to operate there can register their vehicle in the Principality. The Vehicle Registration Office reviews the application, issues the registration certificate and assigns the number. You are then asked to book an appointment to collect the documents.',
        audience: 'Individuals living in Monaco and businesses carrying on an authorised activity in the Principality.',
        requirements: [
          'The certificate of conformity or the previous registration certificate',
          'The purchase invoice or the certificate of transfer',
          'An identity document and proof of address, or an RCI extract less than three months old',
          'The vehicle’s insurance certificate',
        ],
        duration: '20 minutes online; certificate issued within 10 days',
      },
    },
  },
  {
    slug: 'souscrire-un-abonnement-de-parking-public',
    theme: 'transport',
    audiences: ['particulier', 'professionnel'],
    popularity: 720,
    externalUrl: 'https://teleservice.gouv.mc/abonnement-parking-public',
    content: {
      fr: {
        title: 'Souscrire un abonnement de stationnement dans un parking public',
        summary: 'Demandez un abonnement mensuel ou annuel dans l’un des parkings publics de la Principauté.',
        description:
          'Le Service des Parkings Publics propose des abonnements de stationnement aux résidents, aux personnes qui travaillent à Monaco et aux entreprises. Vous choisissez le parking souhaité et la formule ; selon les places disponibles, votre demande est acceptée ou inscrite sur liste d’attente. L’abonnement peut ensuite être renouvelé et payé en ligne.',
        audience:
          'Les résidents, les salariés travaillant en Principauté et les entreprises qui ont besoin d’une place de stationnement régulière.',
        requirements: [
          'Le certificat d’immatriculation du véhicule',
          'Un justificatif de domicile ou une attestation d’employeur à Monaco',
          'Une pièce d’identité, ou un extrait du RCI pour une entreprise',
        ],
        duration: '10 minutes en ligne ; réponse sous 15 jours',
      },
      en: {
        title: 'Take out a public car park season ticket',
        summary: 'Apply for a monthly or yearly season ticket in one of the Principality’s public car parks.',
        description:
          'The Public Car Parks Office offers parking season tickets to residents, people who work in Monaco and businesses. You choose the car park and the plan; depending on available spaces, your application is accepted or placed on a waiting list. The season ticket can then be renewed and paid online.',
        audience: 'Residents, employees working in the Principality and businesses that need a regular parking space.',
        requirements: [
          'The vehicle registration certificate',
          'Proof of address or an employer’s certificate in Monaco',
          'An identity document, or an RCI extract for a business',
        ],
        duration: '10 minutes online; reply within 15 days',
      },
    },
  },
  {
    slug: 'commander-ma-carte-d-abonnement-bus',
    theme: 'transport',
    audiences: ['particulier'],
    popularity: 680,
    externalUrl: 'https://teleservice.gouv.mc/carte-bus',
    content: {
      fr: {
        title: 'Commander ma carte d’abonnement aux bus de Monaco',
        summary: 'Commandez ou rechargez votre carte d’abonnement aux lignes de bus de la Principauté.',
        description:
          'La carte d’abonnement donne accès à l’ensemble des lignes de la Compagnie des Autobus de Monaco, dont la desserte de Monaco-Ville. Vous pouvez commander une première carte, choisir un abonnement mensuel ou annuel et le recharger en ligne. Des tarifs réduits s’appliquent aux scolaires, aux étudiants et aux seniors résidents.',
        audience:
          'Toute personne qui se déplace régulièrement en bus en Principauté, en particulier les résidents et les élèves.',
        requirements: [
          'Une photographie d’identité récente',
          'Une pièce d’identité',
          'Un justificatif de scolarité ou de résidence pour bénéficier d’un tarif réduit',
        ],
        duration: '10 minutes en ligne ; carte envoyée sous 10 jours',
      },
      en: {
        title: 'Order my Monaco bus pass',
        summary: 'Order or top up your pass for the Principality’s bus lines.',
        description:
          'The bus pass gives access to every line of the Compagnie des Autobus de Monaco, including the service to Monaco-Ville. You can order a first card, choose a monthly or yearly plan and top it up online. Reduced fares apply to pupils, students and resident seniors.',
        audience: 'Anyone who travels regularly by bus in the Principality, especially residents and pupils.',
        requirements: [
          'A recent passport photograph',
          'An identity document',
          'Proof of schooling or residence to obtain a reduced fare',
        ],
        duration: '10 minutes online; card sent within 10 days',
      },
    },
  },

  // ─── Emploi ─────────────────────────────────────────────────────────────────
  {
    slug: 'consulter-mes-bulletins-de-paie',
    theme: 'emploi',
    audiences: ['particulier'],
    popularity: 920,
    externalUrl: 'https://teleservice.gouv.mc/bulletins-de-paie',
    content: {
      fr: {
        title: 'Consulter mes bulletins de paie',
        summary: 'Consultez et téléchargez vos bulletins de paie électroniques de fonctionnaire ou d’agent de l’État.',
        description:
          'Les fonctionnaires et agents de l’État accèdent à leurs bulletins de paie électroniques dans un espace sécurisé. Vous pouvez les télécharger, choisir de recevoir vos bulletins sous forme papier ou numérique et gérer les notifications de mise à disposition. Le code d’activation demandé à la première connexion vous est adressé par courrier par la Direction du Budget et du Trésor.',
        audience:
          'Les fonctionnaires et agents de l’État en activité, ainsi que ceux qui ont cessé leurs fonctions après avoir reçu des bulletins électroniques.',
        requirements: [
          'Votre matricule administratif',
          'Le code d’activation reçu par courrier, pour la première connexion',
        ],
        duration: '5 minutes en ligne ; bulletin disponible chaque mois',
      },
      en: {
        title: 'View my payslips',
        summary: 'View and download your electronic payslips as a civil servant or State employee.',
        description:
          'Civil servants and State employees access their electronic payslips in a secure area. You can download them, choose to receive your payslips on paper or electronically, and manage the notifications when a new one is available. The activation code asked for at your first login is sent to you by post by the Budget and Treasury Department.',
        audience:
          'Civil servants and State employees in service, and those who have left after receiving electronic payslips.',
        requirements: ['Your staff number', 'The activation code received by post, for your first login'],
        duration: '5 minutes online; a new payslip every month',
      },
    },
  },
  {
    slug: 'demander-une-autorisation-d-embauchage-et-un-permis-de-travail',
    theme: 'emploi',
    audiences: ['professionnel'],
    popularity: 780,
    externalUrl: 'https://teleservice.gouv.mc/autorisation-embauchage',
    content: {
      fr: {
        title: 'Demander une autorisation d’embauchage et un permis de travail',
        summary: 'Obtenez l’autorisation préalable de la Direction du Travail pour embaucher un salarié.',
        description:
          'Tout employeur de la Principauté doit obtenir de la Direction du Travail une autorisation d’embauchage et un permis de travail avant l’entrée en fonctions d’un salarié. La demande est examinée au regard des règles de priorité d’emploi en vigueur à Monaco. L’autorisation vous est notifiée en ligne et reste consultable dans « Mes démarches ».',
        audience:
          'Les employeurs établis en Principauté : entreprises, associations, particuliers employeurs de personnel de maison.',
        requirements: [
          'Votre numéro d’employeur aux Caisses Sociales de Monaco',
          'Le projet de contrat de travail ou la promesse d’embauche',
          'La pièce d’identité du futur salarié',
          'Le certificat médical d’aptitude du salarié',
        ],
        duration: '15 minutes en ligne ; réponse sous 8 jours',
      },
      en: {
        title: 'Apply for a hiring authorisation and a work permit',
        summary: 'Obtain the Labour Department’s prior authorisation to hire an employee.',
        description:
          'Every employer in the Principality must obtain a hiring authorisation and a work permit from the Labour Department before an employee starts work. The application is assessed against Monaco’s rules on priority of employment. The authorisation is notified to you online and remains available in “My procedures”.',
        audience:
          'Employers established in the Principality: companies, associations, private individuals employing household staff.',
        requirements: [
          'Your employer number at the Caisses Sociales de Monaco',
          'The draft employment contract or the job offer',
          'The future employee’s identity document',
          'The employee’s medical certificate of fitness for work',
        ],
        duration: '15 minutes online; reply within 8 days',
      },
    },
  },
  {
    slug: 'deposer-une-offre-d-emploi',
    theme: 'emploi',
    audiences: ['professionnel'],
    popularity: 500,
    externalUrl: 'https://teleservice.gouv.mc/offre-d-emploi',
    content: {
      fr: {
        title: 'Déposer une offre d’emploi',
        summary: 'Publiez une offre d’emploi auprès du Service de l’Emploi de la Principauté.',
        description:
          'Les employeurs déclarent leurs postes à pourvoir au Service de l’Emploi, qui les diffuse et présente les candidats inscrits correspondant au profil recherché. Le dépôt de l’offre est un préalable à la demande d’autorisation d’embauchage. Vous pouvez modifier, suspendre ou clôturer l’offre à tout moment.',
        audience: 'Les employeurs établis en Principauté qui souhaitent recruter.',
        requirements: [
          'L’intitulé et la description du poste',
          'Les conditions d’emploi : type de contrat, durée du travail, rémunération',
          'Le numéro d’employeur aux Caisses Sociales de Monaco',
        ],
        duration: '15 minutes en ligne ; offre publiée sous 2 jours ouvrés',
      },
      en: {
        title: 'Post a job vacancy',
        summary: 'Post a job vacancy with the Principality’s Employment Office.',
        description:
          'Employers report their vacancies to the Employment Office, which advertises them and puts forward registered job seekers who match the profile. Posting the vacancy comes before applying for a hiring authorisation. You can edit, suspend or close the vacancy at any time.',
        audience: 'Employers established in the Principality who wish to recruit.',
        requirements: [
          'The job title and description',
          'The terms of employment: type of contract, working hours, pay',
          'The employer number at the Caisses Sociales de Monaco',
        ],
        duration: '15 minutes online; vacancy posted within 2 working days',
      },
    },
  },
  {
    slug: 's-inscrire-comme-demandeur-d-emploi',
    theme: 'emploi',
    audiences: ['particulier'],
    popularity: 450,
    externalUrl: 'https://teleservice.gouv.mc/demandeur-d-emploi',
    content: {
      fr: {
        title: 'M’inscrire comme demandeur d’emploi',
        summary: 'Inscrivez-vous auprès du Service de l’Emploi pour être accompagné dans votre recherche.',
        description:
          'L’inscription au Service de l’Emploi vous permet d’être mis en relation avec les employeurs de la Principauté et de bénéficier d’un accompagnement personnalisé. Un conseiller prend contact avec vous pour un premier entretien. Vous actualisez ensuite votre situation en ligne.',
        audience:
          'Les personnes à la recherche d’un emploi en Principauté, en particulier les Monégasques et les résidents.',
        requirements: [
          'Une pièce d’identité ou votre carte de séjour',
          'Votre curriculum vitae à jour',
          'Vos diplômes et certificats de travail',
        ],
        duration: '20 minutes en ligne ; premier entretien sous 15 jours',
      },
      en: {
        title: 'Register as a job seeker',
        summary: 'Register with the Employment Office to get help with your job search.',
        description:
          'Registering with the Employment Office puts you in touch with employers in the Principality and gives you personal support. An adviser contacts you for a first interview. You then keep your situation up to date online.',
        audience: 'People looking for work in the Principality, in particular Monegasques and residents.',
        requirements: [
          'An identity document or your residence permit',
          'Your up-to-date CV',
          'Your diplomas and certificates of employment',
        ],
        duration: '20 minutes online; first interview within 15 days',
      },
    },
  },

  // ─── Fiscalité ──────────────────────────────────────────────────────────────
  {
    slug: 'deposer-ma-declaration-de-tva',
    theme: 'fiscalite',
    audiences: ['professionnel'],
    popularity: 760,
    externalUrl: 'https://teleservice.gouv.mc/declaration-de-tva',
    content: {
      fr: {
        title: 'Déposer ma déclaration de TVA',
        summary: 'Déclarez et payez en ligne la TVA due par votre entreprise.',
        description:
          'Les entreprises assujetties à la TVA en Principauté déposent leurs déclarations périodiques auprès de la Direction des Services Fiscaux. Le service en ligne calcule le montant dû à partir des montants saisis et permet de le régler par prélèvement ou par virement. Un accusé de dépôt est conservé dans « Mes démarches ».',
        audience:
          'Les entreprises et professionnels assujettis à la TVA en Principauté, ou leur expert-comptable mandaté.',
        requirements: [
          'Votre numéro de TVA intracommunautaire',
          'Le montant des opérations imposables de la période',
          'Le montant de la TVA déductible',
          'Un mandat de prélèvement ou les coordonnées bancaires de l’entreprise',
        ],
        duration: '20 minutes en ligne ; accusé de dépôt immédiat',
      },
      en: {
        title: 'File my VAT return',
        summary: 'File and pay your business’s VAT online.',
        description:
          'Businesses liable for VAT in the Principality file their periodic returns with the Tax Department. The online service computes the amount due from the figures you enter and lets you pay it by direct debit or bank transfer. A filing receipt is kept in “My procedures”.',
        audience: 'Businesses and professionals liable for VAT in the Principality, or their appointed accountant.',
        requirements: [
          'Your intra-community VAT number',
          'The amount of taxable transactions for the period',
          'The amount of deductible VAT',
          'A direct-debit mandate or the business’s bank details',
        ],
        duration: '20 minutes online; filing receipt at once',
      },
    },
  },
  {
    slug: 'declarer-l-impot-sur-les-benefices',
    theme: 'fiscalite',
    audiences: ['professionnel'],
    popularity: 520,
    externalUrl: 'https://teleservice.gouv.mc/impot-sur-les-benefices',
    content: {
      fr: {
        title: 'Déclarer l’impôt sur les bénéfices (ISB)',
        summary: 'Déposez la déclaration annuelle de résultats de votre entreprise soumise à l’ISB.',
        description:
          'Les entreprises soumises à l’impôt sur les bénéfices déposent chaque année leur déclaration de résultats auprès de la Direction des Services Fiscaux. Vous joignez les comptes annuels et les tableaux annexes demandés. L’impôt calculé est payé selon les échéances qui vous sont notifiées.',
        audience:
          'Les entreprises exerçant en Principauté qui réalisent plus de 25 % de leur chiffre d’affaires hors de Monaco, ou qui y sont soumises par leur activité.',
        requirements: [
          'Les comptes annuels de l’exercice : bilan et compte de résultat',
          'Les tableaux annexes de détermination du résultat fiscal',
          'Le numéro d’identification de l’entreprise',
        ],
        duration: '45 minutes en ligne ; avis d’imposition sous 2 mois',
      },
      en: {
        title: 'File the profits tax return (ISB)',
        summary: 'File your business’s annual profits tax return.',
        description:
          'Businesses liable for the profits tax file their annual return with the Tax Department every year. You attach the annual accounts and the required schedules. The tax computed is paid on the dates notified to you.',
        audience:
          'Businesses operating in the Principality that make more than 25 % of their turnover outside Monaco, or that are liable because of their activity.',
        requirements: [
          'The annual accounts for the financial year: balance sheet and profit and loss account',
          'The schedules used to determine the taxable profit',
          'The business’s identification number',
        ],
        duration: '45 minutes online; tax notice within 2 months',
      },
    },
  },
  {
    slug: 'demander-une-attestation-de-regularite-fiscale',
    theme: 'fiscalite',
    audiences: ['professionnel'],
    popularity: 380,
    externalUrl: 'https://teleservice.gouv.mc/attestation-de-regularite-fiscale',
    content: {
      fr: {
        title: 'Demander une attestation de régularité fiscale',
        summary: 'Obtenez l’attestation prouvant que votre entreprise est à jour de ses obligations fiscales.',
        description:
          'L’attestation de régularité fiscale est exigée notamment pour répondre à un marché public ou pour certaines demandes d’autorisation. La Direction des Services Fiscaux vérifie que les déclarations ont été déposées et les impôts payés. L’attestation est mise à disposition en PDF dans votre espace.',
        audience: 'Les entreprises et professionnels établis en Principauté.',
        requirements: [
          'Le numéro d’immatriculation au RCI ou le NIS de l’entreprise',
          'L’indication de l’usage de l’attestation',
        ],
        duration: '5 minutes en ligne ; attestation sous 5 jours ouvrés',
      },
      en: {
        title: 'Request a certificate of tax compliance',
        summary: 'Obtain the certificate proving that your business is up to date with its tax obligations.',
        description:
          'The certificate of tax compliance is required in particular to bid for a public contract or for some authorisation requests. The Tax Department checks that returns have been filed and taxes paid. The certificate is made available as a PDF in your account.',
        audience: 'Businesses and professionals established in the Principality.',
        requirements: ['The business’s RCI registration number or NIS', 'What the certificate is for'],
        duration: '5 minutes online; certificate within 5 working days',
      },
    },
  },
  {
    slug: 'declarer-une-succession',
    theme: 'fiscalite',
    audiences: ['particulier', 'professionnel'],
    popularity: 290,
    externalUrl: 'https://teleservice.gouv.mc/declaration-de-succession',
    content: {
      fr: {
        title: 'Déclarer une succession',
        summary: 'Déposez la déclaration de succession et calculez les droits dus, le cas échéant.',
        description:
          'Après un décès, les héritiers ou le notaire chargé de la succession déposent la déclaration des biens situés en Principauté auprès de la Direction des Services Fiscaux. Les droits de succession dépendent du lien de parenté avec le défunt ; les transmissions en ligne directe et entre époux en sont exonérées. Le service en ligne vous guide dans l’inventaire des biens et le calcul des droits.',
        audience: 'Les héritiers et légataires, ou le notaire qu’ils ont chargé de la succession.',
        requirements: [
          'L’acte de décès',
          'La liste des héritiers et leur lien de parenté avec le défunt',
          'L’inventaire des biens situés en Principauté avec leur valeur',
          'Le cas échéant, le testament ou l’acte de notoriété',
        ],
        duration: '1 heure en ligne ; avis de liquidation sous 1 mois',
      },
      en: {
        title: 'File an inheritance return',
        summary: 'File the inheritance return and compute any duties owed.',
        description:
          'After a death, the heirs or the notary handling the estate file a return of the assets located in the Principality with the Tax Department. Inheritance duties depend on the relationship with the deceased; transfers to direct descendants, ascendants and spouses are exempt. The online service guides you through the inventory of assets and the computation of duties.',
        audience: 'Heirs and legatees, or the notary they have appointed to handle the estate.',
        requirements: [
          'The death certificate',
          'The list of heirs and their relationship to the deceased',
          'An inventory of the assets located in the Principality with their value',
          'Where applicable, the will or the affidavit of heirship',
        ],
        duration: '1 hour online; assessment within 1 month',
      },
    },
  },

  // ─── Santé et social ────────────────────────────────────────────────────────
  {
    slug: 'suivre-mes-remboursements-spme',
    theme: 'sante-social',
    audiences: ['particulier'],
    popularity: 900,
    externalUrl: 'https://teleservice.gouv.mc/spme-remboursements',
    content: {
      fr: {
        title: 'Suivre mes remboursements du SPME',
        summary:
          'Suivez le traitement de vos feuilles de soins et de celles de vos ayants droit au Service des Prestations Médicales de l’État.',
        description:
          'Le Service des Prestations Médicales de l’État (SPME) prend en charge les frais de santé des fonctionnaires et agents de l’État et de la Commune et de leurs ayants droit. Ce service en ligne vous permet de suivre chaque feuille de soins, de sa saisie jusqu’au paiement du remboursement, et de télécharger vos décomptes. Il complète l’envoi des décomptes par courrier électronique.',
        audience:
          'Les assurés du SPME : fonctionnaires et agents de l’État et de la Commune, actifs ou retraités résidant à Monaco, étudiants monégasques de plus de 21 ans et autres bénéficiaires prévus par les textes.',
        requirements: [
          'Votre numéro de matricule SPME',
          'Le code d’accès personnel reçu par courriel du SPME, pour la première connexion',
        ],
        duration: '5 minutes en ligne ; suivi mis à jour chaque jour',
      },
      en: {
        title: 'Track my SPME reimbursements',
        summary:
          'Track the processing of your treatment forms, and those of your dependants, at the State Medical Benefits Office.',
        description:
          'The State Medical Benefits Office (SPME) covers the health costs of civil servants and employees of the State and the Commune and their dependants. This online service lets you follow each treatment form from the moment it is entered until the reimbursement is paid, and download your statements. It adds to the statements sent by e-mail.',
        audience:
          'People insured by the SPME: civil servants and employees of the State and the Commune, in service or retired and living in Monaco, Monegasque students over 21 and other beneficiaries provided for by law.',
        requirements: [
          'Your SPME registration number',
          'The personal access code e-mailed to you by the SPME, for your first login',
        ],
        duration: '5 minutes online; tracking updated daily',
      },
    },
  },
  {
    slug: 'declarer-les-salaires-aux-caisses-sociales',
    theme: 'sante-social',
    audiences: ['professionnel'],
    popularity: 740,
    externalUrl: 'https://teleservice.gouv.mc/declaration-salaires-caisses-sociales',
    content: {
      fr: {
        title: 'Déclarer les salaires aux Caisses Sociales de Monaco',
        summary: 'Déposez la déclaration périodique des salaires de vos employés et réglez les cotisations sociales.',
        description:
          'Les employeurs déclarent chaque période les salaires versés à leurs employés aux Caisses Sociales de Monaco, qui calculent les cotisations dues pour la maladie, la retraite et le chômage. La déclaration peut être saisie en ligne ou importée depuis votre logiciel de paie. Le paiement des cotisations se fait par prélèvement ou par virement.',
        audience:
          'Les employeurs du secteur privé de la Principauté, y compris les particuliers employeurs, ou leur gestionnaire de paie mandaté.',
        requirements: [
          'Votre numéro d’employeur aux Caisses Sociales de Monaco',
          'La liste des salariés avec leur numéro d’immatriculation',
          'Les salaires bruts et les heures travaillées de la période',
        ],
        duration: '15 minutes en ligne ; accusé de réception immédiat',
      },
      en: {
        title: 'Declare wages to the Caisses Sociales de Monaco',
        summary: 'File the periodic declaration of your employees’ wages and pay social contributions.',
        description:
          'Employers declare the wages paid to their employees each period to the Caisses Sociales de Monaco, which compute the contributions due for sickness, retirement and unemployment insurance. The declaration can be entered online or imported from your payroll software. Contributions are paid by direct debit or bank transfer.',
        audience:
          'Private-sector employers in the Principality, including private individuals who employ staff, or their appointed payroll manager.',
        requirements: [
          'Your employer number at the Caisses Sociales de Monaco',
          'The list of employees with their registration numbers',
          'Gross wages and hours worked for the period',
        ],
        duration: '15 minutes online; acknowledgement at once',
      },
    },
  },
  {
    slug: 'demander-une-attestation-de-droits-aux-caisses-sociales',
    theme: 'sante-social',
    audiences: ['particulier'],
    popularity: 430,
    externalUrl: 'https://teleservice.gouv.mc/attestation-de-droits-ccss',
    content: {
      fr: {
        title: 'Demander une attestation de droits aux Caisses Sociales de Monaco',
        summary: 'Obtenez l’attestation de vos droits à l’assurance maladie auprès des Caisses Sociales de Monaco.',
        description:
          'L’attestation de droits prouve votre affiliation et celle de vos ayants droit à l’assurance maladie des salariés du secteur privé. Elle est demandée par un établissement de soins, une mutuelle ou un employeur. Elle est mise à disposition en PDF dans votre espace.',
        audience: 'Les salariés du secteur privé affiliés aux Caisses Sociales de Monaco et leurs ayants droit.',
        requirements: ['Votre numéro d’immatriculation aux Caisses Sociales de Monaco', 'Une pièce d’identité'],
        duration: '5 minutes en ligne ; attestation sous 2 jours ouvrés',
      },
      en: {
        title: 'Request a certificate of entitlement from the Caisses Sociales de Monaco',
        summary: 'Obtain the certificate of your health insurance entitlement from the Caisses Sociales de Monaco.',
        description:
          'The certificate of entitlement proves that you and your dependants are covered by the private-sector employees’ health insurance. Hospitals, top-up insurers and employers ask for it. It is made available as a PDF in your account.',
        audience: 'Private-sector employees covered by the Caisses Sociales de Monaco and their dependants.',
        requirements: ['Your registration number at the Caisses Sociales de Monaco', 'An identity document'],
        duration: '5 minutes online; certificate within 2 working days',
      },
    },
  },
  {
    slug: 'demander-l-allocation-aux-adultes-handicapes',
    theme: 'sante-social',
    audiences: ['particulier'],
    popularity: 310,
    externalUrl: 'https://teleservice.gouv.mc/allocation-adultes-handicapes',
    content: {
      fr: {
        title: 'Demander l’allocation aux adultes handicapés',
        summary: 'Sollicitez l’allocation qui garantit un revenu minimum aux adultes en situation de handicap.',
        description:
          'L’allocation aux adultes handicapés assure un revenu aux personnes dont le handicap réduit la capacité de travail. La demande est instruite par la Direction de l’Action et de l’Aide Sociales, après avis de la commission compétente sur le taux d’incapacité. La décision vous est notifiée par courrier.',
        audience:
          'Les adultes en situation de handicap de nationalité monégasque ou résidant en Principauté dans les conditions prévues par la loi.',
        requirements: [
          'Un certificat médical détaillé de moins de trois mois',
          'Les justificatifs de ressources du foyer',
          'Votre carte d’identité monégasque ou votre carte de séjour',
          'Un relevé d’identité bancaire (IBAN)',
        ],
        duration: '20 minutes en ligne ; décision sous 3 mois',
      },
      en: {
        title: 'Apply for the disabled adults’ allowance',
        summary: 'Apply for the allowance that guarantees a minimum income to adults with disabilities.',
        description:
          'The disabled adults’ allowance provides an income to people whose disability reduces their ability to work. The application is assessed by the Department of Social Welfare and Social Services, after the competent commission has given its opinion on the degree of disability. The decision is sent to you by post.',
        audience:
          'Adults with disabilities who are Monegasque or live in the Principality under the conditions laid down by law.',
        requirements: [
          'A detailed medical certificate less than three months old',
          'Proof of the household’s income',
          'Your Monegasque identity card or residence permit',
          'Bank details (IBAN)',
        ],
        duration: '20 minutes online; decision within 3 months',
      },
    },
  },

  // ─── Logement ───────────────────────────────────────────────────────────────
  {
    slug: 'deposer-une-demande-de-logement-domanial',
    theme: 'logement',
    audiences: ['particulier'],
    popularity: 820,
    externalUrl: 'https://teleservice.gouv.mc/logement-domanial',
    content: {
      fr: {
        title: 'Déposer une demande de logement domanial',
        summary: 'Demandez l’attribution d’un appartement du parc domanial de l’État.',
        description:
          'Les foyers monégasques peuvent solliciter l’attribution d’un logement domanial, appartement appartenant à l’État et loué à un loyer modéré. Les demandes sont déposées lors des appels à candidatures et examinées par la Commission d’Attribution selon la composition du foyer et ses conditions de logement actuelles. La Direction de l’Habitat vous informe de la suite donnée.',
        audience: 'Les foyers de nationalité monégasque, ainsi que les foyers assimilés prévus par la réglementation.',
        requirements: [
          'Votre certificat de nationalité monégasque',
          'La fiche familiale d’état civil',
          'Le bail ou le titre d’occupation de votre logement actuel',
          'Les justificatifs de ressources du foyer',
        ],
        duration: '30 minutes en ligne ; réponse après la Commission d’Attribution',
      },
      en: {
        title: 'Apply for State-owned housing',
        summary: 'Apply for a flat from the State’s housing stock.',
        description:
          'Monegasque households can apply for State-owned housing (“logement domanial”), flats owned by the State and let at a moderate rent. Applications are made during calls for applications and reviewed by the Allocation Commission according to the size of the household and its current housing conditions. The Housing Department tells you the outcome.',
        audience:
          'Households of Monegasque nationality, and the equivalent households provided for by the regulations.',
        requirements: [
          'Your certificate of Monegasque nationality',
          'The family civil-status form',
          'The lease or occupancy title of your current home',
          'Proof of the household’s income',
        ],
        duration: '30 minutes online; reply after the Allocation Commission',
      },
    },
  },
  {
    slug: 'demander-l-aide-nationale-au-logement',
    theme: 'logement',
    audiences: ['particulier'],
    popularity: 690,
    externalUrl: 'https://teleservice.gouv.mc/aide-nationale-au-logement',
    content: {
      fr: {
        title: 'Demander l’aide nationale au logement',
        summary: 'Sollicitez l’aide de l’État qui réduit le loyer de votre logement du secteur libre.',
        description:
          'L’aide nationale au logement prend en charge une partie du loyer des foyers monégasques qui louent un logement dans le secteur libre, dans la limite de plafonds fixés selon la composition du foyer. La demande est instruite par la Direction de l’Habitat et doit être renouvelée chaque année. L’aide est versée mensuellement.',
        audience: 'Les foyers de nationalité monégasque locataires d’un logement du secteur libre en Principauté.',
        requirements: [
          'Le bail en cours et la dernière quittance de loyer',
          'Votre certificat de nationalité monégasque',
          'Les justificatifs de ressources du foyer',
          'Un relevé d’identité bancaire (IBAN)',
        ],
        duration: '20 minutes en ligne ; décision sous 1 mois',
      },
      en: {
        title: 'Apply for the national housing aid',
        summary: 'Apply for the State aid that lowers the rent of your private-sector home.',
        description:
          'The national housing aid covers part of the rent of Monegasque households renting a home in the private sector, up to ceilings set according to the size of the household. The application is assessed by the Housing Department and must be renewed every year. The aid is paid monthly.',
        audience: 'Households of Monegasque nationality renting a private-sector home in the Principality.',
        requirements: [
          'The current lease and the latest rent receipt',
          'Your certificate of Monegasque nationality',
          'Proof of the household’s income',
          'Bank details (IBAN)',
        ],
        duration: '20 minutes online; decision within 1 month',
      },
    },
  },
  {
    slug: 'declarer-un-logement-vacant-du-secteur-protege',
    theme: 'logement',
    audiences: ['particulier', 'professionnel'],
    popularity: 240,
    externalUrl: 'https://teleservice.gouv.mc/logement-vacant-secteur-protege',
    content: {
      fr: {
        title: 'Déclarer un logement vacant du secteur protégé',
        summary:
          'Signalez à la Direction de l’Habitat la vacance d’un logement soumis à la législation du secteur protégé.',
        description:
          'Les propriétaires d’un logement relevant du secteur protégé doivent déclarer sa vacance à la Direction de l’Habitat, qui publie l’offre auprès des personnes prioritaires. Vous indiquez les caractéristiques du logement et le loyer proposé. Vous êtes ensuite informé des candidatures reçues.',
        audience:
          'Les propriétaires, particuliers ou sociétés, d’un logement du secteur protégé, ou l’agent immobilier qui les représente.',
        requirements: [
          'L’adresse et la désignation précise du logement',
          'La surface et le nombre de pièces',
          'Le loyer proposé et la date de disponibilité',
          'Un mandat, si vous agissez pour le compte du propriétaire',
        ],
        duration: '10 minutes en ligne ; publication sous 5 jours ouvrés',
      },
      en: {
        title: 'Report a vacant home in the protected sector',
        summary: 'Tell the Housing Department that a home subject to the protected-sector rules is vacant.',
        description:
          'Owners of a home in the protected sector must report its vacancy to the Housing Department, which advertises it to the people with priority. You give the features of the home and the rent asked. You are then told about the applications received.',
        audience: 'Owners, individuals or companies, of a protected-sector home, or the estate agent acting for them.',
        requirements: [
          'The address and exact description of the home',
          'The floor area and the number of rooms',
          'The rent asked and the date it becomes available',
          'A mandate, if you act on behalf of the owner',
        ],
        duration: '10 minutes online; published within 5 working days',
      },
    },
  },

  // ─── Entreprise ─────────────────────────────────────────────────────────────
  {
    slug: 'demander-une-autorisation-d-exercer',
    theme: 'entreprise',
    audiences: ['professionnel'],
    popularity: 700,
    externalUrl: 'https://teleservice.gouv.mc/autorisation-d-exercer',
    content: {
      fr: {
        title: 'Demander une autorisation d’exercer une activité',
        summary:
          'Sollicitez l’autorisation administrative préalable à l’exercice d’une activité économique en Principauté.',
        description:
          'L’exercice d’une activité commerciale, industrielle, artisanale ou libérale en Principauté est soumis à une autorisation administrative préalable. Le dossier est instruit par la Direction du Développement Économique, qui recueille l’avis des services concernés. Une fois l’autorisation obtenue, vous pouvez immatriculer votre entreprise au Répertoire du Commerce et de l’Industrie (RCI).',
        audience:
          'Les créateurs et repreneurs d’entreprise, en nom propre ou en société, qui souhaitent exercer à Monaco.',
        requirements: [
          'La description détaillée de l’activité envisagée',
          'Le justificatif du local professionnel : bail ou promesse de bail',
          'Le curriculum vitae et les diplômes du dirigeant',
          'Un extrait de casier judiciaire du dirigeant de moins de trois mois',
          'Le projet de statuts pour une société',
        ],
        duration: '45 minutes en ligne ; décision sous 2 mois',
      },
      en: {
        title: 'Apply for an authorisation to carry on a business',
        summary: 'Apply for the administrative authorisation required before starting a business in the Principality.',
        description:
          'Carrying on a commercial, industrial, craft or professional activity in the Principality requires a prior administrative authorisation. The application is assessed by the Department of Economic Development, which consults the departments concerned. Once authorised, you can register your business in the Trade and Industry Register (RCI).',
        audience:
          'People starting or taking over a business, as sole traders or companies, who wish to operate in Monaco.',
        requirements: [
          'A detailed description of the planned activity',
          'Proof of business premises: lease or promise of lease',
          'The manager’s CV and diplomas',
          'The manager’s criminal record extract less than three months old',
          'The draft articles of association for a company',
        ],
        duration: '45 minutes online; decision within 2 months',
      },
    },
  },
  {
    slug: 'immatriculer-mon-entreprise-au-rci',
    theme: 'entreprise',
    audiences: ['professionnel'],
    popularity: 650,
    externalUrl: 'https://teleservice.gouv.mc/immatriculation-rci',
    content: {
      fr: {
        title: 'Immatriculer mon entreprise au Répertoire du Commerce et de l’Industrie (RCI)',
        summary: 'Inscrivez votre entreprise au RCI après l’obtention de votre autorisation d’exercer.',
        description:
          'L’immatriculation au Répertoire du Commerce et de l’Industrie (RCI) donne une existence légale à votre entreprise et lui attribue son numéro RCI. La demande doit être déposée dans le délai fixé par l’autorisation d’exercer. L’extrait d’immatriculation est ensuite disponible en ligne.',
        audience:
          'Les commerçants, artisans et sociétés commerciales titulaires d’une autorisation d’exercer en Principauté.',
        requirements: [
          'L’autorisation d’exercer délivrée par l’administration',
          'Les statuts signés et enregistrés, pour une société',
          'La pièce d’identité du dirigeant',
          'Le bail ou le titre d’occupation du local',
        ],
        duration: '30 minutes en ligne ; immatriculation sous 10 jours',
      },
      en: {
        title: 'Register my business in the Trade and Industry Register (RCI)',
        summary: 'Register your business in the RCI once you hold your business authorisation.',
        description:
          'Registration in the Trade and Industry Register (RCI) gives your business its legal existence and its RCI number. The application must be made within the time limit set by the business authorisation. The registration extract is then available online.',
        audience:
          'Traders, craftspeople and commercial companies holding an authorisation to operate in the Principality.',
        requirements: [
          'The business authorisation issued by the administration',
          'The signed and registered articles of association, for a company',
          'The manager’s identity document',
          'The lease or occupancy title of the premises',
        ],
        duration: '30 minutes online; registered within 10 days',
      },
    },
  },
  {
    slug: 'demander-un-extrait-du-rci',
    theme: 'entreprise',
    audiences: ['particulier', 'professionnel'],
    popularity: 560,
    externalUrl: 'https://teleservice.gouv.mc/extrait-rci',
    content: {
      fr: {
        title: 'Demander un extrait du RCI',
        summary:
          'Obtenez un extrait d’immatriculation d’une entreprise inscrite au Répertoire du Commerce et de l’Industrie.',
        description:
          'L’extrait du RCI atteste de l’existence d’une entreprise et de ses principales caractéristiques : dénomination, activité, siège, dirigeants. Il est souvent demandé pour ouvrir un compte bancaire, répondre à un appel d’offres ou immatriculer un véhicule. Vous pouvez le demander pour votre entreprise ou pour toute entreprise immatriculée.',
        audience:
          'Toute personne, particulier ou professionnel, qui a besoin d’un extrait d’une entreprise monégasque.',
        requirements: [
          'La dénomination ou le numéro RCI de l’entreprise',
          'Un moyen de paiement pour les frais de délivrance',
        ],
        duration: '5 minutes en ligne ; extrait disponible sous 24 heures',
      },
      en: {
        title: 'Request an RCI extract',
        summary: 'Obtain a registration extract for a business listed in the Trade and Industry Register.',
        description:
          'The RCI extract proves that a business exists and gives its main details: name, activity, registered office, managers. It is often required to open a bank account, bid for a tender or register a vehicle. You can request it for your own business or for any registered business.',
        audience: 'Anyone, individual or professional, who needs an extract for a Monegasque business.',
        requirements: ['The business name or RCI number', 'A means of payment for the issue fee'],
        duration: '5 minutes online; extract available within 24 hours',
      },
    },
  },
  {
    slug: 'obtenir-le-nis-de-mon-etablissement',
    theme: 'entreprise',
    audiences: ['professionnel'],
    popularity: 410,
    externalUrl: 'https://teleservice.gouv.mc/nis',
    content: {
      fr: {
        title: 'Obtenir le NIS de mon établissement',
        summary:
          'Demandez l’attribution ou une attestation du numéro d’identification statistique (NIS) de votre activité.',
        description:
          'Le numéro d’identification statistique (NIS) identifie chaque entité économique de la Principauté et son activité principale. Il est attribué par l’Institut Monégasque de la Statistique et des Études Économiques (IMSEE). L’attestation d’immatriculation au répertoire NIS est demandée dans de nombreuses démarches, par exemple auprès du Service des Titres de Circulation.',
        audience:
          'Les entreprises, professions libérales, associations et autres entités exerçant une activité économique à Monaco.',
        requirements: [
          'L’autorisation d’exercer ou les statuts de l’entité',
          'L’adresse de l’établissement en Principauté',
          'La description de l’activité principale',
        ],
        duration: '10 minutes en ligne ; attestation sous 5 jours ouvrés',
      },
      en: {
        title: 'Obtain the NIS of my establishment',
        summary: 'Apply for the statistical identification number (NIS) of your business, or a certificate of it.',
        description:
          'The statistical identification number (NIS) identifies every economic entity in the Principality and its main activity. It is assigned by the Monaco Statistics Institute (IMSEE). The certificate of registration in the NIS directory is required in many procedures, for example by the Vehicle Registration Office.',
        audience:
          'Businesses, liberal professions, associations and other entities carrying on an economic activity in Monaco.',
        requirements: [
          'The business authorisation or the entity’s articles of association',
          'The address of the establishment in the Principality',
          'A description of the main activity',
        ],
        duration: '10 minutes online; certificate within 5 working days',
      },
    },
  },

  // ─── Culture et sport ───────────────────────────────────────────────────────
  {
    slug: 'm-inscrire-a-la-mediatheque',
    theme: 'culture-sport',
    audiences: ['particulier'],
    popularity: 470,
    externalUrl: 'https://teleservice.gouv.mc/mediatheque',
    content: {
      fr: {
        title: 'M’inscrire à la Médiathèque de Monaco',
        summary: 'Créez votre carte de lecteur pour emprunter livres, musique et films.',
        description:
          'La Médiathèque de la Mairie de Monaco prête des livres, des bandes dessinées, de la musique et des films, et donne accès à des ressources numériques. L’inscription en ligne vous permet de réserver des documents et de prolonger vos prêts. Vous retirez votre carte lors de votre première visite.',
        audience:
          'Les résidents de Monaco et des communes voisines, ainsi que les personnes qui travaillent ou étudient en Principauté.',
        requirements: [
          'Une pièce d’identité',
          'Un justificatif de domicile ou de travail',
          'L’autorisation d’un parent pour un mineur',
        ],
        duration: '5 minutes en ligne ; carte remise à la première visite',
      },
      en: {
        title: 'Join the Monaco Media Library',
        summary: 'Get your library card to borrow books, music and films.',
        description:
          'The Mairie de Monaco’s Media Library lends books, comics, music and films, and gives access to digital resources. Joining online lets you reserve items and renew your loans. You collect your card on your first visit.',
        audience: 'Residents of Monaco and neighbouring towns, and people who work or study in the Principality.',
        requirements: ['An identity document', 'Proof of address or of employment', 'A parent’s consent for a minor'],
        duration: '5 minutes online; card handed over on your first visit',
      },
    },
  },
  {
    slug: 'demander-une-subvention-pour-une-association',
    theme: 'culture-sport',
    audiences: ['particulier', 'professionnel'],
    popularity: 360,
    externalUrl: 'https://teleservice.gouv.mc/subvention-association',
    content: {
      fr: {
        title: 'Demander une subvention pour une association',
        summary: 'Sollicitez le soutien financier de l’État pour un projet associatif culturel ou sportif.',
        description:
          'Les associations déclarées en Principauté peuvent demander une subvention de fonctionnement ou une aide pour un projet précis. Selon le domaine, la demande est examinée par la Direction des Affaires Culturelles ou par la Direction de l’Éducation Nationale, de la Jeunesse et des Sports. La décision est notifiée au président de l’association.',
        audience:
          'Les associations culturelles et sportives déclarées en Principauté, représentées par leur président ou leur trésorier.',
        requirements: [
          'Les statuts de l’association et le récépissé de déclaration',
          'Le rapport d’activité et les comptes du dernier exercice',
          'Le budget prévisionnel du projet',
          'Un relevé d’identité bancaire (IBAN) au nom de l’association',
        ],
        duration: '40 minutes en ligne ; décision sous 3 mois',
      },
      en: {
        title: 'Apply for a grant for an association',
        summary: 'Apply for State funding for a cultural or sports association project.',
        description:
          'Associations registered in the Principality can apply for an operating grant or for support for a specific project. Depending on the field, the application is reviewed by the Department of Cultural Affairs or by the Department of Education, Youth and Sport. The decision is sent to the association’s president.',
        audience:
          'Cultural and sports associations registered in the Principality, represented by their president or treasurer.',
        requirements: [
          'The association’s articles and registration receipt',
          'The activity report and accounts for the last financial year',
          'The project’s provisional budget',
          'Bank details (IBAN) in the association’s name',
        ],
        duration: '40 minutes online; decision within 3 months',
      },
    },
  },
  {
    slug: 'reserver-un-equipement-sportif',
    theme: 'culture-sport',
    audiences: ['particulier', 'professionnel'],
    popularity: 390,
    externalUrl: 'https://teleservice.gouv.mc/reservation-equipement-sportif',
    content: {
      fr: {
        title: 'Réserver un équipement sportif',
        summary: 'Réservez un créneau dans une salle ou sur un terrain de sport de l’État.',
        description:
          'Les associations, les entreprises et les particuliers peuvent réserver un créneau dans les installations sportives gérées par la Direction de l’Éducation Nationale, de la Jeunesse et des Sports. Vous consultez les disponibilités, choisissez l’équipement et l’horaire puis recevez une confirmation. Les réservations régulières des associations font l’objet d’une demande annuelle.',
        audience:
          'Les associations sportives, les entreprises et les particuliers qui souhaitent pratiquer une activité sportive en Principauté.',
        requirements: [
          'L’équipement, la date et l’horaire souhaités',
          'Le nombre de participants prévu',
          'Une attestation d’assurance en responsabilité civile',
        ],
        duration: '5 minutes en ligne ; confirmation sous 48 heures',
      },
      en: {
        title: 'Book a sports facility',
        summary: 'Book a slot in a State sports hall or on a State sports ground.',
        description:
          'Associations, businesses and individuals can book a slot at the sports facilities run by the Department of Education, Youth and Sport. You check availability, choose the facility and the time, and receive a confirmation. Associations apply once a year for their regular bookings.',
        audience:
          'Sports associations, businesses and individuals who wish to take part in a sport in the Principality.',
        requirements: [
          'The facility, date and time you want',
          'The expected number of participants',
          'A public liability insurance certificate',
        ],
        duration: '5 minutes online; confirmation within 48 hours',
      },
    },
  },
];

/** The demo procedures, each with the words people type for it (./procedure-keywords.ts). */
export const demoProcedures: readonly ProcedureSeed[] = procedureTexts.map((procedure) => {
  const keywords = procedureKeywords[procedure.slug];
  if (!keywords) return procedure;
  return {
    ...procedure,
    content: {
      fr: { ...procedure.content.fr, keywords: keywords.fr },
      en: { ...procedure.content.en, keywords: keywords.en },
    },
  };
});
