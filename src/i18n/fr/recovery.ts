/**
 * French catalogue of "Identifiant oublié" and "Mot de passe oublié": the forms, the neutral
 * confirmation pages (the same whether or not an account matches), the reset page and the e-mails.
 * Plain spaces before « : ; ? ! » and after «: the catalogue is typeset when it is loaded.
 */
export const recovery = {
  identifier: {
    title: 'Identifiant oublié',
    lead: 'Saisissez l’adresse e-mail de votre compte : nous vous enverrons par e-mail le ou les identifiants qui l’utilisent.',
    emailLabel: 'Adresse e-mail',
    emailHint: 'L’adresse que vous avez donnée en créant votre compte.',
    submit: 'Recevoir mon identifiant',
    errors: {
      emailRequired: 'Saisissez votre adresse e-mail.',
      emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.',
      emailTooLong: (max: number) => `Votre adresse e-mail doit contenir au plus ${max} caractères.`,
    },
    sentTitle: 'Vérifiez vos e-mails',
    sentText:
      'Si un ou plusieurs comptes MonGuichet utilisent cette adresse e-mail, nous venons d’y envoyer un message qui rappelle le ou les identifiants correspondants.',
    sentDelay: 'Le message peut mettre quelques minutes à arriver. Pensez à regarder dans vos courriers indésirables.',
    sentNone:
      'Si vous ne recevez rien, cette adresse n’est peut-être pas celle de votre compte : essayez une autre adresse ou contactez-nous.',
    mail: {
      subject: 'Votre identifiant MonGuichet',
      title: 'Votre identifiant MonGuichet',
      one: 'Voici l’identifiant du compte MonGuichet qui utilise cette adresse e-mail :',
      several: 'Voici les identifiants des comptes MonGuichet qui utilisent cette adresse e-mail :',
      action: 'Se connecter',
      forgottenPassword:
        'Si vous avez aussi oublié votre mot de passe, choisissez « Mot de passe oublié » sur la page de connexion.',
      notYou: 'Si vous n’avez rien demandé, vous pouvez ignorer ce message : votre compte n’a pas changé.',
    },
  },
  password: {
    title: 'Mot de passe oublié',
    lead: 'Saisissez votre identifiant : nous vous enverrons par e-mail un lien pour choisir un nouveau mot de passe.',
    identifierLabel: 'Identifiant',
    identifierHint: 'Votre identifiant n’est pas votre adresse e-mail.',
    forgottenIdentifier: 'J’ai aussi oublié mon identifiant',
    submit: 'Recevoir un lien',
    errors: {
      identifierRequired: 'Saisissez votre identifiant.',
      identifierTooLong: (max: number) => `Votre identifiant contient au plus ${max} caractères.`,
      identifierIsEmail:
        'Saisissez votre identifiant, pas votre adresse e-mail. Si vous l’avez oublié, utilisez « Identifiant oublié ».',
    },
    sentTitle: 'Vérifiez vos e-mails',
    sentText:
      'Si un compte MonGuichet correspond à cet identifiant, nous venons d’envoyer à son adresse e-mail un lien pour choisir un nouveau mot de passe.',
    sentValidity: 'Le lien est valable une heure et ne sert qu’une fois. Seul le dernier lien demandé fonctionne.',
    sentDelay: 'Le message peut mettre quelques minutes à arriver. Pensez à regarder dans vos courriers indésirables.',
    mail: {
      subject: 'Choisir un nouveau mot de passe MonGuichet',
      title: 'Choisir un nouveau mot de passe',
      text: (identifier: string) =>
        `Vous avez demandé à choisir un nouveau mot de passe pour votre compte MonGuichet « ${identifier} ».`,
      action: 'Choisir un nouveau mot de passe',
      validity: 'Ce lien est valable une heure et ne sert qu’une fois.',
      notYou: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
    },
  },
  reset: {
    title: 'Choisir un nouveau mot de passe',
    lead: (identifier: string) => `Pour le compte « ${identifier} ».`,
    passwordLabel: 'Nouveau mot de passe',
    confirmationLabel: 'Confirmez le nouveau mot de passe',
    sessionsNote: 'Une fois le mot de passe changé, toutes les connexions ouvertes à votre compte seront fermées.',
    submit: 'Enregistrer le nouveau mot de passe',
    errors: {
      confirmationRequired: 'Saisissez une deuxième fois votre nouveau mot de passe.',
      mismatch: 'Les deux mots de passe ne sont pas identiques.',
    },
    expiredTitle: 'Lien expiré ou déjà utilisé',
    expiredText:
      'Ce lien ne permet plus de choisir un mot de passe : il a plus d’une heure, il a déjà servi, ou un lien plus récent l’a remplacé.',
    expiredAction: 'Demander un nouveau lien',
    doneTitle: 'Votre mot de passe a été changé',
    doneText:
      'Vous pouvez maintenant vous connecter avec votre nouveau mot de passe. Toutes les connexions ouvertes à votre compte ont été fermées.',
    doneAction: 'Se connecter',
    mail: {
      subject: 'Votre mot de passe MonGuichet a été changé',
      title: 'Votre mot de passe a été changé',
      text: (identifier: string) => `Le mot de passe de votre compte MonGuichet « ${identifier} » vient d’être changé.`,
      sessions: 'Toutes les connexions ouvertes à votre compte ont été fermées.',
      ifYou: 'Si c’était vous, vous n’avez rien à faire.',
      ifNotYou:
        'Si ce n’était pas vous, quelqu’un a peut-être accès à votre messagerie : changez son mot de passe, puis choisissez un nouveau mot de passe MonGuichet et contactez-nous.',
      action: 'Choisir un nouveau mot de passe',
    },
  },
} as const;
