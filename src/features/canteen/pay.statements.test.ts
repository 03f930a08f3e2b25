/**
 * How many statements applying a verified payment notification sends to the database, counted on
 * the connection (transaction control included): a canteen bill with its dossier, paid through the
 * canteen's checkout (the payment's dossier) on the sandbox, whose signed success notification is
 * handed to the payments service. Each statement is a round trip in the payment's transaction, and
 * round trips are what limits the notifications applied per second (BENCHMARKS.md), so a change
 * that adds one is seen here. The list of statements is in the payments README.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Receiver } from '../../../dev/psp-sandbox/test-support.ts';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { startTestPsp } from '../../../test/helpers/psp.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { PGliteDialect } from '../../db/pglite-dialect.ts';
import { createJobQueue } from '../../jobs/queue.ts';
import { MailService } from '../notifications/mail.service.ts';
import type { InboundHttp } from '../payments/provider.port.ts';
import { PayableRegistry, PaymentsService, SandboxProvider } from '../payments/payments.service.ts';
import { linkByRollEmail } from './family.service.ts';
import { generateDrafts, publishMonth } from './invoicing.service.ts';
import { canteenInvoiceHandler, payBills } from './payment.service.ts';

/** Applying one success notification: its transaction, from `begin` to `commit`. */
const APPLY_STATEMENTS = 5;
/**
 * A copy of a notification already received, reaching a process that did not apply it (another
 * process of the portal, or this one after a restart): the inbox's unique key answers at once. The
 * process that applied it answers a copy without a statement.
 */
const DUPLICATE_STATEMENTS = 3;

const database = await createTestDatabase({ seed: true });
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const jobs = await createJobQueue(database, { logger: quiet });
const psp = await startTestPsp();
const receiver = await Receiver.start();

/** The same database through a second handle that writes down every statement it sends. */
const statements: string[] = [];
const access = database.access;
const counted = new Kysely<Database>({
  dialect:
    access.kind === 'pglite'
      ? new PGliteDialect(access.session)
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: access.url, max: 2 }) }),
  log: (event) => {
    statements.push(event.query.sql.replace(/\s+/g, ' ').trim());
  },
});
after(async () => {
  await counted.destroy();
  await receiver.close();
  await psp.close();
  await jobs.stop();
  await database.close();
});

/** What the canteen's handler reported at the logs' `error` level. */
const alerts: { details: object; message: string }[] = [];
const paymentsDeps = {
  db: counted,
  provider: new SandboxProvider({ apiUrl: psp.url, merchantSecrets: DEVELOPMENT_MERCHANT_SECRETS, timeoutMs: 5000 }),
  registry: new PayableRegistry().register(
    canteenInvoiceHandler({
      mail: new MailService(jobs),
      publicUrl: 'https://portail.example.mc',
      logger: { error: (details, message) => alerts.push({ details, message }) },
    }),
  ),
  publicUrl: new URL(receiver.url).origin,
  tokenSecret: randomUUID(),
};
const payments = new PaymentsService(paymentsDeps);

