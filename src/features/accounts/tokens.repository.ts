/** Every query on single-use e-mail tokens (`account_token`): only their hash is stored. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TokenPurpose } from './tokens.types.ts';

export async function insertToken(
  db: Kysely<Database>,
  row: {
    accountId: string;
    purpose: TokenPurpose;
    tokenHash: string;
    email: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('account_token')
    .values({
      account_id: row.accountId,
      purpose: row.purpose,
      token_hash: row.tokenHash,
      email: row.email,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Marks every unused token of this purpose as used. */
export async function markUnusedTokensUsed(
  db: Kysely<Database>,
  accountId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account_token')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

function selectByHash(db: Kysely<Database>, purpose: TokenPurpose, tokenHash: string) {
  return db
    .selectFrom('account_token')
    .innerJoin('account', 'account.id', 'account_token.account_id')
    .select([
      'account_token.id',
      'account_token.account_id',
      'account_token.email',
      'account_token.expires_at',
      'account_token.used_at',
      'account.closed_at',
    ])
    .where('account_token.token_hash', '=', tokenHash)
    .where('account_token.purpose', '=', purpose);
}

/** A token by the hash of its value, with whether its account is closed. */
export async function findTokenByHash(db: Kysely<Database>, purpose: TokenPurpose, tokenHash: string) {
  return selectByHash(db, purpose, tokenHash).executeTakeFirst();
}

/** The same, its row locked until the end of the transaction (to use it once). */
export async function lockTokenByHash(trx: Transaction<Database>, purpose: TokenPurpose, tokenHash: string) {
  return selectByHash(trx, purpose, tokenHash).forUpdate().executeTakeFirst();
}

export async function markTokenUsed(trx: Transaction<Database>, tokenId: string, now: Date): Promise<void> {
  await trx.updateTable('account_token').set({ used_at: now }).where('id', '=', tokenId).execute();
}

/** The address an e-mail change waits to confirm, if a link for it is still valid. */
export async function findPendingEmailChange(db: Kysely<Database>, accountId: string, now: Date) {
  return db
    .selectFrom('account_token')
    .select(['email', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('purpose', '=', 'email_change')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Deletes every token of the account (it is closing). */
export async function deleteTokensOfAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.deleteFrom('account_token').where('account_id', '=', accountId).execute();
}

/** Housekeeping: e-mail links past their expiry, used or not; how many were deleted. */
export async function deleteExpiredTokens(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('account_token').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
