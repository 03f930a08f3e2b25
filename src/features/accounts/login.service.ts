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
import { recordAuditEvent } from '../audit/audit.service.ts';
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
  reserveAttempt,
} from './throttle.service.ts';

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

export async function attemptLogin(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  onLock?: LockNotifier,
): Promise<LoginOutcome> {
  const keys = throttleKeys(attempt.identifier, attempt.ip);
  // Counted as a failure before the verify, so parallel guesses each see the ones before them.
  const reserved = await reserveAttempt(db, keys.byIdentifier, LOGIN_POLICY);
  if (!reserved.allowed)
    return { kind: 'throttled', scope: 'identifier', retryAfterSeconds: reserved.retryAfterSeconds };

  const account = await accounts.findByIdentifierKey(db, identifierKey(normalizeIdentifier(attempt.identifier)));
  const usable = account && account.closed_at === null && account.password_hash !== null ? account : undefined;
  const valid = usable?.password_hash
    ? await verifyPassword(usable.password_hash, attempt.password)
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

  await clearThrottle(db, [keys.byIdentifier]);
  if (usable.password_hash && needsRehash(usable.password_hash)) {
    await accounts.updatePasswordHash(db, usable.id, await hashPassword(attempt.password));
  }
  await recordAuditEvent(db, { event: 'login.succeeded', accountId: usable.id, ip: attempt.ip });
  return { kind: 'success', accountId: usable.id };
}
