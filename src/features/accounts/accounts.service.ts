/**
 * The accounts feature's only way in for the rest of the code: other features (MConnect,
 * dossiers, later the back office) create, lock, verify and read accounts here, check a password
 * here, and attach their own data to an account through the hooks (account-hooks.ts). Everything
 * it returns is a domain type; the rows stay in the repositories.
 */
import type { Expression, Kysely, RawBuilder, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import type { PurgeCounts, PurgeSettings } from '../../jobs/housekeeping.ts';
import { paths } from '../../paths.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { composeMail, notice } from '../notifications/mail.service.ts';
import * as accounts from './accounts.repository.ts';
import { hashPassword, suggestIdentifiers } from './credentials.ts';
import * as sessions from './sessions.repository.ts';
import * as throttle from './throttle.repository.ts';
import * as tokens from './tokens.repository.ts';
import { issueToken } from './tokens.ts';

export { AccountHookRegistry, type AccountHooks } from './account-hooks.ts';
export { MAX_EMAIL_LENGTH, checkEmail } from './credentials.ts';
export { attemptLogin, lockNotifier, type LockNotifier } from './login.service.ts';
export { reauthenticate, type ReauthFailure } from './profile-changes.service.ts';
export { reauthMessage, refusalStatus } from './reauth-answers.ts';
export { databaseSessionStore } from './sessions.service.ts';

export type AccountKind = 'particulier' | 'professionnel';

/** The personal details of an account: what sign-up asks and "Mon profil" lets one change. */
export type PersonalDetails = accounts.DetailsChange;

/** A new account: its personal details (civility unknown for one created from MConnect), and the rest. */
export type NewAccount = accounts.NewAccount;

/** How to reach an account's owner, and the state of its address. */
export interface AccountContact {
  readonly id: string;
  readonly identifier: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly firstName: string;
  readonly lastName: string;
  readonly language: Lang;
  readonly hasPassword: boolean;
  readonly closed: boolean;
}

/** An open account, its row locked until the end of the transaction. */
export interface LockedAccount {
  readonly id: string;
  readonly identifier: string;
  readonly email: string;
  readonly language: Lang;
}

export interface AccountMailDeps {
  readonly config: Config;
  readonly mail: MailService;
}

/** PostgreSQL's unique violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The contact details of an account (open or closed), if it exists. */
export async function findContact(db: Kysely<Database>, accountId: string): Promise<AccountContact | undefined> {
  const row = await accounts.findContact(db, accountId);
  if (!row) return undefined;
  return {
    id: row.id,
    identifier: row.identifier,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    firstName: row.first_name,
    lastName: row.last_name,
    language: row.language,
    hasPassword: row.has_password,
    closed: row.closed_at !== null,
  };
}

/**
 * Whether an open account already uses this e-mail address, and its language: another room's mail
 * to that address (a bill for a parent who has not linked their account yet) then says "sign in"
 * rather than "create your account". Undefined when none does.
 */
export async function openAccountLanguageForEmail(db: Kysely<Database>, email: string): Promise<Lang | undefined> {
  return (await accounts.openAccountLanguageByEmailKey(db, email.toLowerCase()))?.language;
}

/** Where mail for an open account goes (see mailRecipientColumn). */
export interface MailRecipient {
  readonly email: string;
  readonly language: 'fr' | 'en';
}

/**
 * For a statement of another room that needs to write to an account's holder: a column (a
 * subquery, to select `.as(name)`) holding their `MailRecipient`, or null when the account is
 * closed or does not exist, so the caller saves the round trip of `findContact`.
 */
export function mailRecipientColumn(accountId: string | Expression<string>): RawBuilder<MailRecipient | null> {
  return accounts.openAccountRecipient(accountId);
}

/** Locks an open account's row until the end of the transaction (before it changes); undefined if closed. */
export async function lockOpenAccount(
  trx: Transaction<Database>,
  accountId: string,
): Promise<LockedAccount | undefined> {
  const row = await accounts.lockOpenAccount(trx, accountId);
  return row ? { id: row.id, identifier: row.identifier, email: row.email, language: row.language } : undefined;
}

/** Up to three free identifiers made from the names. */
export async function suggestFreeIdentifiers(
  db: Kysely<Database>,
  firstName: string,
  lastName: string,
): Promise<string[]> {
  return suggestIdentifiers(firstName, lastName, (key) => accounts.isIdentifierKeyTaken(db, key));
}

/** Marks the account's e-mail verified (once, and only while it is still `email` when given). True when it changed. */
export async function markEmailVerified(
  trx: Kysely<Database>,
  accountId: string,
  email: string | null,
  now: Date,
): Promise<boolean> {
  return accounts.markEmailVerified(trx, accountId, email, now);
}

/** Queues the verification e-mail for `account` with a new link (revoking older ones), in the caller's transaction. */
export async function sendVerification(
  trx: Kysely<Database>,
  deps: AccountMailDeps,
  account: {
    readonly id: string;
    readonly email: string;
    readonly identifier: string;
    readonly firstName: string;
    readonly language: Lang;
  },
  now: Date,
): Promise<void> {
  const token = await issueToken(
    trx,
    { accountId: account.id, purpose: 'email_verification', email: account.email },
    now,
  );
  const t = messagesFor(account.language).signUp.mail;
  await deps.mail.enqueue(
    trx,
    composeMail(account.email, account.language, notice, {
      subject: t.subject,
      title: t.title,
      // The address is not verified yet: the e-mail repeats nothing the requester typed freely.
      paragraphs: [t.greeting, t.text(account.identifier)],
      action: { label: t.action, url: `${deps.config.publicUrl}${paths.accounts.verifyEmail(token)}` },
      footnotes: [t.validity, t.notYou],
    }),
  );
}

export type SignUpCreation =
  { readonly kind: 'created'; readonly accountId: string } | { readonly kind: 'identifier_taken' };

/**
 * "Créer mon compte": creates the account, its verification link and e-mail and the audit entry,
 * all or nothing. A taken identifier (even by a concurrent sign-up) is told by the database's
 * unique constraint.
 */
export async function createAccountFromSignUp(
  deps: AccountMailDeps & { readonly db: Kysely<Database> },
  input: {
    readonly account: Omit<NewAccount, 'passwordHash' | 'language' | 'termsAcceptedAt'>;
    readonly password: string;
    readonly language: Lang;
    readonly ip: string;
  },
  now: Date = new Date(),
): Promise<SignUpCreation> {
  const passwordHash = await hashPassword(input.password);
  try {
    const accountId = await deps.db.transaction().execute(async (trx) => {
      const { id } = await accounts.insertAccount(trx, {
        ...input.account,
        passwordHash,
        language: input.language,
        termsAcceptedAt: now,
      });
      await sendVerification(
        trx,
        deps,
        {
          id,
          email: input.account.email,
          identifier: input.account.identifier,
          firstName: input.account.firstName,
          language: input.language,
        },
        now,
      );
      await recordAuditEvent(trx, {
        event: 'account.created',
        accountId: id,
        ip: input.ip,
        details: { kind: input.account.kind },
      });
      return id;
    });
    return { kind: 'created', accountId };
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'identifier_taken' };
    throw error;
  }
}

