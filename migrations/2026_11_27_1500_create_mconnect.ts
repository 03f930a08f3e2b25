/**
 * MConnect, the national digital identity: the identities linked to accounts (keyed by issuer and
 * subject, never by e-mail or name), the short-lived authorization transactions (state, nonce,
 * PKCE verifier) and pending first-login links, both held server-side and bound to a browser
 * cookie; and, on sessions, how the user authenticated (for logout at MConnect and for the
 * procedures that need a level of assurance).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('federated_identity')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull().unique().references('account.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('last_acr', 'text')
    .addColumn('linked_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .addUniqueConstraint('federated_identity_issuer_subject', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('oidc_transaction')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('account_id', 'uuid', (col) => col.references('account.id').onDelete('cascade'))
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('acr', 'text', (col) => col.notNull())
    .addColumn('max_age', 'integer')
    .addColumn('return_to', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addCheckConstraint('oidc_transaction_purpose', sql`purpose in ('login', 'link')`)
    .addCheckConstraint('oidc_transaction_link_account', sql`(purpose = 'link') = (account_id is not null)`)
    .execute();

  await db.schema
    .createTable('mconnect_pending')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('acr', 'text', (col) => col.notNull())
    .addColumn('id_token', 'text', (col) => col.notNull())
    .addColumn('claims', 'jsonb', (col) => col.notNull())
    .addColumn('return_to', 'text')
    .addColumn('account_id', 'uuid', (col) => col.references('account.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .execute();

  await db.schema
    .alterTable('session')
    .addColumn('auth_method', 'text', (col) => col.notNull().defaultTo('password'))
    .addColumn('auth_acr', 'text')
    .addColumn('mconnect_id_token', 'text')
    .execute();
  await db.schema
    .alterTable('session')
    .addCheckConstraint('session_auth_method', sql`auth_method in ('password', 'mconnect')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('session').dropConstraint('session_auth_method').execute();
  await db.schema.alterTable('session').dropColumn('mconnect_id_token').dropColumn('auth_acr').dropColumn('auth_method').execute();
  for (const table of ['mconnect_pending', 'oidc_transaction', 'federated_identity']) {
    await db.schema.dropTable(table).execute();
  }
}
