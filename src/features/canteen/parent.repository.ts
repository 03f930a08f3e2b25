/**
 * The queries of the parent's pages: children the roll lists under an e-mail, the bills an account
 * may read (those addressed to a roll e-mail it holds as a payer at that establishment), a bill's
 * creditor. Read-only; linking goes through billing.repository.ts.
 */
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AccountRef } from '../../db/account-rows.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { Database, InvoiceStatusRow } from '../../db/database.ts';
import { accountIsPayerOf, childrenOfAccountSelect, invoiceColumns, invoiceLinesColumn } from './billing.repository.ts';

/** Pupils still on a roll whose guardian entry names `emailKey` and no account holds yet. */
function unlinkedPupilsOfEmailSelect(db: Kysely<Database>, emailKey: string | Expression<string>) {
  return db
    .selectFrom('guardian_link')
    .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
    .innerJoin('establishment', 'establishment.id', 'pupil.establishment_id')
    .select([
      'pupil.id',
      'pupil.first_name',
      'pupil.last_name',
      'pupil.class_name',
      'establishment.name as establishment_name',
      'establishment.slug as establishment_slug',
    ])
    .where('guardian_link.email_key', '=', emailKey)
    .where('guardian_link.account_id', 'is', null)
    .where('pupil.left_on', 'is', null)
    .orderBy('pupil.first_name');
}

/**
 * "Mes enfants" in one row: the account's children (childrenOfAccount's query) and the pupils still
 * on a roll whose guardian entry names `emailKey` and no account holds yet, each as a JSON array.
 */
function familyOf(db: Kysely<Database>, accountId: string | Expression<string>, emailKey: string | Expression<string>) {
  return db.selectNoFrom([
    jsonArrayFrom(childrenOfAccountSelect(db, accountId)).as('children'),
    jsonArrayFrom(unlinkedPupilsOfEmailSelect(db, emailKey)).as('unlinked'),
  ]);
}

/** The same in one statement, compiled once (src/db/compiled.ts). */
const familyOfAccountQuery = compiledOnce(2, (db, accountId: string, emailKey: string) =>
  familyOf(db, accountId, emailKey),
);

export async function familyOfAccount(db: Kysely<Database>, accountId: string, emailKey: string) {
  const [row] = await familyOfAccountQuery(db, accountId, emailKey);
  return row ?? { children: [], unlinked: [] };
}

/** The same row, read with the session ("Mes enfants", src/db/account-rows.ts). */
export function familyOfAccountRows(db: Kysely<Database>, account: AccountRef) {
  return familyOf(db, account.id, account.emailKey);
}

/** A bill's columns, and the creditor's legal details printed on it. */
const billColumns = [
  ...invoiceColumns,
  'creditor.address as creditor_address',
  'creditor.registration as creditor_registration',
  'creditor.vat_number as creditor_vat_number',
  'creditor.psp_merchant_id as creditor_merchant_id',
] as const;

const PUBLISHED: InvoiceStatusRow[] = ['to_pay', 'partially_paid', 'paid', 'cancelled'];

/**
 * Published bills the account may read: addressed to a roll e-mail that the account holds as a
 * *payer* of a pupil of the bill's establishment. A viewer's link never opens a payer's bills.
 * With their establishment and creditor joined; the caller selects the columns.
 */
function readableBills(db: Kysely<Database>, accountId: string | Expression<string>) {
  return db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .where('invoice.status', 'in', PUBLISHED)
    .where((eb) => accountIsPayerOf(eb, accountId));
}

/** The readable bills with every column a bill's page, PDF or receipt prints. */
function visibleBills(db: Kysely<Database>, accountId: string) {
  return readableBills(db, accountId).select(billColumns);
}

/** The account's bills with their lines: compiled once (src/db/compiled.ts), read by every bills page. */
const billsWithLinesOfAccount = compiledOnce(1, (db, accountId: string) =>
  visibleBills(db, accountId).select(invoiceLinesColumn).orderBy('invoice.month', 'desc').orderBy('invoice.number'),
);

