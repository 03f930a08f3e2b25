/**
 * The changes an account's owner makes from "Mon profil": personal details, e-mail address,
 * password, closing the account (ASVS 5.0 §6.2.3, §6.3.7, §7.4.2–7.4.3, §7.5.1).
 *
 * The e-mail, the password and closing the account ask for the current password again, on the
 * same form (re-authentication); wrong answers are throttled per account in the database, like
 * the login. A new e-mail replaces the old one only once the link sent to it is used, and the old
 * address is told at the request and at the change. A password change ends the account's other
 * sessions, revokes reset links and sends a notice. Closing erases the personal details and keeps
 * the row the dossiers and the audit log point at. Each change is one transaction with its audit
 * event and its e-mails, so nothing half-happens.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { UnauthenticatedError } from '../../errors.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { composeMail, notice } from '../notifications/mail.service.ts';
import type { AccountHookRegistry } from './account-hooks.ts';
import * as accounts from './accounts.repository.ts';
import {
  checkPassword,
  hashPassword,
  normalizePassword,
  verifyAgainstDummy,
  verifyPassword,
  type PasswordReason,
} from './credentials.ts';
import { throttleKeys as loginThrottleKeys } from './login.service.ts';
import * as sessions from './sessions.repository.ts';
import type { DetailsChange as PersonalDetails } from './accounts.repository.ts';
import { LOGIN_POLICY, clearThrottle, reserveAttempt } from './throttle.service.ts';
import * as tokens from './tokens.repository.ts';
import { checkToken, consumeToken, issueToken, revokeTokens, type TokenCheck } from './tokens.ts';

export interface ProfileChangeDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly mail: MailService;
  /** What other features keep for an account: closing asks them first, then lets them delete it. */
  readonly hooks: AccountHookRegistry;
}

type ChangeAccount = NonNullable<Awaited<ReturnType<typeof accounts.findForProfileChange>>>;

// ---------------------------------------------------------------------------------------------
// Asking the password again
// ---------------------------------------------------------------------------------------------

export type ReauthFailure =
  | { readonly kind: 'reauth'; readonly reason: 'required' | 'wrong' }
  | { readonly kind: 'reauth'; readonly reason: 'throttled'; readonly retryAfterSeconds: number };

function reauthKey(accountId: string): string {
  return `reauth:${accountId}`;
}

/**
 * Checks the current password of a signed-in owner. Failures count against the account (5, then
 * a growing delay, as for the login), so a session left open cannot be used to guess it.
 */
async function confirmPassword(
  db: Kysely<Database>,
  account: ChangeAccount,
  password: string,
  ip: string,
): Promise<ReauthFailure | null> {
  if (password === '') return { kind: 'reauth', reason: 'required' };
  const key = reauthKey(account.id);
  // Counted before the verify (and forgotten when right), so parallel guesses cannot overtake it.
  const reserved = await reserveAttempt(db, key, LOGIN_POLICY);
  if (!reserved.allowed) return { kind: 'reauth', reason: 'throttled', retryAfterSeconds: reserved.retryAfterSeconds };
  const valid = account.password_hash
    ? await verifyPassword(account.password_hash, password)
    : await verifyAgainstDummy(password);
  if (!valid) {
    await recordAuditEvent(db, { event: 'reauth.failed', accountId: account.id, ip });
    return { kind: 'reauth', reason: 'wrong' };
  }
  await clearThrottle(db, [key]);
  return null;
}

/**
 * Asks the signed-in owner's password again before a sensitive change made elsewhere (linking
 * MConnect): the same check and throttling as the changes of this file.
 */
export async function reauthenticate(
  db: Kysely<Database>,
  input: { readonly accountId: string; readonly password: string; readonly ip: string },
): Promise<ReauthFailure | null> {
  const account = await loadAccount(db, input.accountId);
  return confirmPassword(db, account, input.password, input.ip);
}

async function loadAccount(db: Kysely<Database>, accountId: string): Promise<ChangeAccount> {
  const account = await accounts.findForProfileChange(db, accountId);
  // The session ended with the account (closed in another tab): the guard signs the browser out.
  if (!account) throw new UnauthenticatedError('The account of this session is closed');
  return account;
}

