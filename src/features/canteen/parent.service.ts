/**
 * The parent's side of canteen billing, on top of family.service.ts: the children the roll
 * proposes for a verified e-mail, linking by pupil code under a database throttle, a child's page,
 * and the bills an account may read (unpaid first), each with its lines and its creditor, or as
 * the summaries a list and the basket show.
 *
 * A parent reads only what their own links open: a child they are linked to, and the bills
 * addressed to the roll e-mail they hold as a payer. Anything else is "not found".
 */
import type { Kysely } from 'kysely';
import type { AccountRowsOf } from '../../db/account-rows.ts';
import type { Database } from '../../db/database.ts';
import { cents, type Cents } from '../../lib/money.ts';
import { checkThrottle, recordFailure, type ThrottlePolicy } from '../accounts/throttle.service.ts';
import * as billing from './billing.repository.ts';
import { isMonth, monthBounds, parseDate, todayInMonaco } from './calendar.ts';
import type { Bill, LinkedChild } from './canteen.types.ts';
import { childrenOfAccount, linkByPupilCode, linkedChild, normalizeLinkCode, type MealDay } from './family.service.ts';
import * as repository from './parent.repository.ts';

/** Five wrong codes (or birth dates) lock the form for an hour. */
export const LINK_CODE_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  firstDelaySeconds: 3600,
  maxDelaySeconds: 3600,
  windowSeconds: 3600,
};

export const LINK_CODE_PATTERN = /^[A-Z0-9]{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface ProposedChild {
  readonly firstName: string;
  readonly lastName: string;
  readonly className: string;
  readonly establishmentName: string;
  readonly establishmentSlug: string;
}

export type Proposals =
  | { readonly kind: 'verified'; readonly email: string; readonly children: readonly ProposedChild[] }
  | { readonly kind: 'email_not_verified' };

/**
 * "Mes enfants", in one statement: the account's children, and the pupils a roll lists under the
 * account's e-mail and no account holds yet (proposed only once that e-mail is verified; `account`
 * is the e-mail as the request's session read it from the account).
 */
export async function familyOfAccount(
  db: Kysely<Database>,
  account: { readonly accountId: string; readonly email: string; readonly emailVerified: boolean },
): Promise<Family> {
  return familyFromRow(account, await repository.familyOfAccount(db, account.accountId, account.email.toLowerCase()));
}

/** The account's family as "Mes enfants" reads it with the session (a route's `accountRows`: one row). */
export const myFamilyRows = repository.familyOfAccountRows;

/** That row as familyOfAccount gives it. */
export function familyFromRows(
  account: { readonly email: string; readonly emailVerified: boolean },
  rows: AccountRowsOf<typeof myFamilyRows>,
): Family {
  return familyFromRow(account, rows[0] ?? { children: [], unlinked: [] });
}

export interface Family {
  readonly children: LinkedChild[];
  readonly proposals: Proposals;
}

function familyFromRow(
  account: { readonly email: string; readonly emailVerified: boolean },
  row: AccountRowsOf<typeof myFamilyRows>[number],
): Family {
  return {
    children: row.children.map(linkedChild),
    proposals: account.emailVerified ? proposalsOf(account.email, row.unlinked) : { kind: 'email_not_verified' },
  };
}

function proposalsOf(
  email: string,
  rows: Awaited<ReturnType<typeof repository.familyOfAccount>>['unlinked'],
): Proposals {
  const seen = new Set<string>();
  const children: ProposedChild[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    children.push({
      firstName: row.first_name,
      lastName: row.last_name,
      className: row.class_name,
      establishmentName: row.establishment_name,
      establishmentSlug: row.establishment_slug,
    });
  }
  return { kind: 'verified', email, children };
}

export type CodeLinkOutcome =
  | { readonly kind: 'linked' | 'already_linked'; readonly pupilId: string }
  /** An unknown code and a wrong birth date give this same answer. */
  | { readonly kind: 'not_found' }
  | { readonly kind: 'no_free_guardian' }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number };

function throttleKey(accountId: string): string {
  return `canteen-link-code:account:${accountId}`;
}

/**
 * Links a child by code and birth date, throttled per account in the database: every answer that
 * is not a link counts as a failure, and the fifth locks the form for an hour.
 */
