/**
 * The payments reconciler's job (`payments.reconcile`, every minute from any process: pg-boss's
 * cron keeps one run per slot): asks the provider about attempts still open after a few minutes,
 * so that nothing depends on the browser coming back or a notification arriving.
 */
import type { JobQueue } from '../../jobs/queue.ts';
import { jobQueues } from '../../jobs/queues.ts';
import type { PaymentsService } from './payments.service.ts';

export const RECONCILE_CRON = '* * * * *';

export async function startPaymentsReconciler(
  queue: JobQueue,
  payments: PaymentsService,
  pollingIntervalSeconds = 30,
): Promise<{ stop(): Promise<void> }> {
  const name = jobQueues.paymentsReconcile.name;
  await queue.boss.schedule(name, RECONCILE_CRON, {}, { tz: 'UTC' });
  const workerId = await queue.work(name, { pollingIntervalSeconds }, async (job) => {
    const counts = await payments.reconcile();
    if (counts.checked > 0) queue.logger.info({ jobId: job.id, ...counts }, 'payments reconciled');
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= queue.boss.offWork(name, { id: workerId, wait: true });
      return stopping;
    },
  };
}