/** `jean.dupont@example.mc` → `j•••@example.mc`: enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${[...email.slice(0, at)][0] ?? ''}•••${email.slice(at)}`;
}

// ---------------------------------------------------------------------------------------------
// Personal details
// ---------------------------------------------------------------------------------------------

const DETAIL_FIELDS = [
  'civility',
  'firstName',
  'lastName',
  'birthDate',
  'phone',
  'companyName',
  'companyRci',
  'companyNis',
] as const;

/**
 * Stores the details (checked with validatePersonalDetails for the account's own kind, which is
 * fixed at creation) and records which fields changed: their names only, never their values.
 */
export async function updatePersonalDetails(
  db: Kysely<Database>,
  input: { accountId: string; details: PersonalDetails; ip: string },
): Promise<void> {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const before = await accounts.lockDetailsOfOpenAccount(trx, input.accountId);
    if (!before) throw new UnauthenticatedError('The account of this session is closed');
    const current: Record<(typeof DETAIL_FIELDS)[number], string | null> = {
      civility: before.civility,
      firstName: before.first_name,
      lastName: before.last_name,
      birthDate: before.birth_date,
      phone: before.phone,
      companyName: before.company_name,
      companyRci: before.company_rci,
      companyNis: before.company_nis,
    };
    const changed = DETAIL_FIELDS.filter((field) => current[field] !== input.details[field]);
    if (changed.length === 0) return;
    await accounts.updateDetails(trx, input.accountId, input.details, now);
    await recordAuditEvent(trx, {
      event: 'profile.updated',
      accountId: input.accountId,
      ip: input.ip,
      details: { fields: changed.join(',') },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// E-mail address
// ---------------------------------------------------------------------------------------------

export async function pendingEmailChange(db: Kysely<Database>, accountId: string): Promise<string | undefined> {
  return (await tokens.findPendingEmailChange(db, accountId, new Date()))?.email ?? undefined;
}

export type EmailChangeOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'refused'; readonly errors: { readonly email?: 'same'; readonly password?: ReauthFailure } };

/**
 * After the password is confirmed: a link to the new address (24 h, single use, replacing any
 * earlier one) and a notice to the current address, queued with the audit event. `newEmail` has
 * passed checkEmail.
 */
export async function requestEmailChange(
  { db, config, mail }: ProfileChangeDeps,
  input: { readonly accountId: string; readonly newEmail: string; readonly password: string; readonly ip: string },
): Promise<EmailChangeOutcome> {
  const account = await loadAccount(db, input.accountId);
  const same = input.newEmail.toLowerCase() === account.email.toLowerCase();
  // A field already wrong is said without spending a password check (nor counting a failure).
  const failure = same && input.password !== '' ? null : await confirmPassword(db, account, input.password, input.ip);
  if (same || failure)
    return {
      kind: 'refused',
      errors: { ...(same ? { email: 'same' as const } : {}), ...(failure ? { password: failure } : {}) },
    };
  const t = messagesFor(account.language).profile.emailChange;
  await db.transaction().execute(async (trx) => {
    const token = await issueToken(trx, { accountId: account.id, purpose: 'email_change', email: input.newEmail });
    await mail.enqueue(
      trx,
      composeMail(input.newEmail, account.language, notice, {
        subject: t.mailNew.subject,
        title: t.mailNew.title,
        paragraphs: [t.mailNew.text(account.identifier)],
        action: { label: t.mailNew.action, url: `${config.publicUrl}${paths.accounts.confirmEmailChange(token)}` },
        footnotes: [t.mailNew.validity, t.mailNew.notYou],
      }),
    );
    await mail.enqueue(
      trx,
      composeMail(account.email, account.language, notice, {
        subject: t.mailOld.subject,
        title: t.mailOld.title,
        paragraphs: [
          t.mailOld.text(account.identifier, maskEmail(input.newEmail)),
          t.mailOld.ifYou,
          t.mailOld.ifNotYou,
        ],
        action: { label: t.mailOld.action, url: `${config.publicUrl}${paths.accounts.profile()}` },
      }),
    );
    await recordAuditEvent(trx, { event: 'email.change_requested', accountId: account.id, ip: input.ip });
  });
  return { kind: 'sent' };
}

/** Makes the pending link unusable; says whether there was one. */
export async function cancelEmailChange(db: Kysely<Database>, accountId: string, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const pending = await tokens.findPendingEmailChange(trx, accountId, new Date());
    if (!pending) return false;
    await revokeTokens(trx, accountId, 'email_change');
    await recordAuditEvent(trx, { event: 'email.change_cancelled', accountId, ip });
    return true;
  });
}

