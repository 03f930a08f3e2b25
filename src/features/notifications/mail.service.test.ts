/**
 * Outgoing mail end to end: enqueued through the job queue on the test database, delivered by the
 * worker to a real SMTP server on 127.0.0.1, retried while the server refuses or is down, never sent
 * when the transaction that enqueued it rolls back, and logged without addresses or content; the
 * service's configured name written in place of the default brand.
 * Retries use a one-second delay here (the real queue waits 30 s, then backs off).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordingLogger } from '../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { freePort, startSmtpServer, waitFor, type TestSmtpServer } from '../../../test/helpers/smtp.ts';
import { createJobQueue } from '../../jobs/queue.ts';
import { jobQueues } from '../../jobs/queues.ts';
import { sql } from 'kysely';
import { MailService, mailOfJob, startMailWorker, type MailWorker } from './mail.service.ts';
import { paymentReceipt, type PaymentReceiptMailData } from './payment-receipt.mail.ts';
import { composeMail, notice } from './mail.templates.tsx';
import type { Config } from '../../config.ts';
import { billAvailable } from './bill-available.mail.ts';
import {
  brandedTransport,
  devMailboxTransport,
  mailTransportFor,
  smtpTransport,
  type SmtpTimeouts,
} from './mail.transport.ts';
import type { OutgoingMail } from './mail.types.ts';

const QUEUE = jobQueues.mailSend.name;
const FROM = 'MonGuichet.mc <ne-pas-repondre@monguichet.mc>';
const FAST_TIMEOUTS: SmtpTimeouts = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 };

const database = await createTestDatabase();
const logger = recordingLogger();
const queue = await createJobQueue(database, { logger });
const mail = new MailService(queue, { retryLimit: 20, retryDelay: 1, retryBackoff: false });

const servers: TestSmtpServer[] = [];
const workers: MailWorker[] = [];
after(async () => {
  for (const worker of workers) await worker.stop();
  await queue.stop();
  for (const server of servers) await server.close();
  await database.close();
});

async function smtpServer(options?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

/** A worker for one test; stopped at the end of it, so the next test's worker is the only one. */
async function withWorker<T>(smtpUrl: string, run: () => Promise<T>): Promise<T> {
  const worker = await startMailWorker(queue, smtpTransport(smtpUrl, FROM, FAST_TIMEOUTS), {
    pollingIntervalSeconds: 0.5,
  });
  workers.push(worker);
  try {
    return await run();
  } finally {
    await worker.stop();
  }
}

function completed(id: string) {
  return waitFor(`mail job ${id} to complete`, async () => {
    const job = await queue.boss.getJobById(QUEUE, id);
    assert.notEqual(job?.state, 'failed', 'the job failed for good');
    return job?.state === 'completed' ? job : undefined;
  });
}

function sampleMail(to: string, title: string): OutgoingMail {
  return composeMail(to, 'fr', notice, {
    subject: `${title} — « été » à l’École`,
    title,
    paragraphs: ['Zoé, Loïc et Anaïs : la cantine de décembre est disponible.'],
    action: { label: 'Voir mes factures', url: 'https://monguichet.mc/demarches?x=1&y=é' },
  });
}

function assertLogsKeepPrivate(message: OutgoingMail): void {
  const logged = JSON.stringify(logger.entries);
  assert.ok(!logged.includes(message.to), 'an address was logged');
  assert.ok(!logged.includes(message.subject), 'a subject was logged');
  assert.ok(!logged.includes('cantine'), 'a body was logged');
}

test('an enqueued e-mail reaches a real SMTP server once, with its recipient, subject, text and HTML intact', async () => {
  const server = await smtpServer();
  const message = sampleMail('parent.one@example.mc', 'Vos factures de décembre');
  await withWorker(server.url, async () => {
    const id = await mail.enqueue(database.db, message);
    await completed(id);
  });
  assert.equal(server.received.length, 1);
  const [received] = server.received;
  assert.ok(received);
  assert.deepEqual(received.recipients, ['parent.one@example.mc']);
  assert.equal(received.parsed.to, 'parent.one@example.mc');
  assert.equal(received.parsed.subject, message.subject);
  assert.match(received.parsed.headers.get('from') ?? '', /ne-pas-repondre@monguichet\.mc/);
  assert.equal(received.parsed.text, message.text);
  assert.match(received.parsed.text ?? '', /Zoé, Loïc et Anaïs/);
  assert.equal(received.parsed.html, message.html);
  assert.match(received.parsed.html ?? '', /href="https:\/\/monguichet\.mc\/demarches\?x=1&amp;y=%C3%A9"/);
  assertLogsKeepPrivate(message);
  assert.ok(logger.entries.some((entry) => entry.message === 'mail delivered'));
});