export async function linkChildByCode(
  db: Kysely<Database>,
  accountId: string,
  input: { code: string; birthDate: string },
  now: Date = new Date(),
): Promise<CodeLinkOutcome> {
  const key = throttleKey(accountId);
  const check = await checkThrottle(db, [key], now);
  if (!check.allowed) return { kind: 'locked', retryAfterSeconds: check.retryAfterSeconds };
  const outcome = await linkByPupilCode(db, accountId, {
    code: normalizeLinkCode(input.code),
    birthDate: input.birthDate,
  });
  if (outcome.kind === 'linked' || outcome.kind === 'already_linked') {
    return { kind: outcome.kind, pupilId: outcome.pupilId };
  }
  const failure = await recordFailure(db, [key], LINK_CODE_POLICY, now);
  if (failure.blockedSeconds > 0) return { kind: 'locked', retryAfterSeconds: failure.blockedSeconds };
  return outcome.kind === 'not_found' ? { kind: 'not_found' } : outcome;
}

/** Whether the code form is locked for this account now, and for how long. */
export async function linkCodeLock(db: Kysely<Database>, accountId: string, now: Date = new Date()) {
  return checkThrottle(db, [throttleKey(accountId)], now);
}

export { childrenOfAccount };

export interface ParentBill extends Bill {
  readonly creditor: {
    readonly name: string;
    readonly address: string | null;
    readonly registration: string | null;
    readonly vatNumber: string | null;
    /** Its merchant account at the payment provider (none: its bills are not payable online). */
    readonly merchantId: string | null;
  };
  /** The children named on the bill's lines, in order. */
  readonly childNames: readonly string[];
}

type BillRow = Awaited<ReturnType<typeof repository.billsOfAccount>>[number];

/** Bill rows read with their lines (one statement) as the parent's bills. */
function toParentBills(rows: readonly BillRow[]): ParentBill[] {
  return rows.map((row) => {
    const bill = billing.toBill(row, row.lines);
    return {
      ...bill,
      creditor: {
        name: row.creditor_name,
        address: row.creditor_address,
        registration: row.creditor_registration,
        vatNumber: row.creditor_vat_number,
        merchantId: row.creditor_merchant_id,
      },
      childNames: [...new Set(bill.lines.map((l) => l.pupilName))],
    };
  });
}

const UNPAID = new Set(['to_pay', 'partially_paid']);

/** What a list of bills shows of each (a bill card): a ParentBill is one too. */
export type BillSummary = Pick<
  ParentBill,
  | 'id'
  | 'number'
  | 'month'
  | 'status'
  | 'establishmentSlug'
  | 'establishmentName'
  | 'totalCents'
  | 'paidCents'
  | 'onlineDeadline'
  | 'dueDate'
  | 'childNames'
>;

