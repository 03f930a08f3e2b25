/** Every query of the canteen: establishments and their creditors. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function listEstablishmentsWithCanteen(db: Kysely<Database>) {
  return db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select([
      'establishment.slug',
      'establishment.name',
      'establishment.kind',
      'establishment.address',
      'creditor.name as creditor_name',
    ])
    .where('establishment.has_canteen', '=', true)
    .execute();
}
