/** The session store the session plugin is given: the `session` rows, with their account. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SessionInsert, SessionStore, StoredSession } from '../../plugins/session.ts';
import * as sessions from './sessions.repository.ts';

function toStoredSession(row: NonNullable<Awaited<ReturnType<typeof sessions.findSessionWithAccount>>>): StoredSession {
  return {
    idHash: row.id_hash,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    authMethod: row.auth_method,
    authAcr: row.auth_acr,
    hasMconnectSession: row.has_mconnect_session,
    identifier: row.identifier,
    kind: row.kind,
    firstName: row.first_name,
    email: row.email,
    lastName: row.last_name,
    emailVerified: row.email_verified_at !== null,
    language: row.language,
    accountClosed: row.closed_at !== null,
  };
}

/** Sessions kept in the database, so any process can serve any request. */
export function databaseSessionStore(db: Kysely<Database>): SessionStore {
  return {
    async find(idHash) {
      const row = await sessions.findSessionWithAccount(db, idHash);
      return row ? toStoredSession(row) : undefined;
    },
    async findWithRows(idHash, query) {
      const row = await sessions.findSessionWithAccountRows(db, idHash, query);
      return row ? { session: toStoredSession(row), rows: row.account_rows } : undefined;
    },
    async insert(session) {
      const row = await sessions.insertSessionWithAccount(db, session);
      return row ? toStoredSession(row) : undefined;
    },
    renew: (change) => sessions.renewSessionId(db, change),
    touch: (idHash, now) => sessions.touchSession(db, idHash, now),
    delete: (idHash) => sessions.deleteSession(db, idHash),
  };
}

/**
 * How a password login stores its session (`reply.startSession`'s `insert`): with the attempt
 * counted on `throttleKey` forgotten and the audit event written, in the session's own statement.
 */
export function sessionInsertAfterLogin(
  db: Kysely<Database>,
  throttleKey: string,
  audit: Parameters<typeof sessions.insertSessionAfterLogin>[3],
): SessionInsert {
  return async (session) => {
    const row = await sessions.insertSessionAfterLogin(db, session, throttleKey, audit);
    return row ? toStoredSession(row) : undefined;
  };
}

/** The MConnect ID token a session keeps for the logout at MConnect, if any. */
export async function mconnectIdTokenOf(db: Kysely<Database>, idHash: string): Promise<string | null> {
  return sessions.findMconnectIdToken(db, idHash);
}
