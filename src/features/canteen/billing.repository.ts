/**
 * Every query of canteen billing: school years, pupils and guardians, tariffs, meals, invoices.
 * Functions that change money rows take the transaction and lock the rows first.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compiledOnce } from '../../db/compiled.ts';
import type { Database, InvoiceStatusRow } from '../../db/database.ts';
import type { Bill, BillLine } from './canteen.types.ts';

export async function findEstablishmentBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select([
      'establishment.id',
      'establishment.slug',
      'establishment.name',
      'establishment.creditor_id',
      'creditor.name as creditor_name',
      'creditor.slug as creditor_slug',
      'creditor.invoice_prefix',
      'creditor.vat_rate_basis_points',
    ])
    .where('establishment.slug', '=', slug)
    .executeTakeFirst();
}

export async function listEstablishments(db: Kysely<Database>) {
  return db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select([
      'establishment.slug',
      'establishment.name',
      'establishment.has_canteen',
      'creditor.name as creditor_name',
      'creditor.slug as creditor_slug',
    ])
    .orderBy('establishment.slug')
    .execute();
}

// School years

export async function findSchoolYear(db: Kysely<Database>, id: string) {
  return db.selectFrom('school_year').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function ensureSchoolYear(
  trx: Transaction<Database>,
  year: { id: string; startsOn: string; endsOn: string },
) {
  await trx
    .insertInto('school_year')
    .values({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

// Pupils and guardians

export async function lockPupilsOfEstablishment(trx: Transaction<Database>, establishmentId: number) {
  return trx
    .selectFrom('pupil')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .orderBy('pupil_ref')
    .forUpdate()
    .execute();
}

export async function listPupilsOfEstablishment(db: Kysely<Database>, establishmentId: number) {
  return db
    .selectFrom('pupil')
    .innerJoin('school_year', 'school_year.id', 'pupil.school_year_id')
    .select([
      'pupil.id',
      'pupil.pupil_ref',
      'pupil.first_name',
      'pupil.last_name',
      'pupil.left_on',
      'school_year.starts_on',
      'school_year.ends_on',
    ])
    .where('pupil.establishment_id', '=', establishmentId)
    .execute();
}

/** The pupils still on an establishment's roll with their link codes, by class and name: `roll codes`. */
export async function pupilCodesOfEstablishment(db: Kysely<Database>, establishmentId: number) {
  return db
    .selectFrom('pupil')
    .select(['pupil_ref', 'last_name', 'first_name', 'class_name', 'school_year_id', 'link_code'])
    .where('establishment_id', '=', establishmentId)
    .where('left_on', 'is', null)
    .orderBy('class_name')
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('pupil_ref')
    .execute();
}

export interface PupilValues {
  establishment_id: number;
  pupil_ref: string;
  school_year_id: string;
  last_name: string;
  first_name: string;
  birth_date: string;
  class_name: string;
}

