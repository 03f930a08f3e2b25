/**
 * The fault and bad-input cases of research/payment-anchors §8 that need their own test, each played
 * against the real sandbox provider (in this process, on a real port), through a real HTTP fault
 * proxy for what the sandbox cannot do itself (a session or refund call that fails or never answers,
 * a status API that is down), on the real database. After every case the ledger's invariants are
 * checked on the database (`assertInvariants`). docs/payment-fault-cases.md maps every case to its test.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { sql } from 'kysely';
import { jsonSignature } from '../../../dev/psp-sandbox/signing.ts';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { redirected, startPaymentsBench } from '../../../test/helpers/payments-bench.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../../config.ts';
import { cents, multiplyCents, parseEuros, type Cents } from '../../lib/money.ts';
import type { InboundHttp } from './provider.port.ts';
import { PayableRegistry, reconcileBackoffMs } from './payments.service.ts';

const KIND = 'fault-thing';
const MERCHANT = 'mairie-cantine';
const SECRET = DEVELOPMENT_MERCHANT_SECRETS[MERCHANT] ?? '';

/**
 * The payable side: what is due per ref (the test's input). Who settled a payable, the receipts
 * queued and the refunds it was told of are written in the payment's own transaction, so they are
 * read back from the database: a transaction rolled back leaves no trace of them.
 */
const due = new Map<string, number>();
/** Refs whose next settlement throws (a crash in the payment's transaction). */
const crashOnce = new Set<string>();

const registry = new PayableRegistry().register({
  kind: KIND,
  async onPaid(trx, items, payment) {
    for (const item of items) if (crashOnce.delete(item.ref)) throw new Error(`crash while settling ${item.ref}`);
    let unapplied = 0;
    for (const item of items) {
      const owed = due.get(item.ref) ?? 0;
      const settled =
        await sql`insert into fault_settlement (ref, attempt_id) values (${item.ref}, ${payment.attemptId})
        on conflict (ref) do nothing returning ref`.execute(trx);
      if (settled.rows.length === 0) unapplied += item.amountCents;
      // The payable's amount went down while the payment was live: the difference is not owed.
      else unapplied += Math.max(0, item.amountCents - owed);
    }
    // The receipt, queued in the payment's own transaction: sent (or not) later, on its own.
    await sql`insert into fault_receipt_outbox (attempt_id) values (${payment.attemptId})`.execute(trx);
    return { unappliedCents: cents(unapplied) };
  },
  async onRefunded(trx, items, refund) {
    for (const item of items)
      await sql`insert into fault_refund_seen (ref, amount_cents) values (${item.ref}, ${refund.amountCents})`.execute(
        trx,
      );
  },
});

const warnings: { details: object; message: string }[] = [];
const alerts: { details: object; message: string }[] = [];
/**
 * The provider calls' timeout: the cases that make a call hang wait this long, and a call that
 * works must end well within it on a loaded 2-core machine (500 ms was too short there).
 */
const PROVIDER_TIMEOUT_MS = 2000;
const bench = await startPaymentsBench({
  registry,
  throughFaultProxy: true,
  providerTimeoutMs: PROVIDER_TIMEOUT_MS,
  tokenSecret: 'fault-secret-'.repeat(4),
  logger: {
    warn: (details, message) => warnings.push({ details, message }),
    info: () => undefined,
    error: (details, message) => alerts.push({ details, message }),
  },
  returnStatusTimeoutMs: PROVIDER_TIMEOUT_MS,
});
const { db, psp, receiver, payments, account, notificationsSince, deliver, attempt } = bench;
const proxy = bench.proxy ?? assert.fail('the provider is reached through the fault proxy');

await sql`create table fault_receipt_outbox (id serial primary key, attempt_id uuid not null,
  tries integer not null default 0, sent_at timestamptz)`.execute(db);
await sql`create table fault_settlement (ref text primary key, attempt_id uuid not null)`.execute(db);
await sql`create table fault_refund_seen (id serial primary key, ref text not null, amount_cents integer not null)`.execute(
  db,
);

/** The attempt that settled a payable, if any. */
async function settlerOf(ref: string): Promise<string | undefined> {
  const { rows } = await sql<{ attempt_id: string }>`select attempt_id from fault_settlement
    where ref = ${ref}`.execute(db);
  return rows[0]?.attempt_id;
}

