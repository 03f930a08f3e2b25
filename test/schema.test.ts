/**
 * The `Database` type stays true to the migrations: the compiler checks that each list below is
 * exactly the columns of its table's interface, and the test checks the lists against the schema
 * of the migrated database.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { createTestDatabase } from './helpers/database.ts';

/** `true` only when A and B are the same set of names (no distribution over unions). */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const creditorColumns = [
  'id',
  'slug',
  'name',
  'invoice_prefix',
  'vat_rate_basis_points',
  'online_min_cents',
  'online_max_cents',
  'psp_merchant_id',
  'created_at',
] as const;
const _creditorColumnsAreExact: Exact<(typeof creditorColumns)[number], keyof Database['creditor']> = true;

const establishmentColumns = ['id', 'slug', 'name', 'kind', 'address', 'has_canteen', 'creditor_id', 'created_at'] as const;
const _establishmentColumnsAreExact: Exact<(typeof establishmentColumns)[number], keyof Database['establishment']> = true;

const procedureColumns = [
  'id',
  'slug',
  'theme',
  'audiences',
  'popularity',
  'external_url',
  'content',
  'published',
  'created_at',
  'updated_at',
] as const;
const _procedureColumnsAreExact: Exact<(typeof procedureColumns)[number], keyof Database['procedure']> = true;

const catalogueRevisionColumns = ['id', 'revision'] as const;
const _catalogueRevisionColumnsAreExact: Exact<(typeof catalogueRevisionColumns)[number], keyof Database['catalogue_revision']> = true;

const declaredColumns = {
  creditor: creditorColumns,
  establishment: establishmentColumns,
  procedure: procedureColumns,
  catalogue_revision: catalogueRevisionColumns,
} as const;
const _everyTableIsListed: Exact<keyof typeof declaredColumns, keyof Database> = true;

const database = await createTestDatabase();
after(() => database.close());

/** Table name → sorted column names of the migrated schema, without Kysely's own tables. */
async function migratedColumns(): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema()
      and t.table_type = 'BASE TABLE'
      and not starts_with(c.table_name, 'kysely_migration')
    order by c.table_name, c.column_name`.execute(database.db);
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

test('the migrated database has exactly the tables of the Database type', async () => {
  const tables = await migratedColumns();
  assert.deepEqual([...tables.keys()].sort(), Object.keys(declaredColumns).sort());
});

for (const [table, columns] of Object.entries(declaredColumns)) {
  test(`the ${table} table has exactly the columns its interface declares`, async () => {
    const tables = await migratedColumns();
    assert.deepEqual(tables.get(table), [...columns].sort());
  });
}

test('Kysely’s own migration tables are the only tables left out of the comparison', async () => {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(database.db);
  const ignored = rows.map((r) => r.table_name).filter((name) => !(name in declaredColumns));
  assert.deepEqual(ignored, ['kysely_migration', 'kysely_migration_lock']);
});
