/**
 * The job queue: pg-boss on the portal's own database (its tables live in the `pgboss` schema).
 *
 * - PostgreSQL: pg-boss opens its own small pool on `DATABASE_URL`.
 * - PGlite: there is one session, shared with Kysely. pg-boss reaches it through its PGlite adapter,
 *   wrapped so that every statement waits for the session (`PGliteSession.exclusive`), exactly as a
 *   Kysely query or transaction does. No LISTEN on PGlite: workers poll.
 *
 * `send(trx, …)` inside a Kysely transaction writes the job through that transaction: it is
 * committed, or rolled back, with the business change that asked for it (a transactional outbox).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  PgBoss,
  ConstructorOptions,
  Db,
  fromPglite as FromPglite,
  Job,
  JobResult,
  SendOptions,
  WorkOptions,
} from 'pg-boss';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { textStatementPart, type StatementPart } from '../db/statement-part.ts';
import type { PGliteSession } from '../db/pglite-dialect.ts';
import { jobQueues, type QueueDefinition, type QueueName } from './queues.ts';

/** The part of Fastify's (pino) logger the queue uses. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobQueueOptions {
  readonly logger: JobLogger;
  /** The queues to create or update at start; every queue of queues.ts by default. */
  readonly queues?: readonly QueueDefinition[];
}

/** Per-job options: retries, delay, deduplication (`singletonKey`)… The connection is chosen by `send`. */
export type JobSendOptions = Omit<SendOptions, 'db'>;

/** A job sent as a statement part: never deduplicated. */
export type JobPartOptions = Omit<JobSendOptions, 'id' | 'singletonKey' | 'singletonSeconds' | 'singletonNextSlot'>;

/** One job at a time per worker: a failure retries that job only. */
export type JobWorkOptions = Omit<WorkOptions, 'batchSize' | 'perJobResults' | 'transactional' | 'includeMetadata'>;

/** How a batch worker takes its jobs: `batchSize` per fetch, `concurrency` handled at a time. */
export interface JobBatchOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  /** How often an idle worker looks for jobs (at least 0.5 s). A full batch is followed at once by the next fetch. */
  readonly pollingIntervalSeconds: number;
}

export interface JobQueue {
  /** pg-boss itself, for what this module does not wrap (inspecting jobs in tests and tools). */
  readonly boss: PgBoss;
  /** The logger the queue was given; workers log through it too. */
  readonly logger: JobLogger;
  /**
   * Queues a job. Given a Kysely transaction, the job is written in it, so it exists only if the
   * transaction commits; given the database, it is written at once. Resolves to the job id, or null
   * when a job with the same `singletonKey` already waits.
   */
  send(executor: Kysely<Database>, name: QueueName, data: object, options?: JobSendOptions): Promise<string | null>;
  /**
   * The same job as a statement part (src/db/statement-part.ts): pg-boss's own insert, not run,
   * for the caller to send with a statement of the transaction that asks for the job, instead of
   * a round trip of its own. The job exists only if that statement runs and the transaction
   * commits. No `singletonKey` or `singletonSeconds`: a part cannot tell whether its insert was
   * skipped.
   */
  sendPart(name: QueueName, data: object, options?: JobPartOptions): Promise<{ id: string; part: StatementPart }>;
  /** Handles the jobs of a queue; a handler that throws fails the attempt and pg-boss retries it. */
  work<T extends object>(
    name: QueueName,
    options: JobWorkOptions,
    handler: (job: Job<T>) => Promise<void>,
  ): Promise<string>;
  /**
   * Handles the jobs of a queue in batches: each fetch takes up to `batchSize` jobs, handled
   * `concurrency` at a time; each job succeeds or fails on its own (a failed one is retried alone).
   */
  workBatch<T extends object>(
    name: QueueName,
    options: JobBatchOptions,
    handler: (job: Job<T>) => Promise<void>,
  ): Promise<string>;
  /** Stops the workers (letting a running job finish, up to `timeoutMs`) and pg-boss, then lets go of the database. */
  stop(timeoutMs?: number): Promise<void>;
}

export const JOB_SCHEMA = 'pgboss';