/** How many receipts an attempt queued. */
async function receiptsOf(attemptId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from fault_receipt_outbox
    where attempt_id = ${attemptId}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The refunds a payable was told of, in cents. */
async function refundedOf(ref: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select coalesce(sum(amount_cents), 0)::int as n from fault_refund_seen
    where ref = ${ref}`.execute(db);
  return rows[0]?.n ?? 0;
}

// ------------------------------------------------------------------------------------------------
// The invariants, checked on the database after every case

/**
 * Per attempt: at most one capture; in a success state, its money in the ledger (a capture, or an
 * overpayment with its refund queued); at most one receipt. Per merchant account: the ledger
 * balances against the attempts paid and the refunds confirmed. Per payable: captures less refunds never
 * more than its due (an overpayment is not a capture, and has its refund); settled only by an
 * attempt whose success was verified (a success state, paid cents recorded).
 */
async function assertInvariants(): Promise<void> {
  const attempts = await db
    .selectFrom('payment_attempt')
    .select(['id', 'state', 'paid_cents'])
    .where('provider', '=', 'sandbox')
    .execute();
  const ledger = await db
    .selectFrom('payment_ledger_entry')
    .select(['attempt_id', 'kind', 'debit_account', 'amount_cents'])
    .execute();
  const refunds = await db.selectFrom('payment_refund').select(['attempt_id', 'origin', 'state']).execute();
  const items = await db
    .selectFrom('payment_item')
    .select(['attempt_id', 'payable_ref', 'amount_cents'])
    .where('payable_kind', '=', KIND)
    .execute();
  const receiptRows = (
    await sql<{ attempt_id: string; n: number }>`select attempt_id, count(*)::int as n from fault_receipt_outbox
      group by attempt_id`.execute(db)
  ).rows;
  const receipts = new Map(receiptRows.map((r) => [r.attempt_id, r.n]));
  const settlements = (
    await sql<{ ref: string; attempt_id: string }>`select ref, attempt_id from fault_settlement`.execute(db)
  ).rows;
  const byId = new Map(attempts.map((a) => [a.id, a]));
  for (const attempt of attempts) {
    const entries = ledger.filter((e) => e.attempt_id === attempt.id);
    const captures = entries.filter((e) => e.kind === 'capture');
    assert.ok(captures.length <= 1, `attempt ${attempt.id}: ${captures.length} captures`);
    const overpaid = entries.filter((e) => e.kind === 'overpayment');
    if (overpaid.length > 0)
      assert.ok(
        refunds.some((r) => r.attempt_id === attempt.id && r.origin === 'overpayment'),
        `attempt ${attempt.id}: overpaid without its refund queued`,
      );
    if (attempt.state === 'SUCCEEDED' || attempt.state === 'SUCCEEDED_LATE') {
      assert.ok(attempt.paid_cents !== null, `attempt ${attempt.id}: a success without paid cents`);
      assert.ok(captures.length + overpaid.length >= 1, `attempt ${attempt.id} (${attempt.state}) not in the ledger`);
    } else {
      assert.equal(captures.length, 0, `attempt ${attempt.id} (${attempt.state}) has a capture`);
    }
    assert.ok((receipts.get(attempt.id) ?? 0) <= 1, `attempt ${attempt.id}: ${receipts.get(attempt.id)} receipts`);
  }
  for (const { ref, attempt_id: attemptId } of settlements) {
    const settler = byId.get(attemptId);
    assert.ok(
      settler && (settler.state === 'SUCCEEDED' || settler.state === 'SUCCEEDED_LATE') && settler.paid_cents !== null,
      `payable ${ref} settled by ${attemptId} (${settler?.state}) without a verified success`,
    );
  }
  const refs = new Set(items.map((i) => i.payable_ref));
  for (const ref of refs) {
    const of = new Set(items.filter((i) => i.payable_ref === ref).map((i) => i.attempt_id));
    const entries = ledger.filter((e) => e.attempt_id !== null && of.has(e.attempt_id));
    const captured = entries.filter((e) => e.kind === 'capture').reduce((s, e) => s + e.amount_cents, 0);
    const refunded = entries
      .filter((e) => e.kind === 'refund' && e.debit_account === 'refunded')
      .reduce((s, e) => s + e.amount_cents, 0);
    const owed = Math.max(...items.filter((i) => i.payable_ref === ref).map((i) => i.amount_cents));
    assert.ok(captured - refunded <= owed, `payable ${ref}: ${captured} − ${refunded} > ${owed}`);
  }
  // The ledger balances, per merchant account: what it collected is what the verified successes
  // and the payments held for review were paid, and what it gave back is the refunds the provider
  // confirmed.
  const balances = await sql<{
    merchant_id: string;
    collected: number;
    paid: number;
    given_back: number;
    refunded: number;
  }>`
    select m.merchant_id,
      (select coalesce(sum(amount_cents), 0)::int from payment_ledger_entry
        where merchant_id = m.merchant_id and debit_account = 'collected') as collected,
      (select coalesce(sum(paid_cents), 0)::int from payment_attempt
        where merchant_id = m.merchant_id and state in ('SUCCEEDED', 'SUCCEEDED_LATE', 'NEEDS_REVIEW')) as paid,
      (select coalesce(sum(amount_cents), 0)::int from payment_ledger_entry
        where merchant_id = m.merchant_id and credit_account = 'collected') as given_back,
      (select coalesce(sum(r.amount_cents), 0)::int from payment_refund r
        join payment_attempt a on a.id = r.attempt_id
        where a.merchant_id = m.merchant_id and r.state = 'succeeded') as refunded
    from (select distinct merchant_id from payment_attempt) m`.execute(db);
  for (const b of balances.rows) {
    assert.equal(b.collected, b.paid, `merchant ${b.merchant_id}: collected ${b.collected}, paid ${b.paid}`);
    assert.equal(
      b.given_back,
      b.refunded,
      `merchant ${b.merchant_id}: given back ${b.given_back}, refunded ${b.refunded}`,
    );
  }
}

afterEach(assertInvariants);

// ------------------------------------------------------------------------------------------------
// Steps

function checkout(ref: string, options: { key?: string; amount?: number; accountId?: string } = {}) {
  const amount = options.amount ?? 1114;
  if (!due.has(ref)) due.set(ref, amount);
  return payments.startCheckout({
    accountId: options.accountId ?? account.id,
    idempotencyKey: options.key ?? randomBytes(12).toString('base64url'),
    returnPath: '/retour',
    groups: [
      {
        merchantId: MERCHANT,
        description: 'Essai',
        items: [{ kind: KIND, ref, amountCents: amount as Cents, label: `Objet ${ref}` }],
      },
    ],
    locale: 'fr',
  });
}

/** A notification signed with the merchant's key, as the provider would send it (`data` overrides). */
function signed(data: Record<string, unknown>, options: { created?: number; id?: string } = {}): InboundHttp {
  const created = options.created ?? Math.floor(psp.clock.now() / 1000);
  const body = JSON.stringify({
    id: options.id ?? `ev_${randomUUID()}`,
    type: `payment.${String(data.status)}`,
    created,
    data: { merchantId: MERCHANT, testMode: true, ...data },
  });
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sandbox-signature': jsonSignature(SECRET, created, body) },
    query: new URLSearchParams(),
    rawBody: new TextEncoder().encode(body),
    receivedAt: new Date(psp.clock.now()),
  };
}

async function ledgerKinds(attemptId: string) {
  return (
    await db
      .selectFrom('payment_ledger_entry')
      .select(['kind', 'amount_cents'])
      .where('attempt_id', '=', attemptId)
      .orderBy('id')
      .execute()
  ).map((e) => `${e.kind}:${e.amount_cents}`);
}

async function inbox(attemptId: string) {
  return (
    await db
      .selectFrom('payment_notification')
      .select('status')
      .where('attempt_id', '=', attemptId)
      .orderBy('id')
      .execute()
  ).map((r) => r.status);
}

/**
 * Moves the provider's clock on, lets it send what is due and hands all of it to the service; the
 * answers to the notifications of `attemptId` (all, without it). Other tests' scheduled
 * deliveries may fall due in the same window (how many depends on timing), so a test that counts
 * its own asks for them by attempt.
 */
async function retriesAfter(seconds: number, attemptId?: string): Promise<number[]> {
  const from = receiver.received.length;
  await psp.advance(seconds);
  await psp.flush();
  return deliver(from, attemptId);
}

/** The attempt succeeded on one applied notification, with one receipt. */
async function assertAppliedOnce(attemptId: string): Promise<void> {
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.deepEqual(await inbox(attemptId), ['APPLIED']);
  assert.equal(await receiptsOf(attemptId), 1);
}

async function liveLease(ref: string) {
  return db
    .selectFrom('payment_lease')
    .selectAll()
    .where('payable_ref', '=', ref)
    .where('released_at', 'is', null)
    .executeTakeFirst();
}

async function sessionCalls() {
  return proxy.calls.filter((c) => c.method === 'POST' && c.path === '/api/sessions').length;
}

/** The 3-D Secure page's answer ("approuver" or "refuser") after paying with the challenge card. */
async function answerChallenge(url: string, action: 'approuver' | 'refuser') {
  const submitted = await psp.pay(url, '4000002500003155');
  assert.equal(submitted.statusCode, 303);
  const location = String(submitted.headers.location);
  const page = await psp.app.inject(location);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return psp.app.inject({
    method: 'POST',
    url: new URL(location, psp.url).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf, action }).toString(),
  });
}

// ------------------------------------------------------------------------------------------------
// Notifications and returns

test('#1 happy path (4242…), notified before the return: SUCCEEDED, paid, one capture, one receipt; the return shows it', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  const paid = await psp.pay(url, '4242424242424242');
  assert.deepEqual(await deliver(from), [200]);
  assert.equal(
    new URL(String(paid.headers.location)).searchParams.get('session_id'),
    (await attempt(attemptId)).provider_ref,
  );
  const view = await payments.handleReturn(account.id, payments.returnToken(attemptId));
  assert.equal(view?.attempt.state, 'SUCCEEDED');
  assert.equal(await settlerOf(ref), attemptId);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#8 a signed notification for an attempt nobody knows: 200 (the provider stops), parked, logged, nothing created', async () => {
  const unknown = randomUUID();
  const attemptsBefore = (await db.selectFrom('payment_attempt').select('id').execute()).length;
  const warned = warnings.length;
  const notification = signed({
    sessionId: 'ps_nobody',
    merchantReference: unknown,
    status: 'succeeded',
    amount: { minor: 500, currency: 'EUR' },
  });
  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  const row = await db
    .selectFrom('payment_notification')
    .select(['status', 'attempt_id'])
    .where('raw_body', '=', new TextDecoder().decode(notification.rawBody))
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'PARKED', attempt_id: null });
  assert.ok(warnings.slice(warned).some((w) => /unknown attempt/.test(w.message)));
  assert.equal((await db.selectFrom('payment_attempt').select('id').execute()).length, attemptsBefore);
});

test('#13 amount mismatch (…0079): in review, nothing paid, the money in suspense, no receipt', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000079');
  assert.deepEqual(await deliver(from), [200]);
  assert.equal((await attempt(attemptId)).state, 'NEEDS_REVIEW');
  assert.equal(await settlerOf(ref), undefined);
  assert.equal(await receiptsOf(attemptId), 0);
  assert.deepEqual(await ledgerKinds(attemptId), ['review:1113']);
});

test('#15 a notification for another merchant (…0111) is refused (400); the status query then records the payment', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000111');
  assert.deepEqual(await deliver(from), [400]);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  assert.deepEqual(await inbox(attemptId), []);
  await psp.advance(6 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
});

test('#2 slow notification (…0012): the return asks the provider and settles at once; the notification a minute later is a no-op; one receipt', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000012');
  assert.equal(receiver.received.length, from, 'nothing notified yet');
  const view = await payments.handleReturn(account.id, payments.returnToken(attemptId));
  assert.equal(view?.attempt.state, 'SUCCEEDED');
  assert.equal(await settlerOf(ref), attemptId);
  await psp.advance(60);
  await psp.flush();
  assert.deepEqual(await deliver(from), [200]);
  assert.deepEqual(await inbox(attemptId), ['IGNORED_STALE']);
  assert.equal(await receiptsOf(attemptId), 1);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
});

test('#3 browser closed (…0046): paid through the notification alone, listed as paid on the next visit, one receipt', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  const page = await psp.pay(url, '4000009900000046');
  assert.equal(page.headers.location, undefined, 'no redirect back to the portal');
  assert.deepEqual(await deliver(from), [200]);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  const reference = (await attempt(attemptId)).reference;
  assert.ok((await payments.settledPayments(account.id)).some((p) => p.reference === reference));
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#4 no notification (…0020) and no return: the reconciler asks the provider, records it, and the day’s report counts it', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref, { amount: 733 }));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000020');
  await psp.flush();
  assert.equal(receiver.received.length, from);
  const day = new Date(psp.clock.now()).toLocaleDateString('en-CA', { timeZone: 'Europe/Monaco' });
  const before = (await payments.dayReport(day)).find((r) => r.merchantId === MERCHANT);
  await psp.advance(4 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED', 'not asked before five quiet minutes');
  await psp.advance(2 * 60);
  await payments.reconcile();
  const row = await attempt(attemptId);
  assert.equal(row.state, 'SUCCEEDED');
  assert.equal((await payments.timeline(attemptId)).at(-1)?.source, 'reconciler');
  // The day's report counts a capture on the day it was recorded (Europe/Monaco), which is not
  // always the day it was paid: around midnight the two differ.
  const capture = await db
    .selectFrom('payment_ledger_entry')
    .select('created_at')
    .where('attempt_id', '=', attemptId)
    .where('kind', '=', 'capture')
    .executeTakeFirstOrThrow();
  const recordedDay = capture.created_at.toLocaleDateString('en-CA', { timeZone: 'Europe/Monaco' });
  const afterwards = (await payments.dayReport(recordedDay)).find((r) => r.merchantId === MERCHANT);
  if (recordedDay === day) {
    assert.equal((afterwards?.captures ?? 0) - (before?.captures ?? 0), 1);
    assert.equal((afterwards?.collectedCents ?? 0) - (before?.collectedCents ?? 0), 733);
  } else assert.ok((afterwards?.captures ?? 0) >= 1);
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#5 #9 duplicate notifications (…0038): three at once and one ten minutes later, all answered 200, applied once', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000038');
  const three = notificationsSince(from);
  assert.equal(three.length, 3);
  const acks = await Promise.all(three.map((n) => payments.handleNotification('sandbox', n)));
  assert.deepEqual(
    acks.map((a) => a.status),
    [200, 200, 200],
  );
  assert.deepEqual(await retriesAfter(10 * 60, attemptId), [200]);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  // One inbox row per event: the copies are dropped on its unique key.
  assert.deepEqual(await inbox(attemptId), ['APPLIED']);
  assert.equal((await payments.timeline(attemptId)).filter((e) => e.kind === 'succeeded').length, 1, 'one transition');
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#6 a signed notification replayed an hour later is refused (400), changes nothing and is logged', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  const [notification] = notificationsSince(from);
  assert.ok(notification);
  await psp.advance(3600);
  const warned = warnings.length;
  const replayed = { ...notification, receivedAt: new Date(psp.clock.now()) };
  assert.equal((await payments.handleNotification('sandbox', replayed)).status, 400);
  assert.ok(warnings.slice(warned).some((w) => w.message === 'payment notification rejected'));
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  assert.deepEqual(await inbox(attemptId), []);
  assert.equal(await settlerOf(ref), undefined);
  // Settled all the same by the status query (the money was taken).
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
});

test('#7 bad signature first (…0061): the first delivery is refused and applies nothing; the valid one 30 s later does', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000061');
  assert.deepEqual(await deliver(from), [400]);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  assert.equal(await receiptsOf(attemptId), 0);
  assert.deepEqual(await retriesAfter(30, attemptId), [200]);
  await assertAppliedOnce(attemptId);
});

test('#10 out of order (…0053): succeeded then a stale pending; it stays succeeded, the stale event ignored', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000053');
  assert.deepEqual(await deliver(from), [200, 200]);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.deepEqual((await inbox(attemptId)).sort(), ['APPLIED', 'IGNORED_STALE']);
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#11 cancelled, then a verified success for the same session: corrected to SUCCEEDED_LATE and the payable paid', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.cancel(url);
  assert.deepEqual(await deliver(from), [200]);
  const cancelled = await attempt(attemptId);
  assert.equal(cancelled.state, 'CANCELLED');
  assert.equal(await liveLease(ref), undefined);
  // The provider's signed word that the money was taken after all (PayFiP's "A" then "P").
  const success = signed({
    sessionId: cancelled.provider_ref,
    merchantReference: attemptId,
    status: 'succeeded',
    amount: { minor: 1114, currency: 'EUR' },
  });
  assert.equal((await payments.handleNotification('sandbox', success)).status, 200);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED_LATE');
  assert.ok((await payments.timeline(attemptId)).some((e) => e.kind === 'corrected_to_paid'));
  assert.equal(await settlerOf(ref), attemptId);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
});

test('#12 late success (…0103): not expired while the provider says pending; expired once it says so; the late success is recorded', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000103');
  await psp.advance(6 * 60);
  await payments.reconcile();
  assert.ok(['REDIRECTED', 'PENDING'].includes((await attempt(attemptId)).state));
  assert.ok(await liveLease(ref), 'the payable stays held');
  await psp.advance(10 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'EXPIRED');
  await retriesAfter(3 * 60);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED_LATE');
  assert.equal(await settlerOf(ref), attemptId);
  assert.equal(await receiptsOf(attemptId), 1);
});

test('#14 a success in another currency is not trusted: nothing paid, no receipt; the status query then settles it in euros', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000020');
  const row = await attempt(attemptId);
  const usd = signed({
    sessionId: row.provider_ref,
    merchantReference: attemptId,
    status: 'succeeded',
    amount: { minor: 1114, currency: 'USD' },
  });
  assert.equal((await payments.handleNotification('sandbox', usd)).status, 200);
  const after = await attempt(attemptId);
  assert.equal(after.state, 'UNKNOWN');
  assert.equal(after.failure_reason, 'currency USD');
  assert.equal(await settlerOf(ref), undefined);
  assert.deepEqual(await ledgerKinds(attemptId), []);
  assert.ok(await liveLease(ref), 'no new payment while it is unknown');
  assert.equal((await checkout(ref)).kind, 'busy');
  await psp.advance(6 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
});

test('#16 a notification whose mode differs from the portal’s (live vs test) is never paid: in review, money in suspense', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000020');
  const row = await attempt(attemptId);
  const live = signed({
    sessionId: row.provider_ref,
    merchantReference: attemptId,
    status: 'succeeded',
    amount: { minor: 1114, currency: 'EUR' },
    testMode: false,
  });
  const warned = warnings.length;
  assert.equal((await payments.handleNotification('sandbox', live)).status, 200);
  const after = await attempt(attemptId);
  assert.equal(after.state, 'NEEDS_REVIEW');
  assert.match(after.failure_reason ?? '', /test mode/);
  assert.ok(warnings.slice(warned).some((w) => w.message === 'payment needs review'));
  assert.equal(await settlerOf(ref), undefined);
  assert.deepEqual(await ledgerKinds(attemptId), ['review:1114']);
});

test('#34 malformed notifications (non-UTF-8, 1 MB, a form body, a duplicated key, missing fields) are refused with 400 and apply nothing', async () => {
  const ref = randomUUID();
  const { attemptId } = redirected(await checkout(ref));
  const t = Math.floor(psp.clock.now() / 1000);
  const raw = (bytes: Uint8Array, contentType = 'application/json'): InboundHttp => ({
    method: 'POST',
    headers: {
      'content-type': contentType,
      'sandbox-signature': `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.`).update(bytes).digest('hex')}`,
    },
    query: new URLSearchParams(),
    rawBody: bytes,
    receivedAt: new Date(psp.clock.now()),
  });
  const nonUtf8 = Buffer.concat([Buffer.from('{"id":"ev_1","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  const huge = Buffer.alloc(1024 * 1024, 0x20);
  const form = Buffer.from(`sbx_amount=1114&sbx_amount=1&sbx_ref=${attemptId}`);
  const missing = Buffer.from(JSON.stringify({ id: 'ev_2', type: 'payment.succeeded', created: t, data: {} }));
  const duplicatedKey = Buffer.from(
    `{"id":"ev_3","type":"payment.succeeded","created":${t},"created":"soon","data":{"merchantReference":"${attemptId}"}}`,
  );
  for (const [name, request] of [
    ['non-UTF-8', raw(nonUtf8)],
    ['1 MB', raw(huge)],
    ['form body', raw(form, 'application/x-www-form-urlencoded')],
    ['missing fields', raw(missing)],
    ['duplicated key', raw(duplicatedKey)],
  ] as const)
    assert.equal((await payments.handleNotification('sandbox', request)).status, 400, name);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  assert.deepEqual(await inbox(attemptId), []);
});

test('#35 a forged return (a query saying success, another account, a made-up token) changes nothing and shows nothing', async () => {
  const ref = randomUUID();
  const { attemptId } = redirected(await checkout(ref));
  const token = payments.returnToken(attemptId);
  const stranger = await buildAccount(db);
  assert.equal(await payments.handleReturn(stranger.id, token), undefined);
  assert.equal(
    await payments.handleReturn(account.id, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    undefined,
  );
  // The parent's own return with nothing paid: the provider is asked, and says pending.
  const view = await payments.handleReturn(account.id, token);
  assert.equal(view?.attempt.state, 'REDIRECTED');
  assert.equal(await settlerOf(ref), undefined);
});

test('#36 a crash while settling rolls the whole notification back (inbox too); the provider’s retry applies it once', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  crashOnce.add(ref);
  // The endpoint answers 500 to the provider when the portal fails.
  receiver.answers.push(500);
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  const [first] = notificationsSince(from);
  assert.ok(first);
  await assert.rejects(payments.handleNotification('sandbox', first), /crash while settling/);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  assert.deepEqual(await inbox(attemptId), []);
  assert.equal(
    (
      await db
        .selectFrom('payment_notification')
        .select('id')
        .where('raw_body', '=', new TextDecoder().decode(first.rawBody))
        .execute()
    ).length,
    0,
    'the inbox row rolled back with the rest',
  );
  assert.equal(await receiptsOf(attemptId), 0);
  assert.deepEqual(await retriesAfter(10, attemptId), [200]);
  await assertAppliedOnce(attemptId);
});

test('#37 the endpoint down for two hours: the reconciler settles in between; the delivery on recovery is a no-op', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  receiver.answers.push(503, 503, 503);
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  // Down: what arrives is refused and never reaches the service. The provider retries at 10 s, 1 min.
  await psp.advance(10);
  await psp.flush();
  await psp.advance(60);
  await psp.flush();
  assert.ok(receiver.received.length - from >= 3);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  await psp.advance(5 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  // Back up: the retry at 5 min (then 30 min, 2 h) is answered and is a duplicate of what is known.
  const back = receiver.received.length;
  await psp.flush();
  const statuses = await deliver(back);
  statuses.push(...(await retriesAfter(30 * 60, attemptId)));
  assert.ok(statuses.length >= 1 && statuses.every((s) => s === 200), JSON.stringify(statuses));
  assert.deepEqual(await inbox(attemptId), ['IGNORED_STALE']);
  assert.equal(await receiptsOf(attemptId), 1);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
});

test('#39 the receipt is queued in the payment’s transaction: its sending failing leaves the payment as it is, and it is sent once in the end', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  await deliver(from);
  const send = async (works: boolean) => {
    await sql`update fault_receipt_outbox set tries = tries + 1,
      sent_at = case when ${works} then now() else sent_at end
      where attempt_id = ${attemptId} and sent_at is null`.execute(db);
  };
  await send(false);
  await send(false);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  await send(true);
  await send(true);
  const rows = (
    await sql<{ tries: number; sent: boolean }>`select tries, sent_at is not null as sent from fault_receipt_outbox
      where attempt_id = ${attemptId}`.execute(db)
  ).rows;
  assert.deepEqual(rows, [{ tries: 3, sent: true }]);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
});

