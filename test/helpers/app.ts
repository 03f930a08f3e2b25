/**
 * The app as tests use it: built by the real buildApp on a fresh test database (with the demo
 * catalogue unless told otherwise), security on, logger off; closed after the test file.
 */
import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { loadConfig, type Config, type Env } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import type { MconnectClient } from '../../src/features/mconnect/mconnect.client.ts';
import { createJobQueue, type JobLogger, type JobQueue } from '../../src/jobs/queue.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  readonly config: Config;
  /** The job queue, when asked for with `jobs: true`. */
  readonly jobs: JobQueue | undefined;
}

export interface TestAppOptions {
  /** Start from the demo catalogue (creditors, schools, procedures), copied from the seeded template. Default true. */
  readonly seed?: boolean;
  /** Extra environment for loadConfig, e.g. `{ PUBLIC_URL: 'https://…' }`. */
  readonly env?: Env;
  /** Extra routes a test needs (registered before the app is ready). */
  readonly routes?: (app: FastifyInstance) => void;
  /**
   * Start a job queue (pg-boss) on the test database and give it to the app, so `app.mail`
   * enqueues. No worker runs unless the test starts one. Default false.
   */
  readonly jobs?: boolean;
  /** The MConnect client (a stand-in's, or a hostile one); by default none, so MConnect is off. */
  readonly mconnect?: MconnectClient | null;
  /**
   * The app's own view of the test database, e.g. with a plugin that counts its statements; the
   * test's `database` stays the plain one. By default the app uses the plain one.
   */
  readonly appDb?: (db: Kysely<Database>) => Kysely<Database>;
  /** Fastify's logger settings; by default none (`false`). */
  readonly logger?: AppDeps['logger'];
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details: object;
}

/** A job-queue logger that keeps what it is told, so a test can read it (or ignore it). */
export interface RecordingLogger extends JobLogger {
  readonly entries: LogEntry[];
}

export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (details: object, message: string) => {
    entries.push({ level, message, details });
  };
  return { info: record('info'), warn: record('warn'), error: record('error'), entries };
}

export function testConfig(env: Env = {}): Config {
  return loadConfig({ NODE_ENV: 'test', CATALOGUE_REFRESH_SECONDS: '0', PUBLIC_URL: 'http://localhost:3000', ...env });
}

/** Builds an app for the current test file and closes it (and its database) when the file ends. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase({ seed: options.seed ?? true });
  const config = testConfig(options.env);
  const jobs = options.jobs ? await createJobQueue(database, { logger: recordingLogger() }) : undefined;
  const appDatabase = options.appDb ? { ...database, db: options.appDb(database.db) } : database;
  const app = await buildApp({
    config,
    database: appDatabase,
    logger: options.logger ?? false,
    jobs,
    mconnect: options.mconnect ?? null,
  });
  options.routes?.(app);
  await app.ready();
  after(async () => {
    await app.close();
    await jobs?.stop();
    await database.close();
  });
  return { app, database, config, jobs };
}
