/**
 * Logging in with MConnect, and the first login of an identity no account knows yet.
 *
 * The browser holds two short-lived random cookies, never anything else: one names the
 * authorization transaction (state, nonce, PKCE verifier, level asked, where to return), the
 * other the pending first login. Both rows are server-side, expire in 10 minutes and are used
 * once. Accounts are found by `(issuer, subject)` only; a first login never links by e-mail,
 * name or date of birth: the citizen either proves a local account with its password (the login
 * throttling applies) and confirms, or creates a new account from the identity, or cancels.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import type { PurgeCounts } from '../../jobs/housekeeping.ts';
import { paths } from '../../paths.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import * as accounts from '../accounts/accounts.service.ts';
import {
  attemptLogin,
  checkEmail,
  isUniqueViolation,
  reauthenticate,
  type LockNotifier,
  type ReauthFailure,
} from '../accounts/accounts.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { composeMail, notice } from '../notifications/mail.service.ts';
import {
  MconnectError,
  type IdentityClaims,
  type MconnectClient,
  type MconnectFailureReason,
} from './mconnect.client.ts';
import * as repository from './mconnect.repository.ts';

export const TRANSACTION_MINUTES = 10;
export const PENDING_MINUTES = 10;
/** A re-authentication at MConnect must be this recent (max_age), in seconds. */
export const REAUTH_MAX_AGE_SECONDS = 300;

export interface MconnectDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly mail: MailService;
  readonly client: MconnectClient;
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function newHandle(): string {
  return randomBytes(32).toString('base64url');
}

