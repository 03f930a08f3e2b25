/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's template dump, or
 * (MG_TEST_DB=postgres) a new PostgreSQL database copied from the run's template database.
 * Falls back to migrating a new PGlite when a file is run on its own, without the global setup.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_PARSERS, connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { createDatabaseFromTemplate, databaseUrlFor, dropDatabase } from './postgres.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.MG_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'postgres') {
    const baseUrl = process.env.DATABASE_URL;
    const template = process.env.MG_TEST_PG_TEMPLATE;
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
  const templateFile = process.env.MG_TEST_PGLITE_TEMPLATE;
  const pglite = templateFile
    ? await PGlite.create({ loadDataDir: new Blob([await readFile(templateFile)]), parsers: PGLITE_PARSERS })
    : await PGlite.create({ parsers: PGLITE_PARSERS });
  const handle = await connectDatabase({ kind: 'pglite-instance', pglite });
  if (!templateFile) await migrateToLatest(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      await pglite.close();
    },
  };
}
