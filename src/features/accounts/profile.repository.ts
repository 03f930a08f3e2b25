/** Queries of "Mon profil": the account's own details and language. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function findProfile(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select([
      'id',
      'kind',
      'identifier',
      'email',
      'email_verified_at',
      'civility',
      'first_name',
      'last_name',
      'birth_date',
      'phone',
      'company_name',
      'company_rci',
      'company_nis',
      'language',
      'terms_accepted_at',
      'created_at',
      'password_changed_at',
      sql<boolean>`password_hash is not null`.as('has_password'),
    ])
    .where('id', '=', accountId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
}

export async function updateLanguage(db: Kysely<Database>, accountId: string, language: 'fr' | 'en'): Promise<void> {
  await db.updateTable('account').set({ language, updated_at: new Date() }).where('id', '=', accountId).execute();
}
