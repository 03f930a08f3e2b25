/**
 * Paying canteen bills online, through the payments service only: the payable kind
 * `canteen-invoice` (its handler settles the bills in the payment's transaction), the parent's
 * basket (every bill they may pay now, per child and establishment, with the ones another
 * guardian's payment holds) and its checkout, one card payment per merchant account.
 * No fee is ever added: a bill costs what it says.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { cents, type Cents } from '../../lib/money.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import type {
  CheckoutAnswer,
  CheckoutGroup,
  PayableHandler,
  PayableItem,
  PaymentsService,
} from '../payments/payments.service.ts';
import { lockInvoicesForPayment, setInvoicePayment } from './billing.repository.ts';
import { isPayable } from './invoice.states.ts';
import { billsForAccount, type ParentBill } from './parent.service.ts';
import { payableBillsOfAccount } from './parent.repository.ts';

export const CANTEEN_INVOICE = 'canteen-invoice';

/**
 * Settles paid bills: locks them, then adds each item's amount to `paid_cents` (`paid` when the
 * whole bill is, else `partially_paid`). What cannot be applied (a bill paid meanwhile, or
 * cancelled) is handed back, and payments refunds it.
 */
export const canteenInvoiceHandler: PayableHandler = {
  kind: CANTEEN_INVOICE,
  async onPaid(trx: Transaction<Database>, items: readonly PayableItem[]) {
    const rows = new Map(
      (
        await lockInvoicesForPayment(
          trx,
          items.map((i) => i.ref),
        )
      ).map((row) => [row.id, row]),
    );
    let unapplied = 0;
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
      await setInvoicePayment(trx, row.id, {
        status: paid === row.total_cents ? 'paid' : 'partially_paid',
        paid_cents: paid,
      });
    }
    return { unappliedCents: cents(unapplied) };
  },
};

export interface BasketBill {
  readonly bill: ParentBill;
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
  const rows = await payableBillsOfAccount(db, accountId);
  const merchants = new Map(rows.map((r) => [r.id, r.psp_merchant_id]));
  const bills = (await billsForAccount(db, accountId)).filter((b) => isPayable(b.status) && merchants.has(b.id));
  const leases = new Map(
    (
      await payments.leases(
        accountId,
        CANTEEN_INVOICE,
        bills.map((b) => b.id),
      )
    ).map((l) => [l.ref, l]),
  );
  const basket = bills
    .map((bill) => {
      const lease = leases.get(bill.id);
      return {
        bill,
        dueCents: cents(bill.totalCents - bill.paidCents),
        merchantId: merchants.get(bill.id) ?? '',
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
  const checkoutGroups: CheckoutGroup[] = [...groups.entries()].map(([merchantId, bills]) => ({
    merchantId,
    description: t.description(
      [...new Set(bills.map((b) => b.bill.establishmentName))].join(', '),
      [...new Set(bills.map((b) => b.bill.month))].join(', '),
    ),
    items: bills.map((b) => ({
      kind: CANTEEN_INVOICE,
      ref: b.bill.id,
      amountCents: b.dueCents,
      label: t.item(b.bill.number ?? b.bill.id),
    })),
  }));
  return payments.startCheckout({
    accountId: input.accountId,
    idempotencyKey: input.idempotencyKey,
    returnPath: input.returnPath,
    groups: checkoutGroups,
    locale: input.lang,
    payerEmail: input.email,
  });
}
