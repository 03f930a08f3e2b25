/**
 * Outgoing mail through the job queue. `enqueue(trx, mail)` writes a `mail.send` job in the caller's
 * transaction (the e-mail exists only if the business change commits); the worker started by
 * `startMailWorker` hands each job to the transport, and pg-boss retries a failed attempt with
 * exponential backoff (see jobs/queues.ts). Delivery is at least once: a relay that accepted a
 * message whose job could not be marked done would receive it again.
 *
 * Logs name the job and the outcome, never an address, a subject or a body.
 */
import type { Kysely } from 'kysely';
import type { Job } from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { JobQueue, JobSendOptions } from '../../jobs/queue.ts';
import { jobQueues } from '../../jobs/queues.ts';
import { MailDeliveryError, type MailTransport } from './mail.transport.ts';
import type { OutgoingMail } from './mail.types.ts';

const MAIL_QUEUE = jobQueues.mailSend.name;

/** What a `mail.send` job carries; checked again by the worker. */
const outgoingMailSchema = z.object({
  to: z
    .string()
    .trim()
    .min(3)
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+$/, 'one address'),
  subject: z
    .string()
    .min(1)
    .max(998)
    .regex(/^[^\r\n]*$/, 'one line'),
  text: z.string().min(1),
  html: z.string().min(1),
});

export class MailService {
  /**
   * `queue` is absent in an app built without a job queue (most route tests): `enqueue` then
   * throws instead of losing the message. `jobOptions` overrides the queue's retry settings (tests).
   */
  constructor(
    private readonly queue: JobQueue | undefined,
    private readonly jobOptions: JobSendOptions = {},
  ) {}

  /**
   * Queues `mail` for sending. Pass the transaction of the change that causes the e-mail, so that
   * a rollback cancels it too. Resolves to the job id.
   */
  async enqueue(executor: Kysely<Database>, mail: OutgoingMail): Promise<string> {
    if (!this.queue) throw new Error('MailService has no job queue: build the app with `jobs` to send e-mail');
    const data = outgoingMailSchema.parse(mail);
    const id = await this.queue.send(executor, MAIL_QUEUE, data, this.jobOptions);
    if (id === null) throw new Error('The mail job was not created');
    return id;
  }
}

export interface MailWorker {
  /** Stops taking jobs (a delivery in progress finishes) and closes the transport. */
  stop(): Promise<void>;
}

export interface MailWorkerOptions {
  /** How often an idle worker looks for jobs (pg-boss's default: 2 s). */
  readonly pollingIntervalSeconds?: number;
}

/** Delivers the `mail.send` jobs through `transport`, one at a time. */
export async function startMailWorker(
  queue: JobQueue,
  transport: MailTransport,
  options: MailWorkerOptions = {},
): Promise<MailWorker> {
  const { logger } = queue;
  const workOptions =
    options.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: options.pollingIntervalSeconds };
  const workerId = await queue.work<object>(MAIL_QUEUE, workOptions, async (job: Job<object>) => {
    const attempt = job.retryCount + 1;
    const parsed = outgoingMailSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id, attempt }, 'mail job has invalid data');
      throw new Error('Invalid mail job data');
    }
    try {
      await transport.deliver(parsed.data);
    } catch (error) {
      // Only the reason (an SMTP code, a connection error name): never the message or its addresses.
      const reason =
        error instanceof MailDeliveryError
          ? error.message
          : `Mail delivery failed: ${error instanceof Error ? error.name : 'unknown error'}`;
      logger.warn(
        { jobId: job.id, attempt, transport: transport.kind, reason },
        'mail not delivered, retried later if attempts remain',
      );
      throw error instanceof MailDeliveryError ? error : new Error(reason);
    }
    logger.info({ jobId: job.id, attempt, transport: transport.kind }, 'mail delivered');
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        await queue.boss.offWork(MAIL_QUEUE, { id: workerId, wait: true });
        transport.close();
      })();
      return stopping;
    },
  };
}

export { composeMail, notice } from './mail.templates.tsx';
export { billAvailable, type BillAvailableData } from './bill-available.mail.ts';
