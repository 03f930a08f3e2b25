/**
 * Refunds (partial, repeatable, never more than what remains, idempotent) and the settlement
 * report, whose totals must match to the cent.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { todayInMonaco } from '../../src/lib/dates.ts';
import { feeOf } from './sandbox.ts';
import { Harness, OTHER_MERCHANT } from './test-support.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(async () => {
  await h.close();
});

interface RefundView {
  readonly id: string;
  readonly status: string;
  readonly amount: { readonly minor: number };
}

async function paid(minor: number, reference = `REF-${minor}`): Promise<string> {
  const session = await h.createSession({ amount: { minor, currency: 'EUR' }, merchantReference: reference });
  assert.equal((await h.pay(session.token, '4242424242424242')).statusCode, 303);
  return session.id;
}

function refund(sessionId: string, minor: number, key: string, extra: Record<string, unknown> = {}) {
  return h.api('POST', '/api/refunds', { sessionId, amount: { minor, currency: 'EUR' }, ...extra }, { key });
}

test('partial refunds repeat until the whole payment is refunded, and never beyond', async () => {
  const sessionId = await paid(2500);
  const first = await refund(sessionId, 1000, 'r1');
  assert.equal(first.statusCode, 201);
  assert.equal(first.json<RefundView>().status, 'submitted');
  assert.equal((await refund(sessionId, 1000, 'r2')).statusCode, 201);
  const third = await refund(sessionId, 1000, 'r3');
  assert.equal(third.statusCode, 409);
  assert.equal(third.json<{ error: { code: string } }>().error.code, 'amount_exceeds_refundable');
  assert.equal((await h.status(sessionId)).refundable, 500);
  assert.equal((await refund(sessionId, 500, 'r4')).statusCode, 201);
  assert.equal((await refund(sessionId, 1, 'r5')).statusCode, 409);
  await h.advance(5);
  await h.flush();
  const settled = await h.api('GET', `/api/refunds/${first.json<RefundView>().id}`);
  assert.equal(settled.json<RefundView>().status, 'succeeded');
  assert.equal((await h.status(sessionId)).refundable, 0);
});

test('a refund with a stale expectedRefundable, of an unpaid session or another merchant’s, is refused', async () => {
  const sessionId = await paid(2500);
  const stale = await refund(sessionId, 100, 's1', { expectedRefundable: 2400 });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<{ error: { code: string } }>().error.code, 'refundable_changed');
  assert.equal((await refund(sessionId, 100, 's2', { expectedRefundable: 2500 })).statusCode, 201);
  const unpaid = await h.createSession();
  assert.equal((await refund(unpaid.id, 100, 's3')).statusCode, 409);
  const theirs = await h.api(
    'POST',
    '/api/refunds',
    { sessionId, amount: { minor: 100, currency: 'EUR' } },
    { key: 's4', merchant: OTHER_MERCHANT },
  );
  assert.equal(theirs.statusCode, 404);
  for (const minor of [0, -100, 1.5]) assert.equal((await refund(sessionId, minor, `bad-${minor}`)).statusCode, 400);
  assert.equal((await h.status(sessionId)).refundable, 2400);
});

test('a refund retried with the same Idempotency-Key is made once; the key with another body is refused', async () => {
  const sessionId = await paid(2500);
  const first = await refund(sessionId, 2000, 'same');
  const again = await refund(sessionId, 2000, 'same');
  assert.equal(again.statusCode, 201);
  assert.equal(again.json<RefundView>().id, first.json<RefundView>().id);
  assert.equal((await refund(sessionId, 300, 'same')).statusCode, 409);
  assert.equal((await h.status(sessionId)).refundable, 500);
});

test('the settlement report lists each payment and refund with fees and net, and its totals are exact to the cent', async () => {
  const harness = await Harness.start();
  try {
    const amounts = [1114, 5220, 99, 123_456];
    const ids: string[] = [];
    for (const minor of amounts) {
      const session = await harness.createSession({
        amount: { minor, currency: 'EUR' },
        merchantReference: `=CMD-${minor}`,
      });
      await harness.pay(session.token, '4242424242424242');
      ids.push(session.id);
    }
    const declined = await harness.createSession();
    await harness.pay(declined.token, '4000000000000002');
    const refunded = await harness.api(
      'POST',
      '/api/refunds',
      { sessionId: ids[1], amount: { minor: 435, currency: 'EUR' } },
      { key: 'report-refund' },
    );
    assert.equal(refunded.statusCode, 201);
    await harness.advance(5);
    await harness.flush();
    const today = todayInMonaco(harness.clock.now());
    const response = await harness.api('GET', `/api/reports?from=${today}&to=${today}`);
    assert.equal(response.statusCode, 200, response.body);
    const report = response.json<{
      transactions: { kind: string; grossMinor: number; feesMinor: number; netMinor: number }[];
      days: { date: string; grossMinor: number; feesMinor: number; netMinor: number; count: number }[];
      totals: { grossMinor: number; feesMinor: number; netMinor: number };
    }>();
    assert.equal(report.transactions.length, 5, 'four payments and one refund; the decline is not settled');
    const gross = amounts.reduce((sum, minor) => sum + minor, 0) - 435;
    const fees = amounts.reduce((sum, minor) => sum + feeOf(minor), 0);
    assert.deepEqual(report.totals, { grossMinor: gross, feesMinor: fees, netMinor: gross - fees, count: 5 });
    assert.deepEqual(report.days, [
      { date: today, grossMinor: gross, feesMinor: fees, netMinor: gross - fees, count: 5 },
    ]);
    assert.equal(feeOf(1114), 38, '0,25 € + 1,2 % of 11,14 € = 0,38 €');
    assert.equal(feeOf(123_456), 1506);

    const csv = await harness.api('GET', `/api/reports?from=${today}&to=${today}&format=csv`);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'merchant_id,date,type,session_id,refund_id,merchant_reference,gross,fees,net,currency');
    assert.ok(
      lines.some((line) => line.includes(`,'=CMD-1114,11.14,0.38,10.76,EUR`)),
      'a formula-like reference is written as text',
    );
    assert.ok(lines.some((line) => line.endsWith(',-4.35,0.00,-4.35,EUR')));
    const total = lines.at(-1) ?? '';
    assert.equal(
      total,
      `mairie-cantine,,total,,,,${(gross / 100).toFixed(2)},${(fees / 100).toFixed(2)},${((gross - fees) / 100).toFixed(2)},EUR`,
    );

    const otherDay = await harness.api('GET', '/api/reports?from=2020-01-01&to=2020-01-31');
    const quiet = otherDay.json<{ transactions: unknown[]; days: { date: string; count: number }[] }>();
    assert.equal(quiet.transactions.length, 0);
    assert.equal(quiet.days.length, 31, 'every day of the period has its total, a quiet day too');
    assert.ok(quiet.days.every((day) => day.count === 0));
    for (const query of [
      'from=2026-02-30&to=2026-03-01',
      'from=2026-03-02&to=2026-03-01',
      'from=yesterday&to=today',
      'from=2025-01-01&to=2026-01-02',
      '',
    ]) {
      assert.equal((await harness.api('GET', `/api/reports?${query}`)).statusCode, 400, query);
    }
  } finally {
    await harness.close();
  }
});
