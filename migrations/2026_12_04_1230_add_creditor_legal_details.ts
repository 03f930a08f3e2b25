/**
 * The creditor's legal details printed on its bills: postal address, trade register number (RCI)
 * and VAT number. Nullable: a creditor without them shows its name only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('creditor')
    .addColumn('address', 'text')
    .addColumn('registration', 'text')
    .addColumn('vat_number', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('creditor').dropColumn('address').dropColumn('registration').dropColumn('vat_number').execute();
}
