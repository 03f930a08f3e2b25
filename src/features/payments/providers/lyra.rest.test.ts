/**
 * The Lyra adapter's REST calls against the sandbox speaking Lyra's dialect (a real port, no
 * database): status of a paid, a declined, an unposted and an expired form; refunds once per key, a
 * refused refund; and what a failed call means: a refusal (wrong password, an ERROR answer) is
 * certain, a timeout or an unreachable API is not.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { startTestPsp } from '../../../../test/helpers/psp.ts';
import { DEVELOPMENT_LYRA_SHOPS } from '../../../config.ts';
import { cents } from '../../../lib/money.ts';
import { ProviderCallFailed } from '../provider.port.ts';
import { LyraProvider, type LyraProviderSettings } from './lyra.ts';

const psp = await startTestPsp();
// A server that takes the request and never answers.
const silent = createServer(() => undefined);
silent.listen(0, '127.0.0.1');
await once(silent, 'listening');
after(async () => {
  await psp.close();
  silent.closeAllConnections();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});
const silentAddress = silent.address();
assert.ok(silentAddress && typeof silentAddress === 'object');

const settings: LyraProviderSettings = {
  mode: 'TEST',
  formUrl: `${psp.url}/vads-payment/`,
  restUrl: psp.url,
  shops: DEVELOPMENT_LYRA_SHOPS,
  timeoutMs: 2000,
};
const provider = new LyraProvider(settings);
const signal = () => AbortSignal.timeout(5000);

/** A form of the portal's, posted as the parent's browser would, then paid (or not) with `card`. */
async function payment(card?: string, amount = 2500) {
  const attemptId = randomUUID();
  const session = await provider.createSession({
    attemptId,
    idempotencyKey: attemptId,
    merchantId: 'mairie-cantine',
    amount: { cents: cents(amount), currency: 'EUR' },
    description: 'Cantine — test',
    locale: 'fr',
    returnUrl: 'http://127.0.0.1:9/paiements/retour/x',
    notifyUrl: 'http://127.0.0.1:9/paiements/notifications/lyra',
    expiresAt: new Date(Date.now() + 900_000),
  });
  assert.ok(session.redirect.kind === 'form');
  if (card !== undefined) {
    const { hosted } = await psp.postVadsForm(session.redirect.fields);
    assert.ok(hosted);
    await psp.pay(hosted, card);
  }
  return session.providerRef;
}

function refundOf(providerRef: string, amount: number, key = randomUUID()) {
  return provider.refund(
    {
      refundId: key,
      idempotencyKey: key,
      merchantId: 'mairie-cantine',
      providerRef,
      amount: { cents: cents(amount), currency: 'EUR' },
      reason: 'Repas non pris',
    },
    signal(),
  );
}

test('the status of a paid, a declined and a never-posted form; the last expires with its session', async () => {
  const paid = await provider.getStatus('mairie-cantine', await payment('4242424242424242'), signal());
  assert.equal(paid.kind, 'SUCCEEDED');
  assert.ok(paid.kind === 'SUCCEEDED' && paid.amount.cents === 2500);
  const declined = await provider.getStatus('mairie-cantine', await payment('4000000000000002'), signal());
  assert.equal(declined.kind, 'DECLINED');
  const unposted = await payment();
  assert.deepEqual(await provider.getStatus('mairie-cantine', unposted, signal()), { kind: 'PENDING' });
  const later = new LyraProvider({ ...settings, now: () => new Date(Date.now() + 16 * 60_000) });
  assert.deepEqual(await later.getStatus('mairie-cantine', unposted, signal()), { kind: 'EXPIRED' });
  // Another creditor's shop does not see this order.
  assert.deepEqual(await provider.getStatus('dense-periscolaire', unposted, signal()), { kind: 'PENDING' });
  assert.equal((await provider.getStatus('mairie-cantine', 'not-a-reference', signal())).kind, 'UNKNOWN');
});

test('a refund is made once per key, even when asked again; more than what is left is refused', async () => {
  const ref = await payment('4242424242424242');
  const key = randomUUID();
  const first = await refundOf(ref, 1000, key);
  assert.equal(first.kind, 'SUBMITTED');
  const again = await refundOf(ref, 1000, key);
  assert.deepEqual(again, first);
  const tooMuch = await refundOf(ref, 2000);
  assert.deepEqual(tooMuch, { kind: 'FAILED', reason: 'SANDBOX_AMOUNT_EXCEEDS_REFUNDABLE' });
  assert.deepEqual(await refundOf(await payment('4000000000000002'), 100), {
    kind: 'FAILED',
    reason: 'no paid transaction to refund',
  });
  // Once settled, the same key finds the refund succeeded.
  await psp.advance(6);
  const settled = await refundOf(ref, 1000, key);
  assert.ok(settled.kind === 'SUCCEEDED' && first.kind === 'SUBMITTED');
  assert.equal(settled.providerRefundId, first.providerRefundId);
});

test('a wrong REST password is a certain failure; a silent or unreachable API is an uncertain one', async () => {
  const ref = await payment();
  const wrong = new LyraProvider({
    ...settings,
    shops: {
      'mairie-cantine': {
        ...DEVELOPMENT_LYRA_SHOPS['mairie-cantine'],
        shopId: '10000001',
        restPassword: 'not-the-password-0000',
      },
    },
  });
  await assert.rejects(
    wrong.getStatus('mairie-cantine', ref, signal()),
    (e: unknown) => e instanceof ProviderCallFailed && e.certain && e.reason === 'HTTP 401',
  );
  const hanging = new LyraProvider({
    ...settings,
    restUrl: `http://127.0.0.1:${silentAddress.port}`,
    timeoutMs: 200,
  });
  await assert.rejects(
    hanging.getStatus('mairie-cantine', ref, signal()),
    (e: unknown) => e instanceof ProviderCallFailed && !e.certain && e.reason === 'TimeoutError',
  );
  const refund = await hanging.refund(
    {
      refundId: 'r',
      idempotencyKey: 'r',
      merchantId: 'mairie-cantine',
      providerRef: ref,
      amount: { cents: cents(100), currency: 'EUR' },
      reason: 'x',
    },
    signal(),
  );
  assert.equal(refund.kind, 'UNKNOWN');
  const unreachable = new LyraProvider({ ...settings, restUrl: 'http://127.0.0.1:9' });
  await assert.rejects(
    unreachable.getStatus('mairie-cantine', ref, signal()),
    (e: unknown) => e instanceof ProviderCallFailed && !e.certain,
  );
  await assert.rejects(
    provider.getStatus('inconnu', ref, signal()),
    (e: unknown) => e instanceof ProviderCallFailed && e.certain,
  );
});
