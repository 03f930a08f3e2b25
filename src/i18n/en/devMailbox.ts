/** English strings of the development mailbox, typed against the French ones. */
import type { devMailbox as frDevMailbox } from '../fr/devMailbox.ts';
import type { Catalogue } from '../types.ts';

export const devMailbox: Catalogue<typeof frDevMailbox> = {
  title: 'Development mailbox',
  lead: 'The e-mails the portal would have sent. This page exists only in development, when no SMTP server is configured.',
  tableCaption: 'Messages, newest first',
  columns: {
    date: 'Date',
    to: 'To',
    subject: 'Subject',
  },
  empty: 'No messages yet. E-mails sent by the portal will appear here.',
  noSubject: '(no subject)',
  headersHeading: 'Headers',
  textHeading: 'Text version',
  htmlHeading: 'HTML version',
  htmlLink: 'Open the HTML version of the message',
  htmlNote: 'It opens on its own, with no script and no external resource.',
  backToList: 'Back to the mailbox',
};
