/**
 * The payments service on the real database, against the real sandbox provider (in this process,
 * on a real port; its notifications reach a recording receiver and are then handed to the service
 * byte for byte): idempotent checkouts and leases under concurrency, fifty copies of one
 * notification applied once, bad notifications, a wrong amount, any sequence of outcomes keeping
 * the ledger's invariants, refunds under a lock (and any sequence of refunds, settlements,
 * duplicated notifications and reconciler runs), overpayments, the reconciler and late successes.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { recordingLogger } from '../../../test/helpers/app.ts';
import { redirected, startPaymentsBench } from '../../../test/helpers/payments-bench.ts';
import { waitFor } from '../../../test/helpers/smtp.ts';
import { createJobQueue } from '../../jobs/queue.ts';
import { jobQueues } from '../../jobs/queues.ts';
import { RECONCILE_CRON, startPaymentsReconciler } from './reconciler.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../../config.ts';
import { cents } from '../../lib/money.ts';
import type { ProviderOutcome } from './provider.port.ts';
import { PayableRegistry, PaymentsService, liveLeaseColumn, type PayableItem } from './payments.service.ts';

/** The payables of these tests: a set of paid refs, kept in the database's own transaction order. */
const settled = new Map<string, number>();
const registry = new PayableRegistry().register({
  kind: 'test-thing',
  async onPaid(_trx, items: readonly PayableItem[]) {
    let unapplied = 0;
    for (const item of items) {
      if (settled.has(item.ref)) unapplied += item.amountCents;
      else settled.set(item.ref, item.amountCents);
    }
    return { unappliedCents: cents(unapplied) };
  },
});

const { database, db, psp, receiver, payments, account, notificationsSince, attempt } = await startPaymentsBench({
  registry,
});

function checkout(ref: string, options: { key?: string; accountId?: string; amount?: number } = {}) {
  return payments.startCheckout({
    accountId: options.accountId ?? account.id,
    idempotencyKey: options.key ?? randomBytes(12).toString('base64url'),
    returnPath: '/mes-factures/payer',
    groups: [
      {
        merchantId: 'mairie-cantine',
        description: 'Cantine — test',
        items: [{ kind: 'test-thing', ref, amountCents: cents(options.amount ?? 1114), label: `Facture ${ref}` }],
      },
    ],
    locale: 'fr',
  });
}

async function ledger(attemptId: string) {
  return db
    .selectFrom('payment_ledger_entry')
    .select(['kind', 'debit_account', 'credit_account', 'amount_cents'])
    .where('attempt_id', '=', attemptId)
    .orderBy('id')
    .execute();
}

async function inboxStatuses(attemptId: string) {
  return (
    await db.selectFrom('payment_notification').select('status').where('attempt_id', '=', attemptId).execute()
  ).map((r) => r.status);
}

test('twenty identical checkouts at once (double clicks, retries) make one attempt and one provider session', async () => {
  const ref = randomUUID();
  const key = randomBytes(12).toString('base64url');
  const answers = await Promise.all(Array.from({ length: 20 }, () => checkout(ref, { key })));
  const urls = new Set(answers.map((a) => redirected(a).url));
  assert.equal(urls.size, 1);
  const attempts = await db.selectFrom('payment_item').select('attempt_id').where('payable_ref', '=', ref).execute();
  assert.equal(attempts.length, 1);
  assert.equal((await attempt(attempts[0]?.attempt_id ?? '')).state, 'REDIRECTED');
});

test('twenty checkouts of one payable by different people at once: one goes to the provider, the others are told until when it is busy', async () => {
  const ref = randomUUID();
  const accounts = await Promise.all(Array.from({ length: 20 }, () => buildAccount(db)));
  const answers = await Promise.all(accounts.map((a) => checkout(ref, { accountId: a.id })));
  assert.equal(answers.filter((a) => a.kind === 'redirect').length, 1);
  const busy = answers.filter((a) => a.kind === 'busy');
  assert.equal(busy.length, 19);
  for (const b of busy) assert.ok(b.kind === 'busy' && b.until.getTime() > psp.clock.now());
  const leases = await db.selectFrom('payment_lease').selectAll().where('payable_ref', '=', ref).execute();
  assert.equal(leases.filter((l) => l.released_at === null).length, 1);
});

