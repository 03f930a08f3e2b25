/**
 * Outgoing mail through the job queue. `enqueue(trx, mail)` writes a `mail.send` job in the caller's
 * transaction (the e-mail exists only if the business change commits); the worker started by
 * `startMailWorker` takes the jobs in batches and hands each one to the transport, and pg-boss retries a failed attempt with
 * exponential backoff (see jobs/queues.ts). Delivery is at least once: a relay that accepted a
 * message whose job could not be marked done would receive it again.
 *
 * Logs name the job and the outcome, never an address, a subject or a body.
 */
import type { Kysely } from 'kysely';
import type { Job } from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import type { PurgeCounts } from '../../jobs/housekeeping.ts';
import type { JobQueue, JobSendOptions } from '../../jobs/queue.ts';
import { jobQueues } from '../../jobs/queues.ts';
import { LANGUAGES, type Lang } from '../../i18n/index.ts';
import { deleteDevMailBefore } from './dev-mailbox.repository.ts';
import { composeMail, type MailTemplate } from './mail.templates.tsx';
import { MailDeliveryError, type MailTransport } from './mail.transport.ts';
import type { OutgoingMail } from './mail.types.ts';
import { paymentReceipt, paymentReceiptDataSchema } from './payment-receipt.mail.ts';

// What other features need to write an e-mail: compose it from a template (the notice, or their own).
export { composeMail, notice, type MailBlock, type MailTemplate, type NoticeData } from './mail.templates.tsx';
export type { OutgoingMail } from './mail.types.ts';

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

/**
 * Templates whose jobs carry the template's name and data, rendered by the worker when it sends
 * the e-mail (`enqueueTemplatePart`) instead of in the transaction that queues it. The data is
 * checked against the template's schema when queued and again when sent.
 */
const DEFERRED_TEMPLATES = {
  'payment-receipt': { template: paymentReceipt, data: paymentReceiptDataSchema },
} as const satisfies Record<string, { template: MailTemplate<never>; data: z.ZodType }>;

export type DeferredTemplate = keyof typeof DEFERRED_TEMPLATES;

/** What a `mail.send` job of a deferred template carries. */
const templateJobSchema = z.object({
  to: outgoingMailSchema.shape.to,
  lang: z.enum(LANGUAGES),
  template: z.enum(Object.keys(DEFERRED_TEMPLATES) as [DeferredTemplate, ...DeferredTemplate[]]),
  data: z.unknown(),
});

/**
 * The e-mail a `mail.send` job asks for: the message itself, or a deferred template rendered now
 * with its data. Undefined when the job's data is neither (never sent, logged by the worker).
 */
export function mailOfJob(data: unknown): OutgoingMail | undefined {
  const message = outgoingMailSchema.safeParse(data);
  if (message.success) return message.data;
  const job = templateJobSchema.safeParse(data);
  if (!job.success) return undefined;
  const { template, data: schema } = DEFERRED_TEMPLATES[job.data.template];
  const parsed = schema.safeParse(job.data.data);
  return parsed.success ? composeMail(job.data.to, job.data.lang, template, parsed.data) : undefined;
}

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

  /**
   * An e-mail of a deferred template (`DEFERRED_TEMPLATES`) to `to` in `lang`, as a statement part
   * (src/db/statement-part.ts) for the caller to send with a statement of the transaction that
   * causes it: its job carries the template's name and data (checked now), and the worker renders
   * it when it sends it. The transaction neither renders the e-mail nor spends a round trip on its
   * job; the e-mail exists only if that statement runs and the transaction commits.
   */
  async enqueueTemplatePart<T extends DeferredTemplate>(
    to: string,
    lang: Lang,
    template: T,
    data: z.input<(typeof DEFERRED_TEMPLATES)[T]['data']>,
  ): Promise<StatementPart> {
    if (!this.queue) throw new Error('MailService has no job queue: build the app with `jobs` to send e-mail');
    const job = templateJobSchema.parse({ to, lang, template, data: DEFERRED_TEMPLATES[template].data.parse(data) });
    return (await this.queue.sendPart(MAIL_QUEUE, job, this.jobOptions)).part;
  }

  /**
   * Queues a job that the worker drops without sending anything, with the same statement as
   * `enqueue`: a request that must take the same time whether or not it sends an e-mail (the
   * account recovery forms) queues this one when there is no one to write to.
   */
  async enqueueBlank(executor: Kysely<Database>): Promise<string> {
    if (!this.queue) throw new Error('MailService has no job queue: build the app with `jobs` to send e-mail');
    const id = await this.queue.send(executor, MAIL_QUEUE, BLANK_JOB, this.jobOptions);
    if (id === null) throw new Error('The mail job was not created');
    return id;
  }
}

/** What a blank `mail.send` job carries: nothing to deliver (see `MailService.enqueueBlank`). */
const BLANK_JOB = { blank: true } as const;

/** A job queued by `enqueueBlank`: the worker drops it without sending anything. */
export function isBlankJob(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { blank?: unknown }).blank === true;
}

export interface MailWorker {
  /** Stops taking jobs (a delivery in progress finishes) and closes the transport. */
  stop(): Promise<void>;
}

export interface MailWorkerOptions {
  /** Messages delivered at the same time by this process (`MAIL_CONCURRENCY`). Default 5. */
  readonly concurrency?: number;
  /** How often an idle worker looks for jobs. Default 0.5 s (pg-boss's shortest). */
  readonly pollingIntervalSeconds?: number;
}

/** Default number of messages a process delivers at the same time. */
export const DEFAULT_MAIL_CONCURRENCY = 5;

/**
 * Delivers the `mail.send` jobs through `transport`: fetched in batches of four times the
 * concurrency (a full batch is followed at once by the next fetch, so a burst drains without
 * waiting for the polling interval), `concurrency` at a time; each message succeeds or is retried
 * on its own.
 */
export async function startMailWorker(
  queue: JobQueue,
  transport: MailTransport,
  options: MailWorkerOptions = {},
): Promise<MailWorker> {
  const { logger } = queue;
  const concurrency = options.concurrency ?? DEFAULT_MAIL_CONCURRENCY;
  const batchOptions = {
    batchSize: concurrency * 4,
    concurrency,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
  };
  const workerId = await queue.workBatch<object>(MAIL_QUEUE, batchOptions, async (job: Job<object>) => {
    const attempt = job.retryCount + 1;
    if (isBlankJob(job.data)) return;
    const mail = mailOfJob(job.data);
    if (!mail) {
      logger.error({ jobId: job.id, attempt }, 'mail job has invalid data');
      throw new Error('Invalid mail job data');
    }
    try {
      await transport.deliver(mail);
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

export { billAvailable, type BillAvailableData } from './bill-available.mail.ts';
export { paymentReceipt, type PaymentReceiptMailData } from './payment-receipt.mail.ts';

/** The development mailbox (never in production) keeps a message a week. */
export const DEV_MAIL_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** The housekeeping job's hook (registered in src/jobs/workers.ts): deletes the development mailbox's old messages. */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeCounts> {
  return { devMail: await deleteDevMailBefore(db, new Date(now.getTime() - DEV_MAIL_RETENTION_MS)) };
}
