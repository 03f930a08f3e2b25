/**
 * Paying canteen bills online, through the payments service only: the payable kind
 * `canteen-invoice` (its handler settles the bills in the payment's transaction), the parent's
 * basket (every bill they may pay now, per child and establishment, with the ones another
 * guardian's payment holds) and its checkout, one card payment per merchant account.
 * No fee is ever added: a bill costs what it says.
 */
import type { InferResult, Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { AccountRowsOf } from '../../db/account-rows.ts';
import type { Database } from '../../db/database.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import { cents, type Cents } from '../../lib/money.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import { findContact, mailRecipientColumn, type MailRecipient } from '../accounts/accounts.service.ts';
import { recordOnDossier, type DossierRecord } from '../dossiers/dossiers.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { paths } from '../../paths.ts';
import type { PaymentReceipt } from './receipt-pdf.ts';
import {
  liveLeaseColumn,
  type CheckoutAnswer,
  type CheckoutGroup,
  type PayableHandler,
  type PayableItem,
  type PayableLease,
  type PaymentsService,
  type SettledPayment,
  type SettledRows,
} from '../payments/payments.service.ts';
import {
  lockInvoicesForPayment,
  invoicesPaymentUpdate,
  lockInvoicesToSettleSelect,
  setInvoicePayment,
} from './billing.repository.ts';
import { canteenProcedureSlug } from './canteen.types.ts';
import { isPayable } from './invoice.states.ts';
import {
  billsForAccount,
  billSummariesForAccount,
  billSummariesFromRows,
  billSummariesWithColumnRows,
  type PayableBillSummary,
} from './parent.service.ts';
import { formatMonth } from './views/format.ts';

export const CANTEEN_INVOICE = 'canteen-invoice';

export interface CanteenPaymentDeps {
  /** Queues the receipt e-mail in the payment's own transaction (once per payment). */
  readonly mail: Pick<MailService, 'enqueueTemplatePart'>;
  /** The portal's public URL: the receipt's link starts with it. */
  readonly publicUrl: string;
  /** Where a receipt that could not be queued is reported (the logs' `error` level: an alert). */
  readonly logger?: { error(details: object, message: string): void } | undefined;
}

/**
 * Settles paid bills: locks them, then adds each item's amount to `paid_cents` (`paid` when the
 * whole bill is, else `partially_paid`). What cannot be applied (a bill paid meanwhile, or
 * cancelled) is handed back, and payments refunds it. The payer's receipt e-mail is queued in the
 * same transaction: one per payment, since payments settles a payment once.
 */
export function canteenInvoiceHandler(deps: CanteenPaymentDeps): PayableHandler<SettleRow> {
  return {
    kind: CANTEEN_INVOICE,
    receiptPath: (reference) => paths.canteen.receipt(reference),
    // The bills locked, with what the receipt names and the payer's address, read by payments
    // within the attempt's state change (no round trip of their own).
    settleRows: (db, refs, accountId) =>
      lockInvoicesToSettleSelect(db, accountId, refs, mailRecipientColumn(accountId)),
    async onPaid(
      trx: Transaction<Database>,
      items: readonly PayableItem[],
      payment: SettledPayment,
      settleRows?: SettledRows<SettleRow>,
    ) {
      if (!settleRows) throw new Error('the bills to settle are read with the payment (settleRows)');
      const locked = settleRows;
      // Their writes go with payments' last statement.
      const rows = new Map(locked.map((row) => [row.id, row]));
      let unapplied = 0;
      const settled: { row: SettledBill; applied: number }[] = [];
      const updates: { id: string; status: 'paid' | 'partially_paid'; paid_cents: number }[] = [];
      const dossierRecords: DossierRecord[] = [];
      for (const item of items) {
        const row = rows.get(item.ref);
        if (!row || !isPayable(row.status)) {
          unapplied += item.amountCents;
          continue;
        }
        const applied = Math.min(item.amountCents, row.total_cents - row.paid_cents);
        unapplied += item.amountCents - applied;
        if (applied <= 0) continue;
        const paid = row.paid_cents + applied;
        updates.push({ id: row.id, status: paid === row.total_cents ? 'paid' : 'partially_paid', paid_cents: paid });
        settled.push({ row, applied });
        // The bill's dossier in "Mes démarches" is done once the bill is paid in full (written by
        // payments with the payment's own dossier).
        if (row.dossier_id)
          dossierRecords.push({
            dossierId: row.dossier_id,
            kind: paid === row.total_cents ? 'invoice_paid' : 'invoice_partially_paid',
            details: { payment: payment.reference, amountCents: applied },
            to: paid === row.total_cents ? 'terminee' : undefined,
          });
      }
      const recipient = locked[0]?.recipient ?? null;
      const writes: StatementPart[] = updates.length > 0 ? [invoicesPaymentUpdate(trx, updates)] : [];
      const receipt =
        settled.length > 0 && recipient ? await receiptMail(deps, payment, recipient, settled) : undefined;
      if (receipt) writes.push(receipt);
      return {
        unappliedCents: cents(unapplied),
        dossierRecords,
        writes,
      };
    },
    /**
     * A refund of a settled payment took money back: the bills it paid show it, so that what a
     * bill says is paid is what was kept. The refund is taken from the payment's bills in order,
     * each at most what this payment gave it and what it still counts as paid; a bill paid again
     * in full goes back to `partially_paid` or `to_pay` (payable again). A cancelled bill stays so.
     */
    async onRefunded(trx: Transaction<Database>, items: readonly PayableItem[], refund) {
      const rows = new Map(
        (
          await lockInvoicesForPayment(
            trx,
            items.map((i) => i.ref),
          )
        ).map((row) => [row.id, row]),
      );
      let left: number = refund.amountCents;
      for (const item of items) {
        const row = rows.get(item.ref);
        if (left <= 0 || !row || row.status === 'cancelled' || row.status === 'draft') continue;
        const taken = Math.min(left, item.amountCents, row.paid_cents);
        if (taken <= 0) continue;
        left -= taken;
        const paid = row.paid_cents - taken;
        await setInvoicePayment(trx, row.id, {
          status: paid === 0 ? 'to_pay' : paid < row.total_cents ? 'partially_paid' : 'paid',
          paid_cents: paid,
        });
        if (row.dossier_id) await recordOnDossier(trx, row.dossier_id, 'invoice_refunded', { amountCents: taken });
      }
    },
  };
}

/**
 * The receipt e-mail of a settled payment, to the payer's address (an open account's), in their
 * language: its job, as a write that goes with payments' last statement; the mail worker renders
 * it when it sends it. Undefined, with an alert in the logs, when the receipt's data does not fit
 * its template (a name longer than the e-mail allows, an address the mailer refuses): the e-mail
 * is left out and the payment is recorded all the same. Were it thrown, the payment's transaction
 * would roll back and every copy of its notification would fail the same way, so the money taken
 * would never show. The receipt PDF stays on the payer's page.
 */
async function receiptMail(
  deps: CanteenPaymentDeps,
  payment: SettledPayment,
  contact: MailRecipient,
  settled: readonly { row: SettledBill; applied: number }[],
): Promise<StatementPart | undefined> {
  // The bills this payment settled that the payer may read, as locked (no query of their own).
  const bills = settled
    .filter((s) => s.row.visible)
    .sort((a, b) => a.row.month.localeCompare(b.row.month) || (a.row.number ?? '').localeCompare(b.row.number ?? ''));
  const creditor = bills[0]?.row.creditor_name ?? '';
  try {
    return await deps.mail.enqueueTemplatePart(contact.email, contact.language, 'payment-receipt', {
      reference: payment.reference,
      amountCents: payment.amountCents,
      paidAt: payment.paidAt,
      creditorName: creditor,
      bills: bills.map(({ row, applied }) => ({
        number: row.number ?? '',
        establishmentName: row.establishment_name,
        month: row.month,
        paidCents: applied,
      })),
      receiptUrl: `${deps.publicUrl}${paths.canteen.receipt(payment.reference)}`,
    });
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    // Which fields, never their values: the address and names stay out of the logs.
    deps.logger?.error(
      { payment: payment.reference, fields: error.issues.map((issue) => issue.path.join('.')) },
      'payment receipt e-mail not queued: its data does not fit the template; the payment is recorded',
    );
    return undefined;
  }
}

/** A bill to settle as `lockInvoicesToSettleSelect` reads it (through JSON: no date among its columns). */
/** A bill a payment settles, as the state change read and locked it (`settleRows`). */
type SettleRow = InferResult<ReturnType<typeof lockInvoicesToSettleSelect<MailRecipient | null>>>[number];
/** The same, as it reaches `onPaid` (through JSON). */
type SettledBill = SettledRows<SettleRow>[number];

/** A settled payment of the account as its receipt PDF draws it; undefined when there is none. */
export async function receiptOf(
  db: Kysely<Database>,
  payments: PaymentsService,
  accountId: string,
  reference: string,
): Promise<PaymentReceipt | undefined> {
  const view = await payments.receipt(accountId, reference);
  if (!view) return undefined;
  const paid = new Map(view.items.filter((i) => i.kind === CANTEEN_INVOICE).map((i) => [i.ref, i.amountCents]));
  const bills = (await billsForAccount(db, accountId)).filter((b) => paid.has(b.id));
  const contact = await findContact(db, accountId);
  const first = bills[0];
  if (!first || !contact) return undefined;
  return {
    reference: view.reference,
    providerRef: view.providerRef ?? '',
    paidAt: view.paidAt,
    amountCents: view.amountCents,
    payer: { name: `${contact.firstName} ${contact.lastName}`.trim() || null, email: contact.email },
    creditor: first.creditor,
    bills: bills.map((bill) => ({ bill, paidCents: paid.get(bill.id) ?? 0 })),
  };
}

export interface BasketBill {
  readonly bill: PayableBillSummary;
  /** What is left to pay. */
  readonly dueCents: Cents;
  readonly merchantId: string;
  /** Held by another payment (another guardian's, or one of this account's still at the provider) until then. */
  readonly heldUntil: Date | undefined;
  readonly heldByMe: boolean;
  /** This account's payment holding it: its basket, to go back to the provider's page. */
  readonly ownBasketId: string | undefined;
}

export interface Basket {
  readonly bills: readonly BasketBill[];
  /** Distinct merchant accounts of the bills that can be ticked. */
  readonly merchantCount: number;
}

/** Every bill the account may pay now, per establishment, with the ones held by a payment under way. */
export async function basketOf(db: Kysely<Database>, payments: PaymentsService, accountId: string): Promise<Basket> {
  // One read of the account's bills (with their creditor's merchant account, without their lines), then the leases.
  const bills = payableOnline(await billSummariesForAccount(db, accountId));
  const leases = new Map(
    (
      await payments.leases(
        accountId,
        CANTEEN_INVOICE,
        bills.map((b) => b.id),
      )
    ).map((l) => [l.ref, l]),
  );
  return basketOfBills(bills, (id) => leases.get(id));
}

/**
 * The basket page's rows, read with the session (a route's `accountRows`): the account's bill
 * summaries, each with its live lease from payments (`liveLeaseColumn`), so that the page sends no
 * statement of its own.
 */
export const myBasketRows = billSummariesWithColumnRows((invoiceId) => liveLeaseColumn(CANTEEN_INVOICE, invoiceId));

/** The basket from `myBasketRows`'s rows: the same as `basketOf`, without a statement. */
export function basketFromRows(
  payments: PaymentsService,
  accountId: string,
  rows: AccountRowsOf<typeof myBasketRows>,
): Basket {
  const leases = new Map(rows.map((row) => [row.id, row.extra]));
  return basketOfBills(payableOnline(billSummariesFromRows(rows)), (id) =>
    payments.leaseFromColumn(accountId, id, leases.get(id)),
  );
}

/** The bills that can be paid online now: payable, and their creditor has a merchant account. */
function payableOnline(summaries: readonly PayableBillSummary[]): PayableBillSummary[] {
  return summaries.filter((b) => isPayable(b.status) && b.merchantId !== null);
}

function basketOfBills(
  bills: readonly PayableBillSummary[],
  leaseOf: (invoiceId: string) => PayableLease | undefined,
): Basket {
  const basket = bills
    .map((bill) => {
      const lease = leaseOf(bill.id);
      return {
        bill,
        dueCents: cents(bill.totalCents - bill.paidCents),
        merchantId: bill.merchantId ?? '',
        heldUntil: lease?.until,
        heldByMe: lease?.own ?? false,
        ownBasketId: lease?.basketId,
      };
    })
    .sort(
      (a, b) =>
        a.bill.establishmentName.localeCompare(b.bill.establishmentName) || a.bill.month.localeCompare(b.bill.month),
    );
  return {
    bills: basket,
    merchantCount: new Set(basket.filter((b) => b.heldUntil === undefined).map((b) => b.merchantId)).size,
  };
}

export type PayAnswer = CheckoutAnswer | { readonly kind: 'nothing_selected' } | { readonly kind: 'not_payable' };

/**
 * Starts paying the ticked bills: every one must be the account's and payable now (a whole bill,
 * never part of one); one card payment per merchant account, in the basket's order.
 */
export async function payBills(
  db: Kysely<Database>,
  payments: PaymentsService,
  input: {
    accountId: string;
    invoiceIds: readonly string[];
    idempotencyKey: string;
    lang: Lang;
    email?: string | undefined;
    returnPath: string;
  },
): Promise<PayAnswer> {
  const wanted = new Set(input.invoiceIds);
  if (wanted.size === 0) return { kind: 'nothing_selected' };
  const basket = await basketOf(db, payments, input.accountId);
  const chosen = basket.bills.filter((b) => wanted.has(b.bill.id));
  if (chosen.length !== wanted.size || chosen.some((b) => b.dueCents <= 0)) return { kind: 'not_payable' };
  const groups = new Map<string, BasketBill[]>();
  for (const bill of chosen) groups.set(bill.merchantId, [...(groups.get(bill.merchantId) ?? []), bill]);
  const t = messagesFor(input.lang).parent.payment;
  const checkoutGroups: CheckoutGroup[] = [...groups.entries()].map(([merchantId, bills]) => {
    const establishments = [...new Set(bills.map((b) => b.bill.establishmentName))].join(', ');
    return {
      merchantId,
      description: t.description(
        establishments,
        // The months as the parent reads them ("septembre 2026, octobre 2026"), never `2026-09`.
        [...new Set(bills.map((b) => b.bill.month))]
          .sort()
          .map((month) => formatMonth(month, input.lang))
          .join(', '),
      ),
      dossier: {
        procedureSlug: canteenProcedureSlug(bills[0]?.bill.establishmentSlug ?? ''),
        title: {
          fr: messagesFor('fr').parent.payment.dossierTitle(establishments),
          en: messagesFor('en').parent.payment.dossierTitle(establishments),
        },
      },
      items: bills.map((b) => ({
        kind: CANTEEN_INVOICE,
        ref: b.bill.id,
        amountCents: b.dueCents,
        label: t.item(b.bill.number ?? b.bill.id),
      })),
    };
  });
  return payments.startCheckout({
    accountId: input.accountId,
    idempotencyKey: input.idempotencyKey,
    returnPath: input.returnPath,
    groups: checkoutGroups,
    locale: input.lang,
    payerEmail: input.email,
  });
}