test('a payable’s lease read as a column of another statement (a page’s rows) says what `leases` says', async () => {
  const ref = randomUUID();
  redirected(await checkout(ref));
  const other = await buildAccount(db);
  const column = async (payableRef: string) =>
    (
      await db
        .selectNoFrom((eb) => liveLeaseColumn('test-thing', eb.val(payableRef)).as('lease'))
        .executeTakeFirstOrThrow()
    ).lease;
  const both = async (accountId: string, payableRef: string) => ({
    fromColumn: payments.leaseFromColumn(accountId, payableRef, await column(payableRef)),
    read: (await payments.leases(accountId, 'test-thing', [payableRef]))[0],
  });

  // Held by this account's payment: its own, with its basket; another account sees it held, no basket.
  const own = await both(account.id, ref);
  assert.ok(own.read?.own && own.read.basketId);
  assert.deepEqual(own.fromColumn, own.read);
  const others = await both(other.id, ref);
  assert.equal(others.read?.own, false);
  assert.equal(others.read.basketId, undefined);
  assert.deepEqual(others.fromColumn, others.read);
  // A payable nothing holds.
  assert.deepEqual(await both(account.id, randomUUID()), { fromColumn: undefined, read: undefined });
  // Its time past while its payment is still at the provider's page: both say the same.
  await db
    .updateTable('payment_lease')
    .set({ until: new Date(Date.parse('2000-01-01T00:00:00Z')) })
    .where('payable_ref', '=', ref)
    .where('released_at', 'is', null)
    .execute();
  const past = await both(account.id, ref);
  assert.deepEqual(past.fromColumn, past.read);
});

test('fifty copies of one notification at once, across five processes, are applied once; a replay later changes nothing', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  const paid = await psp.pay(url, '4242424242424242');
  assert.equal(paid.statusCode, 303);
  const [notification] = notificationsSince(from);
  assert.ok(notification);
  // Five services, as five processes of the portal would have: each remembers only its own, so the
  // copies meet in the database (the inbox's unique key) as well as in each process.
  const processes = [
    payments,
    ...Array.from(
      { length: 4 },
      () =>
        new PaymentsService({
          db,
          provider: payments.provider,
          registry,
          publicUrl: new URL(receiver.url).origin,
          tokenSecret: 'test-secret-'.repeat(4),
        }),
    ),
  ];
  const acks = await Promise.all(
    Array.from({ length: 50 }, (_, i) => processes[i % processes.length]!.handleNotification('sandbox', notification)),
  );
  assert.ok(acks.every((ack) => ack.status === 200));
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.deepEqual(await inboxStatuses(attemptId), ['APPLIED']);
  assert.deepEqual(await ledger(attemptId), [
    { kind: 'capture', debit_account: 'collected', credit_account: 'due', amount_cents: 1114 },
  ]);
  assert.equal(settled.get(ref), 1114);
  // Replayed an hour later (still signed, still in its window here): a duplicate.
  assert.equal((await payments.handleNotification('sandbox', notification)).status, 200);
  assert.equal((await ledger(attemptId)).length, 1);
  // The timeline: created, redirected, succeeded.
  assert.deepEqual(
    (await payments.timeline(attemptId)).map((e) => `${e.kind}:${e.source}`),
    ['created:checkout', 'redirected:checkout', 'succeeded:notification'],
  );
});

