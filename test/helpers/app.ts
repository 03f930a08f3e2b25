/**
 * The app as tests use it: built by the real buildApp on a fresh test database (with the demo
 * catalogue unless told otherwise), security on, logger off; closed after the test file.
 */
import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config, type Env } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { seedDemoData } from '../../src/seed/demo.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  readonly config: Config;
}

export interface TestAppOptions {
  /** Seed the demo catalogue (creditors, schools, procedures). Default true. */
  readonly seed?: boolean;
  /** Extra environment for loadConfig, e.g. `{ PUBLIC_URL: 'https://…' }`. */
  readonly env?: Env;
  /** Extra routes a test needs (registered before the app is ready). */
  readonly routes?: (app: FastifyInstance) => void;
}

export function testConfig(env: Env = {}): Config {
  return loadConfig({ NODE_ENV: 'test', CATALOGUE_REFRESH_SECONDS: '0', PUBLIC_URL: 'http://localhost:3000', ...env });
}

/** Builds an app for the current test file and closes it (and its database) when the file ends. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.seed ?? true) await seedDemoData(database.db);
  const config = testConfig(options.env);
  const app = await buildApp({ config, database, logger: false });
  options.routes?.(app);
  await app.ready();
  after(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, config };
}
