/**
 * Every job worker of a portal process, registered once here (as the queues are declared once in
 * queues.ts): `startWorkers` starts them all, and the handle it returns stops them all. Also the
 * features' purge hooks of the housekeeping job (`expiredDataPurgers`).
 */
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import * as accounts from '../features/accounts/accounts.service.ts';
import * as audit from '../features/audit/audit.service.ts';
import * as mconnect from '../features/mconnect/mconnect.service.ts';
import * as notifications from '../features/notifications/mail.service.ts';
import { mailTransportFor } from '../features/notifications/mail.transport.ts';
import { PaymentsService, paymentProviderFrom } from '../features/payments/payments.service.ts';
import { startPaymentsReconciler } from '../features/payments/reconciler.ts';
import { payableRegistry } from '../app.ts';
import { startHousekeeping, type ExpiredDataPurger } from './housekeeping.ts';
import type { JobQueue } from './queue.ts';

/**
 * The hooks of the features that own expiring personal data (docs/retention.md), run by the
 * housekeeping job and by `monguichet purge`, in the order their counts are logged and printed.
 */
export const expiredDataPurgers: readonly ExpiredDataPurger[] = [
  mconnect.purgeExpired,
  accounts.purgeExpired,
  audit.purgeExpired,
  notifications.purgeExpired,
];

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
      await notifications.startMailWorker(jobs, mailTransportFor(config, database.db), {
        concurrency: config.mail.concurrency,
      }),
    );
    // `housekeeping.purge`: deletes personal data whose lifetime ended, every 15 minutes.
    started.push(
      await startHousekeeping(jobs, database.db, expiredDataPurgers, {
        sessionIdleMinutes: config.session.idleMinutes,
      }),
    );
    // `payments.reconcile`: asks the payment provider about attempts left open, every minute.
    started.push(
      await startPaymentsReconciler(
        jobs,
        new PaymentsService({
          db: database.db,
          provider: paymentProviderFrom(config.payments),
          registry: payableRegistry({
            mail: new notifications.MailService(jobs),
            publicUrl: config.publicUrl,
            logger: jobs.logger,
          }),
          publicUrl: config.publicUrl,
          tokenSecret: config.sessionSecret,
          logger: jobs.logger,
        }),
      ),
    );
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
