/**
 * The annual payment certificate of one child ("attestation de paiement"): for a calendar year
 * (Europe/Monaco dates), every card payment of the signed-in payer that settled that child's
 * bills, with that child's part only, refunds taken back, and the total to the cent.
 *
 * A payment may settle several bills and a bill may name several children: what a payment gave a
 * bill is shared between the bill's children in proportion to their lines (`splitByShares`, the
 * parts add up to the cent). A refund is taken from the payment's bills in their order, each at
 * most what the payment gave it, as the bills themselves took it back (`onRefunded`). An
 * automatic refund of an overpayment (a bill already paid when the money came) is taken the same
 * way: the payer's total is exact, though which child it is taken from follows the bills' order.
 * Only the payments service is asked about payments; no fee is ever added.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { cents, splitByShares } from '../../lib/money.ts';
import { findContact } from '../accounts/accounts.service.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import { todayInMonaco } from './calendar.ts';
import { CANTEEN_INVOICE } from './payment.service.ts';
import { billsForAccount, childrenOfAccount, isUuid, type ParentBill } from './parent.service.ts';
import { creditorOfEstablishment } from './parent.repository.ts';
import type { CreditorBlock } from './pdf-document.ts';

/** The first year a certificate can be asked for. */
export const FIRST_CERTIFICATE_YEAR = 2000;

/** One payment's part for the child. */
export interface CertificatePayment {
  readonly reference: string;
  readonly paidAt: Date;
  /** The child's bills it settled: number, month, establishment. */
  readonly bills: readonly { readonly number: string; readonly month: string; readonly establishmentName: string }[];
  /** What the payment gave the child's lines. */
  readonly paidCents: number;
  /** What refunds of the payment took back of it. */
  readonly refundedCents: number;
  /** `paidCents - refundedCents`. */
  readonly netCents: number;
}

export interface PaymentCertificate {
  readonly year: number;
  readonly child: { readonly firstName: string; readonly lastName: string };
  /** The establishments of the child's bills that year, else the child's own. */
  readonly establishments: readonly string[];
  readonly payer: { readonly name: string | null; readonly email: string };
  /** Who was paid, with the legal details printed on their bills (at least the child's establishment's). */
  readonly creditors: readonly CreditorBlock[];
  /** Oldest first; empty when no payment settled the child's bills that year. */
  readonly payments: readonly CertificatePayment[];
  readonly totalCents: number;
  readonly issuedAt: Date;
}

/** A child's part of one payment, before the year is chosen. */
interface ChildPart {
  readonly pupilId: string;
  readonly year: number;
  readonly payment: CertificatePayment;
  readonly creditor: CreditorBlock;
}

/** The calendar year of an instant in Monaco. */
export function yearInMonaco(date: Date): number {
  return Number(todayInMonaco(date).slice(0, 4));
}

