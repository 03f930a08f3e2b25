/** English catalogue of "Forgotten identifier" and "Forgotten password", typed against the French one. */
import type { recovery as frRecovery } from '../fr/recovery.ts';
import type { Catalogue } from '../types.ts';

export const recovery: Catalogue<typeof frRecovery> = {
  identifier: {
    title: 'Forgotten identifier',
    lead: 'Enter the e-mail address of your account: we will e-mail you the identifier or identifiers that use it.',
    emailLabel: 'E-mail address',
    emailHint: 'The address you gave when you created your account.',
    submit: 'Send me my identifier',
    errors: {
      emailRequired: 'Enter your e-mail address.',
      emailInvalid: 'Enter a valid e-mail address, for example name@example.mc.',
      emailTooLong: (max: number) => `Your e-mail address must be at most ${max} characters long.`,
    },
    sentTitle: 'Check your e-mails',
    sentText:
      'If one or more MonGuichet accounts use this e-mail address, we have just sent it a message with the matching identifier or identifiers.',
    sentDelay: 'The message may take a few minutes to arrive. Remember to look in your spam folder.',
    sentNone: 'If you receive nothing, this may not be the address of your account: try another address or contact us.',
    mail: {
      subject: 'Your MonGuichet identifier',
      title: 'Your MonGuichet identifier',
      one: 'Here is the identifier of the MonGuichet account that uses this e-mail address:',
      several: 'Here are the identifiers of the MonGuichet accounts that use this e-mail address:',
      action: 'Log in',
      forgottenPassword: 'If you have also forgotten your password, choose “Forgotten password” on the login page.',
      notYou: 'If you did not ask for this, you can ignore this message: your account has not changed.',
    },
  },
  password: {
    title: 'Forgotten password',
    lead: 'Enter your identifier: we will e-mail you a link to choose a new password.',
    identifierLabel: 'Identifier',
    identifierHint: 'Your identifier is not your e-mail address.',
    forgottenIdentifier: 'I have also forgotten my identifier',
    submit: 'Send me a link',
    errors: {
      identifierRequired: 'Enter your identifier.',
      identifierTooLong: (max: number) => `Your identifier is at most ${max} characters long.`,
      identifierIsEmail:
        'Enter your identifier, not your e-mail address. If you have forgotten it, use “Forgotten identifier”.',
    },
    sentTitle: 'Check your e-mails',
    sentText:
      'If a MonGuichet account matches this identifier, we have just sent a link to its e-mail address to choose a new password.',
    sentValidity: 'The link is valid for one hour and works only once. Only the latest link requested works.',
    sentDelay: 'The message may take a few minutes to arrive. Remember to look in your spam folder.',
    mail: {
      subject: 'Choose a new MonGuichet password',
      title: 'Choose a new password',
      text: (identifier: string) => `You asked to choose a new password for your MonGuichet account “${identifier}”.`,
      action: 'Choose a new password',
      validity: 'This link is valid for one hour and works only once.',
      notYou: 'If you did not ask for this, ignore this message: your password does not change.',
    },
  },
  reset: {
    title: 'Choose a new password',
    lead: (identifier: string) => `For the account “${identifier}”.`,
    passwordLabel: 'New password',
    confirmationLabel: 'Confirm the new password',
    sessionsNote: 'Once the password is changed, every open session of your account will be ended.',
    submit: 'Save the new password',
    errors: {
      confirmationRequired: 'Enter your new password a second time.',
      mismatch: 'The two passwords are not the same.',
    },
    expiredTitle: 'Link expired or already used',
    expiredText:
      'This link can no longer be used to choose a password: it is more than one hour old, it has already been used, or a newer link replaced it.',
    expiredAction: 'Ask for a new link',
    doneTitle: 'Your password has been changed',
    doneText: 'You can now log in with your new password. Every open session of your account has been ended.',
    doneAction: 'Log in',
    mail: {
      subject: 'Your MonGuichet password has been changed',
      title: 'Your password has been changed',
      text: (identifier: string) => `The password of your MonGuichet account “${identifier}” has just been changed.`,
      sessions: 'Every open session of your account has been ended.',
      ifYou: 'If it was you, there is nothing to do.',
      ifNotYou:
        'If it was not you, someone may have access to your mailbox: change its password, then choose a new MonGuichet password and contact us.',
      action: 'Choose a new password',
    },
  },
};
