/** Every query on accounts. */
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { attemptUpsert, type CountingRule } from './throttle.repository.ts';

/**
 * A login's first statement: counts the attempt on the identifier (`attempt`, throttle.repository's
 * attemptUpsert, which PostgreSQL runs to completion whatever the rest reads) and reads the account in the same
 * round trip. No row when the identifier is blocked (nothing counted); otherwise one row with the
 * count reached and the account's columns (all null when no account has that key).
 */
export async function findByIdentifierKeyCountingAttempt(
  db: Kysely<Database>,
  identifierKey: string,
  attempt: { readonly key: string; readonly rule: CountingRule; readonly now: Date },
) {
  return db
    .with('counted', (qb) => attemptUpsert(qb, attempt.key, attempt.rule, attempt.now))
    .selectFrom('counted')
    .leftJoin('account', (join) => join.on('account.identifier_key', '=', identifierKey))
    .select([
      'counted.failures',
      'account.id',
      'account.identifier',
      'account.email',
      'account.password_hash',
      'account.closed_at',
      'account.language',
      'account.first_name',
    ])
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<Database>, accountId: string, passwordHash: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}

/** Whether an identifier key is already used by an account (open or closed). */
export async function isIdentifierKeyTaken(db: Kysely<Database>, identifierKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('identifier_key', '=', identifierKey)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new account: its personal details (civility unknown for one created from MConnect), and the rest. */
export interface NewAccount extends Omit<DetailsChange, 'civility'> {
  readonly kind: 'particulier' | 'professionnel';
  readonly identifier: string;
  readonly email: string;
  readonly civility: DetailsChange['civility'] | null;
  readonly passwordHash: string | null;
  readonly language: 'fr' | 'en';
  readonly termsAcceptedAt: Date;
}

/** Inserts a new account; a taken identifier fails with PostgreSQL's unique violation (23505). */
export async function insertAccount(db: Kysely<Database>, account: NewAccount): Promise<{ id: string }> {
  return db
    .insertInto('account')
    .values({
      kind: account.kind,
      identifier: account.identifier,
      identifier_key: account.identifier.toLowerCase(),
      email: account.email,
      email_key: account.email.toLowerCase(),
      civility: account.civility,
      first_name: account.firstName,
      last_name: account.lastName,
      birth_date: account.birthDate,
      phone: account.phone,
      company_name: account.companyName,
      company_rci: account.companyRci,
      company_nis: account.companyNis,
      password_hash: account.passwordHash,
      password_changed_at: account.passwordHash ? account.termsAcceptedAt : null,
      language: account.language,
      terms_accepted_at: account.termsAcceptedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** What the e-mail verification pages and e-mail need about an account. */
export async function findForEmailVerification(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'email_verified_at', 'first_name', 'language', 'closed_at'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** How to reach an account's owner (the accounts service's AccountContact). */
export async function findContact(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select([
      'id',
      'identifier',
      'email',
      'email_verified_at',
      'first_name',
      'last_name',
      'language',
      'closed_at',
      sql<boolean>`password_hash is not null`.as('has_password'),
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/**
 * Where mail for an open account goes, as a subquery another room's statement selects (one column,
 * JSON): `{ email, language }`, or null when the account is closed or does not exist.
 */
export function openAccountRecipient(accountId: string | Expression<string>) {
  return sql<{
    email: string;
    language: 'fr' | 'en';
  } | null>`(select json_build_object('email', email, 'language', language) from account where id = ${accountId} and closed_at is null)`;
}

/** Copies the identity fields an identity provider vouches for onto an open account (empty ones skipped). */
export async function updateIdentityFields(
  db: Kysely<Database>,
  accountId: string,
  fields: { firstName: string | null; lastName: string | null; birthDate: string | null },
  now: Date,
): Promise<void> {
  const set: { first_name?: string; last_name?: string; birth_date?: string; updated_at: Date } = { updated_at: now };
  if (fields.firstName) set.first_name = fields.firstName;
  if (fields.lastName) set.last_name = fields.lastName;
  if (fields.birthDate) set.birth_date = fields.birthDate;
  await db.updateTable('account').set(set).where('id', '=', accountId).where('closed_at', 'is', null).execute();
}

/** Marks the account's e-mail verified (once: a verified date is never moved). True when it changed. */
export async function markEmailVerified(
  db: Kysely<Database>,
  accountId: string,
  email: string | null,
  now: Date,
): Promise<boolean> {
  let query = db
    .updateTable('account')
    .set({ email_verified_at: now, updated_at: now })
    .where('id', '=', accountId)
    .where('email_verified_at', 'is', null);
  if (email !== null) query = query.where('email', '=', email);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The language of an open account that uses `emailKey` (lower case), a verified one first. */
export async function openAccountLanguageByEmailKey(db: Kysely<Database>, emailKey: string) {
  return db
    .selectFrom('account')
    .select('language')
    .where('email_key', '=', emailKey)
    .where('closed_at', 'is', null)
    .orderBy(sql`email_verified_at is null`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** The open accounts whose verified e-mail is `emailKey` (lower case), by identifier: "Identifiant oublié". */
export async function findOpenVerifiedByEmailKey(db: Kysely<Database>, emailKey: string) {
  return db
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'language', 'updated_at'])
    .where('email_key', '=', emailKey)
    .where('closed_at', 'is', null)
    .where('email_verified_at', 'is not', null)
    .orderBy('identifier_key')
    .execute();
}

/** What a password reset needs to know about an account (the password rules use the names and e-mail). */
export async function findForPasswordReset(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'email_verified_at', 'language', 'first_name', 'last_name', 'closed_at'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** Sets a new password hash and the time of the change (password change or reset). */
export async function setPassword(
  db: Kysely<Database>,
  accountId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

/** The same as findForPasswordReset, by identifier key ("Mot de passe oublié"). */
export async function findForPasswordResetByIdentifierKey(db: Kysely<Database>, identifierKey: string) {
  return db
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'email_verified_at', 'language', 'first_name', 'last_name', 'closed_at'])
    .where('identifier_key', '=', identifierKey)
    .executeTakeFirst();
}

/** What the changes made from "Mon profil" need: the password hash to ask it again, and the details the password rules use. */
export async function findForProfileChange(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'kind', 'identifier', 'email', 'password_hash', 'language', 'first_name', 'last_name', 'closed_at'])
    .where('id', '=', accountId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
}

/** Locks an open account's row until the end of the transaction (before it changes). */
export async function lockOpenAccount(trx: Transaction<Database>, accountId: string) {
  return trx
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'language', 'closed_at'])
    .where('id', '=', accountId)
    .where('closed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks an open account's row and reads its personal details (before they change). */
export async function lockDetailsOfOpenAccount(trx: Transaction<Database>, accountId: string) {
  return trx
    .selectFrom('account')
    .select([
      'civility',
      'first_name',
      'last_name',
      'birth_date',
      'phone',
      'company_name',
      'company_rci',
      'company_nis',
    ])
    .where('id', '=', accountId)
    .where('closed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** The personal details "Mon profil" lets the owner change. */
export interface DetailsChange {
  readonly civility: 'madame' | 'monsieur';
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly phone: string | null;
  readonly companyName: string | null;
  readonly companyRci: string | null;
  readonly companyNis: string | null;
}

export async function updateDetails(
  db: Kysely<Database>,
  accountId: string,
  details: DetailsChange,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({
      civility: details.civility,
      first_name: details.firstName,
      last_name: details.lastName,
      birth_date: details.birthDate,
      phone: details.phone,
      company_name: details.companyName,
      company_rci: details.companyRci,
      company_nis: details.companyNis,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .where('closed_at', 'is', null)
    .execute();
}

/** Replaces the account's e-mail by one just proven (the link sent to it was used). */
export async function replaceEmail(db: Kysely<Database>, accountId: string, email: string, now: Date): Promise<void> {
  await db
    .updateTable('account')
    .set({ email, email_key: email.toLowerCase(), email_verified_at: now, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Closes an account and erases what identifies its owner: names, civility, date of birth, phone,
 * e-mail, company details, password; the identifier becomes `ferme-` and 32 hexadecimal digits
 * (so it can be chosen again by someone else). The row stays, so the dossiers and the audit log
 * that must be kept still point at it.
 */
export async function anonymiseAndClose(db: Kysely<Database>, accountId: string, now: Date): Promise<void> {
  const identifier = `ferme-${accountId.replaceAll('-', '')}`;
  await db
    .updateTable('account')
    .set({
      identifier,
      identifier_key: identifier.toLowerCase(),
      email: '',
      email_key: '',
      email_verified_at: null,
      civility: null,
      first_name: '',
      last_name: '',
      birth_date: null,
      phone: null,
      company_name: null,
      company_rci: null,
      company_nis: null,
      password_hash: null,
      closed_at: now,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute();
}
