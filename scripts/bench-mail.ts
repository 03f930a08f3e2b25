/**
 * The mail part of `npm run bench`: MAIL_BENCH_MESSAGES e-mails queued in the bench database, then
 * one mail worker (as a portal process runs it: batches, `MAIL_CONCURRENCY` at a time, pooled SMTP)
 * delivers them to a local SMTP server (smtp-server on 127.0.0.1). Measured from the worker's
 * start to the last message accepted by the server. Goal: 500 messages in under 20 s.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { connectDatabase } from '../src/db/connect.ts';
import { composeMail, notice } from '../src/features/notifications/mail.templates.tsx';
import { DEFAULT_MAIL_CONCURRENCY, MailService, startMailWorker } from '../src/features/notifications/mail.service.ts';
import { smtpTransport } from '../src/features/notifications/mail.transport.ts';
import { createJobQueue } from '../src/jobs/queue.ts';

export const MAIL_BENCH_MESSAGES = 500;
export const MAIL_BENCH_GOAL_SECONDS = 20;

export interface MailBenchResult {
  readonly messages: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly met: boolean;
}

export async function benchMail(
  databaseUrl: string,
  log: (message: string) => void,
  concurrency = DEFAULT_MAIL_CONCURRENCY,
  timeoutMs = 120_000,
): Promise<MailBenchResult> {
  let received = 0;
  let allReceived: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
        if (received === MAIL_BENCH_MESSAGES) allReceived();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;

  const database = await connectDatabase({ kind: 'postgres', url: databaseUrl, poolMax: 4 });
  const queue = await createJobQueue(database, {
    logger: {
      info: () => undefined,
      warn: (_details, message) => log(`mail: ${message}`),
      error: (_details, message) => log(`mail: ${message}`),
    },
  });
  try {
    const mail = new MailService(queue);
    log(`mail: queueing ${MAIL_BENCH_MESSAGES} e-mails`);
    for (let i = 0; i < MAIL_BENCH_MESSAGES; i += 1) {
      await mail.enqueue(
        database.db,
        composeMail(`parent.${i}@example.org`, 'fr', notice, {
          subject: `Vérifiez votre adresse e-mail (${i})`,
          title: 'Vérifiez votre adresse e-mail',
          paragraphs: ['Pour activer votre compte MonGuichet, confirmez votre adresse.'],
          action: { label: 'Confirmer mon adresse', url: `https://monguichet.mc/verifier/${i}` },
        }),
      );
    }
    log(`mail: one worker, ${concurrency} at a time, delivering to smtp://127.0.0.1:${port}`);
    const started = process.hrtime.bigint();
    const worker = await startMailWorker(
      queue,
      smtpTransport(
        `smtp://127.0.0.1:${port}`,
        'MonGuichet.mc <ne-pas-repondre@monguichet.mc>',
        undefined,
        concurrency,
      ),
      { concurrency },
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        done,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`mail: ${received}/${MAIL_BENCH_MESSAGES} delivered after ${timeoutMs / 1000} s`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await worker.stop();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      messages: MAIL_BENCH_MESSAGES,
      concurrency,
      seconds,
      perSecond: MAIL_BENCH_MESSAGES / seconds,
      met: seconds < MAIL_BENCH_GOAL_SECONDS,
    };
  } finally {
    await queue.stop();
    await database.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function mailReport(result: MailBenchResult): string {
  return [
    '',
    '## Mail delivery',
    '',
    `${result.messages} e-mails queued, then delivered by one mail worker (${result.concurrency} at a time, pooled SMTP) to a local SMTP server:`,
    `**${result.seconds.toFixed(1)} s** (${result.perSecond.toFixed(0)} messages/s); goal under ${MAIL_BENCH_GOAL_SECONDS} s: **${result.met ? 'met' : 'not met'}**.`,
    '',
  ].join('\n');
}
