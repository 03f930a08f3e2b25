/**
 * "Identifiant oublié" and "Mot de passe oublié" (OWASP Forgot Password cheat sheet, ASVS 5.0 §6.3–6.4).
 *
 * Both requests answer the same whatever the outcome (no account, a closed account, several
 * accounts, throttled): the caller always shows the same neutral page, and the e-mail, when there
 * is one, is only queued (in the transaction that issues the token), so the time taken says
 * little. Every request counts against the e-mail or identifier, the network asking, and the two
 * together; past a limit nothing is sent (the limits are in docs/security.md). Only accounts that are open and whose e-mail was verified are served
 * (§8.3 item 19: an unverified address is never used for recovery).
 *
 * Setting the new password uses the token under a row lock, stores the hash, revokes the other
 * reset links, ends every session of the account and queues the "password changed" e-mail, all in
 * one transaction; the browser that reset is not signed in.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { composeMail, notice } from '../notifications/mail.service.ts';
import * as accounts from './accounts.repository.ts';
import { checkPassword, hashPassword, identifierKey, normalizeIdentifier, type PasswordReason } from './credentials.ts';
import { throttleKeys as loginThrottleKeys } from './login.service.ts';
import * as sessions from './sessions.repository.ts';
import { clearThrottle, networkOf, reserveAttempt, type ThrottlePolicy } from './throttle.service.ts';
import { NO_ACCOUNT_ID, insertResetTokenIfAccount } from './recovery.repository.ts';
import {
  TOKEN_LIFETIME_SECONDS,
  checkToken,
  consumeToken,
  hashToken,
  revokeTokens,
  type TokenCheck,
} from './tokens.ts';

/**
 * Per e-mail address or identifier and per network asking: 3 requests, then nothing more is sent
 * to that address or identifier at the asking of that network for an hour. Every request counts.
 */
export const RECOVERY_PAIR_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  firstDelaySeconds: 3600,
  maxDelaySeconds: 3600,
  windowSeconds: 3600,
};
/**
 * Per e-mail address or identifier, whoever asks: 10 e-mails an hour, then one at most every 5
 * minutes. So requests from many networks cannot fill a mailbox, and the owner, asking from any
 * other network, waits 5 minutes at most for their e-mail.
 */
export const RECOVERY_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  firstDelaySeconds: 300,
  maxDelaySeconds: 300,
  windowSeconds: 3600,
};
/** Per network asking (a whole office or school may share one address): 30 requests an hour. */
export const RECOVERY_IP_POLICY: ThrottlePolicy = {
  freeFailures: 30,
  firstDelaySeconds: 3600,
  maxDelaySeconds: 3600,
  windowSeconds: 3600,
};

// ---------------------------------------------------------------------------------------------
// Input rules
// ---------------------------------------------------------------------------------------------

export const MAX_IDENTIFIER_INPUT = 64;

export type IdentifierInputCheck =
  | { readonly ok: true; readonly identifier: string }
  | { readonly ok: false; readonly reason: 'required' | 'too_long' | 'is_email' };

/** Any identifier that could exist is accepted (whether it does is never said). */
export function checkIdentifierInput(raw: string): IdentifierInputCheck {
  const identifier = normalizeIdentifier(raw);
  if (identifier === '') return { ok: false, reason: 'required' };
  if (identifier.includes('@')) return { ok: false, reason: 'is_email' };
  if ([...identifier].length > MAX_IDENTIFIER_INPUT) return { ok: false, reason: 'too_long' };
  return { ok: true, identifier };
}

// ---------------------------------------------------------------------------------------------
// Throttling
// ---------------------------------------------------------------------------------------------

/**
 * Counts this request against the network, the (subject, network) pair and the subject, each in
 * one statement that also checks its block (so parallel requests count exactly), and answers
 * whether mail may be sent. A request refused by one counter is not counted by the next ones.
 */