test('#40 paid one second before the session’s end: accepted by the provider, settled though our own TTL has passed', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const row = await attempt(attemptId);
  const ttl = row.expires_at.getTime() - psp.clock.now();
  await psp.advance(Math.floor(ttl / 1000) - 1);
  const from = receiver.received.length;
  const paid = await psp.pay(url, '4242424242424242');
  assert.equal(paid.statusCode, 303);
  await psp.advance(2);
  assert.ok(psp.clock.now() > row.expires_at.getTime(), 'our TTL passed');
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.deepEqual(await deliver(from), [200]);
  assert.equal(await receiptsOf(attemptId), 1);
  // One second after the end, the provider's page refuses the card.
  const late = redirected(await checkout(randomUUID()));
  const lateRow = await attempt(late.attemptId);
  assert.match((await psp.app.inject(new URL(late.url).pathname)).body, /name="numero"/);
  await psp.advance(Math.ceil((lateRow.expires_at.getTime() - psp.clock.now()) / 1000) + 1);
  const refused = await psp.app.inject(new URL(late.url).pathname);
  assert.doesNotMatch(refused.body, /name="numero"/);
});

// ------------------------------------------------------------------------------------------------
// Checkout faults (through the fault proxy)

test('#17 double click on "Pay" (two posts of one form 50 ms apart): one attempt, one provider session, the same redirect', async () => {
  const ref = randomUUID();
  const key = randomBytes(12).toString('base64url');
  const sessions = await sessionCalls();
  const first = checkout(ref, { key });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const answers = await Promise.all([first, checkout(ref, { key })]);
  assert.deepEqual(redirected(answers[0]), redirected(answers[1]));
  // One provider session: the second click either finds the stored redirect, or (when it comes
  // before the first call is answered, on a slow machine) sends the same idempotency key and gets
  // the same session back, as the same redirect above shows.
  const calls = (await sessionCalls()) - sessions;
  assert.ok(calls === 1 || calls === 2, `${calls} session calls`);
  assert.equal(
    (await db.selectFrom('payment_item').select('attempt_id').where('payable_ref', '=', ref).execute()).length,
    1,
  );
});

