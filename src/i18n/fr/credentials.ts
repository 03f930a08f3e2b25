/**
 * French catalogue of the identifier and password rules (sign-up, password change and reset):
 * the explanation shown before the user types, and one message per reason code of
 * src/features/accounts/credentials.ts (`too_short` → `tooShort`, and so on).
 * Plain spaces before « : ; ? ! » and after «: the catalogue is typeset when it is loaded.
 */
export const credentials = {
  intro:
    'Vous vous connecterez avec un identifiant et un mot de passe. Votre identifiant est différent de votre adresse e-mail.',
  identifier: {
    label: 'Identifiant',
    rules: (min: number, max: number) =>
      `De ${min} à ${max} caractères : lettres sans accent, chiffres, point (.), tiret (-) ou tiret bas (_), sans espace. Une adresse e-mail ne peut pas servir d’identifiant.`,
    caseNote:
      'Majuscules et minuscules ne font pas de différence : « Jean.Dupont » et « jean.dupont » sont le même identifiant.',
    suggestions: 'Ces identifiants sont libres, vous pouvez en choisir un :',
    errors: {
      required: 'Choisissez un identifiant.',
      tooShort: (min: number) => `Votre identifiant doit contenir au moins ${min} caractères.`,
      tooLong: (max: number) => `Votre identifiant doit contenir au plus ${max} caractères.`,
      invalidCharacters:
        'Votre identifiant ne peut contenir que des lettres sans accent (de a à z), des chiffres, des points, des tirets et des tirets bas, sans espace.',
      looksLikeEmail:
        'Votre identifiant ne peut pas être une adresse e-mail. Choisissez plutôt un nom, par exemple « marie.rossi ».',
      unavailable: 'Cet identifiant n’est pas disponible. Choisissez-en un autre.',
    },
  },
  password: {
    label: 'Mot de passe',
    rules: (min: number, max: number) =>
      `Au moins ${min} caractères, et ${max} au plus. Tous les caractères sont permis, espaces et accents compris, et aucun n’est obligatoire : ni majuscule, ni chiffre, ni symbole.`,
    advice:
      'Une phrase de quelques mots est plus facile à retenir, par exemple « quatre mots pris au hasard ». Évitez votre identifiant, votre nom, votre adresse e-mail et les mots de passe que vous utilisez déjà ailleurs.',
    managers: 'Vous pouvez coller votre mot de passe ou le faire remplir par un gestionnaire de mots de passe.',
    errors: {
      required: 'Choisissez un mot de passe.',
      tooShort: (min: number) =>
        `Votre mot de passe doit contenir au moins ${min} caractères. Une phrase de quelques mots est plus facile à retenir, par exemple « quatre mots pris au hasard ».`,
      tooLong: (max: number) => `Votre mot de passe doit contenir au plus ${max} caractères.`,
      common:
        'Ce mot de passe fait partie des plus utilisés : il serait parmi les premiers essayés par quelqu’un qui cherche à entrer dans votre compte. Choisissez-en un autre.',
      containsIdentifier: 'Votre mot de passe ne doit pas contenir votre identifiant.',
      containsEmail: 'Votre mot de passe ne doit pas contenir votre adresse e-mail.',
      containsName: 'Votre mot de passe ne doit contenir ni votre prénom ni votre nom.',
    },
  },
} as const;