async function allowRequest(db: Kysely<Database>, subjectKey: string, ip: string): Promise<boolean> {
  const network = networkOf(ip);
  const counters = [
    { key: `recovery:ip:${network}`, policy: RECOVERY_IP_POLICY },
    { key: `${subjectKey}|ip:${network}`, policy: RECOVERY_PAIR_POLICY },
    { key: subjectKey, policy: RECOVERY_POLICY },
  ];
  for (const { key, policy } of counters) {
    if (!(await reserveAttempt(db, key, policy)).allowed) return false;
  }
  return true;
}

export interface RecoveryDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly mail: MailService;
}

// ---------------------------------------------------------------------------------------------
// "Identifiant oublié"
// ---------------------------------------------------------------------------------------------

/** Sends one e-mail listing every identifier of the open accounts using `email`; nothing when none. */
export async function requestIdentifierReminder(
  { db, config, mail }: RecoveryDeps,
  email: string,
  ip: string,
): Promise<void> {
  const emailKey = email.toLowerCase();
  const allowed = await allowRequest(db, `recovery:email:${emailKey}`, ip);
  const found = allowed ? await accounts.findOpenVerifiedByEmailKey(db, emailKey) : [];
  // The most recently updated account chooses the language (the address's owner changed it last).
  const newest = [...found].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime())[0];
  const lang = newest?.language ?? 'fr';
  const t = messagesFor(lang).recovery.identifier.mail;
  const identifiers = found.map((account) => account.identifier);
  // Composed on both paths, so both cost the same; a blank job is queued when there is no one to tell.
  const message = composeMail(newest?.email ?? email, lang, notice, {
    subject: t.subject,
    title: t.title,
    paragraphs: [identifiers.length > 1 ? t.several : t.one, { items: identifiers }, t.forgottenPassword],
    action: { label: t.action, url: `${config.publicUrl}${paths.accounts.login()}` },
    footnotes: [t.notYou],
  });
  // The same statements whether or not an account uses the address (a blank job when none).
  await db.transaction().execute(async (trx) => {
    if (found.length > 0) await mail.enqueue(trx, message);
    else await mail.enqueueBlank(trx);
    if (found.length === 0) {
      await recordAuditEvent(trx, {
        event: 'identifier.reminder_requested',
        accountId: null,
        ip,
        details: { sent: false, throttled: !allowed },
      });
    }
    for (const account of found) {
      await recordAuditEvent(trx, {
        event: 'identifier.reminder_requested',
        accountId: account.id,
        ip,
        details: { sent: true, throttled: false },
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// "Mot de passe oublié"
// ---------------------------------------------------------------------------------------------

/** Sends a reset link to the account's e-mail when the identifier names an open, verified account. */
export async function requestPasswordReset(
  { db, config, mail }: RecoveryDeps,
  identifier: string,
  ip: string,
): Promise<void> {
  const key = identifierKey(identifier);
  const allowed = await allowRequest(db, `recovery:id:${key}`, ip);
  const found = allowed ? await accounts.findForPasswordResetByIdentifierKey(db, key) : undefined;
  const account = found && found.closed_at === null && found.email_verified_at !== null ? found : undefined;
  const lang = account?.language ?? 'fr';
  const t = messagesFor(lang).recovery.password.mail;
  const linkTo = (token: string) =>
    composeMail(account?.email ?? 'nobody@invalid.example', lang, notice, {
      subject: t.subject,
      title: t.title,
      paragraphs: [t.text(account?.identifier ?? identifier)],
      action: { label: t.action, url: `${config.publicUrl}${paths.accounts.resetPassword(token)}` },
      footnotes: [t.validity, t.notYou],
    });
  // The same statements whether or not the identifier names an account that may reset: the
  // token queries match no row, and the job is blank, when it does not.
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const message = linkTo(token);
  await db.transaction().execute(async (trx) => {
    const accountId = account?.id ?? NO_ACCOUNT_ID;
    await revokeTokens(trx, accountId, 'password_reset', now);
    await insertResetTokenIfAccount(trx, {
      accountId,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS.password_reset * 1000),
    });
    if (account) await mail.enqueue(trx, message);
    else await mail.enqueueBlank(trx);
    await recordAuditEvent(trx, {
      event: 'password.reset_requested',
      accountId: account?.id ?? null,
      ip,
      details: { sent: account !== undefined, throttled: !allowed },
    });
  });
}

type ResetAccount = NonNullable<Awaited<ReturnType<typeof accounts.findForPasswordReset>>>;

export type ResetLinkCheck = { readonly ok: true; readonly account: ResetAccount } | { readonly ok: false };

/** Whether a reset link may show its form: a valid token of an open account. */
export async function checkResetLink(db: Kysely<Database>, token: string): Promise<ResetLinkCheck> {
  const check: TokenCheck = await checkToken(db, 'password_reset', token);
  if (!check.ok) return { ok: false };
  const account = await accounts.findForPasswordReset(db, check.accountId);
  if (!account || account.closed_at !== null) return { ok: false };
  return { ok: true, account };
}

export type ResetOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'invalid_link' }
  | {
      readonly kind: 'invalid_password';
      readonly field: 'password' | 'confirmation';
      readonly reason: PasswordReason | 'confirmation_required' | 'mismatch';
      readonly identifier: string;
    };

/**
 * Checks the two passwords, then (in one transaction) uses the token, stores the new hash, revokes
 * the other reset links, ends every session of the account, records the audit events and queues
 * the "password changed" e-mail. Nothing changes unless the token is valid and the password good.
 */
export async function resetPassword(
  { db, config, mail }: RecoveryDeps,
  input: { readonly token: string; readonly password: string; readonly confirmation: string; readonly ip: string },
): Promise<ResetOutcome> {
  const link = await checkResetLink(db, input.token);
  if (!link.ok) return { kind: 'invalid_link' };
  const { account } = link;
  const check = checkPassword(input.password, {
    identifier: account.identifier,
    email: account.email,
    firstName: account.first_name,
    lastName: account.last_name,
  });
  if (!check.ok)
    return { kind: 'invalid_password', field: 'password', reason: check.reason, identifier: account.identifier };
  if (input.confirmation === '')
    return {
      kind: 'invalid_password',
      field: 'confirmation',
      reason: 'confirmation_required',
      identifier: account.identifier,
    };
  if (input.confirmation !== input.password)
    return { kind: 'invalid_password', field: 'confirmation', reason: 'mismatch', identifier: account.identifier };

  const passwordHash = await hashPassword(check.password);
  const now = new Date();
  return db.transaction().execute(async (trx): Promise<ResetOutcome> => {
    const used = await consumeToken(trx, 'password_reset', input.token, now);
    // Another request used the link meanwhile, or it expired during the hashing.
    if (!used.ok || used.accountId !== account.id) return { kind: 'invalid_link' };
    await accounts.setPassword(trx, account.id, passwordHash, now);
    await revokeTokens(trx, account.id, 'password_reset', now);
    const ended = await sessions.deleteOtherSessions(trx, account.id);
    // A login lock on the identifier would otherwise refuse the new password for a while.
    await clearThrottle(trx, [loginThrottleKeys(account.identifier, input.ip).byIdentifier]);
    await recordAuditEvent(trx, { event: 'password.reset_used', accountId: account.id, ip: input.ip });
    await recordAuditEvent(trx, {
      event: 'password.changed',
      accountId: account.id,
      ip: input.ip,
      details: { via: 'reset', sessionsEnded: ended },
    });
    const t = messagesFor(account.language).recovery.reset.mail;
    await mail.enqueue(
      trx,
      composeMail(account.email, account.language, notice, {
        subject: t.subject,
        title: t.title,
        paragraphs: [t.text(account.identifier), t.sessions, t.ifYou, t.ifNotYou],
        action: { label: t.action, url: `${config.publicUrl}${paths.accounts.forgottenPassword()}` },
      }),
    );
    return { kind: 'done' };
  });
}
