import type { guide as frGuide } from '../fr/guide.ts';
import type { Catalogue } from '../types.ts';

/** English strings of the printable canteen guide; what sits between “ ” is printed in bold. */
export const guide: Catalogue<typeof frGuide> = {
  meta: {
    title: (establishmentName: string) =>
      `Pay for your children's school canteen on MonGuichet.mc — ${establishmentName}`,
    subject: 'How to access the online procedure to pay for the school canteen',
    keywords: 'MonGuichet.mc, school canteen, online payment, MConnect, Monaco',
  },
  header: {
    badge: 'New!',
    title: "Pay for your children's school canteen on MonGuichet.mc",
    subtitle: 'How to access the online procedure',
    government: "Prince's Government",
    principality: 'Principality of Monaco',
    establishmentLabel: 'School:',
  },
  promises: [
    'Discover the MonGuichet.mc portal',
    "Pay for your children's school meals online with a single account",
    'Use the services from your computer, phone or tablet',
  ],
  mconnect: {
    compatible: 'Service compatible with',
    name: 'MConnect',
  },
  access: {
    heading: 'How to access the procedure?',
    from: (portal: string) => `From ${portal}`,
    step1: 'Log in (see “How to log in?” opposite)',
    step2: (procedureTitle: string) => `Click on the procedure “${procedureTitle}”`,
    step3: 'You reach the online canteen payment service',
  },
  login: {
    heading: 'How to log in?',
    via: (portal: string) => `Via ${portal}`,
    mconnect: {
      heading: 'If you have an activated digital identity',
      steps: [
        'Click on “Sign in with MConnect” and follow the on-screen instructions',
        'The first time you sign in with MConnect, if you already have a MonGuichet.mc account, link it to your digital identity to keep the history of your procedures',
      ],
    },
    account: {
      heading: 'If you have a MonGuichet.mc account',
      examples: '(e.g. school enrolment, SPME, payslips, vehicle inspection…)',
      steps: ['Enter your identifier and your password', 'Click on “Log in”'],
      forgottenIdentifier:
        'If you have forgotten your identifier, click on “Forgotten identifier” and enter your e-mail address: you will receive by e-mail the identifier(s) linked to this address. If you receive no e-mail, you do not have an account for this address yet.',
      forgottenPassword:
        'If you have forgotten your password, click on “Forgotten password”, enter your identifier and follow the instructions sent to you by e-mail.',
    },
    noAccount: {
      heading: 'If you do not have an account yet',
      steps: [
        'Click on “Create my account”',
        'Choose “I am an individual” then follow the on-screen instructions',
        'Once your account is created, follow the steps of “How to access the procedure?” in this guide',
      ],
    },
  },
  also: {
    heading: 'With MonGuichet.mc you can also:',
    items: [
      'Access all the online services available',
      'Follow your online procedures in the “My procedures” section',
      'Update your personal details in the “My profile” section',
    ],
  },
  qr: {
    caption: 'Scan this QR code to open the procedure',
    orType: 'or type this address into your browser:',
  },
  help: {
    heading: 'Need help?',
    intro: 'For any information:',
  },
  ditn: {
    name: 'Interministerial Delegation for Digital Transition',
    address: ['2 rue du Gabian', 'Bâtiment les Industries - 5th floor', 'MC 98000 MONACO'],
  },
  footer: "Prince's Government — Principality of Monaco",
};
