/** Every query of the MConnect feature: transactions, pending first logins, linked identities. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function insertTransaction(
  db: Kysely<Database>,
  row: {
    idHash: string;
    purpose: 'login' | 'link';
    accountId: string | null;
    state: string;
    nonce: string;
    codeVerifier: string;
    acr: string;
    maxAge: number | null;
    returnTo: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('oidc_transaction')
    .values({
      id_hash: row.idHash,
      purpose: row.purpose,
      account_id: row.accountId,
      state: row.state,
      nonce: row.nonce,
      code_verifier: row.codeVerifier,
      acr: row.acr,
      max_age: row.maxAge,
      return_to: row.returnTo,
      expires_at: row.expiresAt,
    })
    .execute();
}

/**
 * Marks the transaction used and returns it, if it exists, was not used and has not expired; a
 * second callback with the same cookie finds nothing.
 */
export async function consumeTransaction(db: Kysely<Database>, idHash: string, now: Date) {
  return db
    .updateTable('oidc_transaction')
    .set({ consumed_at: now })
    .where('id_hash', '=', idHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['purpose', 'account_id', 'state', 'nonce', 'code_verifier', 'acr', 'max_age', 'return_to'])
    .executeTakeFirst();
}

export async function findLinkedAccount(db: Kysely<Database>, issuer: string, subject: string) {
  return db
    .selectFrom('federated_identity')
    .innerJoin('account', 'account.id', 'federated_identity.account_id')
    .select([
      'account.id',
      'account.identifier',
      'account.closed_at',
      'account.kind',
      'account.language',
      'account.email',
    ])
    .where('federated_identity.issuer', '=', issuer)
    .where('federated_identity.subject', '=', subject)
    .executeTakeFirst();
}

export async function findIdentityOfAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('federated_identity')
    .select(['issuer', 'subject', 'linked_at', 'last_login_at', 'last_acr'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Links; the unique constraints refuse a second identity for the account or a second account for the identity (23505). */
export async function insertIdentity(
  db: Kysely<Database>,
  row: { accountId: string; issuer: string; subject: string; acr: string; now: Date },
): Promise<void> {
  await db
    .insertInto('federated_identity')
    .values({
      account_id: row.accountId,
      issuer: row.issuer,
      subject: row.subject,
      last_acr: row.acr,
      linked_at: row.now,
      last_login_at: row.now,
    })
    .execute();
}

export async function touchIdentity(
  db: Kysely<Database>,
  row: { issuer: string; subject: string; acr: string; now: Date },
): Promise<void> {
  await db
    .updateTable('federated_identity')
    .set({ last_acr: row.acr, last_login_at: row.now })
    .where('issuer', '=', row.issuer)
    .where('subject', '=', row.subject)
    .execute();
}

export async function insertPending(
  db: Kysely<Database>,
  row: {
    idHash: string;
    issuer: string;
    subject: string;
    acr: string;
    idToken: string;
    claims: Record<string, unknown>;
    returnTo: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('mconnect_pending')
    .values({
      id_hash: row.idHash,
      issuer: row.issuer,
      subject: row.subject,
      acr: row.acr,
      id_token: row.idToken,
      claims: JSON.stringify(row.claims),
      return_to: row.returnTo,
      expires_at: row.expiresAt,
    })
    .execute();
}

function selectPending(db: Kysely<Database>, idHash: string, now: Date) {
  return db
    .selectFrom('mconnect_pending')
    .select(['id_hash', 'issuer', 'subject', 'acr', 'id_token', 'claims', 'return_to', 'account_id', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now);
}

/** A pending first login still usable (not consumed, not expired). */
export async function findPending(db: Kysely<Database>, idHash: string, now: Date) {
  return selectPending(db, idHash, now).executeTakeFirst();
}

/** The same, its row locked until the end of the transaction that consumes it. */
export async function lockPending(trx: Transaction<Database>, idHash: string, now: Date) {
  return selectPending(trx, idHash, now).forUpdate().executeTakeFirst();
}

export async function setPendingAccount(db: Kysely<Database>, idHash: string, accountId: string): Promise<void> {
  await db.updateTable('mconnect_pending').set({ account_id: accountId }).where('id_hash', '=', idHash).execute();
}

export async function consumePending(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('mconnect_pending').set({ consumed_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteIdentityOfAccount(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.deleteFrom('federated_identity').where('account_id', '=', accountId).execute();
}

/** First logins waiting on a proven account are deleted with it (the account is closing). */
export async function deletePendingOfAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.deleteFrom('mconnect_pending').where('account_id', '=', accountId).execute();
}

/** Housekeeping: first logins waiting for the citizen's choice, once expired; how many were deleted. */
export async function deleteExpiredPending(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('mconnect_pending').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: logins under way, once expired; how many were deleted. */
export async function deleteExpiredTransactions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('oidc_transaction').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
