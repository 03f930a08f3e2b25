/**
 * Password login. One answer for every failure (unknown identifier, wrong password, closed
 * account, account without a password), with the same argon2 cost, so nothing tells whether an
 * account exists; failures are throttled per identifier and per IP address in the database.
 *
 * The identifier's counter (5 failures, then a growing delay) refuses every attempt while it is
 * blocked, the right password included: it protects one account. The address's counter (100
 * failures an hour per IPv4 address or IPv6 /64, see ADDRESS_POLICY) only turns its wrong
 * passwords into "wait" answers: many people may share an address, so it never refuses a right
 * password for an identifier that is not itself blocked.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import type { SessionInsert } from '../../plugins/session.ts';
import { auditEventPart, recordAuditEvent } from '../audit/audit.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { composeMail, notice } from '../notifications/mail.service.ts';
import * as accounts from './accounts.repository.ts';
import {
  hashPassword,
  identifierKey,
  needsRehash,
  normalizeIdentifier,
  verifyAgainstDummy,
  verifyPassword,
} from './credentials.ts';
import {
  ADDRESS_POLICY,
  LOGIN_POLICY,
  clearThrottle,
  networkOf,
  recordFailure,
  reservationOf,
} from './throttle.service.ts';
import { sessionInsertAfterLogin } from './sessions.service.ts';

export type LoginOutcome =
  | { readonly kind: 'success'; readonly accountId: string }
  | { readonly kind: 'invalid' }
  | {
      readonly kind: 'throttled';
      /** What is blocked: the identifier (every attempt waits), or the address (its wrong passwords). */
      readonly scope: 'identifier' | 'address';
      readonly retryAfterSeconds: number;
    };

/** Called when a lock starts on an existing account, so its owner can be told (by e-mail). */
export type LockNotifier = (account: {
  id: string;
  identifier: string;
  email: string;
  language: 'fr' | 'en';
}) => Promise<void>;

/** Tells the owner, in their language, that logins are blocked for a while after wrong passwords. */
export function lockNotifier({
  db,
  config,
  mail,
}: {
  db: Kysely<Database>;
  config: Config;
  mail: MailService;
}): LockNotifier {
  return async (account) => {
    const t = messagesFor(account.language).accounts.login.lockMail;
    await mail.enqueue(
      db,
      composeMail(account.email, account.language, notice, {
        subject: t.subject,
        title: t.title,
        paragraphs: [t.text(account.identifier), t.ifYou, t.ifNotYou],
        action: { label: t.action, url: `${config.publicUrl}${paths.accounts.forgottenPassword()}` },
      }),
    );
  };
}

export interface LoginAttempt {
  readonly identifier: string;
  readonly password: string;
  readonly ip: string;
}

export function throttleKeys(identifier: string, ip: string): { byIdentifier: string; byIp: string } {
  return {
    byIdentifier: `login:id:${identifierKey(normalizeIdentifier(identifier))}`,
    byIp: `login:ip:${networkOf(ip)}`,
  };
}

/** A right password: what is left to write when the login is recorded (see completeLogin, loginSessionInsert). */
export interface LoginSuccess {
  readonly kind: 'success';
  readonly accountId: string;
  /** The identifier's throttle key, whose attempt (counted before the verify) is to be forgotten. */
  readonly throttleKey: string;
  readonly ip: string;
}

export type LoginCheck = Exclude<LoginOutcome, { kind: 'success' }> | LoginSuccess;

/**
 * Checks a password login, in one statement before the verify and none after it when the password
 * is right (but a rehash when the hash's parameters are old): the attempt is counted on the
 * identifier and the account read in the same statement
 * (so the verify starts after one round trip, and parallel guesses each see the ones before
 * them); a failure is recorded here. A success is not recorded yet: the caller does it, with the
 * new session (loginSessionInsert) or on its own (completeLogin).
 */
export async function checkLogin(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  onLock?: LockNotifier,
): Promise<LoginCheck> {
  const keys = throttleKeys(attempt.identifier, attempt.ip);
  const now = new Date();
  // Counted as a failure before the verify, so parallel guesses each see the ones before them.
  const row = await accounts.findByIdentifierKeyCountingAttempt(
    db,
    identifierKey(normalizeIdentifier(attempt.identifier)),
    { key: keys.byIdentifier, rule: LOGIN_POLICY, now },
  );
  const reserved = await reservationOf(db, keys.byIdentifier, row, now);
  if (!reserved.allowed)
    return { kind: 'throttled', scope: 'identifier', retryAfterSeconds: reserved.retryAfterSeconds };

  // An open account with a password, or none (the account's columns come from a left join: all
  // null when no account has the identifier).
  const usable =
    row?.id && row.identifier && row.email && row.language && row.password_hash && row.closed_at === null
      ? {
          id: row.id,
          identifier: row.identifier,
          email: row.email,
          language: row.language,
          passwordHash: row.password_hash,
        }
      : undefined;
  const valid = usable
    ? await verifyPassword(usable.passwordHash, attempt.password)
    : await verifyAgainstDummy(attempt.password);

  if (!valid || !usable) {
    const address = await recordFailure(db, [keys.byIp], ADDRESS_POLICY);
    await recordAuditEvent(db, { event: 'login.failed', accountId: usable?.id ?? null, ip: attempt.ip });
    if (usable && reserved.attempts === LOGIN_POLICY.freeFailures) {
      await recordAuditEvent(db, { event: 'login.locked', accountId: usable.id, ip: attempt.ip });
      await onLock?.({ id: usable.id, identifier: usable.identifier, email: usable.email, language: usable.language });
    }
    // A busy address is told to wait; its right passwords are still accepted (checked above).
    if (address.blockedSeconds > 0)
      return { kind: 'throttled', scope: 'address', retryAfterSeconds: address.blockedSeconds };
    return { kind: 'invalid' };
  }

  if (needsRehash(usable.passwordHash)) {
    await accounts.updatePasswordHash(db, usable.id, await hashPassword(attempt.password));
  }
  return { kind: 'success', accountId: usable.id, throttleKey: keys.byIdentifier, ip: attempt.ip };
}

/** Records a successful login that opens no session here (the attempt forgotten, the audit event). */
export async function completeLogin(db: Kysely<Database>, success: LoginSuccess): Promise<void> {
  await clearThrottle(db, [success.throttleKey]);
  await recordAuditEvent(db, { event: 'login.succeeded', accountId: success.accountId, ip: success.ip });
}

/**
 * How the login route stores the new session (`reply.startSession`'s `insert`): the attempt
 * forgotten, the audit event and the session in one statement, as completeLogin would in two.
 */
export function loginSessionInsert(db: Kysely<Database>, success: LoginSuccess): SessionInsert {
  return sessionInsertAfterLogin(
    db,
    success.throttleKey,
    auditEventPart({ event: 'login.succeeded', accountId: success.accountId, ip: success.ip }),
  );
}

/** checkLogin, then completeLogin on success: for a caller that opens no session (MConnect's "prove my account"). */
export async function attemptLogin(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  onLock?: LockNotifier,
): Promise<LoginOutcome> {
  const outcome = await checkLogin(db, attempt, onLock);
  if (outcome.kind !== 'success') return outcome;
  await completeLogin(db, outcome);
  return { kind: 'success', accountId: outcome.accountId };
}