export async function createJobQueue(database: DatabaseHandle, options: JobQueueOptions): Promise<JobQueue> {
  const { logger } = options;
  // Loaded when a queue starts, not with every module that names its types (a third of a second).
  const { PgBoss, fromKysely, fromPglite } = await import('pg-boss');
  const common: ConstructorOptions = {
    schema: JOB_SCHEMA,
    // Cron schedules (housekeeping) are kept in the database, and each slot gives one job whatever
    // the number of processes.
    schedule: true,
    useListenNotify: false,
  };
  const access = database.access;
  const shared = access.kind === 'pglite' ? sharedSession(access.session, fromPglite) : undefined;
  const boss = shared
    ? new PgBoss({ ...common, backend: 'pglite', db: shared.db })
    : new PgBoss({
        ...common,
        ...(access.kind === 'postgres' ? { connectionString: access.url } : {}),
        max: 3,
        application_name: 'monguichet-jobs',
        connectionTimeoutMillis: 10_000,
      });

  // pg-boss reports maintenance and worker-loop problems as events; an `error` nobody listens to
  // would crash the process. Only the message: never job data (addresses, links).
  boss.on('error', (error: Error) =>
    logger.error({ err: { message: error.message, name: error.name } }, 'job queue error'),
  );
  boss.on('warning', (warning: { message: string }) => logger.warn({ warning: warning.message }, 'job queue warning'));

  try {
    await boss.start();
    for (const queue of options.queues ?? Object.values(jobQueues)) await ensureQueue(boss, queue);
  } catch (error) {
    // A start that failed part-way may have armed timers or opened its pool: undo it all.
    await boss.stop({ graceful: false }).catch(() => undefined);
    await shared?.drain();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    boss,
    logger,
    async send(executor, name, data, sendOptions = {}) {
      return executor.isTransaction
        ? boss.send(name, data, { ...sendOptions, db: fromKysely(executor) })
        : boss.send(name, data, sendOptions);
    },
    async sendPart(name, data, partOptions = {}) {
      if ('singletonKey' in partOptions || 'singletonSeconds' in partOptions || 'singletonNextSlot' in partOptions)
        throw new Error('A job sent as a statement part cannot be deduplicated');
      // pg-boss writes its insert as for any connection; this one keeps it instead of running it,
      // and answers the id the job was given.
      const id = randomUUID();
      let insert: { text: string; values: readonly unknown[] } | undefined;
      const keep: Db = {
        async executeSql(text, values = []) {
          if (insert) throw new Error('pg-boss sent a job with more than one statement');
          insert = { text, values };
          return { rows: [{ id }] };
        },
      };
      const sent = await boss.send(name, data, { ...partOptions, id, db: keep });
      if (sent !== id || !insert || !/^\s*insert\b/i.test(insert.text))
        throw new Error('pg-boss did not write the job as one insert');
      return { id, part: textStatementPart(insert.text, insert.values) };
    },
    async work<T extends object>(
      name: QueueName,
      workOptions: JobWorkOptions,
      handler: (job: Job<T>) => Promise<void>,
    ) {
      return boss.work<T>(name, { ...workOptions, batchSize: 1 }, async (jobs: Job<T>[]) => {
        for (const job of jobs) await handler(job);
      });
    },
    async workBatch<T extends object>(
      name: QueueName,
      { batchSize, concurrency, pollingIntervalSeconds }: JobBatchOptions,
      handler: (job: Job<T>) => Promise<void>,
    ) {
      return boss.work<T>(
        name,
        { batchSize, pollingIntervalSeconds, burstWhenBatchFull: true, perJobResults: true },
        async (jobs: Job<T>[]): Promise<JobResult[]> => {
          const results: JobResult[] = [];
          let next = 0;
          const lane = async () => {
            while (next < jobs.length) {
              const job = jobs[next++];
              if (!job) break;
              try {
                await handler(job);
                results.push({ id: job.id, status: 'completed' });
              } catch (error) {
                // Stored on the job: the handler's own message (never job data), for the operator.
                results.push({
                  id: job.id,
                  status: 'failed',
                  output: { message: error instanceof Error ? error.message : 'failed' },
                });
              }
            }
          };
          await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
          return results;
        },
      );
    },
    stop(timeoutMs = 10_000) {
      stopping ??= (async () => {
        await boss.stop({ graceful: true, timeout: timeoutMs });
        // pg-boss's own pool (PostgreSQL) is closed by stop(); on PGlite, wait for any statement
        // still queued for the session and refuse later ones, so the database can close after us.
        await shared?.drain();
      })();
      return stopping;
    },
  };
}

/** Creates the queue, or brings an existing queue's defaults up to date (its policy never changes). */
async function ensureQueue(boss: PgBoss, { name, ...settings }: QueueDefinition): Promise<void> {
  if (await boss.getQueue(name)) {
    const { policy: _policy, partition: _partition, ...updatable } = settings;
    if (Object.keys(updatable).length > 0) await boss.updateQueue(name, updatable);
    return;
  }
  try {
    await boss.createQueue(name, settings);
  } catch (error) {
    // Another process created it between the two calls.
    if (!(await boss.getQueue(name))) throw error;
  }
}

/**
 * pg-boss's PGlite adapter, with each statement run alone on the shared session. Only
 * `executeSql`: no `listen` (polling is enough here), no transactions of pg-boss's own.
 */
function sharedSession(session: PGliteSession, fromPglite: typeof FromPglite): { db: Db; drain(): Promise<void> } {
  const adapter = fromPglite(session.pglite);
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const db: Db = {
    executeSql(text, values) {
      if (closed) return Promise.reject(new Error('The job queue is stopped'));
      const statement = session.exclusive(() => adapter.executeSql(text, values));
      inFlight.add(statement);
      const forget = () => inFlight.delete(statement);
      statement.then(forget, forget);
      return statement;
    },
  };
  return {
    db,
    /** Refuses new statements and waits for those already queued. */
    async drain() {
      closed = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
