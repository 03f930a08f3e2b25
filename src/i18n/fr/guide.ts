/**
 * Strings of the printable canteen guide (one A4 page handed to parents by a school office).
 * Plain text: the PDF renderer sets French typography (non-breaking spaces, ’) and prints
 * what sits between « » in bold, as on the official flyer.
 */
export const guide = {
  meta: {
    title: (establishmentName: string) => `Payez la cantine de vos enfants sur MonGuichet.mc — ${establishmentName}`,
    subject: "Guide d'accès à la démarche en ligne de paiement de la cantine scolaire",
    keywords: 'MonGuichet.mc, cantine, paiement en ligne, MConnect, Monaco',
  },
  header: {
    badge: 'Nouveau !',
    title: 'Payez la cantine de vos enfants sur MonGuichet.mc',
    subtitle: "Guide d'accès à la démarche en ligne",
    government: 'Gouvernement Princier',
    principality: 'Principauté de Monaco',
    establishmentLabel: 'Établissement :',
  },
  promises: [
    'Découvrez le portail MonGuichet.mc',
    'Payez la cantine de vos enfants en ligne avec un seul compte',
    'Accédez aux services depuis votre ordinateur, votre mobile ou votre tablette',
  ],
  mconnect: {
    compatible: 'Service compatible avec',
    name: 'MConnect',
  },
  access: {
    heading: 'Comment accéder à la démarche ?',
    from: (portal: string) => `Depuis ${portal}`,
    step1: 'Connectez-vous (voir ci-contre « Comment se connecter ? »)',
    step2: (procedureTitle: string) => `Cliquez sur la démarche « ${procedureTitle} »`,
    step3: 'Vous accédez au service en ligne de paiement de la cantine',
  },
  login: {
    heading: 'Comment se connecter ?',
    via: (portal: string) => `Via ${portal}`,
    mconnect: {
      heading: 'Si vous possédez une identité numérique activée',
      steps: [
        "Cliquez sur « S'identifier avec MConnect » et suivez les instructions à l'écran",
        "Lors de votre première connexion avec MConnect, si vous possédez déjà un compte MonGuichet.mc, associez ce compte à votre identité numérique pour retrouver l'historique de vos démarches",
      ],
    },
    account: {
      heading: 'Si vous possédez un compte MonGuichet.mc',
      examples: '(ex. : inscription scolaire, SPME, bulletins de paie, visite technique de mon véhicule…)',
      steps: ['Saisissez votre identifiant et votre mot de passe', 'Cliquez sur « Me connecter »'],
      forgottenIdentifier:
        "Si vous avez oublié votre identifiant, cliquez sur « Identifiant oublié » et entrez votre adresse e-mail : vous recevrez par e-mail le ou les identifiants rattachés à cette adresse. Si vous ne recevez aucun e-mail, vous n'avez pas encore de compte pour cette adresse.",
      forgottenPassword:
        'Si vous avez oublié votre mot de passe, cliquez sur « Mot de passe oublié », entrez votre identifiant et suivez la procédure reçue par e-mail.',
    },
    noAccount: {
      heading: 'Si vous ne possédez pas encore de compte',
      steps: [
        'Cliquez sur « Créer mon compte »',
        "Choisissez « Je suis un particulier » puis suivez les instructions à l'écran",
        'Une fois votre compte créé, suivez la procédure « Comment accéder à la démarche ? » de ce guide',
      ],
    },
  },
  also: {
    heading: 'Grâce à MonGuichet.mc, vous pouvez aussi :',
    items: [
      "Accéder à l'ensemble des services en ligne disponibles",
      'Suivre vos démarches en ligne dans la section « Mes démarches »',
      'Modifier vos informations personnelles dans la section « Mon profil »',
    ],
  },
  qr: {
    caption: 'Flashez ce QR code pour ouvrir la démarche',
    orType: 'ou saisissez cette adresse dans votre navigateur :',
  },
  help: {
    heading: "Besoin d'aide ?",
    intro: 'Pour tout renseignement :',
  },
  ditn: {
    name: 'Délégation Interministérielle chargée de la Transition Numérique',
    address: ['2 rue du Gabian', 'Bâtiment les Industries - 5e étage', 'MC 98000 MONACO'],
  },
  footer: 'Gouvernement Princier — Principauté de Monaco',
} as const;
