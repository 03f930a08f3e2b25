/** English frame of every e-mail, typed against the French one. */
import type { mail as frMail } from '../fr/mail.ts';
import type { Catalogue } from '../types.ts';

export const mail: Catalogue<typeof frMail> = {
  portalName: 'MonGuichet.mc',
  government: 'Princely Government — Principality of Monaco',
  helpIntro: 'Need help? Contact us:',
  contactEmail: 'contact@monguichet.mc',
  contactPhone: '(+377) 98 98 95 99',
  contactPhoneHref: '+37798989599',
  doNotReply: 'This message is sent automatically: please do not reply to this message.',
  linkFallback: 'If the button does not work, copy this address into your browser:',
};
