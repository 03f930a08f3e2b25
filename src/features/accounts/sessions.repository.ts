/** Every query on sessions: rows keyed by the hash of the cookie's random id. */
import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type QueryCreator } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AccountRows } from '../../db/account-rows.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { Database } from '../../db/database.ts';
import { throttleKeysDelete } from './throttle.repository.ts';

/** What a request needs of the session's account, read with the session (stored or just inserted). */
const ACCOUNT_OF_SESSION = [
  'account.identifier',
  'account.kind',
  'account.first_name',
  'account.last_name',
  'account.email',
  'account.email_verified_at',
  'account.language',
  'account.closed_at',
] as const;

/**
 * Sessions by the hashes of their ids (one array parameter), each with its account: read on every
 * signed-in request, the lookups of one turn of the event loop together (sessions.service.ts).
 * Compiled once (src/db/compiled.ts), as only the hashes change.
 */
const sessionsWithAccount = compiledOnce(1, (db, idHashes: readonly string[]) =>
  sessionsWithAccountSelect(db, idHashes),
);

function sessionsWithAccountSelect(db: Kysely<Database>, idHashes: readonly string[]) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id_hash',
      'session.account_id',
      'session.csrf_token',
      'session.created_at',
      'session.last_seen_at',
      'session.expires_at',
      'session.auth_method',
      'session.auth_acr',
      // Every request reads this row: whether there is an ID token, not the token itself.
      sql<boolean>`session.mconnect_id_token is not null`.as('has_mconnect_session'),
      ...ACCOUNT_OF_SESSION,
    ])
    .where(sql<boolean>`session.id_hash = any(${idHashes})`);
}

/** The sessions of `idHashes` that exist, with their accounts, in any order (one statement). */
export async function findSessionsWithAccount(db: Kysely<Database>, idHashes: readonly string[]) {
  return sessionsWithAccount(db, idHashes);
}

/** Per page's query: the sessions' statement with that page's rows, compiled once. */
const withRowsQueries = new WeakMap<AccountRows<unknown>, ReturnType<typeof sessionsWithAccountRowsQuery>>();

function sessionsWithAccountRowsQuery(rows: AccountRows<unknown>) {
  return compiledOnce(1, (db, idHashes: readonly string[]) =>
    sessionsWithAccountSelect(db, idHashes).select((eb) =>
      jsonArrayFrom(rows(db, { id: eb.ref('session.account_id'), emailKey: eb.ref('account.email_key') })).as(
        'account_rows',
      ),
    ),
  );
}

/**
 * The sessions of `idHashes` that exist with their accounts, and for each the rows `rows` reads
 * for its account as a JSON array (`account_rows`): one statement (src/db/account-rows.ts).
 */
export async function findSessionsWithAccountRows(
  db: Kysely<Database>,
  idHashes: readonly string[],
  rows: AccountRows<unknown>,
) {
  let query = withRowsQueries.get(rows);
  if (!query) {
    query = sessionsWithAccountRowsQuery(rows);
    withRowsQueries.set(rows, query);
  }
  return query(db, idHashes);
}

/** What a new session row holds. */
export interface NewSession {
  idHash: string;
  accountId: string;
  csrfToken: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  authMethod: 'password' | 'mconnect';
  authAcr: string | null;
  mconnectIdToken: string | null;
}

/**
 * Gives a session a new id and CSRF token and keeps everything else: how and when it was opened,
 * its level, its MConnect ID token, its expiry. Returns whether the session still existed.
 */
export async function renewSessionId(
  db: Kysely<Database>,
  row: { oldIdHash: string; newIdHash: string; csrfToken: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ id_hash: row.newIdHash, csrf_token: row.csrfToken, last_seen_at: row.now })
    .where('id_hash', '=', row.oldIdHash)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The insert of a session row, returning what the session plugin needs of it. */
function sessionInsert(qb: QueryCreator<Database>, row: NewSession) {
  return qb
    .insertInto('session')
    .values({
      id_hash: row.idHash,
      account_id: row.accountId,
      csrf_token: row.csrfToken,
      expires_at: row.expiresAt,
      user_agent: row.userAgent,
      ip: row.ip,
      auth_method: row.authMethod,
      auth_acr: row.authAcr,
      mconnect_id_token: row.mconnectIdToken,
    })
    .returning([
      'id_hash',
      'account_id',
      'csrf_token',
      'created_at',
      'last_seen_at',
      'expires_at',
      'auth_method',
      'auth_acr',
      'mconnect_id_token',
    ]);
}

/** The inserted session (`inserted`) with its account, as findSessionWithAccount reads a stored one. */
const INSERTED_WITH_ACCOUNT = [
  'inserted.id_hash',
  'inserted.account_id',
  'inserted.csrf_token',
  'inserted.created_at',
  'inserted.last_seen_at',
  'inserted.expires_at',
  'inserted.auth_method',
  'inserted.auth_acr',
  sql<boolean>`inserted.mconnect_id_token is not null`.as('has_mconnect_session'),
  ...ACCOUNT_OF_SESSION,
] as const;

/** Inserts a session and reads it back with its account, in one statement. */
export async function insertSessionWithAccount(db: Kysely<Database>, row: NewSession) {
  return db
    .with('inserted', (qb) => sessionInsert(qb, row))
    .selectFrom('inserted')
    .innerJoin('account', 'account.id', 'inserted.account_id')
    .select(INSERTED_WITH_ACCOUNT)
    .executeTakeFirst();
}

/**
 * A password login's last statement: forgets the attempt counted on the identifier before the
 * verify (`throttleKey`), writes the audit event (`audit`, the audit service's part) and inserts
 * the session, read back with its account: one round trip and one commit for the three.
 */
export async function insertSessionAfterLogin(
  db: Kysely<Database>,
  row: NewSession,
  throttleKey: string,
  audit: (qb: QueryCreator<Database>) => InsertQueryBuilder<Database, 'audit_event', InsertResult>,
) {
  // Each part is built on `db` (the later parts' own query creator also knows the earlier ones).
  return db
    .with('forgotten', () => throttleKeysDelete(db, [throttleKey]))
    .with('audited', () => audit(db))
    .with('inserted', () => sessionInsert(db, row))
    .selectFrom('inserted')
    .innerJoin('account', 'account.id', 'inserted.account_id')
    .select(INSERTED_WITH_ACCOUNT)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account but `keepIdHash` (if given); returns how many ended. */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  accountId: string,
  keepIdHash?: string,
): Promise<number> {
  let query = db.deleteFrom('session').where('account_id', '=', accountId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSessions(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('session')
    .select(['id_hash', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
    .where('account_id', '=', accountId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** The MConnect ID token a session keeps for the logout at MConnect. */
export async function findMconnectIdToken(db: Kysely<Database>, idHash: string): Promise<string | null> {
  const row = await db
    .selectFrom('session')
    .select('mconnect_id_token')
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return row?.mconnect_id_token ?? null;
}

/** Housekeeping: sessions past their absolute expiry, or unused since `idleSince`; how many were deleted. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date, idleSince: Date): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
