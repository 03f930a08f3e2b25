/**
 * The queries of the parent's pages: children the roll lists under an e-mail, the bills an account
 * may read (those addressed to a roll e-mail it holds as a payer at that establishment), a bill's
 * creditor. Read-only; linking goes through billing.repository.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, InvoiceStatusRow } from '../../db/database.ts';
import { invoiceColumns } from './billing.repository.ts';

/** Pupils still on a roll whose guardian entry names `emailKey` and no account holds yet. */
export async function unlinkedPupilsOfEmail(db: Kysely<Database>, emailKey: string) {
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
    ])
    .where('guardian_link.email_key', '=', emailKey)
    .where('guardian_link.account_id', 'is', null)
    .where('pupil.left_on', 'is', null)
    .orderBy('pupil.first_name')
    .execute();
}

/** A bill's columns, and the creditor's legal details printed on it. */
const billColumns = [
  ...invoiceColumns,
  'creditor.address as creditor_address',
  'creditor.registration as creditor_registration',
  'creditor.vat_number as creditor_vat_number',
] as const;

const PUBLISHED: InvoiceStatusRow[] = ['to_pay', 'partially_paid', 'paid', 'cancelled'];

/** Where an account may read bills: each roll e-mail it holds as a *payer*, with the pupil's establishment. */
interface PayerScope {
  readonly email_key: string;
  readonly establishment_id: number;
}

async function payerScopes(db: Kysely<Database>, accountId: string): Promise<PayerScope[]> {
  return db
    .selectFrom('guardian_link')
    .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
    .select(['guardian_link.email_key', 'pupil.establishment_id'])
    .distinct()
    .where('guardian_link.account_id', '=', accountId)
    .where('guardian_link.role', '=', 'payer')
    .execute();
}

/**
 * Published bills the account may read: addressed to a roll e-mail that the account holds as a
 * *payer* of a pupil of the bill's establishment. A viewer's link never opens a payer's bills.
 *
 * Read in two small queries (the account's payer scopes, then the bills of those scopes) rather
 * than one with a correlated EXISTS over five tables: PostgreSQL planned that one for several
 * milliseconds on every request, ten times what these two take together.
 */
function visibleBills(db: Kysely<Database>, scopes: readonly PayerScope[]) {
  return db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .select(billColumns)
    .where('invoice.status', 'in', PUBLISHED)
    .where((eb) =>
      eb(
        eb.refTuple('invoice.payer_email_key', 'invoice.establishment_id'),
        'in',
        scopes.map((scope) => eb.tuple(scope.email_key, scope.establishment_id)),
      ),
    );
}

export async function billsOfAccount(db: Kysely<Database>, accountId: string) {
  const scopes = await payerScopes(db, accountId);
  if (scopes.length === 0) return [];
  return visibleBills(db, scopes).orderBy('invoice.month', 'desc').orderBy('invoice.number').execute();
}

export async function billOfAccount(db: Kysely<Database>, accountId: string, invoiceId: string) {
  const scopes = await payerScopes(db, accountId);
  if (scopes.length === 0) return undefined;
  return visibleBills(db, scopes).where('invoice.id', '=', invoiceId).executeTakeFirst();
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
