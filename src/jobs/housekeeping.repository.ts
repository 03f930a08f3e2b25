/**
 * The deletions of the housekeeping job: rows whose lifetime ended before the given instant. Each
 * returns how many rows it deleted. Kept here, beside the job, rather than in the features'
 * repositories: they touch only rows that no feature will read again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

async function count(result: Promise<{ numDeletedRows: bigint }>): Promise<number> {
  return Number((await result).numDeletedRows);
}

/** First MConnect logins waiting for the citizen's choice (ID token, names, birth date, e-mail). */
export function deleteExpiredMconnectPending(db: Kysely<Database>, now: Date): Promise<number> {
  return count(db.deleteFrom('mconnect_pending').where('expires_at', '<=', now).executeTakeFirst());
}

/** MConnect logins under way (state, nonce, PKCE verifier, return path). */
export function deleteExpiredOidcTransactions(db: Kysely<Database>, now: Date): Promise<number> {
  return count(db.deleteFrom('oidc_transaction').where('expires_at', '<=', now).executeTakeFirst());
}

/** Sessions past their absolute expiry, or idle since `idleSince` (IP address, browser, ID token). */
export function deleteExpiredSessions(db: Kysely<Database>, now: Date, idleSince: Date): Promise<number> {
  return count(
    db
      .deleteFrom('session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .executeTakeFirst(),
  );
}

/** E-mail links (verification, reset, change of address), used or not, once expired. */
export function deleteExpiredAccountTokens(db: Kysely<Database>, now: Date): Promise<number> {
  return count(db.deleteFrom('account_token').where('expires_at', '<=', now).executeTakeFirst());
}

/** Throttle counters whose window started before `windowStartedBefore` and whose block, if any, has ended. */
export function deleteExpiredThrottles(db: Kysely<Database>, now: Date, windowStartedBefore: Date): Promise<number> {
  return count(
    db
      .deleteFrom('throttle')
      .where('window_started_at', '<=', windowStartedBefore)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .executeTakeFirst(),
  );
}

/** Security events older than `before`. */
export function deleteAuditEventsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  return count(db.deleteFrom('audit_event').where('occurred_at', '<=', before).executeTakeFirst());
}

/** Messages of the development mailbox older than `before`. */
export function deleteDevMailBefore(db: Kysely<Database>, before: Date): Promise<number> {
  return count(db.deleteFrom('dev_mail').where('created_at', '<=', before).executeTakeFirst());
}
