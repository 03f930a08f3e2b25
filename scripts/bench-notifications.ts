/**
 * The payment notifications part of `npm run bench` (`--only notifications`), on PostgreSQL:
 * NOTIFICATION_BENCH_BILLS published canteen bills (roll, meals, drafts, publication through the
 * canteen services), each family with its account linked before publication (so each bill has its
 * dossier), one card payment started for each through the canteen's checkout (`payBills`, which
 * opens the payment's dossier) and paid on the sandbox provider's hosted page (in this process);
 * the sandbox's own signed notifications are
 * captured, each is doubled, the lot shuffled, then handed to the payments service's
 * `handleNotification` (signature, inbox, applyOutcome, both dossiers' timelines, the canteen's
 * settlement and the receipt's mail job; no mail worker runs, so the receipts are queued, neither
 * rendered nor sent)
 * NOTIFICATION_BENCH_CONCURRENCY at a time, as a burst reaches the endpoint (the service applies
 * NOTIFICATIONS_AT_ONCE of them at a time, the others waiting their turn). As every page target
 * of the bench has its warm-up, the notifications of NOTIFICATION_BENCH_WARMUP_BILLS more bills
 * are applied first the same way and not counted: a portal that has been running has its
 * statements prepared on its connections and its code compiled, and a measure of a few seconds
 * would otherwise count that start. Measured: verified notifications applied per second (goal: at
 * least 500), and everything checked afterwards, the warm-up's included: each payment settled
 * once, each bill paid, one capture each in the ledger, every copy answered, kept once in the
 * inbox.
 *
 * In the process, without HTTP: the notification endpoint's own cost (Fastify, the raw body) is not
 * in this figure.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdjustableClock } from '../dev/psp-sandbox/clock.ts';
import { DEVELOPMENT_MERCHANTS } from '../dev/psp-sandbox/config.ts';
import { buildPspSandbox } from '../dev/psp-sandbox/server.ts';
import { futureExpiry } from '../dev/psp-sandbox/test-support.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { canteenInvoiceHandler, payBills } from '../src/features/canteen/payment.service.ts';
import { linkByRollEmail } from '../src/features/canteen/family.service.ts';
import { generateDrafts, publishMonth } from '../src/features/canteen/invoicing.service.ts';
import { importMeals, importRoll, setTariff } from '../src/features/canteen/roll.service.ts';
import { MailService } from '../src/features/notifications/mail.service.ts';
import { PayableRegistry, PaymentsService, SandboxProvider } from '../src/features/payments/payments.service.ts';
import { createJobQueue } from '../src/jobs/queue.ts';
import { seedDemoData } from '../src/seed/demo.ts';
import { buildAccount } from '../test/factories/accounts.ts';

export const NOTIFICATION_BENCH_BILLS = 1000;
/** Bills whose notifications are applied before the measure (each twice, as the measured ones). */
export const NOTIFICATION_BENCH_WARMUP_BILLS = 200;
export const NOTIFICATION_BENCH_CONCURRENCY = 16;
export const NOTIFICATION_BENCH_GOAL = 500;

export interface NotificationBenchResult {
  readonly bills: number;
  /** Bills whose notifications were applied first, not counted. */
  readonly warmupBills: number;
  readonly notifications: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly appliedPerSecond: number;
  readonly handledPerSecond: number;
  readonly checks: readonly string[];
  readonly met: boolean;
}

