/** English catalogue of "My profile", typed against the French one. */
import type { profile as frProfile } from '../fr/profile.ts';
import type { Catalogue } from '../types.ts';

export const profile: Catalogue<typeof frProfile> = {
  title: 'My profile',
  lead: 'Your personal details, your signed-in devices and your data.',
  identityHeading: 'My details',
  identifier: 'Identifier',
  accountKind: 'Account type',
  kinds: { particulier: 'Individual', professionnel: 'Professional' },
  civility: 'Title',
  civilities: { madame: 'Mrs', monsieur: 'Mr' },
  name: 'Name',
  birthDate: 'Date of birth',
  email: 'E-mail address',
  emailVerified: 'verified',
  emailNotVerified: 'not verified yet',
  phone: 'Phone',
  company: 'Company',
  companyNumbers: 'RCI / NIS',
  notGiven: 'Not given',
  languageHeading: 'Language of my e-mails',
  languageLegend: 'MonGuichet.mc writes to you in',
  languageSave: 'Save the language',
  languageSaved: 'The language of your e-mails is saved.',
  sessionsHeading: 'My signed-in devices',
  sessionsCaption: 'The devices where your account is signed in',
  sessionSince: 'Signed in since',
  sessionLastSeen: 'Last activity',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  endOthers: 'Log out my other devices',
  othersEnded: (count: number) =>
    count === 0
      ? 'No other device was signed in.'
      : count === 1
        ? 'One other device was logged out.'
        : `${count} other devices were logged out.`,
  dataHeading: 'My data',
  dataText: 'Download all the information MonGuichet.mc keeps about your account, in a machine-readable file (JSON).',
  dataDownload: 'Download my data',
  errors: {
    language: 'Choose the language of your e-mails.',
  },
  notices: {
    details: 'Your details are saved.',
    emailSent: (email: string) =>
      `We have sent a link to ${email}. Click it within 24 hours for this address to replace your current one. Until then, nothing changes.`,
    emailCancelled: 'The change of e-mail address is cancelled.',
    password: 'Your password is changed. Your other devices have been signed out.',
  },
  actions: {
    editDetails: 'Change my details',
    changeEmail: 'Change my e-mail address',
    changePassword: 'Change my password',
    closeAccount: 'Close my account',
    back: 'Back to my profile',
    cancel: 'Cancel',
  },
  pendingEmail: (email: string) =>
    `Waiting for confirmation: ${email}. The link sent to this address is valid for 24 hours.`,
  cancelEmailChange: 'Cancel this change',
  securityHeading: 'My account’s security',
  passwordChangedOn: (date: string) => `Password changed on ${date}.`,
  closeHeading: 'Close my account',
  closeIntro: 'You can close your account at any time.',
  detailsEdit: {
    lockedByMconnect:
      'Your names and date of birth come from your MConnect digital identity: they are updated at each sign-in with MConnect.',
    title: 'Change my details',
    lead: 'Your identifier and e-mail address are changed elsewhere in “My profile”.',
    submit: 'Save my details',
  },
  emailChange: {
    title: 'Change my e-mail address',
    lead: 'We will send a link to the new address: it will only replace your current one once you click it. We also let your current address know.',
    current: (email: string) => `Current address: ${email}`,
    newLabel: 'New e-mail address',
    passwordLabel: 'Your current password',
    passwordHint: 'To check that it is you.',
    submit: 'Get the confirmation link',
    errors: {
      same: 'This is already your account’s address. Enter another address.',
    },
    confirmTitle: 'Confirm my new e-mail address',
    confirmText: (email: string) => `The address ${email} will replace the one of your MonGuichet account.`,
    confirmSubmit: 'Confirm this address',
    doneTitle: 'E-mail address changed',
    doneText:
      'Your MonGuichet account now uses your new e-mail address. Your previous address has received a message that confirms it.',
    doneAction: 'Go to my profile',
    failedTitle: 'This link does not work',
    failedText: {
      unknown: 'This link is not valid. Check that you copied the whole address of the link you received by e-mail.',
      used: 'This link has already been used, or a newer link replaced it, or the change was cancelled.',
      expired: 'This link has expired: it was only valid for 24 hours.',
    },
    failedAction: 'Ask for a new link from “My profile”',
    mailNew: {
      subject: 'Confirm your new MonGuichet e-mail address',
      title: 'Confirm your new e-mail address',
      text: (identifier: string) =>
        `You asked for this address to become the one of your MonGuichet account “${identifier}”. Confirm it by clicking the link below.`,
      action: 'Confirm this address',
      validity: 'This link is valid for 24 hours and works once.',
      notYou: 'If you did not ask for anything, ignore this message: nothing changes.',
    },
    mailOld: {
      subject: 'E-mail address change requested on MonGuichet',
      title: 'E-mail address change requested',
      text: (identifier: string, masked: string) =>
        `Someone signed in to your MonGuichet account “${identifier}” asked to replace this address with ${masked}. The change only happens if the new address is confirmed.`,
      ifYou: 'If it was you, there is nothing to do.',
      ifNotYou:
        'If it was not you, sign in, cancel the change in “My profile” and change your password, or choose “Forgotten password”; then contact us.',
      action: 'Go to my profile',
    },
    mailChanged: {
      subject: 'The e-mail address of your MonGuichet account has changed',
      title: 'E-mail address changed',
      text: (identifier: string, masked: string) =>
        `Your MonGuichet account “${identifier}” now uses the address ${masked}. This address will no longer receive its messages.`,
      ifNotYou: 'If it was not you, contact us at once by replying to this message or from the help page.',
      action: 'Get help',
    },
  },
  passwordChange: {
    reauthText: 'For your security, sign in again with MConnect before choosing your password.',
    firstTitle: 'Choose a password',
    firstLead: 'Your account was created with MConnect. A password will also let you log in with your identifier.',
    title: 'Change my password',
    lead: 'Your new password works from now on. Your other devices will be signed out.',
    currentLabel: 'Current password',
    newLabel: 'New password',
    confirmationLabel: 'Confirm the new password',
    submit: 'Change my password',
    errors: {
      same: 'Your new password must be different from the current one.',
      confirmationRequired: 'Enter the new password again.',
      mismatch: 'The two passwords are not the same.',
    },
    mail: {
      subject: 'Your MonGuichet password has been changed',
      title: 'Your password has been changed',
      text: (identifier: string) =>
        `The password of your MonGuichet account “${identifier}” has just been changed from “My profile”.`,
      sessions: 'Your other devices have been signed out.',
      ifYou: 'If it was you, there is nothing to do.',
      ifNotYou: 'If it was not you, choose a new password at once with “Forgotten password”, then contact us.',
      action: 'Choose a new password',
    },
  },
  reauth: {
    required: 'Enter your current password.',
    wrong: 'This is not your account’s password.',
    throttled: (minutes: number) =>
      `Too many password attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}, or choose “Forgotten password”.`,
  },
  close: {
    title: 'Close my account',
    lead: 'Closing your account is final: you will no longer be able to sign in with this identifier.',
    deletedHeading: 'What is erased',
    deleted: [
      'your names, title, date of birth, phone, e-mail address and, for a professional, your company’s details;',
      'your identifier and your password;',
      'your open sessions and pending links.',
    ],
    keptHeading: 'What is kept',
    kept: 'The records of your procedures (canteen payments, for example) are kept as long as the law requires, without your name: they stay attached to a closed, anonymous account. Your account’s security log is kept for the same reason.',
    exportAdvice: 'Before closing your account, you can download your data.',
    passwordLabel: 'Your password',
    confirmLabel: 'I understand that closing my account is final',
    submit: 'Close my account for good',
    errors: {
      confirmRequired: 'To close your account, tick the confirmation box.',
      dossiersInProgress: (count: number) =>
        count === 1
          ? 'One of your procedures is in progress: wait until it is finished before closing your account.'
          : `${count} of your procedures are in progress: wait until they are finished before closing your account.`,
    },
    doneTitle: 'Your account is closed',
    doneText: 'Your MonGuichet account is closed and your personal details are erased. A last e-mail confirms it.',
    doneAction: 'Go to the home page',
    mail: {
      subject: 'Your MonGuichet account is closed',
      title: 'Your account is closed',
      text: (identifier: string) =>
        `Your MonGuichet account “${identifier}” has been closed at your request. Your personal details are erased.`,
      kept: 'The records of your procedures are kept without your name as long as the law requires.',
      ifNotYou: 'If it was not you, contact us at once.',
      action: 'Get help',
    },
  },
};
