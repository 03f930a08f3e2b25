/** English catalogue of the MConnect login, typed against the French one. */
import type { mconnect as frMconnect } from '../fr/mconnect.ts';
import type { Catalogue } from '../types.ts';

export const mconnect: Catalogue<typeof frMconnect> = {
  button: 'Sign in with MConnect',
  buttonAction: 'Sign in with',
  buttonName: 'MConnect',
  buttonActionAgain: 'Sign in again with',
  whatIs: 'What is MConnect?',
  buttonHint: 'MConnect is Monaco’s digital identity: your identity card and its code.',
  or: 'or with my MonGuichet identifier',
  failed: {
    cancelled: {
      title: 'Sign-in with MConnect cancelled',
      text: 'You cancelled the sign-in with MConnect. Your account has not changed.',
    },
    unavailable: {
      title: 'MConnect is not answering',
      text: 'The MConnect service is not answering at the moment. Try again in a few minutes, or log in with your identifier and password.',
    },
    acr_too_low: {
      title: 'Security level too low',
      text: 'This sign-in needs a safer MConnect identification than the one used, for example with your identity card and its code.',
    },
    rejected: {
      title: 'The sign-in with MConnect failed',
      text: 'We could not check MConnect’s answer. No session was opened. Start again from the login page.',
    },
    no_transaction: {
      title: 'The sign-in with MConnect has expired',
      text: 'This sign-in has expired or was already used. Start again from the login page.',
    },
    retry: 'Try MConnect again',
    passwordLogin: 'Log in with my identifier',
  },
  firstLogin: {
    title: 'First sign-in with MConnect',
    greeting: (name: string) => `Hello ${name}, this is the first time you use MConnect on MonGuichet.`,
    legend: 'Do you already have a MonGuichet account?',
    existing: 'I already have a MonGuichet account',
    existingHint: 'I link it to my digital identity and keep the history of my procedures.',
    create: 'I do not have an account yet',
    createHint: 'An account is created with the details of my digital identity.',
    continue: 'Continue',
    cancel: 'Cancel',
    choiceRequired: 'Choose whether you already have a MonGuichet account.',
  },
  prove: {
    title: 'Link my MonGuichet account',
    lead: 'Enter the identifier and password of your MonGuichet account. It will only be linked once you confirm.',
    submit: 'Check my account',
  },
  confirm: {
    title: 'Confirm the link',
    identity: 'MConnect digital identity',
    account: 'MonGuichet account',
    text: 'Once linked, you can log in with MConnect or with your identifier. Your names and date of birth will be those of your digital identity.',
    submit: 'Link my account',
  },
  create: {
    title: 'Create my account with MConnect',
    lead: 'These details come from your digital identity and cannot be changed here.',
    name: 'Name',
    birthDate: 'Date of birth',
    email: 'E-mail address',
    emailFromMconnect: (email: string) => `Your e-mail address verified by MConnect: ${email}`,
    emailLabel: 'E-mail address',
    emailHint: 'To receive MonGuichet’s messages. We will send you a link to verify it.',
    submit: 'Create my account',
    incompleteTitle: 'Incomplete identity',
    incompleteText:
      'MConnect did not send us your names and date of birth: we cannot create your account this way. Create an account with an identifier and a password, or contact us.',
  },
  created: {
    title: 'Your account is created',
    identifier: (identifier: string) => `Your MonGuichet identifier: ${identifier}`,
    withMconnect:
      'To log in, choose “Sign in with MConnect”: no password is needed. You can choose one in “My profile” if you wish.',
    welcomeSent: (email: string) => `We have sent a welcome e-mail to ${email}.`,
    verifySent: (email: string) =>
      `We have sent a link to ${email} to verify your address: open it before starting a procedure.`,
    continue: 'Continue',
  },
  welcomeMail: {
    subject: 'Welcome to MonGuichet.mc: your account is created',
    title: 'Your account is created',
    text: (identifier: string) =>
      `Your MonGuichet.mc account was created with your MConnect digital identity. Its identifier is “${identifier}”.`,
    howTo: 'To log in, choose “Sign in with MConnect”: no password is needed.',
    action: 'See my procedures',
    notYou: 'If you did not create this account, contact us at once.',
  },
  expired: {
    title: 'This step has expired',
    text: 'It was only valid for 10 minutes, or it was already used. Nothing was linked or created. Start again with MConnect.',
  },
  refused: {
    identity_taken:
      'This digital identity is already linked to another MonGuichet account. Sign in with MConnect to use it, or contact us.',
    account_has_identity:
      'This MonGuichet account is already linked to another digital identity. Contact us if you think this is a mistake.',
    not_proven: 'First check your MonGuichet account with your identifier and password.',
    title: 'Cannot link',
  },
  linkedMail: {
    subject: 'Your MonGuichet account is linked to MConnect',
    title: 'Account linked to your digital identity',
    text: (identifier: string) =>
      `Your MonGuichet account “${identifier}” is now linked to an MConnect digital identity.`,
    ifNotYou: 'If it was not you, contact us at once.',
    action: 'Get help',
  },
  unlinkedMail: {
    subject: 'Your MonGuichet account is no longer linked to MConnect',
    title: 'Digital identity unlinked',
    text: (identifier: string) =>
      `Your MonGuichet account “${identifier}” is no longer linked to an MConnect digital identity. You log in with your identifier and password.`,
    ifNotYou: 'If it was not you, contact us at once.',
    action: 'Get help',
  },
  manage: {
    heading: 'My MConnect digital identity',
    notLinked: 'Your account is not linked to MConnect. Link it to sign in with your identity card and its code.',
    linkedOn: (date: string) => `Your account has been linked to MConnect since ${date}.`,
    open: 'Manage my digital identity',
    title: 'My MConnect digital identity',
    linkLead: 'Confirm your password, then sign in with MConnect: your account will be linked to it.',
    passwordLabel: 'Your current password',
    linkSubmit: 'Link my digital identity',
    unlinkLead: 'You can unlink your account from MConnect: you will then log in with your identifier and password.',
    unlinkSubmit: 'Unlink my digital identity',
    noPassword:
      'Your account has no password: MConnect is your only way in. Choose a password first to be able to unlink your digital identity.',
    linked: 'Your account is now linked to your MConnect digital identity.',
    unlinked: 'Your account is no longer linked to MConnect.',
  },
  assurance: {
    title: 'Sign in with MConnect',
    text: 'This procedure needs a stronger identification: sign in with MConnect, your identity card and its code. You will then come back to the procedure.',
  },
};
