/**
 * Reconciliation with the payment provider's settlement reports (ADR 0013): each report imported
 * once (by its bytes' hash), each settled transaction once whatever report brings it again, and
 * the mismatches found (an unknown transaction, an amount or merchant that differs, a payment that
 * the provider did not settle) until an operator resolves them or a later report does.
 *
 * Money is integer cents in euros; a refund's settled amounts are negative.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settlement_import')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('period_from', 'date', (col) => col.notNull())
    .addColumn('period_to', 'date', (col) => col.notNull())
    .addColumn('file_sha256', 'text', (col) => col.notNull().unique())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('lines', 'integer', (col) => col.notNull())
    .addColumn('gross_cents', 'bigint', (col) => col.notNull())
    .addColumn('fee_cents', 'bigint', (col) => col.notNull())
    .addColumn('net_cents', 'bigint', (col) => col.notNull())
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('settlement_import_period', sql`period_from <= period_to`)
    .addCheckConstraint('settlement_import_net', sql`net_cents = gross_cents - fee_cents`)
    .execute();

  await db.schema
    .createTable('settlement_line')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('import_id', 'bigint', (col) => col.notNull().references('settlement_import.id').onDelete('restrict'))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('provider_ref', 'text', (col) => col.notNull())
    /** The provider's refund id ('' for a capture), part of the line's identity. */
    .addColumn('provider_refund_ref', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('gross_cents', 'integer', (col) => col.notNull())
    .addColumn('fee_cents', 'integer', (col) => col.notNull())
    .addColumn('net_cents', 'integer', (col) => col.notNull())
    .addColumn('attempt_id', 'uuid', (col) => col.references('payment_attempt.id').onDelete('restrict'))
    .addColumn('refund_id', 'uuid', (col) => col.references('payment_refund.id').onDelete('restrict'))
    .addCheckConstraint('settlement_line_kind', sql`kind in ('capture', 'refund')`)
    .addCheckConstraint('settlement_line_net', sql`net_cents = gross_cents - fee_cents`)
    .addCheckConstraint('settlement_line_fee', sql`fee_cents >= 0`)
    .addCheckConstraint(
      'settlement_line_sign',
      sql`(kind = 'capture' and gross_cents > 0 and provider_refund_ref = '') or (kind = 'refund' and gross_cents < 0 and provider_refund_ref <> '')`,
    )
    .addUniqueConstraint('settlement_line_once', ['provider', 'kind', 'provider_ref', 'provider_refund_ref'])
    .execute();
  await db.schema.createIndex('settlement_line_attempt_idx').on('settlement_line').column('attempt_id').execute();

  await db.schema
    .createTable('settlement_mismatch')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('import_id', 'bigint', (col) => col.notNull().references('settlement_import.id').onDelete('restrict'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('provider_ref', 'text', (col) => col.notNull())
    .addColumn('provider_refund_ref', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('attempt_id', 'uuid', (col) => col.references('payment_attempt.id').onDelete('restrict'))
    .addColumn('expected_cents', 'integer')
    .addColumn('settled_cents', 'integer')
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('found_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution', 'text')
    .addCheckConstraint(
      'settlement_mismatch_kind',
      sql`kind in ('unknown_transaction', 'amount_difference', 'merchant_difference', 'not_paid_here', 'missing_settlement')`,
    )
    .addCheckConstraint('settlement_mismatch_resolved', sql`(resolved_at is null) = (resolution is null)`)
    .execute();
  // One open mismatch per kind and transaction: a report imported again does not list it twice.
  await sql`create unique index settlement_mismatch_open_once on settlement_mismatch (kind, provider_ref, provider_refund_ref) where resolved_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settlement_mismatch').execute();
  await db.schema.dropTable('settlement_line').execute();
  await db.schema.dropTable('settlement_import').execute();
}