test('a server that refuses twice (451) gets the e-mail on the third attempt, once', async () => {
  const server = await smtpServer({ refuseFirst: 2 });
  const message = sampleMail('parent.two@example.mc', 'Paiement reçu');
  const job = await withWorker(server.url, async () => {
    const id = await mail.enqueue(database.db, message);
    return completed(id);
  });
  assert.equal(job.retryCount, 2, 'two failed attempts, then success');
  assert.equal(server.rcptAttempts, 3);
  assert.equal(server.received.length, 1);
  assert.equal(server.received[0]?.parsed.subject, message.subject);
  // Nothing arrives later either: the job is done.
  await sleep(1500);
  assert.equal(server.received.length, 1);
  assert.ok(logger.entries.some((entry) => entry.level === 'warn' && JSON.stringify(entry.details).includes('451')));
  assertLogsKeepPrivate(message);
});

test('while the server is down the e-mail waits and is retried; it arrives once the server is up', async () => {
  const port = await freePort();
  const message = sampleMail('parent.three@example.mc', 'Compte créé');
  let server: TestSmtpServer | undefined;
  const job = await withWorker(`smtp://127.0.0.1:${port}`, async () => {
    const id = await mail.enqueue(database.db, message);
    await waitFor('a failed attempt', async () => {
      const current = await queue.boss.getJobById(QUEUE, id);
      return current && current.retryCount >= 1 ? current : undefined;
    });
    server = await smtpServer({ port });
    return completed(id);
  });
  assert.ok(job.retryCount >= 1);
  assert.ok(server);
  assert.equal(server.received.length, 1);
  assert.equal(server.received[0]?.parsed.subject, message.subject);
  assertLogsKeepPrivate(message);
});

test('an e-mail enqueued in a transaction that rolls back is never sent', async () => {
  const server = await smtpServer();
  const rolledBack = sampleMail('parent.rollback@example.mc', 'Ne doit pas partir');
  const committed = sampleMail('parent.commit@example.mc', 'Doit partir');
  await withWorker(server.url, async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await mail.enqueue(trx, rolledBack);
        throw new Error('the account could not be created');
      }),
      /could not be created/,
    );
    const id = await database.db.transaction().execute((trx) => mail.enqueue(trx, committed));
    await completed(id);
  });
  assert.deepEqual(
    server.received.map((m) => m.recipients),
    [['parent.commit@example.mc']],
  );
  assert.deepEqual(await queue.boss.findJobs(QUEUE, { data: { to: rolledBack.to } }), []);
});

test('a burst of e-mails queued before the worker starts is delivered in batches, each once, a refused one retried alone', async () => {
  const server = await smtpServer({ refuseFirst: 1 });
  const burst = Array.from({ length: 40 }, (_, i) => sampleMail(`parent.burst${i}@example.mc`, `Lien ${i}`));
  const ids = await database.db
    .transaction()
    .execute(async (trx) => Promise.all(burst.map((message) => mail.enqueue(trx, message))));
  const worker = await startMailWorker(queue, smtpTransport(server.url, FROM, FAST_TIMEOUTS, 3), {
    concurrency: 3,
    pollingIntervalSeconds: 0.5,
  });
  workers.push(worker);
  let jobs;
  try {
    jobs = await Promise.all(ids.map((id) => completed(id)));
  } finally {
    await worker.stop();
  }
  const recipients = server.received.flatMap((received) => received.recipients).sort();
  assert.deepEqual(recipients, burst.map((message) => message.to).sort());
  // The one refusal failed its own job only: retried once, while the rest of its batch went through.
  assert.equal(jobs.filter((job) => job.retryCount === 1).length, 1);
  assert.equal(jobs.filter((job) => job.retryCount === 0).length, burst.length - 1);
});

test('the development mailbox transport keeps the message in dev_mail', async () => {
  const worker = await startMailWorker(queue, devMailboxTransport(database.db), { pollingIntervalSeconds: 0.5 });
  workers.push(worker);
  const message = sampleMail('parent.dev@example.mc', 'Boîte de développement');
  try {
    await completed(await mail.enqueue(database.db, message));
  } finally {
    await worker.stop();
  }
  const rows = await database.db.selectFrom('dev_mail').selectAll().where('to_address', '=', message.to).execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.subject, message.subject);
  assert.equal(rows[0]?.text_body, message.text);
  assert.equal(rows[0]?.html_body, message.html);
});