test('a burst beyond the notifications’ waiting line: those refused are answered 503, kept nowhere, and applied when sent again', async () => {
  const logger = recordingLogger();
  // One applied at a time and one waiting: of three at once, the third finds the line full.
  const narrow = new PaymentsService({
    db,
    provider: payments.provider,
    registry,
    publicUrl: new URL(receiver.url).origin,
    tokenSecret: 'test-secret-'.repeat(4),
    logger,
    now: () => new Date(psp.clock.now()),
    notificationsAtOnce: { running: 1, waiting: 1 },
  });
  const refs = [randomUUID(), randomUUID(), randomUUID()];
  const attempts: string[] = [];
  const from = receiver.received.length;
  for (const ref of refs) {
    const { attemptId, url } = redirected(await checkout(ref));
    attempts.push(attemptId);
    assert.equal((await psp.pay(url, '4242424242424242')).statusCode, 303);
  }
  const notifications = notificationsSince(from);
  assert.equal(notifications.length, 3);
  const acks = await Promise.all(notifications.map((n) => narrow.handleNotification('sandbox', n)));
  assert.deepEqual(
    acks.map((a) => a.status),
    [200, 200, 503],
  );
  assert.match(acks[2]?.body ?? '', /later/);
  const [, , refused] = notifications;
  assert.ok(refused);
  const refusedAttempt = attempts[2] ?? '';
  assert.equal((await attempt(refusedAttempt)).state, 'REDIRECTED');
  assert.deepEqual(await inboxStatuses(refusedAttempt), []);
  const warning = logger.entries.find((e) => e.message.startsWith('payment notification refused'));
  assert.ok(warning);
  assert.doesNotMatch(JSON.stringify(warning), /sandbox-signature|succeeded|4242/);
  // Sent again (as the provider does for an answer other than 2xx): applied, once.
  assert.equal((await narrow.handleNotification('sandbox', refused)).status, 200);
  for (const id of attempts) {
    assert.equal((await attempt(id)).state, 'SUCCEEDED');
    assert.deepEqual(await inboxStatuses(id), ['APPLIED']);
  }
  for (const ref of refs) assert.equal(settled.get(ref), 1114);
});

test('a notification with a bad signature is refused and kept nowhere; one for an unknown attempt is parked', async () => {
  const { attemptId, url } = redirected(await checkout(randomUUID()));
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  const [good] = notificationsSince(from);
  assert.ok(good);
  const tampered = {
    ...good,
    rawBody: new TextEncoder().encode(new TextDecoder().decode(good.rawBody).replace('succeeded', 'declined')),
  };
  assert.equal((await payments.handleNotification('sandbox', tampered)).status, 400);
  assert.equal((await payments.handleNotification('other-provider', good)).status, 400);
  assert.deepEqual(await inboxStatuses(attemptId), []);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');

  // Signed by the merchant, but for an attempt this portal does not know.
  const body = JSON.stringify({
    id: `ev_${randomUUID()}`,
    type: 'payment.succeeded',
    created: Math.floor(psp.clock.now() / 1000),
    data: {
      sessionId: 'ps_unknown',
      merchantReference: randomUUID(),
      status: 'succeeded',
      amount: { minor: 100, currency: 'EUR' },
      merchantId: 'mairie-cantine',
      testMode: true,
    },
  });
  const { jsonSignature } = await import('../../../dev/psp-sandbox/signing.ts');
  const parked = await payments.handleNotification('sandbox', {
    ...good,
    headers: {
      'sandbox-signature': jsonSignature(
        DEVELOPMENT_MERCHANT_SECRETS['mairie-cantine'] ?? '',
        Math.floor(psp.clock.now() / 1000),
        body,
      ),
    },
    rawBody: new TextEncoder().encode(body),
  });
  assert.equal(parked.status, 200);
  const row = await db
    .selectFrom('payment_notification')
    .select('status')
    .where('raw_body', '=', body)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'PARKED');
});