interface Captured {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const ESTABLISHMENT = 'ecole-de-fontvieille';

/** Runs `work` on a database of its own on the server of `adminUrl`, dropped afterwards. */
async function onOwnDatabase<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `monguichet_bench_notifications_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The measure, on a fresh database of its own (migrated, demo catalogue) on `adminUrl`'s server. */
export async function benchNotifications(
  adminUrl: string,
  log: (message: string) => void,
  bills = NOTIFICATION_BENCH_BILLS,
  concurrency = NOTIFICATION_BENCH_CONCURRENCY,
): Promise<NotificationBenchResult> {
  return onOwnDatabase(adminUrl, (url) => measure(url, log, bills, NOTIFICATION_BENCH_WARMUP_BILLS, concurrency));
}

/** Each notification twice, in a random order. */
function doubledAndShuffled(notifications: readonly Captured[]): Captured[] {
  const deliveries = [...notifications, ...notifications];
  for (let i = deliveries.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j] as Captured, deliveries[i] as Captured];
  }
  return deliveries;
}

async function measure(
  databaseUrl: string,
  log: (message: string) => void,
  measuredBills: number,
  warmupBills: number,
  concurrency: number,
): Promise<NotificationBenchResult> {
  const bills = measuredBills + warmupBills;
  const database = await connectDatabase({ kind: 'postgres', url: databaseUrl, poolMax: concurrency + 2 });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const jobs = await createJobQueue(database, { logger: quiet });
  // The sandbox's notifications go to this receiver, which keeps them for the measure.
  const captured: Captured[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      captured.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200).end('ok');
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const sandbox = buildPspSandbox(
    {
      nodeEnv: 'test',
      publicUrl: 'http://127.0.0.1:3902',
      stateDir: undefined,
      merchants: DEVELOPMENT_MERCHANTS,
      sessionTtlSeconds: 3600,
      authorisationHangMs: 0,
      notificationTimeoutMs: 5000,
      background: false,
    },
    { clock: new AdjustableClock() },
  );
  const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  try {
    const db = database.db;
    log(`notifications: migrating, then ${bills} bills through the canteen services`);
    await migrateToLatest(db);
    await seedDemoData(db);
    const encode = (text: string) => new TextEncoder().encode(text);
    const roll = [
      'pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role',
    ];
    for (let i = 0; i < bills; i += 1)
      roll.push(`N${i};Famille${i};Enfant;2017-03-14;CE2;payeur${i}@example.org;payer;;`);
    await importRoll(db, { establishmentSlug: ESTABLISHMENT, year: '2026-2027', file: encode(`${roll.join('\n')}\n`) });
    await setTariff(db, { establishmentSlug: ESTABLISHMENT, from: '2026-09-01', price: '5.57' });
    const meals = ['pupil_ref;date;quantity'];
    for (let i = 0; i < bills; i += 1) meals.push(`N${i};2026-10-05;1`);
    await importMeals(db, { establishmentSlug: ESTABLISHMENT, file: encode(`${meals.join('\n')}\n`) });
    // Each family has its account, linked to its child before the bills are published: as in the
    // portal, each bill opens its dossier, and each payment its own, with the receipt e-mail.
    const accounts = new Map<string, string>();
    for (let i = 0; i < bills; i += 1) {
      const account = await buildAccount(db, { email: `payeur${i}@example.org` });
      await linkByRollEmail(db, account.id);
      accounts.set(`payeur${i}@example.org`, account.id);
    }
    await generateDrafts(db, { establishmentSlug: ESTABLISHMENT, month: '2026-10' });
    const dropped = { mail: { enqueue: async () => 'dropped' }, publicUrl: 'http://127.0.0.1' };
    const published = await publishMonth(db, dropped, { establishmentSlug: ESTABLISHMENT, month: '2026-10' });
    const invoices = await db
      .selectFrom('invoice')
      .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
      .select(['invoice.id', 'invoice.payer_email'])
      .where('invoice.status', '=', 'to_pay')
      .execute();
    if (invoices.length !== bills || published.published.length !== bills)
      throw new Error(`expected ${bills} published bills, found ${invoices.length}`);

    const payments = new PaymentsService({
      db,
      provider: new SandboxProvider({
        apiUrl: sandboxUrl,
        merchantSecrets: DEVELOPMENT_MERCHANT_SECRETS,
        timeoutMs: 10_000,
      }),
      registry: new PayableRegistry().register(
        canteenInvoiceHandler({ mail: new MailService(jobs), publicUrl: receiverUrl }),
      ),
      // The provider notifies the receiver (its notify URL starts with this), not a portal.
      publicUrl: receiverUrl,
      tokenSecret: randomUUID(),
    });

    log(`notifications: starting and paying ${bills} card payments on the sandbox`);
    for (const invoice of invoices) {
      // The canteen's own checkout of the bill, as the basket's "Payer" starts it.
      const answer = await payBills(db, payments, {
        accountId: accounts.get(invoice.payer_email) ?? '',
        invoiceIds: [invoice.id],
        idempotencyKey: randomUUID(),
        lang: 'fr',
        returnPath: '/',
      });
      if (answer.kind !== 'redirect' || answer.redirect.kind !== 'url') throw new Error(`checkout: ${answer.kind}`);
      const path = new URL(answer.redirect.url).pathname;
      const page = await sandbox.inject(path);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const paid = await sandbox.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          csrf,
          numero: '4242424242424242',
          expiration: futureExpiry(),
          cryptogramme: '123',
          titulaire: 'Banc Essai',
          action: 'payer',
        }).toString(),
      });
      if (paid.statusCode !== 303) throw new Error(`the sandbox answered ${paid.statusCode} to a payment`);
    }
    const succeeded = captured.filter((c) => c.body.toString('utf8').includes('succeeded'));
    if (succeeded.length < bills)
      throw new Error(`${succeeded.length} success notifications captured for ${bills} payments`);

    // `concurrency` deliveries at a time; answers other than 2xx are counted.
    let failed = 0;
    const deliver = async (deliveries: readonly Captured[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let item = deliveries[next++]; item; item = deliveries[next++]) {
            const headers: Record<string, string | undefined> = {};
            for (const [name, value] of Object.entries(item.headers))
              headers[name] = Array.isArray(value) ? value.join(', ') : value;
            const ack = await payments.handleNotification('sandbox', {
              method: 'POST',
              headers,
              query: new URLSearchParams(),
              rawBody: new Uint8Array(item.body),
              receivedAt: new Date(),
            });
            if (ack.status >= 300) failed += 1;
          }
        }),
      );
    };
    log(`notifications: warming up with ${warmupBills * 2} notifications, ${concurrency} at a time (not counted)`);
    await deliver(doubledAndShuffled(succeeded.slice(0, warmupBills)));
    const deliveries = doubledAndShuffled(succeeded.slice(warmupBills));
    log(`notifications: applying ${deliveries.length} notifications, ${concurrency} at a time`);
    const started = process.hrtime.bigint();
    await deliver(deliveries);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const count = async (
      table: 'payment_attempt' | 'payment_ledger_entry' | 'invoice' | 'payment_notification',
      column: string,
      value: string,
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where(column as never, '=', value as never)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const inboxRows = async () =>
      Number(
        (
          await db
            .selectFrom('payment_notification')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const checks = [
      ['attempts SUCCEEDED', await count('payment_attempt', 'state', 'SUCCEEDED'), bills],
      ['ledger captures', await count('payment_ledger_entry', 'kind', 'capture'), bills],
      ['bills paid', await count('invoice', 'status', 'paid'), bills],
      ['notifications applied', await count('payment_notification', 'status', 'APPLIED'), bills],
      ['notifications kept in the inbox (each once, whatever its copies)', await inboxRows(), bills],
      ['notifications refused', failed, 0],
    ] as const;
    const problems = checks
      .filter(([, got, want]) => got !== want)
      .map(([what, got, want]) => `${what}: ${got}, expected ${want}`);
    if (problems.length > 0) throw new Error(`the notifications were not applied exactly once: ${problems.join('; ')}`);
    const appliedPerSecond = measuredBills / seconds;
    return {
      bills: measuredBills,
      warmupBills,
      notifications: deliveries.length,
      concurrency,
      seconds,
      appliedPerSecond,
      handledPerSecond: deliveries.length / seconds,
      checks: checks.map(([what, got]) => `${what}: ${got}`),
      met: appliedPerSecond >= NOTIFICATION_BENCH_GOAL,
    };
  } finally {
    await sandbox.close();
    receiver.close();
    await jobs.stop();
    await database.close();
  }
}

export function notificationsReport(result: NotificationBenchResult): string {
  return [
    '',
    '## Payment notifications',
    '',
    `${result.bills} card payments paid on the sandbox, their ${result.bills} signed success notifications each delivered twice in a random order (${result.notifications}), handed to the payments service ${result.concurrency} at a time, in the process (no HTTP), on PostgreSQL, after a warm-up of ${result.warmupBills} more payments' notifications delivered the same way (not counted):`,
    `**${result.appliedPerSecond.toFixed(0)} applied/s** (${result.handledPerSecond.toFixed(0)} notifications handled/s, duplicates included; ${result.seconds.toFixed(1)} s); goal at least ${NOTIFICATION_BENCH_GOAL} applied/s: **${result.met ? 'met' : 'not met'}**.`,
    `Checked afterwards: ${result.checks.join('; ')}.`,
    '',
  ].join('\n');
}
