/**
 * The reconciler backs off from an attempt whose status it could not get (the provider's status
 * API down or timing out): each failure in a row doubles the wait before the next question, up to
 * an hour, and the fifth in a row raises an alert (ADR 0012's amendment of 2026-12-05). A status
 * read resets both.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('payment_attempt')
    .addColumn('reconcile_failures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`reconcile_failures >= 0`))
    .addColumn('reconcile_after', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payment_attempt').dropColumn('reconcile_failures').dropColumn('reconcile_after').execute();
}