export type EmailLinkCheck =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: Extract<TokenCheck, { ok: false }>['reason'] };

/** Whether a change link may show its confirmation button, and for which address. */
export async function checkEmailChangeLink(db: Kysely<Database>, token: string): Promise<EmailLinkCheck> {
  const check = await checkToken(db, 'email_change', token);
  if (!check.ok) return check;
  return check.email ? { ok: true, email: check.email } : { ok: false, reason: 'unknown' };
}

export type EmailConfirmOutcome =
  | { readonly ok: true; readonly accountId: string; readonly email: string }
  | { readonly ok: false; readonly reason: Extract<TokenCheck, { ok: false }>['reason'] };

/**
 * Uses the link: under a lock on the token and the account, the new address replaces the old one,
 * already verified; reset and verification links sent to the old address stop working; the old
 * address is told.
 */
export async function confirmEmailChange(
  { db, config, mail }: ProfileChangeDeps,
  token: string,
  ip: string,
): Promise<EmailConfirmOutcome> {
  const now = new Date();
  return db.transaction().execute(async (trx): Promise<EmailConfirmOutcome> => {
    const used = await consumeToken(trx, 'email_change', token, now);
    if (!used.ok) return used;
    const account = await accounts.lockOpenAccount(trx, used.accountId);
    if (!account || !used.email) return { ok: false, reason: 'unknown' };
    const previous = account.email;
    await accounts.replaceEmail(trx, account.id, used.email, now);
    await revokeTokens(trx, account.id, 'password_reset', now);
    await revokeTokens(trx, account.id, 'email_verification', now);
    await recordAuditEvent(trx, { event: 'email.changed', accountId: account.id, ip });
    const t = messagesFor(account.language).profile.emailChange.mailChanged;
    if (previous.toLowerCase() !== used.email.toLowerCase()) {
      await mail.enqueue(
        trx,
        composeMail(previous, account.language, notice, {
          subject: t.subject,
          title: t.title,
          paragraphs: [t.text(account.identifier, maskEmail(used.email)), t.ifNotYou],
          action: { label: t.action, url: `${config.publicUrl}${paths.site.help()}` },
        }),
      );
    }
    return { ok: true, accountId: account.id, email: used.email };
  });
}

// ---------------------------------------------------------------------------------------------
// Password
// ---------------------------------------------------------------------------------------------

/** An identification at MConnect this recent stands for asking the password again. */
export const RECENT_LOGIN_SECONDS = 300;

/** Whether the session was opened by MConnect in the last RECENT_LOGIN_SECONDS. */
export function recentMconnectLogin(method: 'password' | 'mconnect', openedAt: Date, now: Date = new Date()): boolean {
  return method === 'mconnect' && now.getTime() - openedAt.getTime() <= RECENT_LOGIN_SECONDS * 1000;
}

export interface PasswordChangeErrors {
  readonly current?: ReauthFailure;
  readonly next?: PasswordReason | 'same';
  readonly confirmation?: 'required' | 'mismatch';
}

export type PasswordChangeOutcome =
  | { readonly kind: 'done'; readonly sessionsEnded: number }
  | { readonly kind: 'refused'; readonly errors: PasswordChangeErrors };

/**
 * Checks the new password (the rules of sign-up, and not the current one) and its confirmation,
 * then the current password; stores the new one, revokes reset links, ends every other session,
 * forgets the login failures and queues the notice, in one transaction. The caller gives the
 * browser a new session id.
 */
