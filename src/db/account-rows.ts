/**
 * A page's rows read in the session's own statement (ADR 0003's amendment). A signed-in page reads
 * the session with its account, then what it shows: two round trips to PostgreSQL for every page.
 * A route whose rows depend only on the account names an `AccountRows` query in its configuration;
 * the session store then reads the session, its account and those rows in one statement, the
 * rows as a JSON array. The query is written against the account's columns (`AccountRef`), not a
 * value, so it can sit inside the session's statement; the feature that writes it knows no session
 * table, and the store knows no feature's table.
 */
import type { Expression, Kysely, ShallowDehydrateObject, Simplify } from 'kysely';
import type { Database } from './database.ts';

/** The account whose rows are read, as columns of the session's statement. */
export interface AccountRef {
  readonly id: Expression<string>;
  /** lower(e-mail), as `account.email_key` keeps it. */
  readonly emailKey: Expression<string>;
}

/**
 * The rows a page reads for an account: a select on the account's columns and constants only (it
 * is compiled once, see compiled.ts). They come back through JSON, so typed as Kysely types a JSON
 * array (`AccountRowsOf`): a timestamp as its ISO text, not a Date.
 */
export type AccountRows<R> = (db: Kysely<Database>, account: AccountRef) => Expression<R>;

/** The rows of an `AccountRows` query, as they come back from the session's statement. */
export type AccountRowsOf<Q> = Q extends AccountRows<infer R> ? Simplify<ShallowDehydrateObject<R>>[] : never;