/**
 * An account created from an identity vouched for elsewhere (MConnect's first login), inside the
 * caller's transaction: a particulier without a password. An e-mail the identity provider
 * verified is marked verified; any other is sent a verification link, as at sign-up. A taken
 * identifier fails with the unique violation (the caller's transaction then ends).
 */
export async function createAccountFromIdentity(
  trx: Transaction<Database>,
  deps: AccountMailDeps,
  input: {
    readonly identifier: string;
    readonly email: string;
    readonly emailVerifiedByProvider: boolean;
    readonly civility: PersonalDetails['civility'] | null;
    readonly firstName: string;
    readonly lastName: string;
    readonly birthDate: string;
    readonly language: Lang;
    readonly ip: string;
    readonly via: string;
  },
  now: Date,
): Promise<{ readonly accountId: string }> {
  const { id } = await accounts.insertAccount(trx, {
    kind: 'particulier',
    identifier: input.identifier,
    email: input.email,
    civility: input.civility,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate,
    phone: null,
    companyName: null,
    companyRci: null,
    companyNis: null,
    passwordHash: null,
    language: input.language,
    termsAcceptedAt: now,
  });
  if (input.emailVerifiedByProvider) await accounts.markEmailVerified(trx, id, input.email, now);
  await recordAuditEvent(trx, {
    event: 'account.created',
    accountId: id,
    ip: input.ip,
    details: { kind: 'particulier', via: input.via },
  });
  if (!input.emailVerifiedByProvider)
    await sendVerification(
      trx,
      deps,
      { id, email: input.email, identifier: input.identifier, firstName: input.firstName, language: input.language },
      now,
    );
  else {
    // The address is the identity provider's, verified there: a welcome with the identifier chosen.
    const t = messagesFor(input.language).mconnect.welcomeMail;
    await deps.mail.enqueue(
      trx,
      composeMail(input.email, input.language, notice, {
        subject: t.subject,
        title: t.title,
        paragraphs: [t.text(input.identifier), t.howTo],
        action: { label: t.action, url: `${deps.config.publicUrl}${paths.dossiers.mine()}` },
        footnotes: [t.notYou],
      }),
    );
  }
  return { accountId: id };
}

/** The identity fields an identity provider vouches for, copied onto an open account (empty ones skipped). */
export async function refreshIdentityFields(
  trx: Kysely<Database>,
  accountId: string,
  fields: { readonly firstName: string | null; readonly lastName: string | null; readonly birthDate: string | null },
  now: Date,
): Promise<void> {
  await accounts.updateIdentityFields(trx, accountId, fields, now);
}

/** Throttle counters are kept a day after their window started (every policy's window is shorter). */
export const THROTTLE_RETENTION_MS = 24 * 60 * 60_000;

/**
 * The housekeeping job's hook (registered in src/jobs/workers.ts, docs/retention.md): deletes the
 * sessions that ended at `now` (absolute expiry, or idle `settings.sessionIdleMinutes`), the
 * expired e-mail links, used or not, and the throttle counters a day after their window started.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date, settings: PurgeSettings): Promise<PurgeCounts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    sessions: await sessions.deleteExpiredSessions(db, now, ago(settings.sessionIdleMinutes * 60_000)),
    accountTokens: await tokens.deleteExpiredTokens(db, now),
    throttles: await throttle.deleteExpiredCounters(db, now, ago(THROTTLE_RETENTION_MS)),
  };
}