export async function insertPupil(trx: Transaction<Database>, values: PupilValues & { link_code: string }) {
  return trx.insertInto('pupil').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updatePupil(trx: Transaction<Database>, id: string, values: PupilValues) {
  await trx
    .updateTable('pupil')
    .set({ ...values, left_on: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markLeft(trx: Transaction<Database>, ids: readonly string[], on: string) {
  if (ids.length === 0) return;
  await trx
    .updateTable('pupil')
    .set({ left_on: on, updated_at: sql`now()` })
    .where('id', 'in', ids)
    .execute();
}

export async function linkCodeTaken(trx: Kysely<Database>, code: string): Promise<boolean> {
  const row = await trx.selectFrom('pupil').select('id').where('link_code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function lockGuardians(trx: Transaction<Database>, pupilId: string) {
  return trx.selectFrom('guardian_link').selectAll().where('pupil_id', '=', pupilId).forUpdate().execute();
}

export async function deleteGuardians(trx: Transaction<Database>, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx.deleteFrom('guardian_link').where('id', 'in', ids).execute();
}

export async function upsertGuardian(
  trx: Transaction<Database>,
  values: {
    pupil_id: string;
    position: 1 | 2;
    email: string;
    role: 'payer' | 'viewer';
    share_percent: number;
    account_id: string | null;
    linked_at: Date | null;
  },
) {
  await trx
    .insertInto('guardian_link')
    .values({ ...values, email_key: values.email.toLowerCase() })
    .execute();
}

export async function guardiansOfPupils(db: Kysely<Database>, pupilIds: readonly string[]) {
  if (pupilIds.length === 0) return [];
  return db
    .selectFrom('guardian_link')
    .selectAll()
    .where('pupil_id', 'in', pupilIds)
    .orderBy('pupil_id')
    .orderBy('position')
    .execute();
}

export async function linkGuardiansByEmail(trx: Transaction<Database>, emailKey: string, accountId: string) {
  return trx
    .updateTable('guardian_link')
    .set({ account_id: accountId, linked_at: sql`now()` })
    .where('email_key', '=', emailKey)
    .where('account_id', 'is', null)
    .returning('pupil_id')
    .execute();
}

export async function findPupilByLinkCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('pupil').selectAll().where('link_code', '=', code).executeTakeFirst();
}

export async function linkGuardian(trx: Transaction<Database>, guardianId: string, accountId: string) {
  await trx
    .updateTable('guardian_link')
    .set({ account_id: accountId, linked_at: sql`now()` })
    .where('id', '=', guardianId)
    .execute();
}

/** The pupils an account is linked to: compiled once (src/db/compiled.ts), read by every family page. */
/** The pupils linked to an account, with their school and the link's role (a query to run or nest). */
export function childrenOfAccountSelect(db: Kysely<Database>, accountId: string | Expression<string>) {
  return db
    .selectFrom('guardian_link')
    .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
    .innerJoin('establishment', 'establishment.id', 'pupil.establishment_id')
    .select([
      'pupil.id',
      'pupil.first_name',
      'pupil.last_name',
      'pupil.birth_date',
      'pupil.class_name',
      'pupil.left_on',
      'pupil.school_year_id',
      'establishment.slug as establishment_slug',
      'establishment.name as establishment_name',
      'guardian_link.role',
      'guardian_link.share_percent',
    ])
    .where('guardian_link.account_id', '=', accountId)
    .orderBy('pupil.first_name');
}

const childrenOfAccountQuery = compiledOnce(1, childrenOfAccountSelect);

export async function childrenOfAccount(db: Kysely<Database>, accountId: string) {
  return childrenOfAccountQuery(db, accountId);
}

// Tariffs

export async function upsertTariff(
  trx: Transaction<Database>,
  values: { establishment_id: number; valid_from: string; unit_price_cents: number },
) {
  return trx
    .insertInto('tariff')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['establishment_id', 'valid_from']).doUpdateSet({ unit_price_cents: values.unit_price_cents }),
    )
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function tariffsOf(db: Kysely<Database>, establishmentId: number) {
  return db
    .selectFrom('tariff')
    .select(['valid_from', 'unit_price_cents'])
    .where('establishment_id', '=', establishmentId)
    .orderBy('valid_from')
    .execute();
}

// Meals

export async function upsertMeals(
  trx: Transaction<Database>,
  meals: readonly { pupil_id: string; eaten_on: string; quantity: number }[],
) {
  // Batches keep each statement under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < meals.length; i += 5000) {
    await trx
      .insertInto('meal')
      .values(meals.slice(i, i + 5000))
      .onConflict((oc) => oc.columns(['pupil_id', 'eaten_on']).doUpdateSet({ quantity: sql`excluded.quantity` }))
      .execute();
  }
}

export async function mealsOfEstablishmentMonth(
  db: Kysely<Database>,
  establishmentId: number,
  first: string,
  last: string,
) {
  return db
    .selectFrom('meal')
    .innerJoin('pupil', 'pupil.id', 'meal.pupil_id')
    .select(['meal.pupil_id', 'meal.eaten_on', 'meal.quantity'])
    .where('pupil.establishment_id', '=', establishmentId)
    .where('meal.eaten_on', '>=', first)
    .where('meal.eaten_on', '<=', last)
    .orderBy('meal.pupil_id')
    .orderBy('meal.eaten_on')
    .execute();
}

export async function mealsOfPupilMonth(db: Kysely<Database>, pupilId: string, first: string, last: string) {
  return db
    .selectFrom('meal')
    .select(['eaten_on', 'quantity'])
    .where('pupil_id', '=', pupilId)
    .where('eaten_on', '>=', first)
    .where('eaten_on', '<=', last)
    .orderBy('eaten_on')
    .execute();
}

export async function pupilsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('pupil').select(['id', 'first_name', 'last_name']).where('id', 'in', ids).execute();
}

// Invoices

export async function lockInvoicesOfMonth(trx: Transaction<Database>, establishmentId: number, month: string) {
  return trx
    .selectFrom('invoice')
    .select(['id', 'status', 'payer_email_key'])
    .where('establishment_id', '=', establishmentId)
    .where('month', '=', month)
    .where('status', '<>', 'cancelled')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function deleteDrafts(trx: Transaction<Database>, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx.deleteFrom('invoice').where('id', 'in', ids).where('status', '=', 'draft').execute();
}

export async function insertDraft(
  trx: Transaction<Database>,
  invoice: {
    creditor_id: number;
    establishment_id: number;
    month: string;
    payer_email: string;
    total_cents: number;
    net_cents: number;
    vat_cents: number;
    vat_rate_basis_points: number;
  },
  lines: readonly {
    pupil_id: string;
    pupil_name: string;
    period_start: string;
    period_end: string;
    quantity: number;
    unit_price_cents: number;
    share_percent: number;
    total_cents: number;
  }[],
) {
  const row = await trx
    .insertInto('invoice')
    .values({ ...invoice, payer_email_key: invoice.payer_email.toLowerCase() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (lines.length > 0) {
    await trx
      .insertInto('invoice_line')
      .values(lines.map((line, i) => ({ ...line, invoice_id: row.id, position: i + 1 })))
      .execute();
  }
  return row.id;
}

/** The drafts of a month, locked; a draft another publisher took meanwhile is no longer one and is skipped. */
export async function lockDrafts(trx: Transaction<Database>, establishmentId: number, month: string) {
  return trx
    .selectFrom('invoice')
    .select(['id', 'creditor_id', 'payer_email', 'payer_email_key', 'total_cents'])
    .where('establishment_id', '=', establishmentId)
    .where('month', '=', month)
    .where('status', '=', 'draft')
    .orderBy('payer_email_key')
    .forUpdate()
    .execute();
}

/** The next number of a creditor's year; the counter row stays locked until the transaction ends. */
export async function nextInvoiceSequence(trx: Transaction<Database>, creditorId: number, year: number) {
  const row = await trx
    .insertInto('invoice_counter')
    .values({ creditor_id: creditorId, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['creditor_id', 'year']).doUpdateSet({ last_number: sql`invoice_counter.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function publishInvoice(
  trx: Transaction<Database>,
  id: string,
  values: {
    year: number;
    sequence: number;
    number: string;
    payment_reference: string;
    issued_on: string;
    online_deadline: string;
    due_date: string;
    dossier_id: string | null;
  },
) {
  await trx
    .updateTable('invoice')
    .set({ ...values, status: 'to_pay', published_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/** The account linked as payer for this e-mail at this establishment, if any, and its language. */
export async function payerAccount(db: Kysely<Database>, establishmentId: number, emailKey: string) {
  return db
    .selectFrom('guardian_link')
    .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
    .innerJoin('account', 'account.id', 'guardian_link.account_id')
    .select(['account.id', 'account.language'])
    .where('pupil.establishment_id', '=', establishmentId)
    .where('guardian_link.email_key', '=', emailKey)
    .where('account.closed_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The published bills (not cancelled) that an account's payer links cover and that have no dossier
 * yet (published before the payer linked the account), rows locked: linking opens their dossiers.
 */
export async function lockBillsWithoutDossier(trx: Transaction<Database>, accountId: string) {
  return trx
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .select([
      'invoice.id',
      'invoice.number',
      'invoice.month',
      'invoice.status',
      'establishment.slug as establishment_slug',
      'establishment.name as establishment_name',
    ])
    .where('invoice.dossier_id', 'is', null)
    .where('invoice.status', 'in', ['to_pay', 'partially_paid', 'paid'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('guardian_link')
          .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
          .select(eb.lit(1).as('one'))
          .where('guardian_link.account_id', '=', accountId)
          .where('guardian_link.role', '=', 'payer')
          .whereRef('pupil.establishment_id', '=', 'invoice.establishment_id')
          .whereRef('guardian_link.email_key', '=', 'invoice.payer_email_key'),
      ),
    )
    .orderBy('invoice.number')
    .forUpdate('invoice')
    .execute();
}

/** Gives a published bill its dossier, once (the freezing trigger allows only null to a dossier). */
export async function setInvoiceDossier(trx: Transaction<Database>, invoiceId: string, dossierId: string) {
  await trx
    .updateTable('invoice')
    .set({ dossier_id: dossierId })
    .where('id', '=', invoiceId)
    .where('dossier_id', 'is', null)
    .execute();
}

/** The columns of an invoice as a bill shows it (`withLines`), with its establishment and creditor. */
export const invoiceColumns = [
  'invoice.id',
  'invoice.number',
  'invoice.month',
  'invoice.status',
  'invoice.payer_email',
  'invoice.total_cents',
  'invoice.net_cents',
  'invoice.vat_cents',
  'invoice.vat_rate_basis_points',
  'invoice.paid_cents',
  'invoice.payment_reference',
  'invoice.issued_on',
  'invoice.online_deadline',
  'invoice.due_date',
  'establishment.slug as establishment_slug',
  'establishment.name as establishment_name',
  'creditor.name as creditor_name',
] as const;

export async function invoicesOfMonth(db: Kysely<Database>, establishmentId: number, month: string) {
  return db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .select(invoiceColumns)
    .where('invoice.establishment_id', '=', establishmentId)
    .where('invoice.month', '=', month)
    .orderBy('invoice.payer_email_key')
    .execute();
}

export async function linesOfInvoices(db: Kysely<Database>, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('invoice_line')
    .selectAll()
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('position')
    .execute();
}

/** The columns of `invoiceColumns`: what `withLines` needs of an invoice row. */
export type InvoiceRow = Awaited<ReturnType<typeof invoicesOfMonth>>[number];

/** A bill line as stored, without its keys: what `toBill` turns into a `BillLine`. */
export interface StoredLine {
  readonly pupil_id: string;
  readonly pupil_name: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly quantity: number;
  readonly unit_price_cents: number;
  readonly share_percent: number;
  readonly total_cents: number;
}

/**
 * The invoice's lines, in their order, as one JSON array column `lines` of the invoice's row (a
 * correlated subquery on `invoice.id`): a list of bills and their lines is then one statement,
 * one round trip, instead of two. The columns are integers, text and dates, which JSON carries
 * exactly (a date as its 'YYYY-MM-DD' text, as the driver keeps it).
 */
export function invoiceLinesColumn(eb: ExpressionBuilder<Database, 'invoice'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('invoice_line')
      .select([
        'invoice_line.pupil_id',
        'invoice_line.pupil_name',
        'invoice_line.period_start',
        'invoice_line.period_end',
        'invoice_line.quantity',
        'invoice_line.unit_price_cents',
        'invoice_line.share_percent',
        'invoice_line.total_cents',
      ])
      .whereRef('invoice_line.invoice_id', '=', 'invoice.id')
      .orderBy('invoice_line.position'),
  ).as('lines');
}

function toBillLine(line: StoredLine): BillLine {
  return {
    pupilId: line.pupil_id,
    pupilName: line.pupil_name,
    periodStart: line.period_start,
    periodEnd: line.period_end,
    quantity: line.quantity,
    unitPriceCents: line.unit_price_cents,
    sharePercent: line.share_percent,
    totalCents: line.total_cents,
  };
}

/** An invoice row and its stored lines as a bill. */
export function toBill(row: InvoiceRow, lines: readonly StoredLine[]): Bill {
  return {
    id: row.id,
    number: row.number,
    month: row.month,
    status: row.status,
    payerEmail: row.payer_email,
    establishmentSlug: row.establishment_slug,
    establishmentName: row.establishment_name,
    creditorName: row.creditor_name,
    totalCents: row.total_cents,
    netCents: row.net_cents,
    vatCents: row.vat_cents,
    vatRateBasisPoints: row.vat_rate_basis_points,
    paidCents: row.paid_cents,
    paymentReference: row.payment_reference,
    issuedOn: row.issued_on,
    onlineDeadline: row.online_deadline,
    dueDate: row.due_date,
    lines: lines.map(toBillLine),
  };
}

/**
 * Invoice rows as bills, each with its lines (one query for all of them), in the order of `rows`.
 * Each bill comes with its row, so a caller that selected more columns can read them.
 */
export async function withLines<R extends InvoiceRow>(
  db: Kysely<Database>,
  rows: readonly R[],
): Promise<Array<{ readonly row: R; readonly bill: Bill }>> {
  const lines = await linesOfInvoices(
    db,
    rows.map((r) => r.id),
  );
  const byInvoice = new Map<string, StoredLine[]>();
  for (const line of lines) {
    const list = byInvoice.get(line.invoice_id) ?? [];
    list.push(line);
    byInvoice.set(line.invoice_id, list);
  }
  return rows.map((row) => ({ row, bill: toBill(row, byInvoice.get(row.id) ?? []) }));
}

/** Locks published invoices for a payment (in id order, so two payments never deadlock). */
export async function lockInvoicesForPayment(trx: Transaction<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('invoice')
    .select(['id', 'status', 'total_cents', 'paid_cents', 'dossier_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Whether the account may read the bill: it holds the bill's roll e-mail as a *payer* of a pupil of
 * the bill's establishment (a viewer's link never opens a payer's bills). For a query of bills
 * with their establishment and creditor.
 */
export function accountIsPayerOf(
  eb: ExpressionBuilder<Database, 'invoice' | 'establishment' | 'creditor'>,
  accountId: string | Expression<string>,
) {
  return eb.exists(
    eb
      .selectFrom('guardian_link')
      .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
      .select(sql<number>`1`.as('one'))
      .where('guardian_link.account_id', '=', accountId)
      .where('guardian_link.role', '=', 'payer')
      .whereRef('guardian_link.email_key', '=', 'invoice.payer_email_key')
      .whereRef('pupil.establishment_id', '=', 'invoice.establishment_id'),
  );
}

/**
 * The bills a payment of `accountId` settles, locked (in the order of their ids), with what its
 * receipt names of each and whether the account may read it (`visible`): a select, not executed
 * (`recipient` is the column of the payer's address, from the accounts feature), that payments
 * sends within the attempt's state change; the ids are one array, or an expression of one.
 */
export function lockInvoicesToSettleSelect<R>(
  db: Kysely<Database>,
  accountId: string | Expression<string>,
  ids: readonly string[] | Expression<string[] | null>,
  recipient: RawBuilder<R>,
) {
  return db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .select([
      'invoice.id',
      'invoice.status',
      'invoice.total_cents',
      'invoice.paid_cents',
      'invoice.dossier_id',
      'invoice.number',
      'invoice.month',
      'establishment.name as establishment_name',
      'creditor.name as creditor_name',
    ])
    .select((eb) => accountIsPayerOf(eb, accountId).as('visible'))
    .select(recipient.as('recipient'))
    .where(sql<boolean>`invoice.id = any(${ids}::uuid[])`)
    .orderBy('invoice.id')
    .forUpdate('invoice');
}

/**
 * The update of the payment columns of published invoices (at least one), not executed: a part
 * for the statement that ends the payment's transaction (src/db/statement-part.ts).
 */
export function invoicesPaymentUpdate(
  trx: Transaction<Database>,
  values: readonly { id: string; status: InvoiceStatusRow; paid_cents: number }[],
) {
  const [only] = values;
  if (values.length === 1 && only)
    return trx
      .updateTable('invoice')
      .set({ status: only.status, paid_cents: only.paid_cents })
      .where('id', '=', only.id);
  return sql`update invoice set status = v.status, paid_cents = v.paid_cents
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, status text, paid_cents integer)
    where invoice.id = v.id`;
}

/** The payment columns of a published invoice: the only ones its trigger lets change. */
export async function setInvoicePayment(
  trx: Transaction<Database>,
  id: string,
  values: { status: InvoiceStatusRow; paid_cents: number },
) {
  await trx.updateTable('invoice').set(values).where('id', '=', id).execute();
}