test('#19 two guardians press "Pay" on one payable at once: one lease; the other is told until when it is busy', async () => {
  const ref = randomUUID();
  const other = await buildAccount(db);
  const answers = await Promise.all([checkout(ref), checkout(ref, { accountId: other.id })]);
  assert.deepEqual(answers.map((a) => a.kind).sort(), ['busy', 'redirect']);
  const busy = answers.find((a) => a.kind === 'busy');
  assert.ok(busy?.kind === 'busy' && busy.until.getTime() > psp.clock.now());
  assert.equal(
    (
      await db
        .selectFrom('payment_lease')
        .select('id')
        .where('payable_ref', '=', ref)
        .where('released_at', 'is', null)
        .execute()
    ).length,
    1,
  );
});

test('#20 two successes on one payable (the first attempt expired, then succeeded late): paid once, the late one refunded', async () => {
  const ref = randomUUID();
  const first = redirected(await checkout(ref));
  await psp.pay(first.url, '4000009900000103');
  await psp.advance(16 * 60);
  await psp.flush();
  await payments.reconcile();
  assert.equal((await attempt(first.attemptId)).state, 'EXPIRED');
  const second = redirected(await checkout(ref));
  let from = receiver.received.length;
  await psp.pay(second.url, '4242424242424242');
  await deliver(from);
  assert.equal(await settlerOf(ref), second.attemptId);
  from = receiver.received.length;
  await psp.advance(3 * 60);
  await psp.flush();
  await deliver(from);
  assert.equal((await attempt(first.attemptId)).state, 'SUCCEEDED_LATE');
  assert.equal(await settlerOf(ref), second.attemptId, 'never paid twice');
  assert.deepEqual(await ledgerKinds(first.attemptId), ['overpayment:1114']);
  const refund = await db
    .selectFrom('payment_refund')
    .select(['origin', 'amount_cents', 'state', 'idempotency_key'])
    .where('attempt_id', '=', first.attemptId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(refund, {
    origin: 'overpayment',
    amount_cents: 1114,
    state: 'submitted',
    idempotency_key: `overpayment-${first.attemptId}`,
  });
});

test('#18 back button then "Pay" again while the payment is live: the same attempt and redirect, no second provider session', async () => {
  const ref = randomUUID();
  const first = redirected(await checkout(ref));
  const sessions = await sessionCalls();
  // A new form (new key): the payable is the parent's own, held; the basket gives the same page back.
  const again = await checkout(ref);
  assert.equal(again.kind, 'busy');
  const [lease] = await payments.leases(account.id, KIND, [ref]);
  assert.ok(lease?.own);
  assert.equal(lease.basketId, first.basketId);
  const resumed = await payments.continueBasket(account.id, first.basketId);
  assert.deepEqual(redirected(resumed), first);
  assert.equal(await sessionCalls(), sessions);
});

test('#21 the session call times out: "unknown", nothing taken; the retry with the same key finds the session the provider made', async () => {
  const ref = randomUUID();
  const key = randomBytes(12).toString('base64url');
  proxy.set('POST /api/sessions', 'lose-answer');
  const answer = await checkout(ref, { key });
  proxy.set('POST /api/sessions', 'pass');
  assert.deepEqual(answer, { kind: 'unknown' });
  const item = await db
    .selectFrom('payment_item')
    .select('attempt_id')
    .where('payable_ref', '=', ref)
    .executeTakeFirstOrThrow();
  assert.equal((await attempt(item.attempt_id)).state, 'START_UNKNOWN');
  assert.ok(await liveLease(ref), 'held while unknown');
  const made = proxy.calls.filter((c) => c.path === '/api/sessions').at(-1);
  assert.equal(made?.upstream?.status, 201);
  const { attemptId } = redirected(await checkout(ref, { key }));
  assert.equal(attemptId, item.attempt_id);
  const session = JSON.parse(made?.upstream?.body ?? '{}') as { id: string };
  assert.equal((await attempt(attemptId)).provider_ref, session.id, 'the same provider session');
  const keys = proxy.calls.filter((c) => c.path === '/api/sessions').slice(-2);
  assert.deepEqual(
    keys.map((c) => c.idempotencyKey),
    [attemptId, attemptId],
  );
});

test('#22 the session call answers 500: not a certain refusal, so held and retried with the same key; a 4xx refusal fails at once and frees the payable', async () => {
  const ref = randomUUID();
  proxy.set('POST /api/sessions', '500');
  const answer = await checkout(ref);
  proxy.set('POST /api/sessions', 'pass');
  // A 5xx is not a certain refusal: the attempt is START_UNKNOWN and its key is retried.
  assert.deepEqual(answer, { kind: 'unknown' });
  const item = await db
    .selectFrom('payment_item')
    .select('attempt_id')
    .where('payable_ref', '=', ref)
    .executeTakeFirstOrThrow();
  assert.equal((await attempt(item.attempt_id)).state, 'START_UNKNOWN');
  // The reconciler retries with the same key, and the provider makes the session now.
  await psp.advance(6 * 60);
  await payments.reconcile();
  assert.equal((await attempt(item.attempt_id)).state, 'REDIRECTED');
  // A certain refusal (4xx) fails at once and frees the payable.
  const refusedRef = randomUUID();
  proxy.set('POST /api/sessions', '422');
  const refused = await checkout(refusedRef);
  proxy.set('POST /api/sessions', 'pass');
  assert.deepEqual(refused, { kind: 'failed', reason: 'start_failed' });
  assert.equal(await liveLease(refusedRef), undefined);
});

test('#23 authorisation timeout (…0087): pending for two minutes, no second payment meanwhile, then settled once', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000087');
  const view = await payments.handleReturn(account.id, payments.returnToken(attemptId));
  assert.ok(view && ['REDIRECTED', 'PENDING'].includes(view.attempt.state));
  assert.equal((await checkout(ref, { accountId: (await buildAccount(db)).id })).kind, 'busy');
  const from = receiver.received.length;
  await psp.advance(2 * 60);
  await psp.flush();
  await psp.advance(4 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  await deliver(from);
  assert.equal(await receiptsOf(attemptId), 1);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1114']);
});

test('#24 the status API down during reconciliation (500, then no answer): the attempt and its lease stay as they are, each failure logged, the questions back off, an alert after five in a row', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000020');
  await psp.advance(6 * 60);
  // Only this payment's status calls fail: other tests' open attempts, which the reconciler asks
  // about too, would otherwise each wait for the timeout.
  const statusRoute = `GET /api/sessions/${(await attempt(attemptId)).provider_ref}`;
  const failuresOf = async () =>
    db
      .selectFrom('payment_attempt')
      .select(['reconcile_failures', 'reconcile_after'])
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
  const failedNow = (from: number) =>
    warnings
      .slice(from)
      .filter(
        (w) => w.message === 'reconciliation failed' && (w.details as { attemptId?: string }).attemptId === attemptId,
      ).length;
  const alertsFor = () => alerts.filter((a) => (a.details as { attemptId?: string }).attemptId === attemptId).length;
  // Five failures in a row, 500 and no answer in turn; each waits 1, 2, 4, 8 then 16 minutes.
  const waits = [1, 2, 4, 8, 16];
  for (const [i, wait] of waits.entries()) {
    const mode = i % 2 === 0 ? '500' : 'hang';
    proxy.set(statusRoute, mode);
    const warned = warnings.length;
    const asked = psp.clock.now();
    await payments.reconcile();
    const answered = psp.clock.now();
    assert.equal((await attempt(attemptId)).state, 'REDIRECTED', mode);
    assert.equal(failedNow(warned), 1, `failure ${i + 1} (${mode}) is logged`);
    assert.ok(await liveLease(ref), 'the lease is kept');
    const row = await failuresOf();
    assert.equal(row.reconcile_failures, i + 1);
    // The clock also runs on its own by a few milliseconds.
    const nextTry = row.reconcile_after?.getTime() ?? 0;
    assert.ok(nextTry >= asked + wait * 60_000 && nextTry <= answered + wait * 60_000, `back-off of ${wait} min`);
    assert.equal(alertsFor(), i + 1 >= 5 ? 1 : 0, `an alert only from the fifth failure in a row (${i + 1})`);
    // Until the back-off ends, the reconciler does not ask about it (other attempts may take its
    // time: the clock is moved to 30 s before the end).
    proxy.set(statusRoute, '500');
    const before = warnings.length;
    await psp.advance(Math.floor((nextTry - psp.clock.now()) / 1000) - 30);
    await payments.reconcile();
    assert.ok(psp.clock.now() < nextTry);
    assert.equal(failedNow(before), 0, `not asked again within ${wait} min`);
    await psp.advance(Math.ceil((nextTry - psp.clock.now()) / 1000));
  }
  // The status API answers again: settled once, and the failures are over.
  proxy.set(statusRoute, 'pass');
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.deepEqual(await failuresOf(), { reconcile_failures: 0, reconcile_after: null });
  assert.equal(alertsFor(), 1);
  // Later waits: 32 minutes, then an hour at most.
  assert.deepEqual(
    [6, 7, 8, 1000].map((n) => reconcileBackoffMs(n) / 60_000),
    [32, 60, 60, 60],
  );
});

