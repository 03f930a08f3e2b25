/**
 * French catalogue of the MConnect login: the button, the first-login choice, linking an existing
 * account, creating one from the identity, and the pages when something goes wrong.
 * Plain spaces before « : ; ? ! » and after «: the catalogue is typeset when it is loaded.
 */
export const mconnect = {
  button: 'S’identifier avec MConnect',
  /** The button's two lines, as FranceConnect's: the action, then the service's name. */
  buttonAction: 'S’identifier avec',
  buttonName: 'MConnect',
  buttonActionAgain: 'S’identifier à nouveau avec',
  whatIs: 'Qu’est-ce que MConnect ?',
  buttonHint: 'MConnect est l’identité numérique de Monaco : votre carte d’identité et son code.',
  or: 'ou avec mon identifiant MonGuichet',
  failed: {
    cancelled: {
      title: 'Connexion avec MConnect annulée',
      text: 'Vous avez annulé la connexion avec MConnect. Votre compte n’a pas changé.',
    },
    unavailable: {
      title: 'MConnect ne répond pas',
      text: 'Le service MConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre identifiant et votre mot de passe.',
    },
    acr_too_low: {
      title: 'Niveau de sécurité insuffisant',
      text: 'Cette connexion demande une identification MConnect plus sûre que celle utilisée, par exemple avec votre carte d’identité et son code.',
    },
    rejected: {
      title: 'La connexion avec MConnect a échoué',
      text: 'Nous n’avons pas pu vérifier la réponse de MConnect. Aucune connexion n’a été ouverte. Recommencez depuis la page de connexion.',
    },
    no_transaction: {
      title: 'La connexion avec MConnect a expiré',
      text: 'Cette connexion a expiré ou a déjà servi. Recommencez depuis la page de connexion.',
    },
    retry: 'Recommencer avec MConnect',
    passwordLogin: 'Me connecter avec mon identifiant',
  },
  firstLogin: {
    title: 'Première connexion avec MConnect',
    greeting: (name: string) => `Bonjour ${name}, c’est la première fois que vous utilisez MConnect sur MonGuichet.`,
    legend: 'Avez-vous déjà un compte MonGuichet ?',
    existing: 'J’ai déjà un compte MonGuichet',
    existingHint: 'Je l’associe à mon identité numérique et je garde l’historique de mes démarches.',
    create: 'Je n’ai pas encore de compte',
    createHint: 'Un compte est créé avec les informations de mon identité numérique.',
    continue: 'Continuer',
    cancel: 'Annuler',
    choiceRequired: 'Choisissez si vous avez déjà un compte MonGuichet.',
  },
  prove: {
    title: 'Associer mon compte MonGuichet',
    lead: 'Saisissez l’identifiant et le mot de passe de votre compte MonGuichet. Il ne sera associé qu’après votre confirmation.',
    submit: 'Vérifier mon compte',
  },
  confirm: {
    title: 'Confirmer l’association',
    identity: 'Identité numérique MConnect',
    account: 'Compte MonGuichet',
    text: 'Après l’association, vous pourrez vous connecter avec MConnect ou avec votre identifiant. Vos nom, prénom et date de naissance seront ceux de votre identité numérique.',
    submit: 'Associer mon compte',
  },
  create: {
    title: 'Créer mon compte avec MConnect',
    lead: 'Ces informations viennent de votre identité numérique et ne peuvent pas être modifiées ici.',
    name: 'Nom et prénom',
    birthDate: 'Date de naissance',
    email: 'Adresse e-mail',
    emailFromMconnect: (email: string) => `Votre adresse e-mail vérifiée par MConnect : ${email}`,
    emailLabel: 'Adresse e-mail',
    emailHint: 'Pour recevoir les messages de MonGuichet. Nous vous enverrons un lien pour la vérifier.',
    submit: 'Créer mon compte',
    incompleteTitle: 'Identité incomplète',
    incompleteText:
      'MConnect ne nous a pas transmis votre nom, votre prénom et votre date de naissance : nous ne pouvons pas créer votre compte ainsi. Créez un compte avec un identifiant et un mot de passe, ou contactez-nous.',
  },
  created: {
    title: 'Votre compte est créé',
    identifier: (identifier: string) => `Votre identifiant MonGuichet : ${identifier}`,
    withMconnect:
      'Pour vous connecter, choisissez « S’identifier avec MConnect » : aucun mot de passe n’est nécessaire. Vous pourrez en choisir un dans « Mon profil » si vous le souhaitez.',
    welcomeSent: (email: string) => `Nous vous avons envoyé un e-mail de bienvenue à ${email}.`,
    verifySent: (email: string) =>
      `Nous avons envoyé un lien à ${email} pour vérifier votre adresse : ouvrez-le avant de commencer une démarche.`,
    continue: 'Continuer',
  },
  welcomeMail: {
    subject: 'Bienvenue sur MonGuichet.mc : votre compte est créé',
    title: 'Votre compte est créé',
    text: (identifier: string) =>
      `Votre compte MonGuichet.mc a été créé avec votre identité numérique MConnect. Son identifiant est « ${identifier} ».`,
    howTo: 'Pour vous connecter, choisissez « S’identifier avec MConnect » : aucun mot de passe n’est nécessaire.',
    action: 'Voir mes démarches',
    notYou: 'Si vous n’avez pas créé ce compte, contactez-nous sans attendre.',
  },
  expired: {
    title: 'Cette étape a expiré',
    text: 'Elle n’était valable que 10 minutes, ou elle a déjà servi. Rien n’a été associé ni créé. Recommencez avec MConnect.',
  },
  refused: {
    identity_taken:
      'Cette identité numérique est déjà associée à un autre compte MonGuichet. Connectez-vous avec MConnect pour l’utiliser, ou contactez-nous.',
    account_has_identity:
      'Ce compte MonGuichet est déjà associé à une autre identité numérique. Contactez-nous si vous pensez que c’est une erreur.',
    not_proven: 'Vérifiez d’abord votre compte MonGuichet avec votre identifiant et votre mot de passe.',
    title: 'Association impossible',
  },
  linkedMail: {
    subject: 'Votre compte MonGuichet est associé à MConnect',
    title: 'Compte associé à votre identité numérique',
    text: (identifier: string) =>
      `Votre compte MonGuichet « ${identifier} » est désormais associé à une identité numérique MConnect.`,
    ifNotYou: 'Si ce n’était pas vous, contactez-nous sans attendre.',
    action: 'Obtenir de l’aide',
  },
  unlinkedMail: {
    subject: 'Votre compte MonGuichet n’est plus associé à MConnect',
    title: 'Identité numérique dissociée',
    text: (identifier: string) =>
      `Votre compte MonGuichet « ${identifier} » n’est plus associé à une identité numérique MConnect. Vous vous connectez avec votre identifiant et votre mot de passe.`,
    ifNotYou: 'Si ce n’était pas vous, contactez-nous sans attendre.',
    action: 'Obtenir de l’aide',
  },
  manage: {
    heading: 'Mon identité numérique MConnect',
    notLinked:
      'Votre compte n’est pas associé à MConnect. Associez-le pour vous connecter avec votre carte d’identité et son code.',
    linkedOn: (date: string) => `Votre compte est associé à MConnect depuis le ${date}.`,
    open: 'Gérer mon identité numérique',
    title: 'Mon identité numérique MConnect',
    linkLead: 'Confirmez votre mot de passe, puis identifiez-vous avec MConnect : votre compte y sera associé.',
    passwordLabel: 'Votre mot de passe actuel',
    linkSubmit: 'Associer mon identité numérique',
    unlinkLead:
      'Vous pouvez dissocier votre compte de MConnect : vous vous connecterez alors avec votre identifiant et votre mot de passe.',
    unlinkSubmit: 'Dissocier mon identité numérique',
    noPassword:
      'Votre compte n’a pas de mot de passe : MConnect est votre seul moyen de connexion. Choisissez d’abord un mot de passe pour pouvoir dissocier votre identité numérique.',
    linked: 'Votre compte est maintenant associé à votre identité numérique MConnect.',
    unlinked: 'Votre compte n’est plus associé à MConnect.',
  },
  assurance: {
    title: 'Identifiez-vous avec MConnect',
    text: 'Cette démarche demande une identification renforcée : identifiez-vous avec MConnect, votre carte d’identité et son code. Vous reviendrez ensuite à la démarche.',
  },
} as const;
