/** Every query of the catalogue: procedures and the revision counter (establishments are the canteen's). */
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
