/** The queries of account recovery that must run the same whether or not an account matched. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

/** An id no account has: the queries run for it, and change nothing, when no account matched. */
export const NO_ACCOUNT_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Stores a reset token for `accountId` if that account exists, in one statement that inserts
 * nothing for NO_ACCOUNT_ID (so both answers run the same statement).
 */
export async function insertResetTokenIfAccount(
  trx: Kysely<Database>,
  row: { accountId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('account_token')
    .columns(['account_id', 'purpose', 'token_hash', 'email', 'created_at', 'expires_at'])
    .expression((eb) =>
      eb
        .selectFrom('account')
        .select((sb) => [
          'account.id',
          sb.val('password_reset').as('purpose'),
          sb.val(row.tokenHash).as('token_hash'),
          sb.val(null).as('email'),
          sb.val(row.createdAt).as('created_at'),
          sb.val(row.expiresAt).as('expires_at'),
        ])
        .where('account.id', '=', row.accountId),
    )
    .execute();
}