test('with SERVICE_NAME set, every e-mail names the service by it, in its subject, text and HTML', async () => {
  const transport = mailTransportFor(
    { mail: { transport: 'dev-mailbox' } as Config['mail'], serviceName: "Guichet d'essai" },
    database.db,
  );
  const worker = await startMailWorker(queue, transport, { pollingIntervalSeconds: 0.5 });
  workers.push(worker);
  const message = composeMail('parent.brand@example.mc', 'fr', billAvailable, {
    payerEmail: 'parent.brand@example.mc',
    establishmentName: 'École de Fontvieille',
    creditorName: 'Restauration scolaire',
    month: '2026-10',
    number: 'RSP-2026-000001',
    totalCents: 557,
    onlineDeadline: '2026-11-23',
    account: 'none',
    invoicesUrl: 'https://monguichet.mc/mes-factures',
    childrenUrl: 'https://monguichet.mc/mes-enfants',
    signUpUrl: 'https://monguichet.mc/creer-mon-compte',
  });
  assert.match(message.text, /MonGuichet\.mc/, 'the catalogues write the default brand');
  try {
    await completed(await mail.enqueue(database.db, message));
  } finally {
    await worker.stop();
  }
  const row = await database.db
    .selectFrom('dev_mail')
    .selectAll()
    .where('to_address', '=', message.to)
    .executeTakeFirstOrThrow();
  for (const body of [row.subject, row.text_body, row.html_body])
    assert.doesNotMatch(body, /MonGuichet\.mc/, 'the default brand is replaced');
  assert.match(row.text_body, /^Guichet d'essai\n/);
  assert.match(row.text_body, /disponible sur Guichet d'essai\./);
  assert.match(row.html_body, /Guichet d&#39;essai/);
  // Its lower-case address is an address, not the brand.
  assert.match(row.text_body, /contact@monguichet\.mc/);
  // With the default name, the transport is the plain one.
  const plain = devMailboxTransport(database.db);
  assert.equal(brandedTransport(plain, 'MonGuichet.mc'), plain);
});

test('an e-mail with a malformed recipient or a multi-line subject is refused before it is queued', async () => {
  const good = sampleMail('parent.four@example.mc', 'Valide');
  for (const bad of [
    { ...good, to: 'a@example.mc, b@example.mc' },
    { ...good, to: 'not an address' },
    { ...good, subject: 'Line one\r\nBcc: someone@example.org' },
  ]) {
    await assert.rejects(mail.enqueue(database.db, bad));
  }
  assert.deepEqual(await queue.boss.findJobs(QUEUE, { data: { subject: good.subject } }), []);
});

const RECEIPT: PaymentReceiptMailData = {
  reference: 'PAY-2026-000123',
  amountCents: 5570,
  paidAt: new Date('2026-10-14T08:30:00Z'),
  creditorName: 'Régie des cantines',
  bills: [{ number: 'CAN-2026-000042', establishmentName: 'École de Fontvieille', month: '2026-10', paidCents: 5570 }],
  receiptUrl: 'https://monguichet.mc/mes-factures/paiements/PAY-2026-000123/recu.pdf',
};

test('a deferred template’s e-mail is queued with its data and rendered by the worker when it sends it, as composed at once', async () => {
  const server = await smtpServer();
  const to = 'parent.receipt@example.mc';
  const part = await mail.enqueueTemplatePart(to, 'en', 'payment-receipt', RECEIPT);
  const { rows } = await database.db
    .transaction()
    .execute((trx) => sql<{ id: string }>`with job as (${part}) select id::text as id from job`.execute(trx));
  const id = rows[0]?.id ?? '';
  const queued = await queue.boss.getJobById(QUEUE, id);
  assert.equal((queued?.data as { template?: string }).template, 'payment-receipt', 'the job carries the template');
  assert.equal((queued?.data as { html?: string }).html, undefined, 'and no rendered e-mail');
  const expected = composeMail(to, 'en', paymentReceipt, RECEIPT);
  assert.deepEqual(mailOfJob(queued?.data), expected);
  await withWorker(server.url, () => completed(id));
  assert.equal(server.received.length, 1);
  const [received] = server.received;
  assert.deepEqual(received?.recipients, [to]);
  assert.equal(received?.parsed.subject, expected.subject);
  assert.equal(received?.parsed.text, expected.text);
  assert.equal(received?.parsed.html, expected.html);
});

test('a deferred template’s data is checked when queued and again when sent: bad data is never rendered', async () => {
  for (const bad of [
    { ...RECEIPT, amountCents: -1 },
    { ...RECEIPT, receiptUrl: 'javascript:alert(1)' },
    { ...RECEIPT, bills: [{ ...RECEIPT.bills[0], month: '2026-13' }] },
  ])
    await assert.rejects(mail.enqueueTemplatePart('parent@example.mc', 'fr', 'payment-receipt', bad as never));
  await assert.rejects(mail.enqueueTemplatePart('a@example.mc, b@example.mc', 'fr', 'payment-receipt', RECEIPT));
  await assert.rejects(mail.enqueueTemplatePart('parent@example.mc', 'de' as never, 'payment-receipt', RECEIPT));
  // A job whose data was changed after it was queued is not sent.
  const job = { to: 'parent@example.mc', lang: 'fr', template: 'payment-receipt', data: RECEIPT };
  assert.ok(mailOfJob(JSON.parse(JSON.stringify(job))), 'the job as queued renders');
  assert.equal(mailOfJob({ ...job, template: 'unknown' }), undefined);
  assert.equal(mailOfJob({ ...job, data: { ...RECEIPT, paidAt: 'not a date' } }), undefined);
  assert.equal(mailOfJob({ ...job, data: { ...RECEIPT, receiptUrl: 'ftp://x' } }), undefined);
});

test('without a job queue, enqueue throws instead of losing the e-mail', async () => {
  await assert.rejects(
    new MailService(undefined).enqueue(database.db, sampleMail('x@example.mc', 'X')),
    /no job queue/,
  );
});
