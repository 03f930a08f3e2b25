/** English twin of the canteen messages, typed against the French ones. */
import type { canteen as frCanteen } from '../fr/canteen.ts';
import type { Catalogue } from '../types.ts';

export const canteen: Catalogue<typeof frCanteen> = {
  invoiceStatus: {
    draft: 'draft',
    to_pay: 'to pay',
    partially_paid: 'partly paid',
    paid: 'paid',
    cancelled: 'cancelled',
  },
  receiptMail: {
    subject: (amount: string) => `Canteen payment confirmed: ${amount}`,
    title: 'Your payment is confirmed',
    intro: (amount: string, creditor: string, when: string) =>
      `We have received your payment of ${amount} to ${creditor}, on ${when} (Monaco time). Thank you.`,
    billsIntro: 'It settles:',
    bill: (number: string, establishment: string, month: string, amount: string) =>
      `bill ${number} (${establishment}, ${month}): ${amount}`,
    reference: (reference: string) => `Payment reference: ${reference}. Give it if you contact us.`,
    action: 'Download the receipt (PDF)',
    footnote: 'No fee was added. Your receipts stay available in “My bills” on MonGuichet.mc.',
  },
  billMail: {
    subject: 'Your canteen bill is available',
    title: 'Your canteen bill is available',
    intro: (establishment: string, month: string) =>
      `The canteen bill for ${month} at ${establishment} is available on MonGuichet.mc.`,
    details: (number: string, amount: string, deadline: string) =>
      `Bill no. ${number}: ${amount}, to be paid online by ${deadline}.`,
    creditor: (creditor: string) => `It is issued by ${creditor}.`,
    noAccount: (email: string) =>
      `To see and pay it, create your MonGuichet account with this same e-mail address (${email}): your children and your bills will be linked to it.`,
    unlinkedAccount: (email: string) =>
      `Your MonGuichet account uses this address (${email}): sign in and confirm your children in "My children"; this bill and the next ones will be linked to it.`,
    action: 'See my bills',
    actionUnlinked: 'Link my children',
    actionNoAccount: 'Create my account',
    footnote: 'If you think you received this message by mistake, contact the school.',
  },
};