/** Unpaid first (oldest due first), then the others, newest month first. */
function inListOrder<B extends BillSummary>(
  bills: readonly B[],
  filter: { establishmentSlug?: string | undefined } = {},
): B[] {
  return bills
    .filter((b) => !filter.establishmentSlug || b.establishmentSlug === filter.establishmentSlug)
    .sort((a, b) => {
      const unpaidA = UNPAID.has(a.status) ? 0 : 1;
      const unpaidB = UNPAID.has(b.status) ? 0 : 1;
      if (unpaidA !== unpaidB) return unpaidA - unpaidB;
      if (unpaidA === 0) return (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.month.localeCompare(b.month);
      return b.month.localeCompare(a.month) || (a.number ?? '').localeCompare(b.number ?? '');
    });
}

/** The account's bills with their lines: unpaid first (oldest due first), then the others, newest month first. */
export async function billsForAccount(db: Kysely<Database>, accountId: string): Promise<ParentBill[]> {
  return inListOrder(toParentBills(await repository.billsOfAccount(db, accountId)));
}

/** A bill as the basket offers it: its summary, and its creditor's merchant account (none: not payable online). */
export interface PayableBillSummary extends BillSummary {
  readonly merchantId: string | null;
}

/**
 * The account's bills as "Mes factures" and the basket list them, in the order of billsForAccount,
 * without their lines.
 */
export async function billSummariesForAccount(
  db: Kysely<Database>,
  accountId: string,
  filter: { establishmentSlug?: string | undefined } = {},
): Promise<PayableBillSummary[]> {
  return summariesInListOrder(await repository.billSummariesOfAccount(db, accountId), filter);
}

/** The account's bill summaries as "Mes factures" reads them with the session (a route's `accountRows`). */
export const myBillSummariesRows = repository.billSummariesOfAccountRows;

/**
 * The account's bill summaries read with the session, each with the column about the bill that
 * `column` gives (another room's: the basket's leases), as `extra` (a route's `accountRows`).
 */
export const billSummariesWithColumnRows = repository.billSummariesWithColumnRows;

/** Those rows as billSummariesForAccount gives them. */
export function billSummariesFromRows(
  rows: AccountRowsOf<typeof myBillSummariesRows>,
  filter: { establishmentSlug?: string | undefined } = {},
): PayableBillSummary[] {
  return summariesInListOrder(rows, filter);
}

function summariesInListOrder(
  rows: AccountRowsOf<typeof myBillSummariesRows>,
  filter: { establishmentSlug?: string | undefined },
): PayableBillSummary[] {
  return inListOrder(
    rows.map((row) => ({
      id: row.id,
      number: row.number,
      month: row.month,
      status: row.status,
      establishmentSlug: row.establishment_slug,
      establishmentName: row.establishment_name,
      totalCents: row.total_cents,
      paidCents: row.paid_cents,
      onlineDeadline: row.online_deadline,
      dueDate: row.due_date,
      childNames: [...new Set(row.pupil_names)],
      merchantId: row.creditor_merchant_id,
    })),
    filter,
  );
}

/** One bill of the account's, or undefined (another family's bill, or no such bill). */
export async function billForAccount(
  db: Kysely<Database>,
  accountId: string,
  invoiceId: string,
): Promise<ParentBill | undefined> {
  if (!isUuid(invoiceId)) return undefined;
  const row = await repository.billOfAccount(db, accountId, invoiceId);
  if (!row) return undefined;
  return toParentBills([row])[0];
}

export interface ChildPage {
  readonly child: LinkedChild;
  readonly month: string;
  readonly meals: readonly MealDay[];
  /** The bills of the account that name this child. */
  readonly bills: readonly ParentBill[];
  /**
   * For a viewer, who is shown no bill: what the bills charged for this child, month by month
   * (ADR 0011). Empty for a payer, whose bills say it.
   */
  readonly charges: readonly ChildCharge[];
}

/** One month of what the payers' bills charged for a child. */
export interface ChildCharge {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly meals: number;
  readonly totalCents: Cents;
}

/**
 * A linked child's page: the meals of `month` (by default the month of their latest meal, else the
 * current one) and the account's bills that name them. Undefined when the child is not linked.
 */
export async function childPage(
  db: Kysely<Database>,
  accountId: string,
  pupilId: string,
  month: string | undefined,
  now: Date = new Date(),
): Promise<ChildPage | undefined> {
  if (!isUuid(pupilId)) return undefined;
  const child = (await childrenOfAccount(db, accountId)).find((c) => c.pupilId === pupilId);
  if (!child) return undefined;
  const shown =
    month !== undefined && isMonth(month)
      ? month
      : ((await repository.lastMealMonth(db, pupilId)) ?? todayInMonaco(now).slice(0, 7));
  const { first, last } = monthBounds(shown);
  const meals = (await billing.mealsOfPupilMonth(db, pupilId, first, last)).map((r) => ({
    date: r.eaten_on,
    quantity: r.quantity,
  }));
  if (child.role === 'viewer') {
    const charges = (await repository.chargesOfPupil(db, pupilId)).map((r) => ({
      month: r.month,
      meals: r.meals,
      totalCents: cents(r.total_cents),
    }));
    return { child, month: shown, meals, bills: [], charges };
  }
  const bills = (await billsForAccount(db, accountId)).filter((b) => b.lines.some((l) => l.pupilId === pupilId));
  return { child, month: shown, meals, bills, charges: [] };
}

/** Whether the account has a child linked at this establishment (the gate's next step). */
export async function hasChildAt(db: Kysely<Database>, accountId: string, establishmentSlug: string): Promise<boolean> {
  return (await childrenOfAccount(db, accountId)).some((c) => c.establishmentSlug === establishmentSlug);
}

/** A birth date as typed (`JJ/MM/AAAA` or `AAAA-MM-JJ`) → `YYYY-MM-DD`, or undefined. */
export function readBirthDate(text: string): string | undefined {
  return parseDate(text);
}
