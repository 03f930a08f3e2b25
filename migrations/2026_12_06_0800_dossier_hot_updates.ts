/**
 * A dossier's move (its status and `updated_at`) changes no indexed column, so PostgreSQL can
 * write it as a heap-only tuple: no new entry in any of the dossier's indexes, only a new version
 * of the row on its page. Until now `updated_at` was the second column of the account's index,
 * and every move (two per settled payment: the bill's dossier and the payment's) added an entry
 * to each of the three indexes. "Mes démarches" reads an account's dossiers by this index and
 * sorts them (a few dozen at most) itself. The fill factor keeps a fifth of each new page free
 * for the next versions of its rows.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index dossier_account_idx`.execute(db);
  await sql`create index dossier_account_idx on dossier (account_id)`.execute(db);
  await sql`alter table dossier set (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table dossier reset (fillfactor)`.execute(db);
  await sql`drop index dossier_account_idx`.execute(db);
  await sql`create index dossier_account_idx on dossier (account_id, updated_at)`.execute(db);
}
