/**
 * The catalogue: creditors (caterers, régies), establishments (schools) and procedures.
 * A statement-level trigger bumps `catalogue_revision` on every change, so every process knows
 * when to refresh its snapshot of the catalogue and the pages rendered from it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('creditor')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('invoice_prefix', 'text', (col) => col.notNull().unique())
    .addColumn('vat_rate_basis_points', 'integer', (col) => col.notNull())
    .addColumn('online_min_cents', 'integer', (col) => col.notNull())
    .addColumn('online_max_cents', 'integer', (col) => col.notNull())
    .addColumn('psp_merchant_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('creditor_slug_format', sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .addCheckConstraint('creditor_vat_rate_range', sql`vat_rate_basis_points between 0 and 10000`)
    .addCheckConstraint('creditor_online_range', sql`online_min_cents >= 0 and online_max_cents >= online_min_cents`)
    .execute();

  await db.schema
    .createTable('establishment')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('has_canteen', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('creditor_id', 'integer', (col) => col.notNull().references('creditor.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('establishment_slug_format', sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .addCheckConstraint('establishment_kind', sql`kind in ('ecole', 'college', 'lycee')`)
    .execute();
  await db.schema.createIndex('establishment_creditor_idx').on('establishment').column('creditor_id').execute();

  await db.schema
    .createTable('procedure')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('theme', 'text', (col) => col.notNull())
    .addColumn('audiences', sql`text[]`, (col) => col.notNull())
    .addColumn('popularity', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('external_url', 'text', (col) => col.notNull())
    .addColumn('content', 'jsonb', (col) => col.notNull())
    .addColumn('published', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('procedure_slug_format', sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and slug not like 'payer-la-cantine%'`)
    .addCheckConstraint(
      'procedure_theme',
      sql`theme in ('education', 'etat-civil', 'residence', 'transport', 'emploi', 'fiscalite', 'sante-social', 'logement', 'entreprise', 'culture-sport')`,
    )
    .addCheckConstraint(
      'procedure_audiences',
      sql`cardinality(audiences) > 0 and audiences <@ array['particulier', 'professionnel']::text[]`,
    )
    .addCheckConstraint('procedure_popularity_range', sql`popularity between 0 and 1000`)
    .addCheckConstraint('procedure_external_url_https', sql`external_url like 'https://%'`)
    .addCheckConstraint(
      'procedure_content_languages',
      // coalesce: a missing language makes the comparison NULL, which a check would let through.
      sql`coalesce(jsonb_typeof(content -> 'fr') = 'object' and jsonb_typeof(content -> 'en') = 'object', false)`,
    )
    .execute();

  await db.schema
    .createTable('catalogue_revision')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'bigint', (col) => col.notNull())
    .execute();
  await sql`insert into catalogue_revision (id, revision) values (1, 1)`.execute(db);
  await sql`
    create function bump_catalogue_revision() returns trigger language plpgsql as $$
    begin
      update catalogue_revision set revision = revision + 1 where id = 1;
      return null;
    end
    $$`.execute(db);
  for (const table of ['creditor', 'establishment', 'procedure']) {
    await sql`
      create trigger ${sql.raw(`${table}_bump_catalogue_revision`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_catalogue_revision()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure').execute();
  await db.schema.dropTable('establishment').execute();
  await db.schema.dropTable('creditor').execute();
  await db.schema.dropTable('catalogue_revision').execute();
  await sql`drop function bump_catalogue_revision()`.execute(db);
}
