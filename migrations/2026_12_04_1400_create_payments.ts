/**
 * Payments (ADR 0012): attempts at the payment service provider with their state machine and a
 * `version` for compare-and-set, the payables each one settles, their timeline, the inbox of
 * provider notifications (deduplicated), the leases that keep a payable to one live attempt, the
 * append-only ledger and the refunds. The demo creditors get the sandbox's merchant accounts.
 *
 * Money is integer cents in euros. What must be unique or non-negative is a constraint here.
 */
import { sql, type Kysely } from 'kysely';

const ATTEMPT_STATES = [
  'CREATING',
  'START_FAILED',
  'START_UNKNOWN',
  'REDIRECTED',
  'PENDING',
  'UNKNOWN',
  'SUCCEEDED',
  'DECLINED',
  'CANCELLED',
  'ERRORED',
  'EXPIRED',
  'SUCCEEDED_LATE',
  'NEEDS_REVIEW',
];

function list(values: readonly string[]) {
  return sql.join(values.map((value) => sql.lit(value)));
}

async function renameMerchants(db: Kysely<any>, renames: Record<string, string>): Promise<void> {
  const from = Object.keys(renames);
  const found = await db.selectFrom('creditor').select('id').where('psp_merchant_id', 'in', from).execute();
  if (found.length === 0) return;
  for (const [old, now] of Object.entries(renames))
    await db.updateTable('creditor').set({ psp_merchant_id: now }).where('psp_merchant_id', '=', old).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payment_basket')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('account.id').onDelete('restrict'))
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('return_path', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payment_basket_idempotency', ['account_id', 'idempotency_key'])
    .addCheckConstraint('payment_basket_key_format', sql`idempotency_key ~ '^[A-Za-z0-9_-]{8,100}$'`)
    .execute();

  await db.schema
    .createTable('payment_attempt')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('reference', 'text', (col) => col.notNull().unique())
    .addColumn('basket_id', 'uuid', (col) => col.notNull().references('payment_basket.id').onDelete('restrict'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('account.id').onDelete('restrict'))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('amount_cents', 'integer', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull().defaultTo('EUR'))
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('locale', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('CREATING'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('provider_ref', 'text')
    .addColumn('redirect', 'jsonb')
    .addColumn('return_token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('failure_reason', 'text')
    .addColumn('paid_cents', 'integer')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('test_mode', 'boolean', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payment_attempt_basket_position', ['basket_id', 'position'])
    .addUniqueConstraint('payment_attempt_provider_ref', ['provider', 'provider_ref'])
    .addCheckConstraint('payment_attempt_amount', sql`amount_cents > 0`)
    .addCheckConstraint('payment_attempt_currency', sql`currency = 'EUR'`)
    .addCheckConstraint('payment_attempt_locale', sql`locale in ('fr', 'en')`)
    .addCheckConstraint('payment_attempt_state', sql`state in (${list(ATTEMPT_STATES)})`)
    .addCheckConstraint('payment_attempt_version', sql`version >= 0`)
    .addCheckConstraint('payment_attempt_paid', sql`paid_cents is null or paid_cents > 0`)
    .execute();
  await db.schema.createIndex('payment_attempt_account_idx').on('payment_attempt').column('account_id').execute();
  await db.schema
    .createIndex('payment_attempt_open_idx')
    .on('payment_attempt')
    .columns(['state', 'updated_at'])
    .where(sql.ref('state'), 'in', ['REDIRECTED', 'PENDING', 'UNKNOWN', 'START_UNKNOWN'])
    .execute();

  await db.schema
    .createTable('payment_item')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('attempt_id', 'uuid', (col) => col.notNull().references('payment_attempt.id').onDelete('cascade'))
    .addColumn('payable_kind', 'text', (col) => col.notNull())
    .addColumn('payable_ref', 'text', (col) => col.notNull())
    .addColumn('amount_cents', 'integer', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addUniqueConstraint('payment_item_once', ['attempt_id', 'payable_kind', 'payable_ref'])
    .addCheckConstraint('payment_item_amount', sql`amount_cents > 0`)
    .execute();
  await db.schema
    .createIndex('payment_item_payable_idx')
    .on('payment_item')
    .columns(['payable_kind', 'payable_ref'])
    .execute();

  await db.schema
    .createTable('payment_event')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('attempt_id', 'uuid', (col) => col.notNull().references('payment_attempt.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'payment_event_source',
      sql`source in ('checkout', 'notification', 'return', 'reconciler', 'refund', 'basket')`,
    )
    .execute();
  await db.schema.createIndex('payment_event_attempt_idx').on('payment_event').column('attempt_id').execute();

  await db.schema
    .createTable('payment_notification')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('dedupe_key', 'text', (col) => col.notNull())
    .addColumn('raw_body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempt_id', 'uuid', (col) => col.references('payment_attempt.id').onDelete('set null'))
    .addColumn('detail', 'text')
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payment_notification_dedupe', ['provider', 'dedupe_key'])
    .addCheckConstraint(
      'payment_notification_status',
      sql`status in ('RECEIVED', 'APPLIED', 'DUPLICATE', 'PARKED', 'REJECTED', 'IGNORED_STALE')`,
    )
    .execute();

  await db.schema
    .createTable('payment_lease')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payable_kind', 'text', (col) => col.notNull())
    .addColumn('payable_ref', 'text', (col) => col.notNull())
    .addColumn('attempt_id', 'uuid', (col) => col.notNull().references('payment_attempt.id').onDelete('cascade'))
    .addColumn('until', 'timestamptz', (col) => col.notNull())
    .addColumn('released_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // One live lease per payable.
  await sql`create unique index payment_lease_one_live on payment_lease (payable_kind, payable_ref) where released_at is null`.execute(
    db,
  );
  await db.schema.createIndex('payment_lease_attempt_idx').on('payment_lease').column('attempt_id').execute();

  await db.schema
    .createTable('payment_refund')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('attempt_id', 'uuid', (col) => col.notNull().references('payment_attempt.id').onDelete('restrict'))
    .addColumn('amount_cents', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('origin', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('requested'))
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('provider_refund_id', 'text', (col) => col.unique())
    .addColumn('failure_reason', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('payment_refund_amount', sql`amount_cents > 0`)
    .addCheckConstraint('payment_refund_state', sql`state in ('requested', 'submitted', 'succeeded', 'failed')`)
    .addCheckConstraint('payment_refund_origin', sql`origin in ('agent', 'overpayment', 'provider')`)
    .execute();
  await db.schema.createIndex('payment_refund_attempt_idx').on('payment_refund').column('attempt_id').execute();

  await db.schema
    .createTable('payment_ledger_entry')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('attempt_id', 'uuid', (col) => col.notNull().references('payment_attempt.id').onDelete('restrict'))
    .addColumn('refund_id', 'uuid', (col) => col.references('payment_refund.id').onDelete('restrict'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('debit_account', 'text', (col) => col.notNull())
    .addColumn('credit_account', 'text', (col) => col.notNull())
    .addColumn('amount_cents', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('payment_ledger_amount', sql`amount_cents > 0`)
    .addCheckConstraint('payment_ledger_kind', sql`kind in ('capture', 'overpayment', 'review', 'refund')`)
    .addCheckConstraint(
      'payment_ledger_accounts',
      sql`debit_account <> credit_account and debit_account in ('collected', 'due', 'overpaid', 'suspense', 'refunded') and credit_account in ('collected', 'due', 'overpaid', 'suspense', 'refunded')`,
    )
    .addCheckConstraint('payment_ledger_refund', sql`(kind = 'refund') = (refund_id is not null)`)
    .execute();
  // At most one entry of each capture kind per attempt; one entry per refund.
  await sql`create unique index payment_ledger_capture_once on payment_ledger_entry (attempt_id, kind) where kind <> 'refund'`.execute(
    db,
  );
  await sql`create unique index payment_ledger_refund_once on payment_ledger_entry (refund_id) where refund_id is not null`.execute(
    db,
  );
  // Append-only.
  await sql`
    create function payment_ledger_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the payment ledger is append-only' using errcode = 'check_violation';
    end
    $$`.execute(db);
  await sql`
    create trigger payment_ledger_append_only before update or delete on payment_ledger_entry
    for each row execute function payment_ledger_append_only()`.execute(db);

  // The demo creditors of a database seeded before pay into the sandbox's two merchant accounts
  // (only when there are some: an update bumps the catalogue revision, even of no row).
  await renameMerchants(db, { 'sandbox-rsp': 'mairie-cantine', 'sandbox-rss': 'dense-periscolaire' });
}

export async function down(db: Kysely<any>): Promise<void> {
  await renameMerchants(db, { 'mairie-cantine': 'sandbox-rsp', 'dense-periscolaire': 'sandbox-rss' });
  await db.schema.dropTable('payment_ledger_entry').execute();
  await sql`drop function payment_ledger_append_only()`.execute(db);
  await db.schema.dropTable('payment_refund').execute();
  await db.schema.dropTable('payment_lease').execute();
  await db.schema.dropTable('payment_notification').execute();
  await db.schema.dropTable('payment_event').execute();
  await db.schema.dropTable('payment_item').execute();
  await db.schema.dropTable('payment_attempt').execute();
  await db.schema.dropTable('payment_basket').execute();
}
