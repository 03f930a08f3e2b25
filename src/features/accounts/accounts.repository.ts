/** Every query on accounts. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function findByIdentifierKey(db: Kysely<Database>, identifierKey: string) {
  return db
    .selectFrom('account')
    .select(['id', 'identifier', 'email', 'password_hash', 'closed_at', 'language', 'first_name'])
    .where('identifier_key', '=', identifierKey)
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<Database>, accountId: string, passwordHash: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}
