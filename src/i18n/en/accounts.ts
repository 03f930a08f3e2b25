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
      addressThrottled: (minutes: number) =>
        `Incorrect identifier or password. Many failed logins come from your network: try again in ${minutes} minute${minutes > 1 ? 's' : ''}. With the right password, you can log in right now.`,
    },
    lockMail: {
      subject: 'Logging in to your MonGuichet account is blocked for a few minutes',
      title: 'Several wrong passwords',
      text: (identifier: string) =>
        `Several wrong passwords were typed for your identifier “${identifier}”. To protect your account, we block logins for a few minutes.`,
      ifYou: 'If it was you, wait a few minutes and try again, or choose a new password.',
      ifNotYou:
        'If it was not you, your password was not found: nobody got into your account. To be safe, you can choose a new one.',
      action: 'Choose a new password',
    },
  },
  loggedOut: {
    title: 'You are logged out',
    text: 'Your MonGuichet session is closed on this device.',
    mconnectToo: 'You are logged out of MConnect too.',
    sharedComputer: 'On a shared computer (at home, in a public place), also close every window of the browser.',
    loginAgain: 'Log in again',
    home: 'Back to the home page',
  },
};