export async function changePassword(
  { db, config, mail }: ProfileChangeDeps,
  input: {
    readonly accountId: string;
    readonly currentIdHash: string;
    /** How and when the session was opened: an account without a password chooses one only in a recent MConnect session. */
    readonly sessionMethod: 'password' | 'mconnect';
    readonly sessionOpenedAt: Date;
    readonly current: string;
    readonly next: string;
    readonly confirmation: string;
    readonly ip: string;
  },
): Promise<PasswordChangeOutcome> {
  const account = await loadAccount(db, input.accountId);
  // An account created with MConnect has no password yet: its MConnect login is the proof asked.
  const firstPassword =
    account.password_hash === null && recentMconnectLogin(input.sessionMethod, input.sessionOpenedAt);
  const check = checkPassword(input.next, {
    identifier: account.identifier,
    email: account.email,
    firstName: account.first_name,
    lastName: account.last_name,
  });
  const errors: { current?: ReauthFailure; next?: PasswordReason | 'same'; confirmation?: 'required' | 'mismatch' } =
    {};
  if (!check.ok) errors.next = check.reason;
  else if (!firstPassword && check.password === normalizePassword(input.current)) errors.next = 'same';
  if (input.confirmation === '') errors.confirmation = 'required';
  else if (input.confirmation !== input.next) errors.confirmation = 'mismatch';
  if (!firstPassword && input.current === '') errors.current = { kind: 'reauth', reason: 'required' };
  // The current password is checked (and a failure counted) only when the rest is right.
  if (!firstPassword && Object.keys(errors).length === 0) {
    const failure = await confirmPassword(db, account, input.current, input.ip);
    if (failure) errors.current = failure;
  }
  if (Object.keys(errors).length > 0 || !check.ok) return { kind: 'refused', errors };

  const passwordHash = await hashPassword(check.password);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const locked = await accounts.lockOpenAccount(trx, account.id);
    if (!locked) throw new UnauthenticatedError('The account of this session is closed');
    await accounts.setPassword(trx, account.id, passwordHash, now);
    await revokeTokens(trx, account.id, 'password_reset', now);
    const ended = await sessions.deleteOtherSessions(trx, account.id, input.currentIdHash);
    await clearThrottle(trx, [loginThrottleKeys(account.identifier, input.ip).byIdentifier]);
    await recordAuditEvent(trx, {
      event: 'password.changed',
      accountId: account.id,
      ip: input.ip,
      details: { via: 'profile', sessionsEnded: ended },
    });
    const t = messagesFor(account.language).profile.passwordChange.mail;
    await mail.enqueue(
      trx,
      composeMail(account.email, account.language, notice, {
        subject: t.subject,
        title: t.title,
        paragraphs: [t.text(account.identifier), t.sessions, t.ifYou, t.ifNotYou],
        action: { label: t.action, url: `${config.publicUrl}${paths.accounts.forgottenPassword()}` },
      }),
    );
    return { kind: 'done', sessionsEnded: ended } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Closing the account
// ---------------------------------------------------------------------------------------------

export type CloseOutcome =
  | { readonly kind: 'closed' }
  | {
      readonly kind: 'refused';
      readonly errors: { readonly password?: ReauthFailure; readonly confirm?: true; readonly inProgress?: number };
    };

/**
 * Closes the account when the owner ticked the confirmation, gave the password and has no
 * procedure under way: erases the personal details, ends every session, deletes the pending
 * links, records the event and queues a last e-mail to the address the account had.
 */
export async function closeAccount(
  { db, config, mail, hooks }: ProfileChangeDeps,
  input: { readonly accountId: string; readonly password: string; readonly confirmed: boolean; readonly ip: string },
): Promise<CloseOutcome> {
  const account = await loadAccount(db, input.accountId);
  const inProgress = await hooks.countInProgress(db, account.id);
  const password = await confirmPassword(db, account, input.password, input.ip);
  if (password || !input.confirmed || inProgress > 0) {
    return {
      kind: 'refused',
      errors: {
        ...(password ? { password } : {}),
        ...(input.confirmed ? {} : { confirm: true as const }),
        ...(inProgress > 0 ? { inProgress } : {}),
      },
    };
  }
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const locked = await accounts.lockOpenAccount(trx, account.id);
    if (!locked) throw new UnauthenticatedError('The account of this session is closed');
    const lang: Lang = locked.language;
    const t = messagesFor(lang).profile.close.mail;
    // Written before the address is erased: the last message the account sends.
    await mail.enqueue(
      trx,
      composeMail(locked.email, lang, notice, {
        subject: t.subject,
        title: t.title,
        paragraphs: [t.text(locked.identifier), t.kept, t.ifNotYou],
        action: { label: t.action, url: `${config.publicUrl}${paths.site.help()}` },
      }),
    );
    await accounts.anonymiseAndClose(trx, account.id, now);
    await tokens.deleteTokensOfAccount(trx, account.id);
    await hooks.onClose(trx, account.id);
    const ended = await sessions.deleteOtherSessions(trx, account.id);
    await clearThrottle(trx, [reauthKey(account.id), loginThrottleKeys(locked.identifier, input.ip).byIdentifier]);
    await recordAuditEvent(trx, {
      event: 'account.closed',
      accountId: account.id,
      ip: input.ip,
      details: { sessionsEnded: ended },
    });
  });
  return { kind: 'closed' };
}
