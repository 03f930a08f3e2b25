/**
 * A payment's dossier in "Mes démarches" (its timeline: created, sent to the payment page, paid,
 * declined, refunded), opened with the payment when the payable asks for one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('payment_attempt')
    .addColumn('dossier_id', 'uuid', (col) => col.references('dossier.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payment_attempt').dropColumn('dossier_id').execute();
}
