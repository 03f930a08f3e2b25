/** English catalogue of "My procedures", typed against the French one. */
import type { procedures as frProcedures } from '../fr/procedures.ts';
import type { Catalogue } from '../types.ts';

export const procedures: Catalogue<typeof frProcedures> = {
  list: {
    title: 'My procedures',
    lead: 'All your online procedures, with their status.',
    empty: 'You have no procedure yet.',
    emptyHint: 'The procedures you start on MonGuichet.mc will appear here.',
    seeCatalogue: 'See all procedures',
    caption: 'Your procedures, most recent first',
    reference: 'Reference',
    procedure: 'Procedure',
    status: 'Status',
    updated: 'Last update',
  },
  detail: {
    referenceLabel: 'Reference',
    statusLabel: 'Status',
    startedLabel: 'Started on',
    timelineHeading: 'History',
    back: 'Back to my procedures',
    helpText: (reference: string) => `For any question, contact us and give the reference ${reference}.`,
  },
  states: {
    brouillon: 'Draft',
    en_cours: 'In progress',
    terminee: 'Completed',
    echouee: 'Failed',
    annulee: 'Cancelled',
  },
  events: {
    created: 'Procedure started',
    status_changed: 'Status changed',
    payment_redirected: 'Sent to the secure payment page',
    payment_succeeded: 'Payment accepted',
    payment_declined: 'Payment declined by the bank: nothing was taken',
    payment_errored: 'Technical error at the payment provider: nothing was taken',
    payment_cancelled: 'Payment cancelled: nothing was taken',
    payment_expired: 'Payment expired: nothing was taken',
    payment_not_started: 'The payment could not start: nothing was taken',
    payment_review: 'Payment received, being checked by our staff',
    payment_overpaid: 'Overpayment, refunded automatically',
    payment_refunded: 'Refund',
    invoice_paid: 'Bill paid',
    invoice_partially_paid: 'Bill partly paid',
    invoice_refunded: 'Refund on the bill',
    other: 'Event',
  },
  byPayment: (reference: string) => `Payment ${reference}`,
};
