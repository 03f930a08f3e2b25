/**
 * Runs once before the database test files: prepares two template databases that test files copy,
 * so no file pays for PGlite's initdb, the migrations or the demo seed:
 * - `plain`: the migrations only;
 * - `seeded`: the migrations and the demo data (creditors, schools, catalogue of procedures).
 * PGlite: data-directory dumps in a temporary folder (MG_TEST_PGLITE_TEMPLATE, MG_TEST_PGLITE_SEEDED).
 * PostgreSQL (MG_TEST_DB=postgres): template databases beside DATABASE_URL's (MG_TEST_PG_TEMPLATE,
 * MG_TEST_PG_SEEDED), each file's database made with `CREATE DATABASE … TEMPLATE`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedDemoData } from '../src/seed/demo.ts';
import { adminUrl, databaseUrlFor, dropDatabasesWithPrefix } from './helpers/postgres.ts';

let cleanup: (() => Promise<void>) | undefined;

export async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.MG_TEST_RUN_ID = runId;
  if (process.env.MG_TEST_DB === 'postgres') {
    const baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) throw new Error('MG_TEST_DB=postgres needs DATABASE_URL');
    const plain = `mg_test_${runId}_template`;
    const seeded = `mg_test_${runId}_template_seeded`;
    cleanup = () => dropDatabasesWithPrefix(baseUrl, `mg_test_${runId}_`);
    const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
    await admin.connect();
    try {
      await admin.query(`create database ${plain}`);
      const database = await connectDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, plain), poolMax: 2 });
      await migrateToLatest(database.db);
      await database.close();
      await admin.query(`create database ${seeded} template ${plain}`);
      const seededDatabase = await connectDatabase({
        kind: 'postgres',
        url: databaseUrlFor(baseUrl, seeded),
        poolMax: 2,
      });
      await seedDemoData(seededDatabase.db);
      await seededDatabase.close();
    } finally {
      await admin.end();
    }
    process.env.MG_TEST_PG_TEMPLATE = plain;
    process.env.MG_TEST_PG_SEEDED = seeded;
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'mg-test-'));
  cleanup = () => rm(dir, { recursive: true, force: true });
  const pglite = await PGlite.create();
  const database = await connectDatabase({ kind: 'pglite-instance', pglite });
  const dump = async (name: string) => {
    const file = path.join(dir, name);
    await writeFile(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return file;
  };
  await migrateToLatest(database.db);
  process.env.MG_TEST_PGLITE_TEMPLATE = await dump('template.tar');
  await seedDemoData(database.db);
  process.env.MG_TEST_PGLITE_SEEDED = await dump('template-seeded.tar');
  await database.close();
  await pglite.close();
}

export async function globalTeardown(): Promise<void> {
  await cleanup?.();
}
