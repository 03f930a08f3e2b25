/**
 * French catalogue of "Créer mon compte": the choice of account type, the two forms, the
 * "vérifiez vos e-mails" page, the verification link's pages, the e-mail and the banner.
 * The identifier and password rules and their messages live in `credentials`.
 * Plain spaces before « : ; ? ! » and after «: the catalogue is typeset when it is loaded.
 */
export const signUp = {
  choice: {
    title: 'Créer mon compte',
    lead: 'Un seul compte pour toutes vos démarches en ligne sur MonGuichet.mc.',
    question: 'Vous êtes :',
    individual: 'Je suis un particulier',
    individualHint: 'Pour vos démarches personnelles et familiales, par exemple payer la cantine de vos enfants.',
    professional: 'Je suis un professionnel',
    professionalHint:
      'Pour les démarches de votre entreprise inscrite au Répertoire du Commerce et de l’Industrie (RCI).',
    haveAccount: 'Vous avez déjà un compte ?',
    login: 'Se connecter',
    mconnectHeading: 'Vous avez une identité numérique MConnect ?',
    mconnectText:
      'Avec MConnect, pas besoin de créer un compte d’abord : identifiez-vous avec MConnect, et votre compte MonGuichet est créé avec les informations de votre identité numérique.',
  },
  form: {
    individualTitle: 'Créer mon compte particulier',
    professionalTitle: 'Créer mon compte professionnel',
    lead: 'Tous les champs sont obligatoires, sauf le téléphone.',
    back: 'Changer de type de compte',
    personHeading: 'Vous',
    companyHeading: 'Votre entreprise',
    contactHeading: 'Vos coordonnées',
    credentialsHeading: 'Vos identifiants de connexion',
    termsHeading: 'Conditions d’utilisation',
    civilityLegend: 'Civilité',
    madame: 'Madame',
    monsieur: 'Monsieur',
    firstName: 'Prénom',
    lastName: 'Nom',
    birthDateLegend: 'Date de naissance',
    birthDateHint: 'Par exemple : 27 3 1985',
    day: 'Jour',
    month: 'Mois',
    year: 'Année',
    email: 'Adresse e-mail',
    emailHint: 'Nous vous enverrons un lien pour la vérifier.',
    phone: 'Téléphone (facultatif)',
    phoneHint: 'Par exemple : +377 98 98 95 99',
    companyName: 'Raison sociale',
    rci: 'Numéro RCI',
    rciHint: 'Numéro d’immatriculation au Répertoire du Commerce et de l’Industrie, par exemple 12 S 05678.',
    nis: 'Numéro NIS',
    nisHint: 'Numéro d’identification statistique délivré par l’IMSEE, par exemple 4711Z12345.',
    suggestionsLegend: 'Identifiants proposés',
    ownIdentifier: 'Je garde l’identifiant saisi ci-dessus',
    termsIntro:
      'Vos données sont traitées conformément à la loi n° 1.165 du 23 décembre 1993 relative à la protection des informations nominatives.',
    termsLink: 'Lire les conditions générales d’utilisation',
    privacyLink: 'Lire la notice sur les données personnelles',
    termsLabel: 'J’ai lu et j’accepte les conditions générales d’utilisation et la notice sur les données personnelles',
    submit: 'Créer mon compte',
  },
  errors: {
    civilityRequired: 'Indiquez votre civilité.',
    firstNameRequired: 'Saisissez votre prénom.',
    firstNameTooLong: (max: number) => `Votre prénom doit contenir au plus ${max} caractères.`,
    firstNameInvalid:
      'Votre prénom ne peut contenir que des lettres, des espaces, des traits d’union, des apostrophes et des points (pas de chiffres, d’adresse web ni de @).',
    lastNameRequired: 'Saisissez votre nom.',
    lastNameTooLong: (max: number) => `Votre nom doit contenir au plus ${max} caractères.`,
    lastNameInvalid:
      'Votre nom ne peut contenir que des lettres, des espaces, des traits d’union, des apostrophes et des points (pas de chiffres, d’adresse web ni de @).',
    birthDateRequired: 'Saisissez votre date de naissance.',
    birthDateNotNumeric: 'La date de naissance ne doit contenir que des chiffres, par exemple 27 3 1985.',
    birthDateInvalid: 'La date de naissance doit être une date réelle, par exemple 27 3 1985.',
    birthDateFuture: 'La date de naissance doit être dans le passé.',
    birthDateTooOld: 'L’année de naissance doit être 1900 ou après.',
    emailRequired: 'Saisissez votre adresse e-mail.',
    emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.',
    emailTooLong: (max: number) => `Votre adresse e-mail doit contenir au plus ${max} caractères.`,
    phoneInvalid: (max: number) =>
      `Le téléphone ne peut contenir que des chiffres, des espaces et les signes + ( ) -, ${max} caractères au plus.`,
    companyNameRequired: 'Saisissez la raison sociale de votre entreprise.',
    companyNameTooLong: (max: number) => `La raison sociale doit contenir au plus ${max} caractères.`,
    rciRequired: 'Saisissez le numéro RCI de votre entreprise.',
    rciInvalid: (max: number) =>
      `Le numéro RCI ne peut contenir que des lettres, des chiffres et des espaces, ${max} caractères au plus.`,
    nisRequired: 'Saisissez le numéro NIS de votre entreprise.',
    nisInvalid: (max: number) =>
      `Le numéro NIS ne peut contenir que des lettres, des chiffres et des espaces, ${max} caractères au plus.`,
    termsRequired:
      'Pour créer votre compte, acceptez les conditions générales d’utilisation et la notice sur les données personnelles.',
  },
  done: {
    title: 'Vérifiez vos e-mails',
    created: 'Votre compte est créé.',
    sentTo: 'Nous avons envoyé un lien de vérification à l’adresse :',
    validity:
      'Cliquez sur ce lien dans les 24 heures pour vérifier votre adresse. Tant qu’elle n’est pas vérifiée, vous ne pouvez pas commencer de démarche.',
    spam: 'Vous ne trouvez pas l’e-mail ? Regardez dans vos courriers indésirables, ou demandez un nouvel e-mail.',
    resent:
      'Si votre adresse n’est pas encore vérifiée, un nouvel e-mail vient de vous être envoyé. Le lien du précédent ne fonctionne plus.',
    resend: 'Renvoyer l’e-mail',
    alreadyVerified: 'Votre adresse e-mail est vérifiée.',
    home: 'Aller à l’accueil',
    resumeProcedure: 'Reprendre ma démarche',
    /** Where "Commencer" sends a person whose address is not verified yet. */
    blocked: {
      title: 'Vérifiez votre adresse e-mail pour continuer',
      why: 'Vous ne pouvez pas encore commencer cette démarche : votre adresse e-mail n’est pas encore vérifiée.',
      next: 'Cliquez sur ce lien dans les 24 heures. Ouvert sur cet appareil, il vous ramène à votre démarche ; ouvert sur un autre, revenez ensuite à la démarche et appuyez à nouveau sur « Commencer ».',
      newLinkHeading: 'Pas d’e-mail, ou le lien a expiré ?',
      newLinkText:
        'Regardez dans vos courriers indésirables. Sinon, recevez un nouveau lien : celui de l’e-mail précédent ne fonctionnera plus.',
      resend: 'Recevoir un nouveau lien',
    },
  },
  verify: {
    confirmTitle: 'Confirmer mon adresse e-mail',
    confirmText: (email: string) =>
      `Pour vérifier l’adresse ${email} de votre compte MonGuichet, appuyez sur le bouton.`,
    confirmSubmit: 'Confirmer mon adresse',
    successTitle: 'Adresse e-mail vérifiée',
    successText: 'Merci, votre adresse e-mail est vérifiée. Vous pouvez maintenant commencer vos démarches.',
    goHome: 'Aller à l’accueil',
    goLogin: 'Se connecter',
    failedTitle: 'Ce lien ne fonctionne pas',
    used: 'Ce lien a déjà été utilisé. Rien n’a été modifié.',
    expired: 'Ce lien a expiré : il n’était valable que 24 heures.',
    unknown: 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse entière.',
    signedInNext: 'Vous pouvez demander un nouveau lien.',
    anonymousNext: 'Connectez-vous pour demander un nouveau lien si votre adresse n’est pas encore vérifiée.',
    newLink: 'Recevoir un nouveau lien',
  },
  mail: {
    subject: 'Vérifiez votre adresse e-mail',
    title: 'Bienvenue sur MonGuichet.mc',
    greeting: 'Bonjour,',
    text: (identifier: string) =>
      `Votre compte MonGuichet.mc a été créé avec l’identifiant « ${identifier} ». Pour vérifier votre adresse e-mail, ouvrez le lien ci-dessous.`,
    action: 'Vérifier mon adresse e-mail',
    validity: 'Ce lien est valable 24 heures et ne peut servir qu’une fois.',
    notYou: 'Si vous n’avez pas créé de compte, ignorez cet e-mail : l’adresse ne sera pas vérifiée.',
  },
  banner: {
    text: 'Vérifiez votre adresse e-mail : cliquez sur le lien que nous vous avons envoyé. D’ici là, vous ne pouvez pas commencer de démarche.',
    link: 'Renvoyer l’e-mail de vérification',
  },
} as const;
