/**
 * The migrations: they go down and up again cleanly, re-running them changes nothing, and the
 * schema they build keeps the catalogue consistent (revision trigger, checks, foreign keys).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql, type Insertable } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import type { CreditorTable, EstablishmentTable, ProcedureTable } from '../src/db/database.ts';
import { createMigrator, migrateToLatest } from '../src/db/migrator.ts';
import { createTestDatabase } from './helpers/database.ts';

const database = await createTestDatabase();
const { db } = database;
after(() => database.close());

const catalogueTables = ['catalogue_revision', 'creditor', 'establishment', 'procedure'];

let sequence = 0;
function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

function buildCreditor(overrides: Partial<Insertable<CreditorTable>> = {}): Insertable<CreditorTable> {
  const slug = unique('creancier');
  return {
    slug,
    name: `Créancier ${slug}`,
    invoice_prefix: slug.toUpperCase(),
    vat_rate_basis_points: 1000,
    online_min_cents: 100,
    online_max_cents: 150_000,
    psp_merchant_id: `sandbox-${slug}`,
    ...overrides,
  };
}

function buildEstablishment(
  creditorId: number,
  overrides: Partial<Insertable<EstablishmentTable>> = {},
): Insertable<EstablishmentTable> {
  const slug = unique('ecole');
  return {
    slug,
    name: `École ${slug}`,
    kind: 'ecole',
    address: '1 rue de test, 98000 Monaco',
    creditor_id: creditorId,
    ...overrides,
  };
}

const validContent = {
  fr: { title: 'Faire une démarche', summary: 'Résumé.' },
  en: { title: 'Do a procedure', summary: 'Summary.' },
};

function buildProcedure(overrides: Partial<Insertable<ProcedureTable>> = {}): Insertable<ProcedureTable> {
  return {
    slug: unique('faire-une-demarche'),
    theme: 'education',
    audiences: ['particulier'],
    external_url: 'https://teleservice.gouv.mc/demarche',
    content: JSON.stringify(validContent),
    ...overrides,
  };
}

async function insertCreditor(overrides: Partial<Insertable<CreditorTable>> = {}): Promise<number> {
  const row = await db
    .insertInto('creditor')
    .values(buildCreditor(overrides))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function existingTables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_name in (${sql.join(catalogueTables)})
    order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

async function revision(): Promise<bigint> {
  const row = await db
    .selectFrom('catalogue_revision')
    .select('revision')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return BigInt(row.revision);
}

/** Every row of the table, to compare before and after a statement that must change nothing. */
async function snapshot(table: 'creditor' | 'establishment' | 'procedure'): Promise<unknown[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db);
  return rows;
}

/** The insert fails on the named constraint, and the table and the catalogue revision are unchanged. */
async function assertInsertRejected(
  table: 'creditor' | 'establishment' | 'procedure',
  constraint: string,
  insert: () => Promise<unknown>,
): Promise<void> {
  const rowsBefore = await snapshot(table);
  const revisionBefore = await revision();
  await assert.rejects(insert, (error: Error) => error.message.includes(`"${constraint}"`));
  assert.deepEqual(await snapshot(table), rowsBefore);
  assert.equal(await revision(), revisionBefore);
}

test('every migration goes down to the start and up again cleanly', async () => {
  const migrator = createMigrator(db);
  const all = await migrator.getMigrations();
  assert.ok(all.length > 0);
  assert.ok(
    all.every((m) => m.executedAt !== undefined),
    'the test database starts fully migrated',
  );

  const undone: string[] = [];
  for (let step = 0; step < all.length; step += 1) {
    const { error, results } = await migrator.migrateDown();
    assert.equal(error, undefined);
    assert.equal(results?.length, 1);
    const [result] = results ?? [];
    assert.equal(result?.status, 'Success');
    assert.equal(result?.direction, 'Down');
    undone.push(result?.migrationName ?? '');
  }
  assert.deepEqual(undone, all.map((m) => m.name).reverse());
  const atStart = await migrator.migrateTo(NO_MIGRATIONS);
  assert.equal(atStart.error, undefined);
  assert.deepEqual(atStart.results, []);
  assert.ok((await migrator.getMigrations()).every((m) => m.executedAt === undefined));
  assert.deepEqual(await existingTables(), []);
  const { rows: functions } = await sql`select 1 from pg_proc where proname = 'bump_catalogue_revision'`.execute(db);
  assert.equal(functions.length, 0);

  const applied = await migrateToLatest(db);
  assert.deepEqual(
    applied,
    all.map((m) => m.name),
  );
  assert.deepEqual(await existingTables(), catalogueTables);
  assert.equal(await revision(), 1n);
  const procedureId = await db
    .insertInto('procedure')
    .values(buildProcedure())
    .returning('id')
    .executeTakeFirstOrThrow();
  assert.ok(procedureId.id > 0);
  assert.equal(await revision(), 2n, 'the revision trigger is back too');
});

