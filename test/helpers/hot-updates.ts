/**
 * The updates of `table` that `write` makes in one transaction, and how many of them PostgreSQL
 * wrote as heap-only tuples (no new entry in any index). Read from the backend's own counts not
 * yet reported, before and after `write` in the same transaction: PostgreSQL reports them when the
 * transaction ends, PGlite later.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../src/db/database.ts';

export async function updatesOf(
  db: Kysely<Database>,
  table: keyof Database,
  write: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<{ readonly updated: number; readonly hot: number }> {
  return db.transaction().execute(async (trx) => {
    const counts = async () => {
      const { rows } = await sql<{ updated: number | string; hot: number | string }>`
        select pg_stat_get_xact_tuples_updated(${table}::regclass) as updated,
               pg_stat_get_xact_tuples_hot_updated(${table}::regclass) as hot`.execute(trx);
      return { updated: Number(rows[0]?.updated), hot: Number(rows[0]?.hot) };
    };
    const before = await counts();
    await write(trx);
    const after = await counts();
    return { updated: after.updated - before.updated, hot: after.hot - before.hot };
  });
}
