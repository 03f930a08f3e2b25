/** English catalogue of the account pages, typed against the French one. */
import type { accounts as frAccounts } from '../fr/accounts.ts';
import type { Catalogue } from '../types.ts';

export const accounts: Catalogue<typeof frAccounts> = {
  login: {
    title: 'Log in',
    lead: 'Log in to reach your online procedures.',
    passwordHeading: 'With my MonGuichet account',
    identifierLabel: 'Identifier',
    identifierHint: 'Your identifier is not your e-mail address.',
    passwordLabel: 'Password',
    submit: 'Log me in',
    forgottenIdentifier: 'Forgotten identifier',
    forgottenPassword: 'Forgotten password',
    noAccountHeading: 'No account yet?',
    createAccount: 'Create my account',
    returnNote: 'Once logged in, you will come back to the page you asked for.',
    errors: {
      identifierRequired: 'Enter your identifier.',
      passwordRequired: 'Enter your password.',
      invalid: 'Incorrect identifier or password.',
      throttled: (minutes: number) =>
        `Too many login attempts. To protect your account, try again in ${minutes} minute${minutes > 1 ? 's' : ''}. If you have forgotten your password, use “Forgotten password”.`,
    },
  },
};