test('#25 declined cards (…0002, …9995, …0069, …0127): DECLINED with the reason, the payable free, a new payment allowed at once', async () => {
  for (const [card, reason] of [
    ['4000000000000002', 'card_declined'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000000069', 'expired_card'],
    ['4000000000000127', 'incorrect_cvc'],
  ] as const) {
    const ref = randomUUID();
    const { attemptId, url } = redirected(await checkout(ref));
    const from = receiver.received.length;
    await psp.pay(url, card);
    assert.deepEqual(await deliver(from), [200]);
    const row = await attempt(attemptId);
    assert.deepEqual([row.state, row.failure_reason], ['DECLINED', reason], card);
    assert.equal(await liveLease(ref), undefined);
    assert.deepEqual(await ledgerKinds(attemptId), []);
    redirected(await checkout(ref));
  }
});

test('#26 3-D Secure: approved pays, denied declines (3ds_failed) and frees the payable, closed expires after the TTL', async () => {
  const approved = randomUUID();
  const a = redirected(await checkout(approved));
  let from = receiver.received.length;
  assert.equal((await answerChallenge(a.url, 'approuver')).statusCode, 303);
  await deliver(from);
  assert.equal((await attempt(a.attemptId)).state, 'SUCCEEDED');

  const denied = randomUUID();
  const d = redirected(await checkout(denied));
  from = receiver.received.length;
  await answerChallenge(d.url, 'refuser');
  await deliver(from);
  const declined = await attempt(d.attemptId);
  assert.deepEqual([declined.state, declined.failure_reason], ['DECLINED', '3ds_failed']);
  assert.equal(await liveLease(denied), undefined);

  const closed = randomUUID();
  const c = redirected(await checkout(closed));
  await psp.pay(c.url, '4000002500003155');
  await psp.advance(16 * 60);
  from = receiver.received.length;
  await psp.flush();
  await deliver(from);
  await payments.reconcile();
  assert.equal((await attempt(c.attemptId)).state, 'EXPIRED');
  assert.equal(await liveLease(closed), undefined);
});

test('#27 technical error (…0119): ERRORED, nothing taken, the payable free again', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000000000000119');
  await deliver(from);
  const row = await attempt(attemptId);
  assert.equal(row.state, 'ERRORED');
  assert.deepEqual(await ledgerKinds(attemptId), []);
  assert.equal(await liveLease(ref), undefined);
  redirected(await checkout(ref));
});