test('a success for one cent less goes to review: nothing paid, the money in suspense', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000079');
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  const row = await attempt(attemptId);
  assert.equal(row.state, 'NEEDS_REVIEW');
  assert.equal(settled.has(ref), false);
  assert.deepEqual(await ledger(attemptId), [
    { kind: 'review', debit_account: 'collected', credit_account: 'suspense', amount_cents: 1113 },
  ]);
});

test('a notification naming another merchant is refused; the reconciler then asks the provider and records the payment', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(url, '4000009900000111');
  for (const n of notificationsSince(from)) assert.equal((await payments.handleNotification('sandbox', n)).status, 400);
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  await psp.advance(6 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.equal(settled.get(ref), 1114);
  assert.deepEqual((await payments.timeline(attemptId)).at(-1)?.source, 'reconciler');
});

const outcomeArb = fc.oneof(
  fc.constant<ProviderOutcome>({ kind: 'PENDING' }),
  fc.constant<ProviderOutcome>({ kind: 'DECLINED', reason: 'card_declined' }),
  fc.constant<ProviderOutcome>({ kind: 'CANCELLED', by: 'payer' }),
  fc.constant<ProviderOutcome>({ kind: 'EXPIRED' }),
  fc.constant<ProviderOutcome>({ kind: 'UNKNOWN', reason: 'timeout' }),
  fc.constant<ProviderOutcome>({
    kind: 'SUCCEEDED',
    amount: { cents: cents(700), currency: 'EUR' },
    paidAt: new Date(),
  }),
  fc.constant<ProviderOutcome>({
    kind: 'SUCCEEDED',
    amount: { cents: cents(699), currency: 'EUR' },
    paidAt: new Date(),
  }),
);

test('any sequence of outcomes, duplicates and orders, from any path: at most one capture, nothing paid without a verified success of the right amount, every success in the ledger', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({ outcome: outcomeArb, source: fc.constantFrom('notification', 'return', 'reconciler' as const) }),
        { minLength: 1, maxLength: 6 },
      ),
      async (sequence) => {
        const ref = randomUUID();
        const { attemptId } = redirected(await checkout(ref, { amount: 700 }));
        // Some copies at once, the rest in order.
        const [first, second, ...rest] = sequence;
        await Promise.all(
          [first, second]
            .filter((s) => s !== undefined)
            .map((s) => payments.applyOutcome(attemptId, s.outcome, s.source)),
        );
        for (const s of rest) await payments.applyOutcome(attemptId, s.outcome, s.source);
        const row = await attempt(attemptId);
        const entries = await ledger(attemptId);
        const rightSuccess = sequence.some((s) => s.outcome.kind === 'SUCCEEDED' && s.outcome.amount.cents === 700);
        const anySuccess = sequence.some((s) => s.outcome.kind === 'SUCCEEDED');
        // At most one capture entry of each kind (the database refuses more), and one kind only.
        assert.ok(entries.length <= 1, JSON.stringify(entries));
        if (settled.has(ref)) {
          assert.ok(rightSuccess);
          assert.ok(row.state === 'SUCCEEDED' || row.state === 'SUCCEEDED_LATE' || row.state === 'NEEDS_REVIEW');
          assert.deepEqual(
            entries.map((e) => [e.kind, e.amount_cents]),
            [['capture', 700]],
          );
        }
        // Every verified success is in the ledger: applied, or in suspense.
        if (anySuccess) assert.equal(entries.length, 1, `${row.state} ${JSON.stringify(sequence)}`);
        else assert.equal(entries.length, 0);
        if (!anySuccess) assert.notEqual(row.state, 'SUCCEEDED');
      },
    ),
    { numRuns: 15 },
  );
});

/** The provider's clock moves past its refund delay; what it then sends is delivered (twice when asked). */
async function settleAtProvider(twice: boolean): Promise<void> {
  const from = receiver.received.length;
  await psp.advance(6);
  await psp.flush();
  for (const n of notificationsSince(from)) {
    await payments.handleNotification('sandbox', n);
    if (twice) await payments.handleNotification('sandbox', n);
  }
}

