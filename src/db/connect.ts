/**
 * Opens the database named by the configuration: PostgreSQL through `pg` when `DATABASE_URL` is
 * set, otherwise an embedded PGlite under `DATA_DIR`. Both speak the same SQL through Kysely.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  /** Answers true when a trivial query succeeds within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseSettings = Config['database'] | { readonly kind: 'pglite-instance'; readonly pglite: PGlite };

export async function connectDatabase(settings: DatabaseSettings): Promise<DatabaseHandle> {
  if (settings.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: settings.url, max: settings.poolMax });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return handle(db, 'postgres', async () => db.destroy());
  }
  let pglite: PGlite;
  let ownsInstance = true;
  if (settings.kind === 'pglite-instance') {
    pglite = settings.pglite;
    ownsInstance = false;
  } else {
    await mkdir(settings.dataDir, { recursive: true });
    pglite = await PGlite.create(settings.dataDir);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return handle(db, 'pglite', async () => {
    await db.destroy();
    if (ownsInstance) await pglite.close();
  });
}

function handle(db: Kysely<Database>, kind: DatabaseHandle['kind'], close: () => Promise<void>): DatabaseHandle {
  return {
    db,
    kind,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = sql`select 1 as ok`
        .execute(db)
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close,
  };
}