/** A parent's bill with its dossier, paid on the sandbox: the success notification it sent, not yet handled. */
async function paidBill() {
  const db = database.db;
  const n = randomBytes(4).toString('hex');
  const email = `parent.${n}@example.mc`;
  await canteenWithMeals(db, {
    establishment: 'ecole-de-fontvieille',
    pupils: [{ ref: `S${n}`, firstName: 'Léa', guardians: [{ email, role: 'payer' }] }],
    meals: 4,
  });
  const account = await buildAccount(db, { email });
  await linkByRollEmail(db, account.id);
  await generateDrafts(db, { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10' });
  await publishMonth(
    db,
    { mail: { enqueue: async () => 'dropped' }, publicUrl: 'https://portail.example.mc' },
    { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10' },
  );
  const bill = await db
    .selectFrom('invoice')
    .select(['id', 'dossier_id'])
    .where('payer_email_key', '=', email)
    .executeTakeFirstOrThrow();
  assert.ok(bill.dossier_id, 'the bill has its dossier');

  const answer = await payBills(db, payments, {
    accountId: account.id,
    invoiceIds: [bill.id],
    idempotencyKey: randomUUID(),
    lang: 'fr',
    returnPath: '/',
  });
  assert.ok(answer.kind === 'redirect' && answer.redirect.kind === 'url');
  const from = receiver.received.length;
  assert.equal((await psp.pay(answer.redirect.url, '4242424242424242')).statusCode, 303);
  const received = receiver.received.slice(from).find((r) => r.body.includes('succeeded'));
  assert.ok(received, 'the provider notified the success');
  const notification: InboundHttp = {
    method: 'POST',
    headers: {
      'content-type': String(received.headers['content-type']),
      'sandbox-signature': String(received.headers['sandbox-signature']),
    },
    query: new URLSearchParams(),
    rawBody: new TextEncoder().encode(received.body),
    receivedAt: new Date(),
  };

  return { account, bill, answer, email, notification };
}

/** What a payment left: its attempt, its bill's status, its ledger's entries in order. */
async function recorded(attemptId: string, billId: string) {
  const db = database.db;
  const attempt = await db
    .selectFrom('payment_attempt')
    .select(['state', 'reference', 'dossier_id'])
    .where('id', '=', attemptId)
    .executeTakeFirstOrThrow();
  const { status } = await db.selectFrom('invoice').select('status').where('id', '=', billId).executeTakeFirstOrThrow();
  const ledger = await db
    .selectFrom('payment_ledger_entry')
    .select('kind')
    .where('attempt_id', '=', attemptId)
    .orderBy('id')
    .execute();
  return { attempt, billStatus: status, ledger: ledger.map((l) => l.kind) };
}

test('applying a success notification takes a fixed, small number of statements; a copy of it three, or none in the process that applied it', async () => {
  const db = database.db;
  const { bill, answer, email, notification } = await paidBill();

  statements.length = 0;
  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  const applying = [...statements];
  statements.length = 0;
  assert.equal((await new PaymentsService(paymentsDeps).handleNotification('sandbox', notification)).status, 200);
  const duplicate = [...statements];
  statements.length = 0;
  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  assert.deepEqual(statements, [], 'the process that applied it answers a copy from memory');

  // What it did: the payment settled the bill once, both dossiers tell it, one receipt queued.
  const { attempt, billStatus, ledger } = await recorded(answer.attemptId, bill.id);
  assert.equal(attempt.state, 'SUCCEEDED');
  assert.equal(billStatus, 'paid');
  assert.deepEqual(ledger, ['capture']);
  const dossiers = await db
    .selectFrom('dossier')
    .select(['id', 'status'])
    .where('id', 'in', [bill.dossier_id, attempt.dossier_id ?? bill.dossier_id])
    .execute();
  assert.equal(dossiers.length, 2, 'the payment has its dossier too');
  assert.ok(dossiers.every((d) => d.status === 'terminee'));
  const receipts = (await queuedMails(db, email)).filter((m) => /paiement/i.test(m.subject));
  assert.equal(receipts.length, 1);
  // What the receipt names came with the bills' lock, inside the state change (as JSON).
  const published = await db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .select(['invoice.number', 'establishment.name'])
    .where('invoice.id', '=', bill.id)
    .executeTakeFirstOrThrow();
  assert.ok(published.number && receipts[0]?.text_body.includes(published.number), 'the receipt names the bill');
  assert.ok(receipts[0]?.text_body.includes(published.name), 'and its school');

  assert.equal(
    applying.length,
    APPLY_STATEMENTS,
    `applying took ${applying.length} statements:\n${applying.map((s, i) => `${i + 1}. ${s.slice(0, 160)}`).join('\n')}`,
  );
  assert.equal(
    duplicate.length,
    DUPLICATE_STATEMENTS,
    `a copy took ${duplicate.length} statements:\n${duplicate.map((s) => s.slice(0, 160)).join('\n')}`,
  );
});

test('an account closed before its payment is notified: the bill is settled, no receipt is queued', async () => {
  const db = database.db;
  const { account, bill, email, notification } = await paidBill();
  await db.updateTable('account').set({ closed_at: new Date() }).where('id', '=', account.id).execute();

  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  assert.equal(
    (await db.selectFrom('invoice').select('status').where('id', '=', bill.id).executeTakeFirstOrThrow()).status,
    'paid',
  );
  assert.equal((await queuedMails(db, email)).filter((m) => /paiement/i.test(m.subject)).length, 0);
});

test('a receipt whose data its template refuses (a creditor’s name too long for it): the payment is recorded all the same, no receipt is queued, an alert says why', async () => {
  const db = database.db;
  const { bill, answer, email, notification } = await paidBill();
  const { creditor_id, name } = await db
    .selectFrom('invoice')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .select(['invoice.creditor_id', 'creditor.name'])
    .where('invoice.id', '=', bill.id)
    .executeTakeFirstOrThrow();
  // The database takes any length; the receipt e-mail's schema stops at 200 characters.
  await db
    .updateTable('creditor')
    .set({ name: `Société ${'x'.repeat(250)}` })
    .where('id', '=', creditor_id)
    .execute();
  alerts.length = 0;
  try {
    assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  } finally {
    await db.updateTable('creditor').set({ name }).where('id', '=', creditor_id).execute();
  }

  assert.ok(answer.kind === 'redirect');
  const { attempt, billStatus, ledger } = await recorded(answer.attemptId, bill.id);
  assert.equal(attempt.state, 'SUCCEEDED');
  assert.equal(billStatus, 'paid');
  assert.deepEqual(ledger, ['capture']);
  assert.equal((await queuedMails(db, email)).filter((m) => /paiement/i.test(m.subject)).length, 0);
  assert.deepEqual(alerts, [
    {
      details: { payment: attempt.reference, fields: ['creditorName'] },
      message: 'payment receipt e-mail not queued: its data does not fit the template; the payment is recorded',
    },
  ]);
  assert.ok(!JSON.stringify(alerts).includes(email), 'the payer’s address stays out of the logs');
  // A copy of the notification finds it applied: still one capture, still no receipt.
  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  assert.deepEqual((await recorded(answer.attemptId, bill.id)).ledger, ['capture']);
  assert.equal(alerts.length, 1);
});

test('a bill paid in full meanwhile: the notification’s money is an overpayment, refunded, and no receipt is queued', async () => {
  const db = database.db;
  const { bill, answer, email, notification } = await paidBill();
  const total = (
    await db.selectFrom('invoice').select('total_cents').where('id', '=', bill.id).executeTakeFirstOrThrow()
  ).total_cents;
  // Paid by other means while the card payment was on its way (the payment columns only).
  await db.updateTable('invoice').set({ status: 'paid', paid_cents: total }).where('id', '=', bill.id).execute();

  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  const invoice = await db
    .selectFrom('invoice')
    .select(['status', 'paid_cents'])
    .where('id', '=', bill.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(invoice, { status: 'paid', paid_cents: total }, 'the bill is not paid twice');
  const ledger = await db
    .selectFrom('payment_ledger_entry')
    .select(['kind', 'amount_cents'])
    .where('attempt_id', '=', answer.attemptId)
    .execute();
  assert.deepEqual(ledger, [{ kind: 'overpayment', amount_cents: total }]);
  const refunds = await db
    .selectFrom('payment_refund')
    .select(['origin', 'amount_cents'])
    .where('attempt_id', '=', answer.attemptId)
    .execute();
  assert.deepEqual(refunds, [{ origin: 'overpayment', amount_cents: total }]);
  assert.equal((await queuedMails(db, email)).filter((m) => /paiement/i.test(m.subject)).length, 0);
});