const refundStepArb = fc.oneof(
  fc.record({
    step: fc.constant('refund' as const),
    key: fc.integer({ min: 0, max: 3 }),
    amount: fc.integer({ min: 1, max: 800 }),
    together: fc.boolean(),
  }),
  fc.record({ step: fc.constant('settle' as const), twice: fc.boolean() }),
  fc.record({ step: fc.constant('reconcile' as const) }),
  fc.record({
    step: fc.constant('stale' as const),
    outcome: outcomeArb,
    source: fc.constantFrom('notification', 'return', 'reconciler' as const),
  }),
);

test('any sequence of refunds (keys repeated, sent at once), provider settlements, duplicated notifications, reconciler runs and stale outcomes: never more given back than paid, one refund per key, the ledger gives back exactly the refunds confirmed', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(refundStepArb, { minLength: 1, maxLength: 8 }), async (steps) => {
      const { attemptId, url } = redirected(await checkout(randomUUID(), { amount: 1114 }));
      const from = receiver.received.length;
      await psp.pay(url, '4242424242424242');
      for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
      const keys: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      // A key is one operator's request: its amount is the one it was first sent with.
      const amountOfKey = new Map<number, number>();
      let review = false;
      for (const step of steps) {
        if (step.step === 'refund') {
          const amount = amountOfKey.get(step.key) ?? step.amount;
          amountOfKey.set(step.key, amount);
          const request = () =>
            payments.requestRefund({
              attemptId,
              amountCents: cents(amount),
              reason: 'repas non servis',
              idempotencyKey: keys[step.key] ?? '',
            });
          const answers = step.together ? await Promise.all([request(), request()]) : [await request()];
          for (const answer of answers)
            assert.ok(
              answer.kind === 'requested' || answer.kind === 'exceeds' || (review && answer.kind === 'not_refundable'),
              answer.kind,
            );
        } else if (step.step === 'settle') await settleAtProvider(step.twice);
        else if (step.step === 'reconcile') await payments.reconcile();
        else {
          await payments.applyOutcome(attemptId, step.outcome, step.source);
          // A success of another amount contradicts the one recorded: the payment goes to review
          // (its capture stays; nothing more is refunded until someone looks).
          if (step.outcome.kind === 'SUCCEEDED' && step.outcome.amount.cents !== 1114) review = true;
        }
      }
      // Whatever was left under way settles.
      await payments.reconcile();
      await settleAtProvider(false);

      const row = await attempt(attemptId);
      assert.equal(row.state, review ? 'NEEDS_REVIEW' : 'SUCCEEDED', 'a success is never undone by a stale outcome');
      const refunds = await db
        .selectFrom('payment_refund')
        .select(['idempotency_key', 'amount_cents', 'state'])
        .where('attempt_id', '=', attemptId)
        .execute();
      assert.equal(new Set(refunds.map((r) => r.idempotency_key)).size, refunds.length, 'one refund per key');
      for (const r of refunds)
        assert.equal(r.amount_cents, amountOfKey.get(keys.findIndex((key) => key === r.idempotency_key)));
      const taken = refunds.filter((r) => r.state !== 'failed').reduce((sum, r) => sum + r.amount_cents, 0);
      assert.ok(taken <= 1114, `${taken} cents refunded of 1114 paid`);
      assert.ok(
        refunds.every((r) => r.state === 'succeeded'),
        JSON.stringify(refunds),
      );
      const entries = await ledger(attemptId);
      assert.deepEqual(
        entries.filter((e) => e.kind !== 'refund').map((e) => [e.kind, e.amount_cents]),
        [['capture', 1114]],
      );
      const givenBack = entries
        .filter((e) => e.kind === 'refund' && e.credit_account === 'collected')
        .reduce((sum, e) => sum + e.amount_cents, 0);
      assert.equal(givenBack, taken);
    }),
    { numRuns: 12 },
  );
});

