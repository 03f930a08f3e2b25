/**
 * Personal data that must not outlive its purpose (Monaco, law 1.165): the housekeeping job deletes
 * each kind of row once its lifetime has ended. `RETENTION` is the table published in
 * docs/retention.md and on the "Données personnelles" page; `purgeExpired` applies it once, at a
 * given instant (tests pass their own clock); the `housekeeping.purge` queue runs it every
 * 15 minutes from any process (pg-boss's cron: one run per slot, whatever the number of processes),
 * and `monguichet purge` runs it once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  deleteAuditEventsBefore,
  deleteDevMailBefore,
  deleteExpiredAccountTokens,
  deleteExpiredMconnectPending,
  deleteExpiredOidcTransactions,
  deleteExpiredSessions,
  deleteExpiredThrottles,
} from './housekeeping.repository.ts';
import type { JobQueue } from './queue.ts';
import { jobQueues } from './queues.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How often the job runs (cron, UTC): deletion happens at most this long after a lifetime ends. */
export const HOUSEKEEPING_CRON = '*/15 * * * *';

/** Throttle counters are kept a day after their window started (every policy's window is shorter). */
export const THROTTLE_RETENTION_MS = DAY_MS;
/** Security events (the audit log): one year, as the personal-data page states. */
export const AUDIT_RETENTION_MS = 365 * DAY_MS;
/** Development mailbox (never in production): a week. */
export const DEV_MAIL_RETENTION_MS = 7 * DAY_MS;

export type PurgeKind =
  'mconnectPending' | 'oidcTransactions' | 'sessions' | 'accountTokens' | 'throttles' | 'auditEvents' | 'devMail';

export type PurgeCounts = Readonly<Record<PurgeKind, number>>;

export interface PurgeSettings {
  /** A session unused this long has ended (`SESSION_IDLE_MINUTES`). */
  readonly sessionIdleMinutes: number;
}

/** Deletes every row whose lifetime ended at `now`; returns how many of each kind. */
export async function purgeExpired(db: Kysely<Database>, now: Date, settings: PurgeSettings): Promise<PurgeCounts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    mconnectPending: await deleteExpiredMconnectPending(db, now),
    oidcTransactions: await deleteExpiredOidcTransactions(db, now),
    sessions: await deleteExpiredSessions(db, now, ago(settings.sessionIdleMinutes * MINUTE_MS)),
    accountTokens: await deleteExpiredAccountTokens(db, now),
    throttles: await deleteExpiredThrottles(db, now, ago(THROTTLE_RETENTION_MS)),
    auditEvents: await deleteAuditEventsBefore(db, ago(AUDIT_RETENTION_MS)),
    devMail: await deleteDevMailBefore(db, ago(DEV_MAIL_RETENTION_MS)),
  };
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
  settings: PurgeSettings,
  clock: () => Date = () => new Date(),
  pollingIntervalSeconds = 30,
): Promise<HousekeepingWorker> {
  const name = jobQueues.housekeeping.name;
  // After a downtime, one run for the slots missed.
  await queue.boss.schedule(name, HOUSEKEEPING_CRON, {}, { tz: 'UTC', missed: 'once' });
  const workerId = await queue.work(name, { pollingIntervalSeconds }, async (job) => {
    const counts = await purgeExpired(db, clock(), settings);
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
