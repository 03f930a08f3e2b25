/**
 * Every job worker of a portal process, registered once here (as the queues are declared once in
 * queues.ts): `startWorkers` starts them all, and the handle it returns stops them all.
 */
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { startMailWorker } from '../features/notifications/mail.service.ts';
import { mailTransportFor } from '../features/notifications/mail.transport.ts';
import { startHousekeeping } from './housekeeping.ts';
import type { JobQueue } from './queue.ts';

export interface Workers {
  /** Stops taking jobs; the jobs in progress finish. */
  stop(): Promise<void>;
}

export interface WorkerDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly jobs: JobQueue;
}

export async function startWorkers({ config, database, jobs }: WorkerDeps): Promise<Workers> {
  const started: Workers[] = [];
  try {
    // `mail.send`: outgoing e-mail, through SMTP or the development mailbox.
    started.push(
      await startMailWorker(jobs, mailTransportFor(config.mail, database.db), { concurrency: config.mail.concurrency }),
    );
    // `housekeeping.purge`: deletes personal data whose lifetime ended, every 15 minutes.
    started.push(await startHousekeeping(jobs, database.db, { sessionIdleMinutes: config.session.idleMinutes }));
  } catch (error) {
    await Promise.all(started.map((worker) => worker.stop()));
    throw error;
  }
  return {
    async stop() {
      await Promise.all(started.map((worker) => worker.stop()));
    },
  };
}