test('two refunds at once cannot refund the same euro twice; the refund settles through its notification', async () => {
  const { attemptId, url } = redirected(await checkout(randomUUID()));
  const from = receiver.received.length;
  await psp.pay(url, '4242424242424242');
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  const [a, b] = await Promise.all([
    payments.requestRefund({
      attemptId,
      amountCents: cents(700),
      reason: 'repas non servis',
      idempotencyKey: randomUUID(),
    }),
    payments.requestRefund({
      attemptId,
      amountCents: cents(700),
      reason: 'repas non servis',
      idempotencyKey: randomUUID(),
    }),
  ]);
  const kinds = [a.kind, b.kind].sort();
  assert.deepEqual(kinds, ['exceeds', 'requested']);
  const refused = a.kind === 'exceeds' ? a : b;
  assert.ok(refused.kind === 'exceeds' && refused.refundableCents === 414);
  const refunds = await db.selectFrom('payment_refund').selectAll().where('attempt_id', '=', attemptId).execute();
  assert.equal(refunds.length, 1);
  assert.equal(refunds[0]?.state, 'submitted');
  // The provider settles it 5 s later and notifies.
  const before = receiver.received.length;
  await psp.advance(6);
  await psp.flush();
  for (const n of notificationsSince(before)) await payments.handleNotification('sandbox', n);
  assert.equal(
    (
      await db
        .selectFrom('payment_refund')
        .select('state')
        .where('attempt_id', '=', attemptId)
        .executeTakeFirstOrThrow()
    ).state,
    'succeeded',
  );
  assert.deepEqual((await ledger(attemptId)).at(-1), {
    kind: 'refund',
    debit_account: 'refunded',
    credit_account: 'collected',
    amount_cents: 700,
  });
});

test('a refund made in the provider’s back office is recorded from its notification; a refund the provider refuses is marked failed', async () => {
  const { attemptId, url } = redirected(await checkout(randomUUID()));
  let from = receiver.received.length;
  await psp.pay(url, '4000009900000095');
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  from = receiver.received.length;
  await psp.advance(61);
  await psp.flush();
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  const external = await db
    .selectFrom('payment_refund')
    .selectAll()
    .where('attempt_id', '=', attemptId)
    .executeTakeFirstOrThrow();
  assert.equal(external.origin, 'provider');
  assert.equal(external.state, 'succeeded');
  assert.equal(external.amount_cents, 557);
  assert.equal((await ledger(attemptId)).at(-1)?.kind, 'refund');

  const refusing = redirected(await checkout(randomUUID()));
  from = receiver.received.length;
  await psp.pay(refusing.url, '4000009900000129');
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  const asked = await payments.requestRefund({
    attemptId: refusing.attemptId,
    amountCents: cents(1114),
    reason: 'erreur de facturation',
    idempotencyKey: randomUUID(),
  });
  assert.equal(asked.kind, 'requested');
  from = receiver.received.length;
  await psp.advance(6);
  await psp.flush();
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  const failed = await db
    .selectFrom('payment_refund')
    .selectAll()
    .where('attempt_id', '=', refusing.attemptId)
    .executeTakeFirstOrThrow();
  assert.equal(failed.state, 'failed');
  // Failed: the amount is refundable again, and nothing left the ledger.
  assert.deepEqual(
    (await ledger(refusing.attemptId)).map((e) => e.kind),
    ['capture'],
  );
  const again = await payments.requestRefund({
    attemptId: refusing.attemptId,
    amountCents: cents(1114),
    reason: 'erreur de facturation',
    idempotencyKey: randomUUID(),
  });
  assert.equal(again.kind, 'requested');
});