// ------------------------------------------------------------------------------------------------
// Refunds and amounts

async function paid(ref: string, amount: number) {
  return paidWith(ref, '4242424242424242', amount);
}

async function paidWith(ref: string, card: string, amount = 1114) {
  const { attemptId, url } = redirected(await checkout(ref, { amount }));
  const from = receiver.received.length;
  await psp.pay(url, card);
  await deliver(from);
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  return attemptId;
}

async function settleRefunds() {
  await retriesAfter(6);
}

test('#28 partial refunds of 10.00 € twice on 25.00 €, then a third refused: only 5.00 € refundable', async () => {
  const ref = randomUUID();
  const attemptId = await paid(ref, 2500);
  for (let i = 0; i < 2; i++) {
    const answer = await payments.requestRefund({
      attemptId,
      amountCents: cents(1000),
      reason: 'repas non servis',
      idempotencyKey: randomUUID(),
    });
    assert.equal(answer.kind, 'requested');
    await settleRefunds();
  }
  const third = await payments.requestRefund({
    attemptId,
    amountCents: cents(1000),
    reason: 'repas non servis',
    idempotencyKey: randomUUID(),
  });
  assert.deepEqual(third, { kind: 'exceeds', refundableCents: 500 });
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:2500', 'refund:1000', 'refund:1000']);
  assert.equal(await refundedOf(ref), 2000);
});

