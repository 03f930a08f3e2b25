/**
 * The demo data: written in full, once, only into an empty embedded database, never in production
 * and never into PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, testDatabaseKind } from '../../test/helpers/database.ts';
import { databaseUrlFor } from '../../test/helpers/postgres.ts';
import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { isCatalogueEmpty, seedDemoData } from './demo.ts';
import { demoCreditors, demoEstablishments } from './establishments.ts';
import { demoProcedures } from './procedures.ts';
import { PRODUCTION_PAYMENT_ENV } from '../../test/fixtures/production-payments.ts';

const database = await createTestDatabase();
after(() => database.close());

const temporaryDirs: string[] = [];
after(async () => {
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

async function temporaryDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mg-seed-'));
  temporaryDirs.push(dir);
  return dir;
}

async function emptyCatalogue(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('establishment').execute();
  await db.deleteFrom('creditor').execute();
  await db.deleteFrom('procedure').execute();
}

async function counts(
  db: Kysely<Database>,
): Promise<{ creditors: number; establishments: number; procedures: number }> {
  const count = async (table: 'creditor' | 'establishment' | 'procedure') => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    return rows[0]?.n ?? -1;
  };
  return {
    creditors: await count('creditor'),
    establishments: await count('establishment'),
    procedures: await count('procedure'),
  };
}

const fullCounts = {
  creditors: demoCreditors.length,
  establishments: demoEstablishments.length,
  procedures: demoProcedures.length,
};

test('seedDemoData writes every demo creditor, establishment and procedure, each school with its creditor', async () => {
  const { db } = database;
  await emptyCatalogue(db);
  await seedDemoData(db);

  assert.deepEqual(await counts(db), fullCounts);
  const creditors = await db.selectFrom('creditor').select(['slug', 'invoice_prefix']).orderBy('slug').execute();
  assert.deepEqual(
    creditors,
    demoCreditors
      .map((c) => ({ slug: c.slug, invoice_prefix: c.invoicePrefix }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
  );
  const schools = await db
    .selectFrom('establishment')
    .innerJoin('creditor', 'creditor.id', 'establishment.creditor_id')
    .select(['establishment.slug as slug', 'creditor.slug as creditorSlug'])
    .execute();
  assert.deepEqual(
    new Map(schools.map((s) => [s.slug, s.creditorSlug])),
    new Map(demoEstablishments.map((e) => [e.slug, e.creditorSlug])),
  );
  const procedures = await db.selectFrom('procedure').select(['slug', 'content']).execute();
  assert.deepEqual(procedures.map((p) => p.slug).sort(), demoProcedures.map((p) => p.slug).sort());
  const enrol = procedures.find((p) => p.slug === demoProcedures[0]?.slug);
  assert.deepEqual(enrol?.content, demoProcedures[0]?.content);
  assert.equal(await isCatalogueEmpty(db), false);
});

test('prepareDatabase seeds a new embedded database once, and a second start on the same folder seeds nothing more', async () => {
  const dataDir = path.join(await temporaryDir(), 'data');
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
  assert.equal(config.seedDemoData, true);

  const first = await prepareDatabase(config);
  try {
    assert.equal(first.database.kind, 'pglite');
    assert.ok(first.migrated.length > 0);
    assert.equal(first.seeded, true);
    assert.deepEqual(await counts(first.database.db), fullCounts);
  } finally {
    await first.database.close();
  }

  const second = await prepareDatabase(config);
  try {
    assert.deepEqual(second.migrated, []);
    assert.equal(second.seeded, false);
    assert.deepEqual(await counts(second.database.db), fullCounts);
  } finally {
    await second.database.close();
  }
});

test('in production the configuration never seeds demo data, even when SEED_DEMO_DATA asks for it', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://relay.example:587',
    ...PRODUCTION_PAYMENT_ENV,
    DATABASE_URL: 'postgres://monguichet@db.example.mc:5432/monguichet',
    SESSION_SECRET: 'a'.repeat(48),
    PUBLIC_URL: 'https://monguichet.mc',
    SEED_DEMO_DATA: 'true',
  });
  assert.equal(config.seedDemoData, false);
  assert.equal(loadConfig({ NODE_ENV: 'development', SEED_DEMO_DATA: 'false' }).seedDemoData, false);
});

test(
  'prepareDatabase never seeds a PostgreSQL database, even an empty one in development',
  { skip: testDatabaseKind() === 'postgres' ? false : 'needs DATABASE_URL' },
  async () => {
    const { db } = database;
    await emptyCatalogue(db);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
    const baseUrl = process.env.DATABASE_URL;
    assert.ok(baseUrl && rows[0]);
    const config = loadConfig({
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrlFor(baseUrl, rows[0].name),
      SEED_DEMO_DATA: 'true',
    });
    assert.equal(config.seedDemoData, true);

    const prepared = await prepareDatabase(config);
    try {
      assert.equal(prepared.database.kind, 'postgres');
      assert.equal(prepared.seeded, false);
      assert.deepEqual(await counts(prepared.database.db), { creditors: 0, establishments: 0, procedures: 0 });
    } finally {
      await prepared.database.close();
    }
  },
);
