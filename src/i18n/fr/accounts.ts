/** French catalogue of the account pages: login, and (as they come) sign-up, recovery, profile. */
export const accounts = {
  login: {
    title: 'Se connecter',
    lead: 'Connectez-vous pour accéder à vos démarches en ligne.',
    passwordHeading: 'Avec mon compte MonGuichet',
    identifierLabel: 'Identifiant',
    identifierHint: 'Votre identifiant n’est pas votre adresse e-mail.',
    passwordLabel: 'Mot de passe',
    submit: 'Me connecter',
    forgottenIdentifier: 'Identifiant oublié',
    forgottenPassword: 'Mot de passe oublié',
    noAccountHeading: 'Vous n’avez pas encore de compte ?',
    createAccount: 'Créer mon compte',
    returnNote: 'Une fois connecté, vous reviendrez à la page que vous avez demandée.',
    errors: {
      identifierRequired: 'Saisissez votre identifiant.',
      passwordRequired: 'Saisissez votre mot de passe.',
      invalid: 'Identifiant ou mot de passe incorrect.',
      throttled: (minutes: number) =>
        `Trop de tentatives de connexion. Pour protéger votre compte, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}. Si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié ».`,
      addressThrottled: (minutes: number) =>
        `Identifiant ou mot de passe incorrect. Beaucoup d’échecs de connexion viennent de votre réseau : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}. Avec le bon mot de passe, vous pouvez vous connecter dès maintenant.`,
    },
    lockMail: {
      subject: 'Connexion à votre compte MonGuichet bloquée pour quelques minutes',
      title: 'Plusieurs mots de passe incorrects',
      text: (identifier: string) =>
        `Plusieurs mots de passe incorrects ont été saisis pour votre identifiant « ${identifier} ». Pour protéger votre compte, nous bloquons les connexions pendant quelques minutes.`,
      ifYou: 'Si c’était vous, patientez quelques minutes puis réessayez, ou choisissez un nouveau mot de passe.',
      ifNotYou:
        'Si ce n’était pas vous, votre mot de passe n’a pas été trouvé : personne n’est entré dans votre compte. Par précaution, vous pouvez en choisir un nouveau.',
      action: 'Choisir un nouveau mot de passe',
    },
  },
  loggedOut: {
    title: 'Vous êtes déconnecté(e)',
    text: 'Votre session MonGuichet est fermée sur cet appareil.',
    mconnectToo: 'Vous êtes aussi déconnecté(e) de MConnect.',
    sharedComputer:
      'Sur un ordinateur partagé (en famille, dans un lieu public), fermez aussi toutes les fenêtres du navigateur.',
    loginAgain: 'Me reconnecter',
    home: 'Retour à l’accueil',
  },
} as const;