test('#29 two refunds of 20.00 € at once on 25.00 €: one accepted, the other refused, only one sent to the provider', async () => {
  const attemptId = await paid(randomUUID(), 2500);
  const sent = proxy.calls.filter((c) => c.path === '/api/refunds').length;
  const answers = await Promise.all(
    [1, 2].map(() =>
      payments.requestRefund({ attemptId, amountCents: cents(2000), reason: 'erreur', idempotencyKey: randomUUID() }),
    ),
  );
  assert.deepEqual(answers.map((a) => a.kind).sort(), ['exceeds', 'requested']);
  assert.ok(answers.some((a) => a.kind === 'exceeds' && a.refundableCents === 500));
  assert.equal(proxy.calls.filter((c) => c.path === '/api/refunds').length, sent + 1);
  await settleRefunds();
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:2500', 'refund:2000']);
});

test('#31 #32 a refund refused by the provider (…0129) fails and is refundable again; one made in its back office (…0095) is recorded', async () => {
  const refusing = await paidWith(randomUUID(), '4000009900000129');
  const asked = await payments.requestRefund({
    attemptId: refusing,
    amountCents: cents(1114),
    reason: 'erreur',
    idempotencyKey: randomUUID(),
  });
  assert.ok(asked.kind === 'requested');
  await settleRefunds();
  assert.equal(await payments.refundState(asked.refundId), 'failed');
  assert.deepEqual(await ledgerKinds(refusing), ['capture:1114']);
  assert.equal(
    (
      await payments.requestRefund({
        attemptId: refusing,
        amountCents: cents(1114),
        reason: 'erreur',
        idempotencyKey: randomUUID(),
      })
    ).kind,
    'requested',
  );

  const ref = randomUUID();
  const external = await paidWith(ref, '4000009900000095');
  await retriesAfter(61);
  const recorded = await db
    .selectFrom('payment_refund')
    .select(['origin', 'state', 'amount_cents'])
    .where('attempt_id', '=', external)
    .executeTakeFirstOrThrow();
  assert.deepEqual(recorded, { origin: 'provider', state: 'succeeded', amount_cents: 557 });
  assert.deepEqual(await ledgerKinds(external), ['capture:1114', 'refund:557']);
  assert.equal(await refundedOf(ref), 557);
});

