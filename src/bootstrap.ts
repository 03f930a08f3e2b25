/**
 * Opens the database, applies the migrations and, for the embedded default, seeds the demo data
 * into an empty database. Shared by the server and the CLI.
 */
import type { Config } from './config.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrator.ts';
import { MailService } from './features/notifications/mail.service.ts';
import { createJobQueue } from './jobs/queue.ts';
import { seedCanteenDemo } from './seed/canteen-demo.ts';
import { isCatalogueEmpty, seedDemoData } from './seed/demo.ts';

export interface Prepared {
  readonly database: DatabaseHandle;
  readonly migrated: readonly string[];
  readonly seeded: boolean;
}

export async function prepareDatabase(config: Config): Promise<Prepared> {
  const database = await connectDatabase(config.database);
  try {
    const migrated = await migrateToLatest(database.db);
    let seeded = false;
    if (config.seedDemoData && database.kind === 'pglite' && (await isCatalogueEmpty(database.db))) {
      await seedDemoData(database.db);
      // The canteen's demo year publishes bills, whose e-mails go through the job queue (to /dev/mailbox).
      const jobs = await createJobQueue(database, { logger: silentLogger });
      try {
        await seedCanteenDemo(database.db, { mail: new MailService(jobs), publicUrl: config.publicUrl });
      } finally {
        await jobs.stop();
      }
      seeded = true;
    }
    return { database, migrated, seeded };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
