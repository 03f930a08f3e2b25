/** Valid accounts for tests, written straight into the database; each test builds its own. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { databaseSessionStore } from '../../src/features/accounts/accounts.service.ts';
import { hashSessionId } from '../../src/plugins/session.ts';

export interface AccountOverrides {
  readonly identifier?: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly kind?: 'particulier' | 'professionnel';
  readonly emailVerified?: boolean;
  readonly passwordHash?: string | null;
  readonly language?: 'fr' | 'en';
  readonly closed?: boolean;
}

export async function buildAccount(db: Kysely<Database>, overrides: AccountOverrides = {}) {
  const suffix = randomBytes(4).toString('hex');
  const identifier = overrides.identifier ?? `parent.${suffix}`;
  const email = overrides.email ?? `parent.${suffix}@example.mc`;
  const kind = overrides.kind ?? 'particulier';
  return db
    .insertInto('account')
    .values({
      kind,
      identifier,
      identifier_key: identifier.toLowerCase(),
      email,
      email_key: email.toLowerCase(),
      email_verified_at: overrides.emailVerified === false ? null : new Date(),
      civility: 'madame',
      first_name: overrides.firstName ?? 'Marie',
      last_name: overrides.lastName ?? 'Rossi',
      birth_date: kind === 'particulier' ? '1985-04-12' : null,
      company_name: kind === 'professionnel' ? 'Boulangerie du Rocher SARL' : null,
      password_hash: overrides.passwordHash ?? null,
      language: overrides.language ?? 'fr',
      terms_accepted_at: new Date(),
      closed_at: overrides.closed ? new Date() : null,
    })
    .returning(['id', 'identifier', 'email', 'first_name', 'last_name'])
    .executeTakeFirstOrThrow();
}

/**
 * A signed-in session of `accountId`, stored as a password login would store it; returns the value
 * of the session cookie (`mg_session`) for a browser or a request. For pages behind login whose
 * login is not what the test is about.
 */
export async function buildSession(
  db: Kysely<Database>,
  accountId: string,
  { userAgent = null }: { readonly userAgent?: string | null } = {},
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const stored = await databaseSessionStore(db).insert({
    idHash: hashSessionId(id),
    accountId,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(Date.now() + 12 * 3_600_000),
    userAgent,
    ip: '127.0.0.1',
    authMethod: 'password',
    authAcr: null,
    mconnectIdToken: null,
  });
  if (!stored) throw new Error(`no account ${accountId} to open a session for`);
  return id;
}