test('a second success for a payable already paid is recorded as an overpayment and refunded automatically', async () => {
  const ref = randomUUID();
  const first = redirected(await checkout(ref));
  await payments.applyOutcome(
    first.attemptId,
    { kind: 'SUCCEEDED', amount: { cents: cents(1114), currency: 'EUR' }, paidAt: new Date() },
    'notification',
  );
  // The lease is free again once paid; a second attempt (another device) pays it again.
  const second = redirected(await checkout(ref));
  const from = receiver.received.length;
  await psp.pay(second.url, '4242424242424242');
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  assert.equal((await attempt(second.attemptId)).state, 'SUCCEEDED');
  assert.deepEqual(await ledger(second.attemptId), [
    { kind: 'overpayment', debit_account: 'collected', credit_account: 'overpaid', amount_cents: 1114 },
  ]);
  const refund = await db
    .selectFrom('payment_refund')
    .selectAll()
    .where('attempt_id', '=', second.attemptId)
    .executeTakeFirstOrThrow();
  assert.equal(refund.origin, 'overpayment');
  assert.equal(refund.state, 'submitted');
  assert.ok(refund.provider_refund_id);
});

test('the reconciler expires an attempt only once the provider says it expired, and a success after expiry is recorded late', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.advance(6 * 60);
  await payments.reconcile();
  // Still open at the provider: not expired here.
  assert.equal((await attempt(attemptId)).state, 'REDIRECTED');
  await psp.advance(10 * 60);
  await payments.reconcile();
  assert.equal((await attempt(attemptId)).state, 'EXPIRED');
  const lease = await db
    .selectFrom('payment_lease')
    .selectAll()
    .where('attempt_id', '=', attemptId)
    .executeTakeFirstOrThrow();
  assert.ok(lease.released_at);
  void url;

  // The late-success card: the session expires at its end, then succeeds 2 minutes later.
  const late = redirected(await checkout(randomUUID()));
  await psp.pay(late.url, '4000009900000103');
  await psp.advance(16 * 60);
  await payments.reconcile();
  assert.equal((await attempt(late.attemptId)).state, 'EXPIRED');
  const from = receiver.received.length;
  await psp.advance(3 * 60);
  await psp.flush();
  for (const n of notificationsSince(from)) await payments.handleNotification('sandbox', n);
  assert.equal((await attempt(late.attemptId)).state, 'SUCCEEDED_LATE');
  assert.equal((await ledger(late.attemptId)).length, 1);
  assert.ok((await payments.timeline(late.attemptId)).some((e) => e.kind === 'corrected_to_paid'));
});

test('the reconciler job is scheduled every minute and, when it runs, records a payment nobody notified', async () => {
  const ref = randomUUID();
  const { attemptId, url } = redirected(await checkout(ref));
  await psp.pay(url, '4000009900000020');
  await psp.advance(6 * 60);
  const queue = await createJobQueue(database, { logger: recordingLogger() });
  try {
    const worker = await startPaymentsReconciler(queue, payments, 0.5);
    try {
      const schedules = await queue.boss.getSchedules(jobQueues.paymentsReconcile.name);
      assert.deepEqual(
        schedules.map((s) => s.cron),
        [RECONCILE_CRON],
      );
      const jobId = await queue.send(db, jobQueues.paymentsReconcile.name, {});
      assert.ok(jobId);
      await waitFor('the reconciler job to complete', async () => {
        const job = await queue.boss.getJobById(jobQueues.paymentsReconcile.name, jobId);
        assert.notEqual(job?.state, 'failed');
        return job?.state === 'completed' ? job : undefined;
      });
    } finally {
      await worker.stop();
    }
  } finally {
    await queue.stop();
  }
  assert.equal((await attempt(attemptId)).state, 'SUCCEEDED');
  assert.equal(settled.get(ref), 1114);
});

