/** Applies the timestamped migrations of `migrations/`; shared by the server, the CLI and tests. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';

/** `migrations/` beside `src/` (and `dist/migrations` beside `dist/src` once built). */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the untyped schema, whatever the app's types say.
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
}

/** Thrown when a migration fails; the database is left at the last migration that succeeded. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Migrates to the latest version and returns the names applied now; throws on any failure. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see createMigrator.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    // No failed migration: the migrator could not start (database unreachable, lock table…).
    throw new MigrationError(
      failed ? `Migration ${failed} failed: ${reason}` : `The migrations could not run: ${reason}`,
      results,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
