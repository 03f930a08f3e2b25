/** The session store the session plugin is given: the `session` rows, with their account. */
import type { Kysely } from 'kysely';
import type { AccountRows } from '../../db/account-rows.ts';
import type { Database } from '../../db/database.ts';
import type { SessionInsert, SessionStore, StoredSession } from '../../plugins/session.ts';
import * as sessions from './sessions.repository.ts';

function toStoredSession(row: Awaited<ReturnType<typeof sessions.findSessionsWithAccount>>[number]): StoredSession {
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

/** The most sessions one statement looks up; a larger turn of the loop sends several. */
const SESSIONS_PER_STATEMENT = 16;

/**
 * Session lookups gathered over one turn of the event loop and read together: each request asks
 * for its own hash (`load`); the hashes asked for before the loop's check phase (`setImmediate`)
 * go in one statement, and each request gets the row of its own hash, or undefined. Under load,
 * the requests that arrive together then cost one round trip to the database, not one each; a
 * lone request waits for nothing but the end of its turn.
 */
class SessionLookups<R extends { readonly id_hash: string }> {
  private pending = new Map<string, { resolve: (row: R | undefined) => void; reject: (error: unknown) => void }[]>();
  private scheduled = false;

  constructor(private readonly read: (idHashes: readonly string[]) => Promise<readonly R[]>) {}

  load(idHash: string): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(idHash);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(idHash, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = [...this.pending];
    this.pending = new Map();
    this.scheduled = false;
    for (let start = 0; start < batch.length; start += SESSIONS_PER_STATEMENT) {
      const part = batch.slice(start, start + SESSIONS_PER_STATEMENT);
      this.read(part.map(([idHash]) => idHash)).then(
        (rows) => {
          const byHash = new Map(rows.map((row) => [row.id_hash, row]));
          for (const [idHash, waiting] of part) for (const w of waiting) w.resolve(byHash.get(idHash));
        },
        (error: unknown) => {
          for (const [, waiting] of part) for (const w of waiting) w.reject(error);
        },
      );
    }
  }
}

type SessionWithRows = Awaited<ReturnType<typeof sessions.findSessionsWithAccountRows>>[number];

/** Sessions kept in the database, so any process can serve any request. */
export function databaseSessionStore(db: Kysely<Database>): SessionStore {
  const plain = new SessionLookups((idHashes) => sessions.findSessionsWithAccount(db, idHashes));
  const withRows = new Map<AccountRows<unknown>, SessionLookups<SessionWithRows>>();
  return {
    async find(idHash) {
      const row = await plain.load(idHash);
      return row ? toStoredSession(row) : undefined;
    },
    async findWithRows(idHash, query) {
      let lookups = withRows.get(query);
      if (!lookups) {
        lookups = new SessionLookups((idHashes) => sessions.findSessionsWithAccountRows(db, idHashes, query));
        withRows.set(query, lookups);
      }
      const row = await lookups.load(idHash);
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
