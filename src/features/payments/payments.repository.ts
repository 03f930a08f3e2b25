/**
 * Every query of payments. A function that locks rows takes a `Transaction<Database>`.
 */
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type {
  Database,
  LedgerAccount,
  PaymentEventSource,
  PaymentNotificationStatus,
  PaymentRefundState,
} from '../../db/database.ts';
import { compiledOnce } from '../../db/compiled.ts';
import { LEASE_HOLDING_STATES, type AttemptState } from './attempt.states.ts';

export async function insertBasket(
  trx: Transaction<Database>,
  values: { account_id: string; idempotency_key: string; return_path: string },
) {
  return trx
    .insertInto('payment_basket')
    .values(values)
    .onConflict((oc) => oc.columns(['account_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findBasket(db: Kysely<Database>, accountId: string, idempotencyKey: string) {
  return db
    .selectFrom('payment_basket')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function basketById(db: Kysely<Database>, id: string) {
  return db.selectFrom('payment_basket').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attemptsOfBasket(db: Kysely<Database>, basketId: string) {
  return db.selectFrom('payment_attempt').selectAll().where('basket_id', '=', basketId).orderBy('position').execute();
}

export async function insertAttempt(
  trx: Transaction<Database>,
  values: {
    id: string;
    reference: string;
    basket_id: string;
    position: number;
    account_id: string;
    provider: string;
    merchant_id: string;
    amount_cents: number;
    description: string;
    locale: 'fr' | 'en';
    return_token_hash: string;
    test_mode: boolean;
    expires_at: Date;
    dossier_request: string | null;
  },
) {
  await trx.insertInto('payment_attempt').values(values).execute();
}

export async function insertItems(
  trx: Transaction<Database>,
  items: readonly {
    attempt_id: string;
    payable_kind: string;
    payable_ref: string;
    amount_cents: number;
    label: string;
  }[],
) {
  if (items.length > 0)
    await trx
      .insertInto('payment_item')
      .values([...items])
      .execute();
}

export async function itemsOf(db: Kysely<Database>, attemptId: string) {
  return db.selectFrom('payment_item').selectAll().where('attempt_id', '=', attemptId).orderBy('payable_ref').execute();
}

/** Frees the payables' leases whose time is over, unless money may be on its way. */
export async function releaseStaleLeases(
  trx: Transaction<Database>,
  payables: readonly { kind: string; ref: string }[],
  now: Date,
) {
  if (payables.length === 0) return;
  await trx
    .updateTable('payment_lease')
    .set({ released_at: now })
    .where('released_at', 'is', null)
    .where('until', '<', now)
    .where((eb) => eb.or(payables.map((p) => eb.and([eb('payable_kind', '=', p.kind), eb('payable_ref', '=', p.ref)]))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('payment_attempt')
            .select(sql<number>`1`.as('one'))
            .whereRef('payment_attempt.id', '=', 'payment_lease.attempt_id')
            .where('payment_attempt.state', 'in', LEASE_HOLDING_STATES),
        ),
      ),
    )
    .execute();
}

/** Takes the leases; returns the payables it got (a live lease of another attempt wins). */
export async function takeLeases(
  trx: Transaction<Database>,
  leases: readonly { payable_kind: string; payable_ref: string; attempt_id: string; until: Date }[],
) {
  if (leases.length === 0) return [];
  return trx
    .insertInto('payment_lease')
    .values([...leases])
    .onConflict((oc) => oc.columns(['payable_kind', 'payable_ref']).where('released_at', 'is', null).doNothing())
    .returning(['payable_kind', 'payable_ref'])
    .execute();
}

/** The live leases of these payables (of one kind), with their holder's account. */
export async function liveLeases(db: Kysely<Database>, kind: string, refs: readonly string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom('payment_lease')
    .innerJoin('payment_attempt', 'payment_attempt.id', 'payment_lease.attempt_id')
    .select([
      'payment_lease.payable_ref',
      'payment_lease.until',
      'payment_attempt.account_id',
      'payment_attempt.state',
      'payment_attempt.basket_id',
    ])
    .where('payment_lease.payable_kind', '=', kind)
    .where('payment_lease.payable_ref', 'in', refs)
    .where('payment_lease.released_at', 'is', null)
    .execute();
}

/** A payable's live lease as `liveLeaseColumn` reads it (through JSON: the time as its ISO text). */
export interface LiveLeaseJson {
  readonly until: string;
  readonly account_id: string;
  readonly state: AttemptState;
  readonly basket_id: string;
}

/**
 * The live lease of the payable `ref` of `kind` (there is at most one, `payment_lease_one_live`),
 * as a column (a subquery) for another statement: the same as `liveLeases` reads, or null.
 */
export function liveLeaseColumn(kind: string, ref: Expression<string>) {
  return sql<LiveLeaseJson | null>`(select json_build_object('until', payment_lease.until, 'account_id', payment_attempt.account_id, 'state', payment_attempt.state, 'basket_id', payment_attempt.basket_id)
    from payment_lease inner join payment_attempt on payment_attempt.id = payment_lease.attempt_id
    where payment_lease.payable_kind = ${kind} and payment_lease.payable_ref = ${ref}::text and payment_lease.released_at is null)`;
}

/** The leases an attempt still holds, locked (so no checkout takes one over meanwhile). */
export async function liveLeasesOf(trx: Transaction<Database>, attemptId: string) {
  return trx
    .selectFrom('payment_lease')
    .select(['payable_kind', 'payable_ref', 'until'])
    .where('attempt_id', '=', attemptId)
    .where('released_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function extendLeases(trx: Transaction<Database>, attemptId: string, until: Date) {
  await trx
    .updateTable('payment_lease')
    .set({ until })
    .where('attempt_id', '=', attemptId)
    .where('released_at', 'is', null)
    .where('until', '<', until)
    .execute();
}

export async function releaseLeasesOf(trx: Transaction<Database>, attemptId: string, now: Date) {
  await trx
    .updateTable('payment_lease')
    .set({ released_at: now })
    .where('attempt_id', '=', attemptId)
    .where('released_at', 'is', null)
    .execute();
}

export async function lockAttempt(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('payment_attempt').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function attemptByReference(db: Kysely<Database>, reference: string) {
  return db.selectFrom('payment_attempt').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/**
 * The ledger of one day (Europe/Monaco) per merchant account: the captures (count and cents) and
 * the refunds (cents).
 */
export async function ledgerOfDay(db: Kysely<Database>, day: string) {
  return db
    .selectFrom('payment_ledger_entry')
    .select((eb) => [
      'merchant_id',
      'kind',
      eb.fn.countAll<string>().as('entries'),
      eb.fn.sum<string>('amount_cents').as('cents'),
    ])
    .where(sql<boolean>`(created_at at time zone 'Europe/Monaco')::date = ${day}::date`)
    .where('kind', 'in', ['capture', 'refund'])
    .groupBy(['merchant_id', 'kind'])
    .orderBy('merchant_id')
    .execute();
}

/** The settled payments of an account, newest first. */
export async function settledAttemptsOf(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('payment_attempt')
    .select(['reference', 'description', 'paid_cents', 'paid_at', 'merchant_id'])
    .where('account_id', '=', accountId)
    .where('state', 'in', ['SUCCEEDED', 'SUCCEEDED_LATE'])
    .orderBy('paid_at', 'desc')
    .orderBy('reference')
    .limit(500)
    .execute();
}

export async function attemptById(db: Kysely<Database>, id: string) {
  return db.selectFrom('payment_attempt').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attemptByTokenHash(db: Kysely<Database>, hash: string) {
  return db.selectFrom('payment_attempt').selectAll().where('return_token_hash', '=', hash).executeTakeFirst();
}

export type AttemptRow = NonNullable<Awaited<ReturnType<typeof attemptById>>>;

/** Compare-and-set of the state: true when this call moved it. */
export async function setState(
  trx: Transaction<Database>,
  attempt: { id: string; state: AttemptState; version: number },
  to: AttemptState,
  now: Date,
  more: {
    failure_reason?: string | null;
    provider_ref?: string;
    redirect?: string;
    paid_cents?: number;
    paid_at?: Date;
  } = {},
): Promise<boolean> {
  const result = await trx
    .updateTable('payment_attempt')
    .set({ state: to, version: attempt.version + 1, updated_at: now, ...more })
    .where('id', '=', attempt.id)
    .where('state', '=', attempt.state)
    .where('version', '=', attempt.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A payment's item as the state change returns it. */
export interface MovedItem {
  readonly payable_kind: string;
  readonly payable_ref: string;
  readonly amount_cents: number;
  readonly label: string;
}

/**
 * An outcome's change of a locked attempt in one statement: the compare-and-set of its state, the
 * event of its timeline, and, when asked, its leases released, its inbox notification marked
 * applied and its items read (by payable). Nothing but the read happens unless the
 * compare-and-set moved the attempt; `moved` says whether it did.
 */
/**
 * A payable kind's rows to settle, read (and locked) within the attempt's state change: its
 * handler's `settleRows` (payments.types.ts).
 */
export interface SettleReader {
  readonly kind: string;
  readonly select: (
    db: Kysely<Database>,
    refs: Expression<string[] | null>,
    accountId: Expression<string>,
  ) => Expression<unknown>;
}

/** What the state change answers: whether it moved, the items, and each reader's rows by kind. */
export interface MoveResult {
  readonly moved: boolean;
  readonly items: MovedItem[];
  /** Each reader's rows, as JSON gave them (objects; their type is the reader's to know). */
  readonly settleRows: ReadonlyMap<string, readonly object[]>;
}

/**
 * The compare-and-set of an attempt's state with its event, its leases, its notification, its
 * items and, when it settles, the payables' rows of each reader (locked): one statement, compiled
 * once per set of readers. A column of `more` left undefined keeps its value.
 */
export function moveAttemptStatement(readers: readonly SettleReader[]) {
  const query = compiledOnce(
    15,
    (
      db,
      id: string,
      from: AttemptState,
      version: number,
      nextVersion: number,
      to: AttemptState,
      now: Date,
      failureReason: string | null,
      paidCents: number | null,
      paidAt: Date | null,
      kind: string,
      source: PaymentEventSource,
      detail: string | null,
      releaseLeases: boolean,
      inboxId: string | null,
      items: boolean,
    ) =>
      db
        .with('moved', (db) =>
          db
            .updateTable('payment_attempt')
            .set({
              state: to,
              version: nextVersion,
              updated_at: now,
              failure_reason: sql<string | null>`coalesce(${failureReason}::text, failure_reason)`,
              paid_cents: sql<number | null>`coalesce(${paidCents}::integer, paid_cents)`,
              paid_at: sql<Date | null>`coalesce(${paidAt}::timestamptz, paid_at)`,
            })
            .where('id', '=', id)
            .where('state', '=', from)
            .where('version', '=', version)
            .returning(['id', 'account_id']),
        )
        .with('event', (db) =>
          db
            .insertInto('payment_event')
            .columns(['attempt_id', 'kind', 'source', 'from_state', 'to_state', 'detail'])
            .expression((eb) =>
              eb
                .selectFrom('moved')
                .select([
                  'moved.id',
                  sql<string>`${kind}::text`.as('kind'),
                  sql<PaymentEventSource>`${source}::text`.as('source'),
                  sql<string>`${from}::text`.as('from_state'),
                  sql<string>`${to}::text`.as('to_state'),
                  sql<string | null>`${detail}::text`.as('detail'),
                ]),
            ),
        )
        .with('released', (db) =>
          db
            .updateTable('payment_lease')
            .set({ released_at: now })
            .where('attempt_id', 'in', db.selectFrom('moved').select('id'))
            .where('released_at', 'is', null)
            .where(sql<boolean>`${releaseLeases}::boolean`),
        )
        .with('inbox', (db) =>
          db
            .updateTable('payment_notification')
            .set({ status: 'APPLIED', attempt_id: id, detail: null })
            .where(sql<boolean>`id = ${inboxId}`)
            .where((eb) => eb.exists(eb.selectFrom('moved').select('id'))),
        )
        .selectNoFrom((eb) => [
          eb.exists(eb.selectFrom('moved').select('id')).as('moved'),
          eb
            .selectFrom('payment_item')
            .select(
              sql<
                MovedItem[] | null
              >`json_agg(json_build_object('payable_kind', payable_kind, 'payable_ref', payable_ref,
            'amount_cents', amount_cents, 'label', label) order by payable_ref)`.as('items'),
            )
            .where('attempt_id', '=', id)
            .where(sql<boolean>`${items}::boolean`)
            .as('items'),
          // Each reader's rows, only when the attempt moved and settles: its refs of that kind.
          ...readers.map((reader, index) => {
            const refs = sql<string[] | null>`(select array_agg(payable_ref order by payable_ref) from payment_item
              where attempt_id = (select id from moved) and payable_kind = ${reader.kind} and ${items}::boolean)`;
            const accountId = sql<string>`(select account_id from moved)`;
            return sql<
              unknown[]
            >`(select coalesce(json_agg(settle), '[]'::json) from (${reader.select(db, refs, accountId)}) as settle)`.as(
              `settle_${index}`,
            );
          }),
        ]),
  );
  return async (
    trx: Transaction<Database>,
    attempt: { id: string; state: AttemptState; version: number },
    to: AttemptState,
    now: Date,
    more: { failure_reason?: string; paid_cents?: number; paid_at?: Date },
    event: { kind: string; source: PaymentEventSource; detail: string | null },
    also: { releaseLeases: boolean; inboxId: string | null; items: boolean },
  ): Promise<MoveResult> => {
    const [row] = await query(
      trx,
      attempt.id,
      attempt.state,
      attempt.version,
      attempt.version + 1,
      to,
      now,
      more.failure_reason ?? null,
      more.paid_cents ?? null,
      more.paid_at ?? null,
      event.kind,
      event.source,
      event.detail,
      also.releaseLeases,
      also.inboxId,
      also.items,
    );
    if (!row) throw new Error(`the move of attempt ${attempt.id} returned no row`);
    const columns = row as Record<string, unknown>;
    return {
      moved: row.moved === true,
      items: row.items ?? [],
      settleRows: new Map(
        readers.map((reader, index) => [reader.kind, (columns[`settle_${index}`] as object[] | null) ?? []]),
      ),
    };
  };
}

export async function insertEvent(
  db: Kysely<Database>,
  values: {
    attempt_id: string;
    kind: string;
    source: PaymentEventSource;
    from_state?: string | null;
    to_state?: string | null;
    detail?: string | null;
  },
) {
  await db.insertInto('payment_event').values(values).execute();
}

export async function eventsOf(db: Kysely<Database>, attemptId: string) {
  return db.selectFrom('payment_event').selectAll().where('attempt_id', '=', attemptId).orderBy('id').execute();
}

export async function insertNotification(
  trx: Transaction<Database>,
  values: {
    provider: string;
    dedupe_key: string;
    raw_body: string;
    status: PaymentNotificationStatus;
    detail?: string;
  },
) {
  return trx
    .insertInto('payment_notification')
    .values(values)
    .onConflict((oc) => oc.columns(['provider', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/**
 * A notification for `attemptId` into the inbox and, when it is new, its attempt read (locked when
 * `lock`), in one statement. Undefined for a copy already received (the inbox's unique key:
 * nothing read or locked); else the inbox row's id and the attempt (undefined when there is none).
 */
/** The inbox row written and the attempt read (locked when `lock`) in one statement, compiled once. */
function receiveQuery(lock: boolean) {
  return compiledOnce(
    5,
    (db, provider: string, dedupeKey: string, rawBody: string, status: PaymentNotificationStatus, attemptId: string) =>
      db
        .with('inbox', (db) =>
          db
            .insertInto('payment_notification')
            .values({ provider, dedupe_key: dedupeKey, raw_body: rawBody, status })
            .onConflict((oc) => oc.columns(['provider', 'dedupe_key']).doNothing())
            .returning('id'),
        )
        .selectFrom('inbox')
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('payment_attempt')
              .selectAll()
              .where('id', '=', attemptId)
              .$if(lock, (qb) => qb.forUpdate())
              .as('attempt'),
          (join) => join.onTrue(),
        )
        .selectAll('attempt')
        .select('inbox.id as inbox_id'),
  );
}
const receiveAndLock = receiveQuery(true);
const receiveAndRead = receiveQuery(false);

export async function receiveNotification(
  trx: Transaction<Database>,
  values: { provider: string; dedupe_key: string; raw_body: string; status: PaymentNotificationStatus },
  attemptId: string,
  lock: boolean,
): Promise<{ inboxId: string; attempt: AttemptRow | undefined } | undefined> {
  const [row] = await (lock ? receiveAndLock : receiveAndRead)(
    trx,
    values.provider,
    values.dedupe_key,
    values.raw_body,
    values.status,
    attemptId,
  );
  if (!row) return undefined;
  const { inbox_id: inboxId, ...attempt } = row;
  // The left join's columns are all null when there is no such attempt.
  return { inboxId, attempt: attempt.id === null ? undefined : (attempt as AttemptRow) };
}

export async function setNotificationStatus(
  trx: Transaction<Database>,
  id: string,
  status: PaymentNotificationStatus,
  attemptId: string | null,
  detail: string | null,
) {
  await trx
    .updateTable('payment_notification')
    .set({ status, attempt_id: attemptId, detail })
    .where('id', '=', id)
    .execute();
}

export interface LedgerValues {
  merchant_id: string;
  attempt_id: string;
  refund_id?: string | null;
  kind: 'capture' | 'overpayment' | 'review' | 'refund';
  debit_account: LedgerAccount;
  credit_account: LedgerAccount;
  amount_cents: number;
}

/** Ledger entries, several in one statement. */
export async function insertLedger(trx: Transaction<Database>, values: LedgerValues | readonly LedgerValues[]) {
  const rows = Array.isArray(values) ? [...(values as readonly LedgerValues[])] : [values as LedgerValues];
  if (rows.length > 0) await ledgerInsert(trx, rows).execute();
}

/** The insert of ledger entries (at least one), to be sent as a part of a larger statement. */
export function ledgerInsert(trx: Transaction<Database>, rows: readonly LedgerValues[]) {
  return trx.insertInto('payment_ledger_entry').values([...rows]);
}

export async function insertRefund(
  trx: Transaction<Database>,
  values: {
    id: string;
    attempt_id: string;
    amount_cents: number;
    reason: string;
    origin: 'agent' | 'overpayment' | 'provider';
    idempotency_key: string;
    state?: PaymentRefundState;
    provider_refund_id?: string | null;
  },
) {
  return trx
    .insertInto('payment_refund')
    .values(values)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function refundByKey(db: Kysely<Database>, key: string) {
  return db.selectFrom('payment_refund').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function lockRefund(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('payment_refund').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockRefundByProviderId(trx: Transaction<Database>, providerRefundId: string) {
  return trx
    .selectFrom('payment_refund')
    .selectAll()
    .where('provider_refund_id', '=', providerRefundId)
    .forUpdate()
    .executeTakeFirst();
}

export async function refundById(db: Kysely<Database>, id: string) {
  return db.selectFrom('payment_refund').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRefund(
  trx: Transaction<Database>,
  id: string,
  values: { state: PaymentRefundState; provider_refund_id?: string | null; failure_reason?: string | null },
  now: Date,
) {
  await trx
    .updateTable('payment_refund')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Cents of an attempt's refunds that are not failed (submitted or waiting count). */
export async function refundsTaken(trx: Transaction<Database>, attemptId: string): Promise<number> {
  const row = await trx
    .selectFrom('payment_refund')
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as('total'))
    .where('attempt_id', '=', attemptId)
    .where('state', '<>', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Cents of an attempt's refunds the provider confirmed (the money given back). */
export async function refundsSucceeded(db: Kysely<Database>, attemptId: string): Promise<number> {
  const row = await db
    .selectFrom('payment_refund')
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as('total'))
    .where('attempt_id', '=', attemptId)
    .where('state', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Attempts the provider should be asked about: open and quiet since `before`. */
export async function staleOpenAttempts(db: Kysely<Database>, before: Date, now: Date, limit: number) {
  return db
    .selectFrom('payment_attempt')
    .selectAll()
    .where('state', 'in', ['REDIRECTED', 'PENDING', 'UNKNOWN', 'START_UNKNOWN'])
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('reconcile_after', 'is', null), eb('reconcile_after', '<=', now)]))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** The reconciler failed to get an attempt's status: one more failure in a row, asked again after `after`. */
export async function recordReconcileFailure(db: Kysely<Database>, attemptId: string, after: Date) {
  const row = await db
    .updateTable('payment_attempt')
    .set((eb) => ({ reconcile_failures: eb('reconcile_failures', '+', 1), reconcile_after: after }))
    .where('id', '=', attemptId)
    .returning('reconcile_failures')
    .executeTakeFirst();
  return row?.reconcile_failures ?? 0;
}

/** The reconciler read an attempt's status: its failures in a row, if any, are over. */
export async function clearReconcileFailures(db: Kysely<Database>, attemptId: string) {
  await db
    .updateTable('payment_attempt')
    .set({ reconcile_failures: 0, reconcile_after: null })
    .where('id', '=', attemptId)
    .where('reconcile_failures', '>', 0)
    .execute();
}

/** Refunds never submitted (the provider was down, or the process stopped). */
export async function requestedRefunds(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('payment_refund')
    .select('id')
    .where('state', '=', 'requested')
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Baskets' later attempts never started, whose leases are released when an earlier one fails. */
export async function unstartedSiblings(trx: Transaction<Database>, basketId: string, afterPosition: number) {
  return trx
    .selectFrom('payment_attempt')
    .selectAll()
    .where('basket_id', '=', basketId)
    .where('position', '>', afterPosition)
    .where('state', '=', 'CREATING')
    .where('provider_ref', 'is', null)
    .forUpdate()
    .execute();
}

export async function setAttemptDossier(trx: Transaction<Database>, attemptId: string, dossierId: string) {
  await trx.updateTable('payment_attempt').set({ dossier_id: dossierId }).where('id', '=', attemptId).execute();
}