test('migrating to the latest version twice applies nothing the second time', async () => {
  await migrateToLatest(db);
  assert.deepEqual(await migrateToLatest(db), []);
  assert.deepEqual(await existingTables(), catalogueTables);
});

test('the catalogue revision grows when a procedure is inserted, updated or deleted', async () => {
  const start = await revision();
  const { id } = await db.insertInto('procedure').values(buildProcedure()).returning('id').executeTakeFirstOrThrow();
  const afterInsert = await revision();
  assert.ok(afterInsert > start);

  await db.updateTable('procedure').set({ popularity: 42 }).where('id', '=', id).execute();
  const afterUpdate = await revision();
  assert.ok(afterUpdate > afterInsert);

  await db.deleteFrom('procedure').where('id', '=', id).execute();
  assert.ok((await revision()) > afterUpdate);
});

test('a second procedure with the same slug is refused', async () => {
  const slug = unique('demarche-en-double');
  await db.insertInto('procedure').values(buildProcedure({ slug })).execute();
  await assertInsertRejected('procedure', 'procedure_slug_key', () =>
    db.insertInto('procedure').values(buildProcedure({ slug })).execute(),
  );
});

for (const slug of ['Faire-Une-Demarche', 'faire une demarche']) {
  test(`a procedure slug with uppercase letters or spaces is refused ("${slug}")`, async () => {
    await assertInsertRejected('procedure', 'procedure_slug_format', () =>
      db.insertInto('procedure').values(buildProcedure({ slug })).execute(),
    );
  });
}

test('a procedure slug starting with payer-la-cantine is refused: the app generates those', async () => {
  await assertInsertRejected('procedure', 'procedure_slug_format', () =>
    db
      .insertInto('procedure')
      .values(buildProcedure({ slug: 'payer-la-cantine-en-ligne-ecole-du-parc' }))
      .execute(),
  );
});

test('a procedure with an unknown theme is refused', async () => {
  await assertInsertRejected('procedure', 'procedure_theme', () =>
    db
      .insertInto('procedure')
      .values(buildProcedure({ theme: 'astrologie' }))
      .execute(),
  );
});

test('a procedure with no audience is refused', async () => {
  await assertInsertRejected('procedure', 'procedure_audiences', () =>
    db
      .insertInto('procedure')
      .values(buildProcedure({ audiences: [] }))
      .execute(),
  );
});

test('a procedure for an audience other than particulier and professionnel is refused', async () => {
  await assertInsertRejected('procedure', 'procedure_audiences', () =>
    db
      .insertInto('procedure')
      .values(buildProcedure({ audiences: ['particulier', 'touriste'] }))
      .execute(),
  );
});

test('a procedure whose external address is not https is refused', async () => {
  await assertInsertRejected('procedure', 'procedure_external_url_https', () =>
    db
      .insertInto('procedure')
      .values(buildProcedure({ external_url: 'http://teleservice.gouv.mc/demarche' }))
      .execute(),
  );
});

for (const [missing, content] of [
  ['en', { fr: validContent.fr }],
  ['fr', { en: validContent.en }],
] as const) {
  test(`a procedure whose content has no "${missing}" version is refused`, async () => {
    await assertInsertRejected('procedure', 'procedure_content_languages', () =>
      db
        .insertInto('procedure')
        .values(buildProcedure({ content: JSON.stringify(content) }))
        .execute(),
    );
  });
}

test('a creditor whose online maximum is below its minimum is refused', async () => {
  await assertInsertRejected('creditor', 'creditor_online_range', () =>
    db
      .insertInto('creditor')
      .values(buildCreditor({ online_min_cents: 5000, online_max_cents: 4999 }))
      .execute(),
  );
});

test('an establishment with an unknown creditor is refused', async () => {
  const { max } = await db
    .selectFrom('creditor')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  const unknownCreditorId = (max ?? 0) + 1000;
  await assertInsertRejected('establishment', 'establishment_creditor_id_fkey', () =>
    db.insertInto('establishment').values(buildEstablishment(unknownCreditorId)).execute(),
  );
});

test('the valid rows the refusal tests start from are accepted', async () => {
  const creditorId = await insertCreditor();
  await db.insertInto('establishment').values(buildEstablishment(creditorId)).execute();
  await db
    .insertInto('procedure')
    .values(buildProcedure({ audiences: ['particulier', 'professionnel'] }))
    .execute();
  const establishment = await db
    .selectFrom('establishment')
    .select('has_canteen')
    .where('creditor_id', '=', creditorId)
    .executeTakeFirstOrThrow();
  assert.equal(establishment.has_canteen, true);
});