/** The claims a pending first login keeps (JSONB), read back as they were written. */
const storedClaims = z.object({
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  birthdate: z.string().nullable(),
  gender: z.string().nullable(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  phoneNumber: z.string().nullable(),
});

function parseClaims(value: unknown): IdentityClaims {
  return storedClaims.parse(value);
}

/** A cookie value as this feature writes it (43 base64url characters); anything else names nothing. */
function isHandle(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// The redirect to MConnect and its answer
// ---------------------------------------------------------------------------------------------

/** Starts a login (or, from "Mon profil", a link): the transaction row, and where to send the browser. */
export async function beginLogin(
  { db, client }: MconnectDeps,
  input: {
    readonly purpose: 'login' | 'link';
    readonly accountId: string | null;
    readonly returnTo: string | null;
    readonly lang: Lang;
    /** A level higher than the configured minimum, for a procedure that requires it. */
    readonly acr?: string | undefined;
    /** Seconds: the login at MConnect must be that recent (a new one is asked: re-authentication). */
    readonly maxAge?: number | undefined;
    readonly now?: Date;
  },
): Promise<{ readonly handle: string; readonly url: string }> {
  const now = input.now ?? new Date();
  const { url, transaction } = await client.begin({
    uiLocales: input.lang,
    ...(input.acr ? { acr: input.acr } : {}),
    ...(input.maxAge !== undefined ? { maxAge: input.maxAge } : {}),
  });
  const handle = newHandle();
  await repository.insertTransaction(db, {
    idHash: hash(handle),
    purpose: input.purpose,
    accountId: input.accountId,
    state: transaction.state,
    nonce: transaction.nonce,
    codeVerifier: transaction.codeVerifier,
    acr: transaction.acr,
    maxAge: transaction.maxAge ?? null,
    returnTo: input.returnTo,
    expiresAt: new Date(now.getTime() + TRANSACTION_MINUTES * 60_000),
  });
  return { handle, url };
}

export type CallbackOutcome =
  | { readonly kind: 'failed'; readonly reason: MconnectFailureReason | 'no_transaction' }
  | {
      readonly kind: 'signed_in';
      readonly accountId: string;
      readonly acr: string;
      readonly idToken: string;
      readonly returnTo: string | null;
    }
  | { readonly kind: 'first_login'; readonly pendingHandle: string }
  | { readonly kind: 'linked'; readonly accountId: string }
  | { readonly kind: 'link_refused'; readonly reason: 'identity_taken' | 'account_has_identity' };

/**
 * Checks the answer against the transaction named by the browser's cookie (used once), then:
 * a known identity of an open account signs in (its identity fields refreshed); an unknown one
 * becomes a pending first login; for a link started from "Mon profil", the identity is linked to
 * that account if neither is linked already.
 */
export async function completeLogin(
  deps: MconnectDeps,
  input: {
    readonly handle: string | undefined;
    readonly query: URLSearchParams;
    readonly ip: string;
    readonly signedInAccountId: string | null;
    readonly now?: Date;
  },
): Promise<CallbackOutcome> {
  const { db, client } = deps;
  const now = input.now ?? new Date();
  const row = isHandle(input.handle) ? await repository.consumeTransaction(db, hash(input.handle), now) : undefined;
  if (!row) {
    await recordAuditEvent(db, {
      event: 'mconnect.failed',
      accountId: null,
      ip: input.ip,
      details: { reason: 'no_transaction' },
    });
    return { kind: 'failed', reason: 'no_transaction' };
  }
  let identity;
  try {
    identity = await client.finish(input.query, {
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      acr: row.acr,
      maxAge: row.max_age ?? undefined,
    });
  } catch (error) {
    const reason = error instanceof MconnectError ? error.reason : 'rejected';
    await recordAuditEvent(db, {
      event: 'mconnect.failed',
      accountId: row.account_id,
      ip: input.ip,
      details: { reason },
    });
    if (!(error instanceof MconnectError)) throw error;
    return { kind: 'failed', reason };
  }

  if (row.purpose === 'link') {
    // The link belongs to the account that asked for it, in this browser's session.
    if (!row.account_id || row.account_id !== input.signedInAccountId) return { kind: 'failed', reason: 'rejected' };
    return linkIdentity(deps, {
      accountId: row.account_id,
      issuer: identity.issuer,
      subject: identity.subject,
      acr: identity.acr,
      claims: identity.claims,
      ip: input.ip,
      now,
    });
  }

  const linked = await repository.findLinkedAccount(db, identity.issuer, identity.subject);
  if (linked && linked.closed_at === null) {
    await db.transaction().execute(async (trx) => {
      await repository.touchIdentity(trx, {
        issuer: identity.issuer,
        subject: identity.subject,
        acr: identity.acr,
        now,
      });
      await accounts.refreshIdentityFields(
        trx,
        linked.id,
        {
          firstName: identity.claims.givenName,
          lastName: identity.claims.familyName,
          birthDate: identity.claims.birthdate,
        },
        now,
      );
      await recordAuditEvent(trx, {
        event: 'mconnect.login',
        accountId: linked.id,
        ip: input.ip,
        details: { acr: identity.acr },
      });
    });
    return {
      kind: 'signed_in',
      accountId: linked.id,
      acr: identity.acr,
      idToken: identity.idToken,
      returnTo: row.return_to,
    };
  }

  const pendingHandle = newHandle();
  await repository.insertPending(db, {
    idHash: hash(pendingHandle),
    issuer: identity.issuer,
    subject: identity.subject,
    acr: identity.acr,
    idToken: identity.idToken,
    claims: { ...identity.claims },
    returnTo: row.return_to,
    expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
  });
  return { kind: 'first_login', pendingHandle };
}

async function linkIdentity(
  deps: MconnectDeps,
  input: {
    accountId: string;
    issuer: string;
    subject: string;
    acr: string;
    claims: IdentityClaims;
    ip: string;
    now: Date;
  },
): Promise<CallbackOutcome> {
  try {
    return await deps.db.transaction().execute(async (trx): Promise<CallbackOutcome> => {
      const account = await accounts.lockOpenAccount(trx, input.accountId);
      if (!account) return { kind: 'failed', reason: 'rejected' };
      if (await repository.findIdentityOfAccount(trx, account.id))
        return { kind: 'link_refused', reason: 'account_has_identity' };
      await repository.insertIdentity(trx, {
        accountId: account.id,
        issuer: input.issuer,
        subject: input.subject,
        acr: input.acr,
        now: input.now,
      });
      await accounts.refreshIdentityFields(
        trx,
        account.id,
        { firstName: input.claims.givenName, lastName: input.claims.familyName, birthDate: input.claims.birthdate },
        input.now,
      );
      await recordAuditEvent(trx, {
        event: 'mconnect.linked',
        accountId: account.id,
        ip: input.ip,
        details: { acr: input.acr },
      });
      await notifyOwner(trx, deps, account, 'linkedMail');
      return { kind: 'linked', accountId: account.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'link_refused', reason: 'identity_taken' };
    throw error;
  }
}

/** Tells the account's owner that MConnect was linked to it, or unlinked from it. */
async function notifyOwner(
  trx: Kysely<Database>,
  deps: MconnectDeps,
  account: { email: string; identifier: string; language: Lang },
  what: 'linkedMail' | 'unlinkedMail',
): Promise<void> {
  if (account.email === '') return;
  const t = messagesFor(account.language).mconnect[what];
  await deps.mail.enqueue(
    trx,
    composeMail(account.email, account.language, notice, {
      subject: t.subject,
      title: t.title,
      paragraphs: [t.text(account.identifier), t.ifNotYou],
      action: { label: t.action, url: `${deps.config.publicUrl}${paths.site.help()}` },
    }),
  );
}

export type UnlinkOutcome =
  { readonly kind: 'done' } | { readonly kind: 'not_linked' } | { readonly kind: 'no_password' } | ReauthFailure;

/**
 * Removes the link, after the password (which the account must have: it stays its way in). The
 * owner is told by e-mail; the identity fields become editable again.
 */
export async function unlinkIdentity(
  deps: MconnectDeps,
  input: { readonly accountId: string; readonly password: string; readonly ip: string },
): Promise<UnlinkOutcome> {
  const account = await accounts.findContact(deps.db, input.accountId);
  if (!account || account.closed) return { kind: 'not_linked' };
  if (!(await repository.findIdentityOfAccount(deps.db, account.id))) return { kind: 'not_linked' };
  if (!account.hasPassword) return { kind: 'no_password' };
  const failure = await reauthenticate(deps.db, { accountId: account.id, password: input.password, ip: input.ip });
  if (failure) return failure;
  await deps.db.transaction().execute(async (trx) => {
    await repository.deleteIdentityOfAccount(trx, account.id);
    await recordAuditEvent(trx, { event: 'mconnect.unlinked', accountId: account.id, ip: input.ip });
    await notifyOwner(trx, deps, account, 'unlinkedMail');
  });
  return { kind: 'done' };
}

/** An account's link to MConnect. */
export interface LinkedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly linkedAt: Date;
  readonly lastLoginAt: Date | null;
  readonly lastAcr: string | null;
}

/** The MConnect identity linked to an account, if any (its identity fields are then read-only). */
export async function linkedIdentity(db: Kysely<Database>, accountId: string): Promise<LinkedIdentity | undefined> {
  const row = await repository.findIdentityOfAccount(db, accountId);
  if (!row) return undefined;
  return {
    issuer: row.issuer,
    subject: row.subject,
    linkedAt: row.linked_at,
    lastLoginAt: row.last_login_at,
    lastAcr: row.last_acr,
  };
}

// ---------------------------------------------------------------------------------------------
// The first login: link an existing account, create one, or cancel
// ---------------------------------------------------------------------------------------------

export interface PendingLogin {
  readonly claims: IdentityClaims;
  /** Set once the citizen proved a local account: its identifier, for the confirmation page. */
  readonly provenIdentifier: string | null;
}

/** The pending first login this browser holds, if still usable. */
export async function loadPending(
  db: Kysely<Database>,
  handle: string | undefined,
  now: Date = new Date(),
): Promise<PendingLogin | undefined> {
  if (!isHandle(handle)) return undefined;
  const row = await repository.findPending(db, hash(handle), now);
  if (!row) return undefined;
  let provenIdentifier: string | null = null;
  if (row.account_id) {
    const account = await accounts.findContact(db, row.account_id);
    provenIdentifier = account && !account.closed ? account.identifier : null;
  }
  return { claims: parseClaims(row.claims), provenIdentifier };
}

export type ProveOutcome =
  | { readonly kind: 'proven' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly kind: 'expired' };

/**
 * "J'ai déjà un compte MonGuichet": the identifier and password are checked exactly as at the
 * login (same answer for every failure, same throttling counters); nothing is linked yet.
 */
export async function proveAccount(
  deps: MconnectDeps,
  input: {
    readonly handle: string | undefined;
    readonly identifier: string;
    readonly password: string;
    readonly ip: string;
  },
  onLock?: LockNotifier,
): Promise<ProveOutcome> {
  if (!isHandle(input.handle)) return { kind: 'expired' };
  const pending = await repository.findPending(deps.db, hash(input.handle), new Date());
  if (!pending) return { kind: 'expired' };
  const outcome = await attemptLogin(
    deps.db,
    { identifier: input.identifier, password: input.password, ip: input.ip },
    onLock,
  );
  if (outcome.kind !== 'success') return outcome;
  await repository.setPendingAccount(deps.db, pending.id_hash, outcome.accountId);
  return { kind: 'proven' };
}

export type FinishOutcome =
  | {
      readonly kind: 'done';
      readonly accountId: string;
      readonly acr: string;
      readonly idToken: string;
      readonly returnTo: string | null;
    }
  | { readonly kind: 'expired' }
  | { readonly kind: 'refused'; readonly reason: 'identity_taken' | 'account_has_identity' | 'not_proven' };

/** The explicit confirmation: links the proven account to the identity, once. */
export async function confirmLink(
  deps: MconnectDeps,
  input: { readonly handle: string | undefined; readonly ip: string },
): Promise<FinishOutcome> {
  if (!isHandle(input.handle)) return { kind: 'expired' };
  const now = new Date();
  try {
    return await deps.db.transaction().execute(async (trx): Promise<FinishOutcome> => {
      const pending = await repository.lockPending(trx, hash(input.handle as string), now);
      if (!pending) return { kind: 'expired' };
      if (!pending.account_id) return { kind: 'refused', reason: 'not_proven' };
      const account = await accounts.lockOpenAccount(trx, pending.account_id);
      if (!account) return { kind: 'expired' };
      await repository.consumePending(trx, pending.id_hash, now);
      if (await repository.findIdentityOfAccount(trx, account.id))
        return { kind: 'refused', reason: 'account_has_identity' };
      const claims = parseClaims(pending.claims);
      await repository.insertIdentity(trx, {
        accountId: account.id,
        issuer: pending.issuer,
        subject: pending.subject,
        acr: pending.acr,
        now,
      });
      await accounts.refreshIdentityFields(
        trx,
        account.id,
        { firstName: claims.givenName, lastName: claims.familyName, birthDate: claims.birthdate },
        now,
      );
      await recordAuditEvent(trx, {
        event: 'mconnect.linked',
        accountId: account.id,
        ip: input.ip,
        details: { acr: pending.acr, at: 'first_login' },
      });
      await notifyOwner(trx, deps, account, 'linkedMail');
      return {
        kind: 'done',
        accountId: account.id,
        acr: pending.acr,
        idToken: pending.id_token,
        returnTo: pending.return_to,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'refused', reason: 'identity_taken' };
    throw error;
  }
}

export type CreateOutcome =
  | FinishOutcome
  | {
      readonly kind: 'invalid';
      readonly errors: { readonly email?: 'required' | 'too_long' | 'invalid'; readonly terms?: true };
    }
  | { readonly kind: 'incomplete_identity' };

/**
 * "Je n'ai pas encore de compte": a particulier account from the identity (names and date of
 * birth as MConnect gives them), an identifier made from the names, no password. The e-mail is
 * MConnect's when it says it is verified; otherwise the one typed, verified by a link as at
 * sign-up.
 */
export async function createAccountFromIdentity(
  deps: MconnectDeps,
  input: {
    readonly handle: string | undefined;
    readonly typedEmail: string;
    readonly termsAccepted: boolean;
    readonly lang: Lang;
    readonly ip: string;
  },
): Promise<CreateOutcome> {
  if (!isHandle(input.handle)) return { kind: 'expired' };
  const now = new Date();
  const peek = await repository.findPending(deps.db, hash(input.handle), now);
  if (!peek) return { kind: 'expired' };
  const claims = parseClaims(peek.claims);
  if (!claims.givenName || !claims.familyName || !claims.birthdate) return { kind: 'incomplete_identity' };
  const providerEmail = claims.emailVerified && claims.email && checkEmail(claims.email).ok ? claims.email : null;
  const typed = providerEmail ? null : checkEmail(input.typedEmail);
  const errors: { email?: 'required' | 'too_long' | 'invalid'; terms?: true } = {};
  if (typed && !typed.ok) errors.email = typed.reason;
  if (!input.termsAccepted) errors.terms = true;
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  const email = providerEmail ?? (typed && typed.ok ? typed.email : '');

  const [identifier] = await accounts.suggestFreeIdentifiers(deps.db, claims.givenName, claims.familyName);
  if (!identifier) return { kind: 'incomplete_identity' };
  try {
    return await deps.db.transaction().execute(async (trx): Promise<FinishOutcome> => {
      const pending = await repository.lockPending(trx, hash(input.handle as string), now);
      if (!pending) return { kind: 'expired' };
      await repository.consumePending(trx, pending.id_hash, now);
      const { accountId: id } = await accounts.createAccountFromIdentity(
        trx,
        deps,
        {
          identifier,
          email,
          emailVerifiedByProvider: providerEmail !== null,
          civility: claims.gender === 'female' ? 'madame' : claims.gender === 'male' ? 'monsieur' : null,
          firstName: claims.givenName as string,
          lastName: claims.familyName as string,
          birthDate: claims.birthdate as string,
          language: input.lang,
          ip: input.ip,
          via: 'mconnect',
        },
        now,
      );
      await repository.insertIdentity(trx, {
        accountId: id,
        issuer: pending.issuer,
        subject: pending.subject,
        acr: pending.acr,
        now,
      });
      await recordAuditEvent(trx, {
        event: 'mconnect.linked',
        accountId: id,
        ip: input.ip,
        details: { acr: pending.acr, at: 'account_created' },
      });
      return { kind: 'done', accountId: id, acr: pending.acr, idToken: pending.id_token, returnTo: pending.return_to };
    });
  } catch (error) {
    // The identity was linked meanwhile (another tab), or the identifier was just taken.
    if (isUniqueViolation(error)) return { kind: 'refused', reason: 'identity_taken' };
    throw error;
  }
}

/** "Annuler": the pending first login ends; nothing was created or linked. */
export async function cancelPending(db: Kysely<Database>, handle: string | undefined): Promise<void> {
  if (!isHandle(handle)) return;
  await repository.consumePending(db, hash(handle), new Date());
}

/**
 * The housekeeping job's hook (registered in src/jobs/workers.ts, docs/retention.md): deletes the
 * first logins waiting for a choice (ID token, names, birth date, e-mail) and the logins under way
 * (state, nonce, PKCE verifier, return path) whose lifetime ended at `now`.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeCounts> {
  return {
    mconnectPending: await repository.deleteExpiredPending(db, now),
    oidcTransactions: await repository.deleteExpiredTransactions(db, now),
  };
}
