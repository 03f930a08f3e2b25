/**
 * A fresh, migrated database for one test file: a PGlite loaded from one of the run's template
 * dumps, or (MG_TEST_DB=postgres) a new PostgreSQL database copied from one of the run's template
 * databases; with `seed`, the template that already holds the demo data (test/global-setup.impl.ts).
 * Falls back to migrating (and seeding) a new PGlite when a file is run on its own, without the
 * global setup.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGLITE_PARSERS, connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { seedDemoData } from '../../src/seed/demo.ts';
import { createDatabaseFromTemplate, databaseUrlFor, dropDatabase } from './postgres.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.MG_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabaseOptions {
  /** Start with the demo data (creditors, schools, catalogue of procedures). Default false: empty. */
  readonly seed?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const seed = options.seed ?? false;
  if (testDatabaseKind() === 'postgres') {
    const baseUrl = process.env.DATABASE_URL;
    const template = seed ? process.env.MG_TEST_PG_SEEDED : process.env.MG_TEST_PG_TEMPLATE;
    if (!baseUrl || !template) throw new Error('PostgreSQL tests need DATABASE_URL and the global setup (npm test)');
    const name = `mg_test_${process.env.MG_TEST_RUN_ID ?? 'x'}_${randomBytes(4).toString('hex')}`;
    await createDatabaseFromTemplate(baseUrl, name, template);
    const handle = await connectDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, name), poolMax: 5 });
    return {
      ...handle,
      async close() {
        await handle.close();
        await dropDatabase(baseUrl, name);
      },
    };
  }
  const templateFile = seed ? process.env.MG_TEST_PGLITE_SEEDED : process.env.MG_TEST_PGLITE_TEMPLATE;
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = templateFile
    ? await PGlite.create({ loadDataDir: new Blob([await readFile(templateFile)]), parsers: PGLITE_PARSERS })
    : await PGlite.create({ parsers: PGLITE_PARSERS });
  const handle = await connectDatabase({ kind: 'pglite-instance', pglite });
  if (!templateFile) {
    await migrateToLatest(handle.db);
    if (seed) await seedDemoData(handle.db);
  }
  return {
    ...handle,
    async close() {
      await handle.close();
      await pglite.close();
    },
  };
}

/**
 * Writes an embedded database's data directory at `dataDir` holding the migrations and the demo
 * catalogue (the run's seeded template), as a portal that had already started once would leave it.
 */
export async function writeSeededDataDir(dataDir: string): Promise<void> {
  const templateFile = process.env.MG_TEST_PGLITE_SEEDED;
  if (!templateFile) throw new Error('the seeded template comes from the global setup (npm test)');
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(templateFile)]) });
  await pglite.close();
}
