/**
 * A payment's dossier in "Mes démarches" (its timeline: sent to the payment page, paid, declined,
 * refunded): what the payable asked for at checkout (`dossier_request`: procedure and title), and
 * the dossier opened once the payment reaches the provider's page (a payment of a basket that
 * never started has none).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('payment_attempt')
    .addColumn('dossier_request', 'jsonb')
    .addColumn('dossier_id', 'uuid', (col) => col.references('dossier.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payment_attempt').dropColumn('dossier_id').dropColumn('dossier_request').execute();
}
