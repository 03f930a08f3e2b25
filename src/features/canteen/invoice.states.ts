/**
 * The states of a canteen invoice and the transitions allowed between them, in one place (French
 * labels in i18n `canteen.invoiceStatus`). Publication leaves `draft`; only the payment path moves
 * a published invoice, and the database lets only `status` and `paid_cents` change (ADR 0007).
 */
import type { InvoiceStatus } from './canteen.types.ts';

export const INVOICE_STATES = [
  'draft',
  'to_pay',
  'partially_paid',
  'paid',
  'cancelled',
] as const satisfies readonly InvoiceStatus[];

export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  // Regenerated at will; published once.
  draft: ['to_pay'],
  // Published: paid in part or in full, or cancelled (with a replacement or a credit note).
  to_pay: ['partially_paid', 'paid', 'cancelled'],
  partially_paid: ['paid', 'to_pay', 'cancelled'],
  // A refund may reopen a paid invoice.
  paid: ['partially_paid', 'to_pay'],
  cancelled: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return INVOICE_TRANSITIONS[from].includes(to);
}

/** Whether a parent may pay it now (the deadlines aside). */
export function isPayable(status: InvoiceStatus): boolean {
  return status === 'to_pay' || status === 'partially_paid';
}
