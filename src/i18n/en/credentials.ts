/** English catalogue of the identifier and password rules, typed against the French one. */
import type { credentials as frCredentials } from '../fr/credentials.ts';
import type { Catalogue } from '../types.ts';

export const credentials: Catalogue<typeof frCredentials> = {
  intro: 'You will log in with an identifier and a password. Your identifier is not your e-mail address.',
  identifier: {
    label: 'Identifier',
    rules: (min: number, max: number) =>
      `${min} to ${max} characters: letters without accents, digits, full stop (.), hyphen (-) or underscore (_), and no spaces. An e-mail address cannot be used as an identifier.`,
    caseNote: 'Capital and small letters make no difference: “Jean.Dupont” and “jean.dupont” are the same identifier.',
    suggestions: 'These identifiers are free, you can pick one:',
    errors: {
      required: 'Choose an identifier.',
      tooShort: (min: number) => `Your identifier must be at least ${min} characters long.`,
      tooLong: (max: number) => `Your identifier must be at most ${max} characters long.`,
      invalidCharacters:
        'Your identifier can only contain letters without accents (a to z), digits, full stops, hyphens and underscores, and no spaces.',
      looksLikeEmail: 'Your identifier cannot be an e-mail address. Choose a name instead, for example “marie.rossi”.',
      unavailable: 'This identifier is not available. Please choose another one.',
    },
  },
  password: {
    label: 'Password',
    rules: (min: number, max: number) =>
      `At least ${min} characters, and at most ${max}. Any character is allowed, including spaces and accents, and none is required: no capital letter, digit or symbol needed.`,
    advice:
      'A sentence of a few words is easier to remember, for example “four random words put together”. Avoid your identifier, your name, your e-mail address and passwords you already use elsewhere.',
    managers: 'You can paste your password or let a password manager fill it in.',
    errors: {
      required: 'Choose a password.',
      tooShort: (min: number) =>
        `Your password must be at least ${min} characters long. A sentence of a few words is easier to remember, for example “four random words put together”.`,
      tooLong: (max: number) => `Your password must be at most ${max} characters long.`,
      common:
        'This password is one of the most widely used: it would be among the first tried by someone trying to get into your account. Please choose another one.',
      containsIdentifier: 'Your password must not contain your identifier.',
      containsEmail: 'Your password must not contain your e-mail address.',
      containsName: 'Your password must not contain your first name or last name.',
    },
  },
};