test('#30 a refund call whose answer is lost is sent again with the same key: one refund at the provider', async () => {
  const ref = randomUUID();
  const attemptId = await paid(ref, 1500);
  proxy.set('POST /api/refunds', 'lose-answer');
  const key = randomUUID();
  const answer = await payments.requestRefund({
    attemptId,
    amountCents: cents(700),
    reason: 'erreur',
    idempotencyKey: key,
  });
  proxy.set('POST /api/refunds', 'pass');
  assert.equal(answer.kind, 'requested');
  assert.ok(answer.kind === 'requested');
  assert.equal(await payments.refundState(answer.refundId), 'requested');
  // The same key again (from the operator) is the same refund.
  assert.deepEqual(
    await payments.requestRefund({ attemptId, amountCents: cents(700), reason: 'erreur', idempotencyKey: key }),
    answer,
  );
  await payments.reconcile();
  assert.equal(await payments.refundState(answer.refundId), 'submitted');
  const calls = proxy.calls.filter((c) => c.path === '/api/refunds' && c.idempotencyKey === key);
  assert.ok(calls.length >= 2);
  const ids = new Set(calls.map((c) => (JSON.parse(c.upstream?.body ?? '{}') as { id?: string }).id));
  assert.equal(ids.size, 1, 'one refund at the provider');
  await settleRefunds();
  assert.equal(await payments.refundState(answer.refundId), 'succeeded');
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1500', 'refund:700']);
});

test('#33 amounts: 12 meals at 4.35 € are 5220 cents exactly; zero, negative, fractional or oversized amounts never reach the provider', async () => {
  const meals = multiplyCents(parseEuros('4,35') ?? cents(0), 12);
  assert.equal(meals, 5220);
  assert.equal(parseEuros('1.005'), undefined);
  assert.equal(multiplyCents(cents(10), 3), 30);
  const attemptId = await paid(randomUUID(), meals);
  assert.equal((await attempt(attemptId)).paid_cents, 5220);
  for (const amount of [0, -100, 43.5, Number.NaN, 100_000_000, 2 ** 31]) {
    const ref = randomUUID();
    const sessions = await sessionCalls();
    assert.deepEqual(await checkout(ref, { amount }), { kind: 'failed', reason: 'invalid_amount' }, String(amount));
    assert.equal(await sessionCalls(), sessions, `${amount}: no provider call`);
    assert.equal(
      (await db.selectFrom('payment_item').select('attempt_id').where('payable_ref', '=', ref).execute()).length,
      0,
    );
    assert.equal(await liveLease(ref), undefined);
  }
});

test('#38 the payable’s amount lowered while the payment is live: the success matches the attempt’s snapshot; the difference is refunded', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref, { amount: 2000 }));
  due.set(ref, 1500);
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  await deliver(from);
  const row = await attempt(attemptId);
  assert.equal(row.state, 'SUCCEEDED');
  assert.equal(row.paid_cents, 2000);
  assert.deepEqual(await ledgerKinds(attemptId), ['capture:1500', 'overpayment:500']);
  const refund = await db
    .selectFrom('payment_refund')
    .select(['origin', 'amount_cents', 'state'])
    .where('attempt_id', '=', attemptId)
    .executeTakeFirstOrThrow();
  assert.deepEqual([refund.origin, refund.amount_cents], ['overpayment', 500]);
  assert.notEqual(refund.state, 'failed');
});