/** The account's bills, each with its lines (one statement). */
export async function billsOfAccount(db: Kysely<Database>, accountId: string) {
  return billsWithLinesOfAccount(db, accountId);
}

/**
 * The account's bills as a list or the basket shows them: the card's columns, the creditor's
 * merchant account, and the names on the bill's lines in their order, without the lines
 * themselves (a bills page reads a dozen bills on every request; their lines, as JSON, cost
 * PostgreSQL and the portal more than the rest).
 */
function billSummariesOf(db: Kysely<Database>, accountId: string | Expression<string>) {
  return readableBills(db, accountId)
    .select([
      'invoice.id',
      'invoice.number',
      'invoice.month',
      'invoice.status',
      'invoice.total_cents',
      'invoice.paid_cents',
      'invoice.online_deadline',
      'invoice.due_date',
      'establishment.slug as establishment_slug',
      'establishment.name as establishment_name',
      'creditor.psp_merchant_id as creditor_merchant_id',
    ])
    .select(
      sql<
        string[]
      >`array(select invoice_line.pupil_name from invoice_line where invoice_line.invoice_id = invoice.id order by invoice_line.position)`.as(
        'pupil_names',
      ),
    );
}

/** The same, compiled once (src/db/compiled.ts). */
const billSummariesOfAccountQuery = compiledOnce(1, (db, accountId: string) => billSummariesOf(db, accountId));

/** The same summaries, read with the session ("Mes factures", src/db/account-rows.ts). */
export function billSummariesOfAccountRows(db: Kysely<Database>, account: AccountRef) {
  return billSummariesOf(db, account.id);
}

/**
 * The same summaries, read with the session, each with a column about the bill that another room
 * gives (`column(invoice.id)`), as `extra`: the basket reads each bill's lease from payments so.
 */
export function billSummariesWithColumnRows<T>(column: (invoiceId: Expression<string>) => RawBuilder<T>) {
  return (db: Kysely<Database>, account: AccountRef) =>
    billSummariesOf(db, account.id).select((eb) => column(eb.ref('invoice.id')).as('extra'));
}

/** The account's bills without their lines, with the names on them (one statement). */
export async function billSummariesOfAccount(db: Kysely<Database>, accountId: string) {
  return billSummariesOfAccountQuery(db, accountId);
}

/** One of the account's bills with its lines (one statement). */
export async function billOfAccount(db: Kysely<Database>, accountId: string, invoiceId: string) {
  return visibleBills(db, accountId).select(invoiceLinesColumn).where('invoice.id', '=', invoiceId).executeTakeFirst();
}

/** The month (YYYY-MM) of a pupil's latest meal, if any. */
export async function lastMealMonth(db: Kysely<Database>, pupilId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('meal')
    .select(sql<string>`to_char(max(eaten_on), 'YYYY-MM')`.as('month'))
    .where('pupil_id', '=', pupilId)
    .executeTakeFirst();
  return row?.month ?? undefined;
}

/**
 * What the published, not cancelled, bills charged for one pupil, month by month, newest first:
 * meals and amount summed over the payers' bills, without any bill's number, payer or payment.
 */
export async function chargesOfPupil(db: Kysely<Database>, pupilId: string) {
  return db
    .selectFrom('invoice_line')
    .innerJoin('invoice', 'invoice.id', 'invoice_line.invoice_id')
    .select([
      'invoice.month',
      sql<number>`sum(invoice_line.quantity)::int`.as('meals'),
      sql<number>`sum(invoice_line.total_cents)::int`.as('total_cents'),
    ])
    .where('invoice_line.pupil_id', '=', pupilId)
    .where('invoice.status', 'in', ['to_pay', 'partially_paid', 'paid'])
    .groupBy('invoice.month')
    .orderBy('invoice.month', 'desc')
    .execute();
}

/** The creditor of an establishment, with the legal details printed on its documents. */
export async function creditorOfEstablishment(db: Kysely<Database>, establishmentSlug: string) {
  return db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select(['creditor.name', 'creditor.address', 'creditor.registration', 'creditor.vat_number'])
    .where('establishment.slug', '=', establishmentSlug)
    .executeTakeFirst();
}
