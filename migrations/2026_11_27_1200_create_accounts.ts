/**
 * Accounts and what hangs on them: server-side sessions, single-use e-mail tokens (verification,
 * password reset, e-mail change), login/recovery throttling shared by every process, the audit
 * log of security events, dossiers ("Mes démarches") with their timeline, and the development
 * mailbox that keeps outgoing mail when no SMTP server is configured.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('identifier', 'text', (col) => col.notNull())
    .addColumn('identifier_key', 'text', (col) => col.notNull().unique())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('civility', 'text')
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date')
    .addColumn('phone', 'text')
    .addColumn('company_name', 'text')
    .addColumn('company_rci', 'text')
    .addColumn('company_nis', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('fr'))
    .addColumn('terms_accepted_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('account_kind', sql`kind in ('particulier', 'professionnel')`)
    .addCheckConstraint('account_identifier_format', sql`identifier ~ '^[A-Za-z0-9._-]{3,64}$'`)
    .addCheckConstraint('account_identifier_key', sql`identifier_key = lower(identifier)`)
    .addCheckConstraint('account_email_key', sql`email_key = lower(email)`)
    .addCheckConstraint('account_civility', sql`civility is null or civility in ('madame', 'monsieur')`)
    .addCheckConstraint('account_language', sql`language in ('fr', 'en')`)
    .addCheckConstraint(
      'account_professional_company',
      sql`(kind = 'professionnel') = (company_name is not null) or closed_at is not null`,
    )
    .execute();
  await db.schema.createIndex('account_email_key_idx').on('account').column('email_key').execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('account_token')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('account_token_purpose', sql`purpose in ('email_verification', 'password_reset', 'email_change')`)
    .execute();
  await db.schema.createIndex('account_token_account_idx').on('account_token').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('window_started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('blocked_until', 'timestamptz')
    .addCheckConstraint('throttle_failures_positive', sql`failures >= 0`)
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('account_id', 'uuid', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('audit_event_account_idx').on('audit_event').columns(['account_id', 'occurred_at']).execute();

  await db.schema
    .createTable('dossier')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (col) => col.notNull().unique())
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('account.id').onDelete('restrict'))
    .addColumn('procedure_slug', 'text', (col) => col.notNull())
    .addColumn('title', 'jsonb', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('dossier_status', sql`status in ('brouillon', 'en_cours', 'terminee', 'echouee', 'annulee')`)
    .execute();
  await db.schema.createIndex('dossier_account_idx').on('dossier').columns(['account_id', 'updated_at']).execute();

  await db.schema
    .createTable('dossier_event')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'uuid', (col) => col.notNull().references('dossier.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('dossier_event_dossier_idx').on('dossier_event').columns(['dossier_id', 'occurred_at']).execute();

  await db.schema
    .createTable('dev_mail')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['dev_mail', 'dossier_event', 'dossier', 'audit_event', 'throttle', 'account_token', 'session', 'account']) {
    await db.schema.dropTable(table).execute();
  }
}
