/**
 * Runs once before the test files: prepares a migrated template database that every test file
 * copies, so no file pays for PGlite's initdb or for the migrations.
 * - PGlite: a data-directory dump in a temporary file (MG_TEST_PGLITE_TEMPLATE).
 * - PostgreSQL (MG_TEST_DB=postgres): a template database (MG_TEST_PG_TEMPLATE) beside DATABASE_URL's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { adminUrl, databaseUrlFor, dropDatabasesWithPrefix } from './helpers/postgres.ts';

let cleanup: (() => Promise<void>) | undefined;

export async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.MG_TEST_RUN_ID = runId;
  if (process.env.MG_TEST_DB === 'postgres') {
    const baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) throw new Error('MG_TEST_DB=postgres needs DATABASE_URL');
    const template = `mg_test_${runId}_template`;
    const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
    const database = await connectDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, template), poolMax: 2 });
    await migrateToLatest(database.db);
    await database.close();
    process.env.MG_TEST_PG_TEMPLATE = template;
    cleanup = () => dropDatabasesWithPrefix(baseUrl, `mg_test_${runId}_`);
    return;
  }
  const pglite = await PGlite.create();
  const database = await connectDatabase({ kind: 'pglite-instance', pglite });
  await migrateToLatest(database.db);
  await database.close();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const dir = await mkdtemp(path.join(tmpdir(), 'mg-test-'));
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  process.env.MG_TEST_PGLITE_TEMPLATE = file;
  cleanup = () => rm(dir, { recursive: true, force: true });
}

export async function globalTeardown(): Promise<void> {
  await cleanup?.();
}
