/**
 * What other features see of payments: the payable kinds they register (their handler, called in
 * the transaction that records the outcome), the items of a checkout and the answers of the service.
 */
import type { Expression, Kysely, ShallowDehydrateObject, Simplify, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import type { Cents } from '../../lib/money.ts';
import type { AttemptState } from './attempt.states.ts';
import type { DossierRecord } from '../dossiers/dossiers.service.ts';
import type { Redirect } from './provider.port.ts';

/** Something a feature sells, as one line of a checkout. */
export interface PayableItem {
  /** The registered kind, e.g. `canteen-invoice`. */
  readonly kind: string;
  /** The feature's own id of the payable (an invoice id). */
  readonly ref: string;
  readonly amountCents: Cents;
  /** Shown in the timeline and on the receipt. */
  readonly label: string;
}

/** One card payment of a checkout: a merchant account and what it pays. */
export interface CheckoutGroup {
  readonly merchantId: string;
  /** Shown on the provider's page, e.g. "Cantine — École de Fontvieille — octobre 2026". */
  readonly description: string;
  readonly items: readonly PayableItem[];
  /**
   * Opens the payment's dossier in "Mes démarches" under this procedure: its timeline says when
   * it was sent to the payment page, paid, declined or refunded. Its title gets the reference.
   */
  readonly dossier?: { readonly procedureSlug: string; readonly title: { readonly fr: string; readonly en: string } };
}

export interface CheckoutRequest {
  readonly accountId: string;
  /** From the form: the same key for a double click, a back button or a retried request. */
  readonly idempotencyKey: string;
  /** Where the return page sends the parent back to (a path on this site). */
  readonly returnPath: string;
  /** In order: one card payment per group, one after the other. */
  readonly groups: readonly CheckoutGroup[];
  readonly locale: 'fr' | 'en';
  readonly payerEmail?: string | undefined;
}

export type CheckoutAnswer =
  /** Go to the provider's page. */
  | { readonly kind: 'redirect'; readonly basketId: string; readonly attemptId: string; readonly redirect: Redirect }
  /** A payable is held by another live attempt until `until`. */
  | { readonly kind: 'busy'; readonly until: Date; readonly refs: readonly string[] }
  /** The provider refused to start (nothing was taken). */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The provider did not answer in time: try again with the same key later. */
  | { readonly kind: 'unknown' }
  /** Nothing left to pay in this basket. */
  | { readonly kind: 'done'; readonly basketId: string };

/** The settled payment, as a handler is told of it. */
export interface SettledPayment {
  readonly attemptId: string;
  readonly reference: string;
  readonly accountId: string;
  readonly merchantId: string;
  readonly paidAt: Date;
  /** What the provider captured. */
  readonly amountCents: Cents;
  /** The provider's id of the transaction (printed on receipts). */
  readonly providerRef: string | null;
}

/** A settled card payment in its payer's list. */
export interface SettledPaymentSummary {
  readonly reference: string;
  readonly description: string;
  readonly amountCents: Cents;
  readonly paidAt: Date;
  readonly merchantId: string;
}

/** A settled card payment as its payer's receipt shows it. */
export interface PaymentReceiptView extends SettledPayment {
  readonly items: readonly PayableItem[];
  /** What refunds gave back to the payer so far (succeeded refunds only, whatever their origin). */
  readonly refundedCents: Cents;
}

/**
 * The rows of a handler's `settleRows` select as `onPaid` receives them: through JSON, so a number
 * or a text as it was, a timestamp as its ISO text.
 */
export type SettledRows<R> = readonly Simplify<ShallowDehydrateObject<R>>[];

/**
 * What a payable kind does when its money moves. `R` is the row of its `settleRows` select, which
 * payments hands back to the same handler's `onPaid` only.
 */
export interface PayableHandler<R = unknown> {
  readonly kind: string;
  /**
   * The money for `items` was taken: settle them (lock their rows first), in the payment's own
   * transaction. Returns the cents that could not be applied (a bill already paid or cancelled):
   * payments records them as an overpayment and refunds them. What happened to the payables'
   * dossiers (`dossierRecords`) is written by payments, in the same transaction, together with the
   * payment's own dossier: one batch (dossiers' `recordOnDossiers`) instead of one per dossier.
   * `writes` (the payables' own rows, already locked) are sent by payments as parts of that same
   * last statement, with its ledger entries, instead of in round trips of their own: nothing in
   * the transaction may read them back.
   */
  onPaid(
    trx: Transaction<Database>,
    items: readonly PayableItem[],
    payment: SettledPayment,
    /** The rows of `settleRows`, when the handler has it, read and locked with the state change. */
    settleRows?: SettledRows<R>,
  ): Promise<{
    readonly unappliedCents: Cents;
    readonly dossierRecords?: readonly DossierRecord[];
    readonly writes?: readonly StatementPart[];
  }>;
  /**
   * Optional: the rows `onPaid` reads, locked, as a select that payments sends inside the
   * attempt's state change instead of in a round trip of its own; `onPaid` then receives them
   * (as JSON: numbers, texts, booleans, no dates). Built once and compiled, so it takes
   * expressions of that statement, not values: `refs`, the refs of the attempt's payables of this
   * kind (a text array, null when the outcome settles nothing: then no row), and `accountId`, the
   * paying account.
   */
  readonly settleRows?: (
    db: Kysely<Database>,
    refs: Expression<string[] | null>,
    accountId: Expression<string>,
  ) => Expression<R>;
  /** Where the payer downloads the receipt of a settled payment of this kind (optional). */
  receiptPath?(reference: string): string;
  /** A refund of an applied payment succeeded (optional). */
  onRefunded?(
    trx: Transaction<Database>,
    items: readonly PayableItem[],
    refund: { readonly attemptId: string; readonly amountCents: Cents },
  ): Promise<void>;
}

/** A payable held by a live attempt, and until when. */
export interface PayableLease {
  readonly ref: string;
  readonly until: Date;
  /** True when the holder is this account's own attempt. */
  readonly own: boolean;
  /** The holder's basket, when it is this account's (to go back to its payment page). */
  readonly basketId: string | undefined;
}

export interface AttemptView {
  readonly id: string;
  readonly reference: string;
  readonly state: AttemptState;
  readonly amountCents: Cents;
  readonly description: string;
  readonly failureReason: string | null;
  readonly paidAt: Date | null;
  readonly position: number;
}

/** What the return page shows. */
export interface ReturnView {
  readonly attempt: AttemptView;
  readonly basketId: string;
  readonly returnPath: string;
  /** Every attempt of the basket, in order (one per merchant). */
  readonly attempts: readonly AttemptView[];
  /** The next card payment of the basket, once this one succeeded. */
  readonly next: AttemptView | undefined;
  /** The receipt of this payment, once it succeeded, when its payable kind offers one. */
  readonly receiptPath: string | undefined;
}
