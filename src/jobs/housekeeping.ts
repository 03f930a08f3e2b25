/**
 * Personal data that must not outlive its purpose (Monaco, law 1.165): the housekeeping job deletes
 * each kind of row once its lifetime has ended. Each feature that owns such rows deletes them
 * itself, in a `purgeExpired(db, now, settings)` hook of its service; the composition root
 * (src/jobs/workers.ts) registers the hooks, and `purgeExpired` here runs them once, at a given
 * instant (tests pass their own clock). The `housekeeping.purge` queue runs it every 15 minutes
 * from any process (pg-boss's cron: one run per slot, whatever the number of processes), and
 * `monguichet purge` runs it once. The lifetimes are published in docs/retention.md and on the
 * "Données personnelles" page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { JobQueue } from './queue.ts';
import { jobQueues } from './queues.ts';

/** How often the job runs (cron, UTC): deletion happens at most this long after a lifetime ends. */
export const HOUSEKEEPING_CRON = '*/15 * * * *';

/** How many rows of each kind (`sessions`, `devMail`…) were deleted. */
export type PurgeCounts = Readonly<Record<string, number>>;

export interface PurgeSettings {
  /** A session unused this long has ended (`SESSION_IDLE_MINUTES`). */
  readonly sessionIdleMinutes: number;
}

/** A feature's hook: deletes its rows whose lifetime ended at `now`, and says how many of each kind. */
export type ExpiredDataPurger = (db: Kysely<Database>, now: Date, settings: PurgeSettings) => Promise<PurgeCounts>;

/** Runs every registered hook, in order, at `now`; returns how many rows of each kind they deleted. */
export async function purgeExpired(
  db: Kysely<Database>,
  now: Date,
  settings: PurgeSettings,
  purgers: readonly ExpiredDataPurger[],
): Promise<PurgeCounts> {
  const counts: Record<string, number> = {};
  for (const purge of purgers) {
    for (const [kind, n] of Object.entries(await purge(db, now, settings))) counts[kind] = (counts[kind] ?? 0) + n;
  }
  return counts;
}

export interface HousekeepingWorker {
  stop(): Promise<void>;
}

/**
 * Schedules `housekeeping.purge` every 15 minutes (idempotent: every process schedules the same
 * cron, pg-boss keeps one) and handles its jobs. Logs the counts only.
 */
export async function startHousekeeping(
  queue: JobQueue,
  db: Kysely<Database>,
  purgers: readonly ExpiredDataPurger[],
  settings: PurgeSettings,
  clock: () => Date = () => new Date(),
  pollingIntervalSeconds = 30,
): Promise<HousekeepingWorker> {
  const name = jobQueues.housekeeping.name;
  // After a downtime, one run for the slots missed.
  await queue.boss.schedule(name, HOUSEKEEPING_CRON, {}, { tz: 'UTC', missed: 'once' });
  const workerId = await queue.work(name, { pollingIntervalSeconds }, async (job) => {
    const counts = await purgeExpired(db, clock(), settings, purgers);
    queue.logger.info({ jobId: job.id, deleted: counts }, 'expired personal data deleted');
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= queue.boss.offWork(name, { id: workerId, wait: true });
      return stopping;
    },
  };
}
