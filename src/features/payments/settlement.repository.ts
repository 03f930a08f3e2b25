/**
 * The queries of reconciliation with the provider's settlement reports: imports, settled lines,
 * mismatches. Functions that write take the import's transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, SettlementMismatchKind } from '../../db/database.ts';

/** Records an import unless the same bytes were imported before (then undefined). */
export async function insertImport(
  trx: Transaction<Database>,
  row: {
    provider: string;
    merchantId: string;
    from: string;
    to: string;
    sha256: string;
    fileName: string;
    lines: number;
    gross: number;
    fee: number;
    net: number;
  },
): Promise<string | undefined> {
  const inserted = await trx
    .insertInto('settlement_import')
    .values({
      provider: row.provider,
      merchant_id: row.merchantId,
      period_from: row.from,
      period_to: row.to,
      file_sha256: row.sha256,
      file_name: row.fileName,
      lines: row.lines,
      gross_cents: row.gross,
      fee_cents: row.fee,
      net_cents: row.net,
    })
    .onConflict((oc) => oc.column('file_sha256').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function importBySha(db: Kysely<Database>, sha256: string) {
  return db
    .selectFrom('settlement_import')
    .select(['id', 'imported_at', 'merchant_id', 'period_from', 'period_to'])
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
}

/** Attempts of the provider named by the report's lines. */
export async function attemptsByProviderRefs(trx: Transaction<Database>, provider: string, refs: readonly string[]) {
  if (refs.length === 0) return [];
  return trx
    .selectFrom('payment_attempt')
    .select(['id', 'provider_ref', 'merchant_id', 'state', 'amount_cents', 'paid_cents', 'reference'])
    .where('provider', '=', provider)
    .where('provider_ref', 'in', refs)
    .execute();
}

/** Attempts of a provider by our own ids (a report that names our order reference). */
export async function attemptRefsByIds(trx: Transaction<Database>, provider: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('payment_attempt')
    .select(['id', 'provider_ref'])
    .where('provider', '=', provider)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The refunds the provider gave an id, of these attempts, each with whether a report settled it
 * already: a report without refund ids is matched to them by attempt and amount.
 */
export async function refundsOfAttempts(trx: Transaction<Database>, attemptIds: readonly string[]) {
  if (attemptIds.length === 0) return [];
  return trx
    .selectFrom('payment_refund as r')
    .select((eb) => [
      'r.attempt_id',
      'r.amount_cents',
      'r.provider_refund_id',
      eb
        .exists(eb.selectFrom('settlement_line as l').select('l.id').whereRef('l.refund_id', '=', 'r.id'))
        .as('settled'),
    ])
    .where('r.attempt_id', 'in', attemptIds)
    .where('r.provider_refund_id', 'is not', null)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/** Refunds by the provider's refund ids, with the provider reference of their payment. */
export async function refundsByProviderIds(trx: Transaction<Database>, provider: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('payment_refund as r')
    .innerJoin('payment_attempt as a', 'a.id', 'r.attempt_id')
    .select(['r.id', 'r.provider_refund_id', 'r.state', 'r.amount_cents', 'a.provider_ref', 'a.merchant_id'])
    .where('a.provider', '=', provider)
    .where('r.provider_refund_id', 'in', ids)
    .execute();
}

/** Inserts a settled line unless an earlier report settled it (then false). */
export async function insertLine(
  trx: Transaction<Database>,
  row: {
    importId: string;
    provider: string;
    kind: 'capture' | 'refund';
    providerRef: string;
    providerRefundRef: string;
    day: string;
    gross: number;
    fee: number;
    net: number;
    attemptId: string | null;
    refundId: string | null;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('settlement_line')
    .values({
      import_id: row.importId,
      provider: row.provider,
      kind: row.kind,
      provider_ref: row.providerRef,
      provider_refund_ref: row.providerRefundRef,
      day: row.day,
      gross_cents: row.gross,
      fee_cents: row.fee,
      net_cents: row.net,
      attempt_id: row.attemptId,
      refund_id: row.refundId,
    })
    .onConflict((oc) => oc.columns(['provider', 'kind', 'provider_ref', 'provider_refund_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records a mismatch unless the same one is still open (then false). */
export async function insertMismatch(
  trx: Transaction<Database>,
  row: {
    importId: string;
    kind: SettlementMismatchKind;
    merchantId: string;
    providerRef: string;
    providerRefundRef: string;
    attemptId: string | null;
    expected: number | null;
    settled: number | null;
    detail: string;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('settlement_mismatch')
    .values({
      import_id: row.importId,
      kind: row.kind,
      merchant_id: row.merchantId,
      provider_ref: row.providerRef,
      provider_refund_ref: row.providerRefundRef,
      attempt_id: row.attemptId,
      expected_cents: row.expected,
      settled_cents: row.settled,
      detail: row.detail,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'provider_ref', 'provider_refund_ref']).where('resolved_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Closes the open "not settled" mismatches of the transactions a report has now settled. */
export async function resolveMissing(
  trx: Transaction<Database>,
  providerRefs: readonly string[],
  resolution: string,
  now: Date,
): Promise<number> {
  if (providerRefs.length === 0) return 0;
  const result = await trx
    .updateTable('settlement_mismatch')
    .set({ resolved_at: now, resolution })
    .where('kind', '=', 'missing_settlement')
    .where('resolved_at', 'is', null)
    .where('provider_ref', 'in', providerRefs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The payments taken at the provider for the merchant, paid on a day of the period (Europe/Monaco),
 * that no report has settled.
 */
export async function unsettledCaptures(
  trx: Transaction<Database>,
  input: { provider: string; merchantId: string; from: string; to: string; states: readonly string[] },
) {
  return trx
    .selectFrom('payment_attempt as a')
    .select(['a.id', 'a.provider_ref', 'a.reference', 'a.paid_cents', 'a.amount_cents', 'a.paid_at'])
    .where('a.provider', '=', input.provider)
    .where('a.merchant_id', '=', input.merchantId)
    .where('a.state', 'in', input.states as never)
    .where('a.provider_ref', 'is not', null)
    .where(
      sql<boolean>`(a.paid_at at time zone 'Europe/Monaco')::date between ${input.from}::date and ${input.to}::date`,
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('settlement_line as l')
            .select('l.id')
            .whereRef('l.attempt_id', '=', 'a.id')
            .where('l.kind', '=', 'capture'),
        ),
      ),
    )
    .orderBy('a.paid_at')
    .execute();
}

export async function openMismatches(db: Kysely<Database>, merchantId?: string) {
  let query = db
    .selectFrom('settlement_mismatch as m')
    .leftJoin('payment_attempt as a', 'a.id', 'm.attempt_id')
    .select([
      'm.id',
      'm.kind',
      'm.merchant_id',
      'm.provider_ref',
      'm.provider_refund_ref',
      'm.expected_cents',
      'm.settled_cents',
      'm.detail',
      'm.found_at',
      'a.reference',
    ])
    .where('m.resolved_at', 'is', null);
  if (merchantId) query = query.where('m.merchant_id', '=', merchantId);
  return query.orderBy('m.id').execute();
}

export async function resolveMismatch(db: Kysely<Database>, id: string, resolution: string, now: Date) {
  return db
    .updateTable('settlement_mismatch')
    .set({ resolved_at: now, resolution })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export async function mismatchById(db: Kysely<Database>, id: string) {
  return db.selectFrom('settlement_mismatch').select(['id', 'resolved_at']).where('id', '=', id).executeTakeFirst();
}
