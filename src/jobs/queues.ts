/**
 * Every job queue, declared once (like the routes in paths.ts): its name and the defaults its jobs
 * inherit. `createJobQueue` creates each of them when it starts, so a job can be sent inside a
 * business transaction without pg-boss having to look the queue up on another connection.
 */
import type { Queue } from 'pg-boss';

export type QueueDefinition = Omit<Queue, 'name'> & { readonly name: string };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const jobQueues = {
  /**
   * One outgoing e-mail per job. A refused or unreachable relay is retried with exponential backoff
   * (30 s, then about 1, 2, 4… minutes, at most an hour apart; eight retries cover several hours of
   * relay outage). A finished job is deleted after a day: its data holds the message, which may
   * carry a one-time link.
   */
  mailSend: {
    name: 'mail.send',
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: HOUR,
    expireInSeconds: 2 * MINUTE,
    retentionSeconds: 3 * DAY,
    deleteAfterSeconds: DAY,
  },
  /**
   * Deletes personal data whose lifetime ended (jobs/housekeeping.ts), every 15 minutes by cron.
   * A failed run is retried twice a minute apart; the next slot runs anyway.
   */
  housekeeping: {
    name: 'housekeeping.purge',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 10 * MINUTE,
    retentionSeconds: DAY,
    deleteAfterSeconds: DAY,
  },
  /**
   * Asks the payment provider about attempts still open after a few minutes, and submits the
   * refunds left requested (features/payments/reconciler.ts), every minute by cron. A failed run is
   * not retried: the next minute's run does the same work.
   */
  paymentsReconcile: {
    name: 'payments.reconcile',
    retryLimit: 0,
    expireInSeconds: 5 * MINUTE,
    retentionSeconds: HOUR,
    deleteAfterSeconds: HOUR,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = (typeof jobQueues)[keyof typeof jobQueues]['name'];
