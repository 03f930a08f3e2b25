/** French catalogue of "Mon profil". */
export const profile = {
  title: 'Mon profil',
  lead: 'Vos informations personnelles, vos appareils connectés et vos données.',
  identityHeading: 'Mes informations',
  identifier: 'Identifiant',
  accountKind: 'Type de compte',
  kinds: { particulier: 'Particulier', professionnel: 'Professionnel' },
  civility: 'Civilité',
  civilities: { madame: 'Madame', monsieur: 'Monsieur' },
  name: 'Nom et prénom',
  birthDate: 'Date de naissance',
  email: 'Adresse e-mail',
  emailVerified: 'vérifiée',
  emailNotVerified: 'pas encore vérifiée',
  phone: 'Téléphone',
  company: 'Entreprise',
  companyNumbers: 'RCI / NIS',
  notGiven: 'Non renseigné',
  languageHeading: 'Langue de mes e-mails',
  languageLegend: 'Les e-mails de MonGuichet.mc vous sont écrits en',
  languageSave: 'Enregistrer la langue',
  languageSaved: 'La langue de vos e-mails est enregistrée.',
  sessionsHeading: 'Mes appareils connectés',
  sessionsCaption: 'Les appareils où votre compte est connecté',
  sessionSince: 'Connecté depuis',
  sessionLastSeen: 'Dernière activité',
  thisDevice: 'Cet appareil',
  unknownDevice: 'Appareil inconnu',
  endOthers: 'Déconnecter mes autres appareils',
  othersEnded: (count: number) =>
    count === 0
      ? 'Aucun autre appareil n’était connecté.'
      : count === 1
        ? 'Un autre appareil a été déconnecté.'
        : `${count} autres appareils ont été déconnectés.`,
  dataHeading: 'Mes données',
  dataText:
    'Téléchargez toutes les informations que MonGuichet.mc garde sur votre compte, dans un fichier lisible par un ordinateur (JSON).',
  dataDownload: 'Télécharger mes données',
  errors: {
    language: 'Choisissez la langue de vos e-mails.',
  },
  notices: {
    details: 'Vos informations sont enregistrées.',
    emailSent: (email: string) =>
      `Nous avons envoyé un lien à ${email}. Cliquez dessus dans les 24 heures pour que cette adresse remplace l’actuelle. D’ici là, rien ne change.`,
    emailCancelled: 'Le changement d’adresse e-mail est annulé.',
    password: 'Votre mot de passe est changé. Vos autres appareils ont été déconnectés.',
  },
  actions: {
    editDetails: 'Modifier mes informations',
    changeEmail: 'Changer mon adresse e-mail',
    changePassword: 'Changer mon mot de passe',
    closeAccount: 'Fermer mon compte',
    back: 'Retour à mon profil',
    cancel: 'Annuler',
  },
  pendingEmail: (email: string) =>
    `En attente de confirmation : ${email}. Le lien envoyé à cette adresse est valable 24 heures.`,
  cancelEmailChange: 'Annuler ce changement',
  securityHeading: 'Sécurité de mon compte',
  passwordChangedOn: (date: string) => `Mot de passe changé le ${date}.`,
  closeHeading: 'Fermer mon compte',
  closeIntro: 'Vous pouvez fermer votre compte à tout moment.',
  detailsEdit: {
    lockedByMconnect:
      'Vos nom, prénom et date de naissance viennent de votre identité numérique MConnect : ils se mettent à jour à chaque connexion avec MConnect.',
    title: 'Modifier mes informations',
    lead: 'Votre identifiant et votre adresse e-mail se changent ailleurs dans « Mon profil ».',
    submit: 'Enregistrer mes informations',
  },
  emailChange: {
    title: 'Changer mon adresse e-mail',
    lead: 'Nous enverrons un lien à la nouvelle adresse : elle ne remplacera l’actuelle que lorsque vous aurez cliqué dessus. Nous prévenons aussi votre adresse actuelle.',
    current: (email: string) => `Adresse actuelle : ${email}`,
    newLabel: 'Nouvelle adresse e-mail',
    passwordLabel: 'Votre mot de passe actuel',
    passwordHint: 'Pour vérifier que c’est bien vous.',
    submit: 'Recevoir le lien de confirmation',
    errors: {
      same: 'C’est déjà l’adresse de votre compte. Saisissez une autre adresse.',
    },
    confirmTitle: 'Confirmer ma nouvelle adresse e-mail',
    confirmText: (email: string) => `L’adresse ${email} va remplacer celle de votre compte MonGuichet.`,
    confirmSubmit: 'Confirmer cette adresse',
    doneTitle: 'Adresse e-mail changée',
    doneText:
      'Votre compte MonGuichet utilise désormais votre nouvelle adresse e-mail. Votre ancienne adresse a reçu un message qui le confirme.',
    doneAction: 'Aller à mon profil',
    failedTitle: 'Ce lien ne fonctionne pas',
    failedText: {
      unknown: 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse complète du lien reçu par e-mail.',
      used: 'Ce lien a déjà servi, ou un lien plus récent l’a remplacé, ou le changement a été annulé.',
      expired: 'Ce lien a expiré : il n’était valable que 24 heures.',
    },
    failedAction: 'Demander un nouveau lien depuis « Mon profil »',
    mailNew: {
      subject: 'Confirmez votre nouvelle adresse e-mail MonGuichet',
      title: 'Confirmez votre nouvelle adresse e-mail',
      text: (identifier: string) =>
        `Vous avez demandé que cette adresse devienne celle de votre compte MonGuichet « ${identifier} ». Confirmez-le en cliquant sur le lien ci-dessous.`,
      action: 'Confirmer cette adresse',
      validity: 'Ce lien est valable 24 heures et ne sert qu’une fois.',
      notYou: 'Si vous n’avez rien demandé, ignorez ce message : rien ne change.',
    },
    mailOld: {
      subject: 'Changement d’adresse e-mail demandé sur MonGuichet',
      title: 'Changement d’adresse e-mail demandé',
      text: (identifier: string, masked: string) =>
        `Quelqu’un connecté à votre compte MonGuichet « ${identifier} » a demandé à remplacer cette adresse par ${masked}. Le changement n’aura lieu que si la nouvelle adresse est confirmée.`,
      ifYou: 'Si c’était vous, vous n’avez rien à faire.',
      ifNotYou:
        'Si ce n’était pas vous, connectez-vous, annulez le changement dans « Mon profil » et changez votre mot de passe, ou choisissez « Mot de passe oublié » ; puis contactez-nous.',
      action: 'Aller à mon profil',
    },
    mailChanged: {
      subject: 'L’adresse e-mail de votre compte MonGuichet a changé',
      title: 'Adresse e-mail changée',
      text: (identifier: string, masked: string) =>
        `Votre compte MonGuichet « ${identifier} » utilise désormais l’adresse ${masked}. Cette adresse-ci ne recevra plus ses messages.`,
      ifNotYou:
        'Si ce n’était pas vous, contactez-nous sans attendre en répondant à ce message ou depuis la page d’aide.',
      action: 'Obtenir de l’aide',
    },
  },
  passwordChange: {
    reauthText: 'Pour votre sécurité, identifiez-vous à nouveau avec MConnect avant de choisir votre mot de passe.',
    firstTitle: 'Choisir un mot de passe',
    firstLead:
      'Votre compte a été créé avec MConnect. Un mot de passe vous permettra aussi de vous connecter avec votre identifiant.',
    title: 'Changer mon mot de passe',
    lead: 'Votre nouveau mot de passe servira dès maintenant. Vos autres appareils seront déconnectés.',
    currentLabel: 'Mot de passe actuel',
    newLabel: 'Nouveau mot de passe',
    confirmationLabel: 'Confirmez le nouveau mot de passe',
    submit: 'Changer mon mot de passe',
    errors: {
      same: 'Votre nouveau mot de passe doit être différent de l’actuel.',
      confirmationRequired: 'Saisissez à nouveau le nouveau mot de passe.',
      mismatch: 'Les deux mots de passe ne sont pas identiques.',
    },
    mail: {
      subject: 'Votre mot de passe MonGuichet a été changé',
      title: 'Votre mot de passe a été changé',
      text: (identifier: string) =>
        `Le mot de passe de votre compte MonGuichet « ${identifier} » vient d’être changé depuis « Mon profil ».`,
      sessions: 'Vos autres appareils ont été déconnectés.',
      ifYou: 'Si c’était vous, vous n’avez rien à faire.',
      ifNotYou:
        'Si ce n’était pas vous, choisissez tout de suite un nouveau mot de passe avec « Mot de passe oublié », puis contactez-nous.',
      action: 'Choisir un nouveau mot de passe',
    },
  },
  reauth: {
    required: 'Saisissez votre mot de passe actuel.',
    wrong: 'Le mot de passe saisi n’est pas celui de votre compte.',
    throttled: (minutes: number) =>
      `Trop d’essais de mot de passe. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou choisissez « Mot de passe oublié ».`,
  },
  close: {
    title: 'Fermer mon compte',
    lead: 'Fermer votre compte est définitif : vous ne pourrez plus vous connecter avec cet identifiant.',
    deletedHeading: 'Ce qui est effacé',
    deleted: [
      'vos nom, prénom, civilité, date de naissance, téléphone, adresse e-mail et, pour un professionnel, les informations de votre entreprise ;',
      'votre identifiant et votre mot de passe ;',
      'vos connexions ouvertes et vos liens en attente.',
    ],
    keptHeading: 'Ce qui est gardé',
    kept: 'Les dossiers de vos démarches (par exemple les paiements de cantine) sont gardés le temps que la loi l’exige, sans votre nom : ils restent rattachés à un compte fermé et anonyme. Le journal de sécurité de votre compte est gardé pour la même raison.',
    exportAdvice: 'Avant de fermer votre compte, vous pouvez télécharger vos données.',
    passwordLabel: 'Votre mot de passe',
    confirmLabel: 'Je comprends que la fermeture de mon compte est définitive',
    submit: 'Fermer définitivement mon compte',
    errors: {
      confirmRequired: 'Pour fermer votre compte, cochez la case de confirmation.',
      dossiersInProgress: (count: number) =>
        count === 1
          ? 'Une de vos démarches est en cours : attendez qu’elle soit terminée avant de fermer votre compte.'
          : `${count} de vos démarches sont en cours : attendez qu’elles soient terminées avant de fermer votre compte.`,
    },
    doneTitle: 'Votre compte est fermé',
    doneText:
      'Votre compte MonGuichet est fermé et vos informations personnelles sont effacées. Un dernier e-mail vous le confirme.',
    doneAction: 'Aller à l’accueil',
    mail: {
      subject: 'Votre compte MonGuichet est fermé',
      title: 'Votre compte est fermé',
      text: (identifier: string) =>
        `Votre compte MonGuichet « ${identifier} » a été fermé à votre demande. Vos informations personnelles sont effacées.`,
      kept: 'Les dossiers de vos démarches sont gardés sans votre nom le temps que la loi l’exige.',
      ifNotYou: 'Si ce n’était pas vous, contactez-nous sans attendre.',
      action: 'Obtenir de l’aide',
    },
  },
} as const;