/** `2000`…the current year (Monaco), as typed in a URL; undefined for anything else. */
export function readCertificateYear(text: string, now: Date = new Date()): number | undefined {
  if (!/^[0-9]{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= FIRST_CERTIFICATE_YEAR && year <= yearInMonaco(now) ? year : undefined;
}

/** Every settled canteen payment of the account, split per child of the bills it paid. */
async function childParts(db: Kysely<Database>, payments: PaymentsService, accountId: string): Promise<ChildPart[]> {
  const settled = await payments.settledPayments(accountId);
  if (settled.length === 0) return [];
  const bills = new Map((await billsForAccount(db, accountId)).map((b) => [b.id, b]));
  const parts: ChildPart[] = [];
  // Oldest first, so a certificate lists its payments in order.
  for (const summary of [...settled].reverse()) {
    const view = await payments.receipt(accountId, summary.reference);
    if (!view) continue;
    const items = view.items.filter((i) => i.kind === CANTEEN_INVOICE && bills.has(i.ref));
    // The refund, taken from the items in order, each at most what the payment gave it.
    let left: number = view.refundedCents;
    const perChild = new Map<
      string,
      { paid: number; refunded: number; bills: ParentBill[]; creditor: ParentBill['creditor'] }
    >();
    for (const item of items) {
      const bill = bills.get(item.ref);
      if (!bill) continue;
      const refunded = Math.min(left, item.amountCents);
      left -= refunded;
      const weights = new Map<string, number>();
      for (const line of bill.lines) weights.set(line.pupilId, (weights.get(line.pupilId) ?? 0) + line.totalCents);
      const pupils = [...weights.keys()];
      if (pupils.length === 0 || [...weights.values()].reduce((s, w) => s + w, 0) <= 0) continue;
      const shares = pupils.map((p) => weights.get(p) ?? 0);
      const paidParts = splitByShares(cents(item.amountCents), shares);
      const refundParts = splitByShares(cents(refunded), shares);
      pupils.forEach((pupilId, i) => {
        const entry = perChild.get(pupilId) ?? { paid: 0, refunded: 0, bills: [], creditor: bill.creditor };
        entry.paid += paidParts[i] ?? 0;
        entry.refunded += refundParts[i] ?? 0;
        entry.bills.push(bill);
        perChild.set(pupilId, entry);
      });
    }
    for (const [pupilId, entry] of perChild) {
      parts.push({
        pupilId,
        year: yearInMonaco(view.paidAt),
        creditor: entry.creditor,
        payment: {
          reference: view.reference,
          paidAt: view.paidAt,
          bills: entry.bills.map((b) => ({
            number: b.number ?? '',
            month: b.month,
            establishmentName: b.establishmentName,
          })),
          paidCents: entry.paid,
          refundedCents: entry.refunded,
          netCents: entry.paid - entry.refunded,
        },
      });
    }
  }
  return parts;
}

/** A child the account may have a certificate for: linked to it as a payer. */
export async function payerChild(db: Kysely<Database>, accountId: string, pupilId: string) {
  if (!isUuid(pupilId)) return undefined;
  return (await childrenOfAccount(db, accountId)).find((c) => c.pupilId === pupilId && c.role === 'payer');
}

/**
 * The certificate of `pupilId` for `year`; undefined when the child is not the account's as a
 * payer (another family's, a viewer's, or no such child), exactly like a missing child. A year
 * without payment gives a certificate with no payment and a zero total.
 */
export async function paymentCertificate(
  db: Kysely<Database>,
  payments: PaymentsService,
  input: { accountId: string; pupilId: string; year: number; now?: Date },
): Promise<PaymentCertificate | undefined> {
  const child = await payerChild(db, input.accountId, input.pupilId);
  if (!child) return undefined;
  const contact = await findContact(db, input.accountId);
  if (!contact) return undefined;
  const parts = (await childParts(db, payments, input.accountId)).filter(
    (p) => p.pupilId === child.pupilId && p.year === input.year,
  );
  const creditors = new Map<string, CreditorBlock>();
  for (const part of parts) if (!creditors.has(part.creditor.name)) creditors.set(part.creditor.name, part.creditor);
  if (creditors.size === 0) {
    const own = await creditorOfEstablishment(db, child.establishmentSlug);
    if (own)
      creditors.set(own.name, {
        name: own.name,
        address: own.address,
        registration: own.registration,
        vatNumber: own.vat_number,
      });
  }
  const establishments = [...new Set(parts.flatMap((p) => p.payment.bills.map((b) => b.establishmentName)))];
  return {
    year: input.year,
    child: { firstName: child.firstName, lastName: child.lastName },
    establishments: establishments.length > 0 ? establishments : [child.establishmentName],
    payer: { name: `${contact.firstName} ${contact.lastName}`.trim() || null, email: contact.email },
    creditors: [...creditors.values()],
    payments: parts.map((p) => p.payment),
    totalCents: parts.reduce((sum, p) => sum + p.payment.netCents, 0),
    issuedAt: input.now ?? new Date(),
  };
}

/**
 * The years each child (linked as a payer) has a certificate to offer: a payment of the account
 * settled their bills then. Newest year first.
 */
export async function certificateYears(
  db: Kysely<Database>,
  payments: PaymentsService,
  accountId: string,
): Promise<Map<string, number[]>> {
  const payers = new Set(
    (await childrenOfAccount(db, accountId)).filter((c) => c.role === 'payer').map((c) => c.pupilId),
  );
  const years = new Map<string, Set<number>>();
  if (payers.size === 0) return new Map();
  for (const part of await childParts(db, payments, accountId)) {
    if (!payers.has(part.pupilId)) continue;
    years.set(part.pupilId, (years.get(part.pupilId) ?? new Set()).add(part.year));
  }
  return new Map([...years].map(([pupil, set]) => [pupil, [...set].sort((a, b) => b - a)]));
}
