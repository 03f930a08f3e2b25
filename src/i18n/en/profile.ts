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
  sessionDevice: 'Device',
  sessionSince: 'Signed in since',
  sessionLastSeen: 'Last activity',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  endOthers: 'Log out my other devices',
  othersEnded: (count: number) =>
    count === 0 ? 'No other device was signed in.' : count === 1 ? 'One other device was logged out.' : `${count} other devices were logged out.`,
  dataHeading: 'My data',
  dataText: 'Download all the information MonGuichet.mc keeps about your account, in a machine-readable file (JSON).',
  dataDownload: 'Download my data',
  errors: {
    language: 'Choose the language of your e-mails.',
  },
};