test('a basket’s later payment not continued within the hour loses its payable to another payment, and is cancelled rather than started', async () => {
  const [first, second] = [randomUUID(), randomUUID()];
  const item = (ref: string) => ({ kind: 'test-thing', ref, amountCents: cents(500), label: ref });
  const answer = await payments.startCheckout({
    accountId: account.id,
    idempotencyKey: randomBytes(12).toString('base64url'),
    returnPath: '/mes-factures/payer',
    groups: [
      { merchantId: 'mairie-cantine', description: 'A', items: [item(first)] },
      { merchantId: 'dense-periscolaire', description: 'B', items: [item(second)] },
    ],
    locale: 'fr',
  });
  const { attemptId } = redirected(answer);
  assert.ok(answer.kind === 'redirect');
  await payments.applyOutcome(
    attemptId,
    { kind: 'SUCCEEDED', amount: { cents: cents(500), currency: 'EUR' }, paidAt: new Date() },
    'notification',
  );
  await psp.advance(61 * 60);
  const other = await buildAccount(db);
  redirected(await checkout(second, { accountId: other.id, amount: 500 }));
  assert.deepEqual(await payments.continueBasket(account.id, answer.basketId), {
    kind: 'failed',
    reason: 'lease_lost',
  });
  const later = await db
    .selectFrom('payment_attempt')
    .select(['state', 'provider_ref'])
    .where('basket_id', '=', answer.basketId)
    .where('position', '=', 1)
    .executeTakeFirstOrThrow();
  assert.deepEqual(later, { state: 'CANCELLED', provider_ref: null });
});

test('the return page reads only the signed-in account’s own attempt, and asks the provider once when it is not final', async () => {
  const { attemptId, url } = redirected(await checkout(randomUUID()));
  const token = payments.returnToken(attemptId);
  const stranger = await buildAccount(db);
  assert.equal(await payments.handleReturn(stranger.id, token), undefined);
  assert.equal(await payments.handleReturn(account.id, 'not-a-token'), undefined);
  const open = await payments.handleReturn(account.id, token);
  assert.equal(open?.attempt.state, 'REDIRECTED');
  // Paid with the card that is never notified: the return's status query records it.
  await psp.pay(url, '4000009900000020');
  const view = await payments.handleReturn(account.id, token);
  assert.equal(view?.attempt.state, 'SUCCEEDED');
  assert.equal((await payments.timeline(attemptId)).at(-1)?.source, 'return');
});

test('the ledger balances: per merchant, what was collected is what was captured, overpaid or in review, less refunds', async () => {
  const rows = await sql<{ merchant_id: string; debits: string; credits: string }>`
    select merchant_id,
      coalesce(sum(amount_cents) filter (where debit_account = 'collected'), 0) as debits,
      coalesce(sum(amount_cents) filter (where credit_account = 'collected'), 0) as credits
    from payment_ledger_entry group by merchant_id`.execute(db);
  const paid = await sql<{ merchant_id: string; paid: string }>`
    select merchant_id, coalesce(sum(paid_cents), 0) as paid from payment_attempt
    where state in ('SUCCEEDED', 'SUCCEEDED_LATE', 'NEEDS_REVIEW') group by merchant_id`.execute(db);
  const refunded = await sql<{ total: string }>`
    select coalesce(sum(amount_cents), 0) as total from payment_refund where state = 'succeeded'`.execute(db);
  const row = rows.rows.find((r) => r.merchant_id === 'mairie-cantine');
  assert.ok(row);
  assert.equal(Number(row.debits), Number(paid.rows.find((p) => p.merchant_id === 'mairie-cantine')?.paid));
  assert.equal(Number(row.credits), Number(refunded.rows[0]?.total));
  await assert.rejects(sql`update payment_ledger_entry set amount_cents = 1`.execute(db), /append-only/);
});

test('a payable kind is registered once, and none after the state change was built from the handlers', () => {
  const handler = (kind: string) => ({ kind, onPaid: async () => ({ unappliedCents: cents(0) }) });
  const registry = new PayableRegistry().register(handler('one'));
  assert.throws(() => registry.register(handler('one')), /registered twice/);
  assert.deepEqual(registry.settleReaders(), [], 'a handler without settleRows reads its own rows');
  assert.throws(() => registry.register(handler('two')), /registered after payments started/);
});
