/** Every query of the catalogue: creditors, establishments, procedures and the revision counter. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function readRevision(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('catalogue_revision')
    .select(sql<string>`revision::text`.as('revision'))
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.revision;
}

export async function listPublishedProcedures(db: Kysely<Database>) {
  return db
    .selectFrom('procedure')
    .select(['slug', 'theme', 'audiences', 'popularity', 'external_url', 'content'])
    .where('published', '=', true)
    .orderBy('popularity', 'desc')
    .orderBy('slug')
    .execute();
}

export async function listEstablishmentsWithCreditor(db: Kysely<Database>) {
  return db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select([
      'establishment.slug',
      'establishment.name',
      'establishment.kind',
      'establishment.address',
      'establishment.has_canteen',
      'creditor.name as creditor_name',
    ])
    .orderBy('establishment.kind')
    .orderBy('establishment.name')
    .execute();
}
