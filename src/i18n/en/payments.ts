/** English twin of the payment pages, typed against the French ones. */
import type { payments as frPayments } from '../fr/payments.ts';
import type { Catalogue } from '../types.ts';

export const payments: Catalogue<typeof frPayments> = {
  basket: {
    title: 'Pay my bills',
    lead: 'Tick the bills to pay by card. A bill is paid in full. No fee is added.',
    none: 'You have no bill to pay at the moment.',
    caption: 'Bills to pay',
    pay: 'Pay',
    total: 'Total if every ticked bill is paid:',
    resume: 'Resume this payment',
    select: (label: string) => `Pay ${label}`,
    held: (time: string) => `Payment in progress: this bill will be available again at ${time}.`,
    heldByMe: (time: string) =>
      `One of your payments for this bill is in progress (until ${time}): finish it on the payment page or wait for it to end.`,
    severalMerchants: (count: number) =>
      `These bills are owed to ${count} different bodies: you will make ${count} card payments, one after the other, without typing anything again.`,
    nothingSelected: 'Tick at least one bill to pay.',
    notPayable: 'One of the chosen bills can no longer be paid (already paid or cancelled). Check the list below.',
    busy: (time: string) =>
      `A payment is already in progress for one of the chosen bills. It will be available again at ${time}.`,
    startFailed: 'The payment service refused to start the payment. Nothing was charged. Try again.',
    unknown:
      'The payment service is not answering. Nothing was charged. Try again in a few minutes: you will not pay twice.',
    payLink: 'Pay my bills online',
  },
  result: {
    paidTitle: 'Payment accepted',
    receipt: 'Download the receipt (PDF)',
    paid: (amount: string, reference: string) =>
      `Your payment of ${amount} is confirmed. Payment reference: ${reference}.`,
    paidLate: (amount: string, reference: string) =>
      `Your payment of ${amount} arrived after the session expired; it is recorded. Reference: ${reference}.`,
    declinedTitle: 'Payment declined',
    declined: (reason: string) => `Your bank declined the payment (${reason}). Nothing was charged.`,
    cancelledTitle: 'Payment cancelled',
    cancelled: 'You cancelled the payment. Nothing was charged.',
    expiredTitle: 'Payment expired',
    expired: 'The time to pay ran out. Nothing was charged.',
    errorTitle: 'Payment failed',
    error: 'A technical error stopped the payment. Nothing was charged.',
    pendingTitle: 'We are confirming your payment',
    pending: 'The payment service has not confirmed the result yet. This page updates itself; you can also refresh it.',
    refresh: 'Refresh',
    reviewTitle: 'Payment being checked',
    review:
      'The amount the payment service confirmed differs from the one expected. We are checking; no bill is marked paid meanwhile. You will be refunded if needed.',
    retry: 'Try again',
    back: 'Back to my bills',
    nextTitle: 'Next payment',
    next: (position: number, count: number, amount: string) =>
      `Payment ${position} of ${count}: ${amount}, to another body.`,
    continue: 'Continue to the next payment',
    reasons: {
      card_declined: 'card declined',
      insufficient_funds: 'insufficient funds',
      expired_card: 'expired card',
      incorrect_cvc: 'incorrect security code',
      '3ds_failed': '3-D Secure authentication failed',
      other: 'declined by the bank',
    },
  },
  redirect: {
    title: 'Card payment',
    lead: 'You are going to the secure payment page.',
    go: 'Go to the payment page',
  },
};
