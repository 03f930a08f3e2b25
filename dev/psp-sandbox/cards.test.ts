/**
 * Every magic card's outcome, seen as the merchant sees it: the browser's return, the status API
 * and the signed notifications received by a real HTTP server (the sandbox's clock moved by the
 * control API, never by waiting).
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { heading1, parsePage } from '../../test/helpers/html.ts';
import { luhnValid, MAGIC_CARDS } from './cards.ts';
import { Harness, MERCHANT, OTHER_MERCHANT, type NotificationEvent, type Received } from './test-support.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(async () => {
  await h.close();
});
beforeEach(() => {
  h.receiver.received.length = 0;
  h.receiver.answers.length = 0;
});

/** Verifies a notification as a merchant must: the HMAC recomputed over the raw body, in constant time. */
function verify(request: Received, secret: string): NotificationEvent {
  const header = String(request.headers['sandbox-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  assert.ok(match?.[1] && match[2], `a signature header: ${header}`);
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`).digest();
  assert.ok(timingSafeEqual(expected, Buffer.from(match[2], 'hex')), 'the signature verifies');
  assert.ok(Math.abs(Number(match[1]) - Date.now() / 1000) < 86_400 * 2, 'a plausible timestamp');
  assert.equal(request.headers['content-type'], 'application/json');
  return JSON.parse(request.body) as NotificationEvent;
}

function signatureValid(request: Received, secret: string): boolean {
  try {
    verify(request, secret);
    return true;
  } catch {
    return false;
  }
}

function forSession(id: string): Received[] {
  return h.receiver.received.filter((request) => request.body.includes(id));
}

test('every magic card number is Luhn-valid and listed once', () => {
  for (const card of MAGIC_CARDS) assert.ok(luhnValid(card.number), card.number);
  assert.equal(new Set(MAGIC_CARDS.map((card) => card.number)).size, MAGIC_CARDS.length);
});

const simple: { card: string; status: string; reason: string | null }[] = [
  { card: '4242424242424242', status: 'succeeded', reason: null },
  { card: '5105105105105100', status: 'succeeded', reason: null },
  { card: '4000000000000002', status: 'declined', reason: 'card_declined' },
  { card: '4000000000009995', status: 'declined', reason: 'insufficient_funds' },
  { card: '4000000000000069', status: 'declined', reason: 'expired_card' },
  { card: '4000000000000127', status: 'declined', reason: 'incorrect_cvc' },
  { card: '4000000000000119', status: 'error', reason: null },
  { card: '4111111111111111', status: 'succeeded', reason: null },
];

for (const { card, status, reason } of simple) {
  test(`card ${card}: ${status}${reason ? ` (${reason})` : ''}, notified and signed before the browser returns`, async () => {
    const session = await h.createSession();
    const response = await h.pay(session.token, card);
    assert.equal(response.statusCode, 303);
    // The notification was sent before the redirect: it is already there, no flush needed.
    const received = forSession(session.id);
    assert.equal(received.length, 1);
    const event = verify(received[0] as Received, MERCHANT.secret);
    assert.equal(event.type, `payment.${status}`);
    assert.match(event.id, /^ev_/);
    assert.deepEqual(event.data, {
      sessionId: session.id,
      merchantReference: 'FACT-2026-0042',
      status,
      amount: { minor: 1114, currency: 'EUR' },
      merchantId: MERCHANT.id,
      testMode: true,
      ...(reason ? { declineReason: reason } : {}),
    });
    const view = await h.status(session.id);
    assert.equal(view.status, status);
    assert.equal(view.declineReason, reason);
    assert.equal(view.card?.last4, card.slice(-4));
  });
}

test('3-D Secure (4000002500003155): Approve succeeds, Deny declines with 3ds_failed, closing leaves it to expire', async () => {
  for (const [action, status, reason] of [
    ['approuver', 'succeeded', null],
    ['refuser', 'declined', '3ds_failed'],
  ] as const) {
    const session = await h.createSession();
    const submitted = await h.pay(session.token, '4000 0025 0000 3155');
    assert.equal(submitted.statusCode, 303);
    assert.equal(submitted.headers.location, `/3ds/${session.token}?lang=fr`);
    assert.equal((await h.status(session.id)).status, 'pending');
    const challenge = await h.app.inject(submitted.headers.location);
    assert.equal(heading1(parsePage(challenge.body)), 'Authentification 3-D Secure');
    assert.match(challenge.body, /se terminant par 3155/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(challenge.body)?.[1] ?? '';
    assert.equal((await h.postForm(`/3ds/${session.token}`, { csrf: 'forged', action })).statusCode, 403);
    const answered = await h.postForm(`/3ds/${session.token}`, { csrf, action });
    assert.equal(answered.statusCode, 303);
    assert.equal(new URL(answered.headers.location as string).searchParams.get('session_id'), session.id);
    const view = await h.status(session.id);
    assert.equal(view.status, status);
    assert.equal(view.declineReason, reason);
    assert.equal((await h.postForm(`/3ds/${session.token}`, { csrf, action: 'approuver' })).statusCode, 409);
  }
  const closed = await h.createSession();
  await h.pay(closed.token, '4000002500003155');
  const back = await h.app.inject(`/pay/${closed.token}`);
  assert.equal(back.statusCode, 303, 'the payment page leads back to the challenge');
  await h.advance(900);
  assert.equal((await h.status(closed.id)).status, 'expired');
});

test('slow notification (…0012): the browser returns now, the notification 60 s later', async () => {
  const session = await h.createSession();
  assert.equal((await h.pay(session.token, '4000009900000012')).statusCode, 303);
  assert.equal((await h.status(session.id)).status, 'succeeded');
  assert.equal(forSession(session.id).length, 0);
  await h.advance(59);
  await h.flush();
  assert.equal(forSession(session.id).length, 0);
  await h.advance(1);
  await h.flush();
  assert.equal(verify(forSession(session.id)[0] as Received, MERCHANT.secret).data.status, 'succeeded');
});

test('notification never sent (…0020): the success shows only through the status API', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000020');
  await h.advance(3 * 3600);
  await h.flush();
  assert.equal(forSession(session.id).length, 0);
  assert.equal((await h.status(session.id)).status, 'succeeded');
});

test('duplicate notifications (…0038): the same event three times at once, then once more 10 min later', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000038');
  assert.equal(forSession(session.id).length, 3);
  await h.advance(600);
  await h.flush();
  const events = forSession(session.id).map((request) => verify(request, MERCHANT.secret));
  assert.equal(events.length, 4);
  assert.equal(new Set(events.map((event) => event.id)).size, 1, 'one event id');
});

test('browser closed (…0046): the notification is sent and the page says the tab can be closed, with no redirect', async () => {
  const session = await h.createSession();
  const response = await h.pay(session.token, '4000009900000046');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers.location, undefined);
  assert.match(response.body, /Vous pouvez fermer cet onglet/);
  assert.equal(verify(forSession(session.id)[0] as Received, MERCHANT.secret).data.status, 'succeeded');
});

test('out of order (…0053): succeeded, then a stale pending event with an older timestamp', async () => {
  const session = await h.createSession();
  await h.advance(30);
  await h.pay(session.token, '4000009900000053');
  const events = forSession(session.id).map((request) => verify(request, MERCHANT.secret));
  assert.deepEqual(
    events.map((event) => event.type),
    ['payment.succeeded', 'payment.pending'],
  );
  assert.ok((events[1] as NotificationEvent).created < (events[0] as NotificationEvent).created);
  assert.equal((await h.status(session.id)).status, 'succeeded');
});

test('bad signature first (…0061): the first delivery does not verify, the valid one comes 30 s later', async () => {
  const session = await h.createSession();
  h.receiver.answers.push(401); // the merchant refuses the badly signed delivery
  await h.pay(session.token, '4000009900000061');
  const first = forSession(session.id);
  assert.equal(first.length, 1);
  assert.equal(signatureValid(first[0] as Received, MERCHANT.secret), false);
  await h.advance(30);
  await h.flush();
  const all = forSession(session.id);
  assert.equal(all.length, 2);
  assert.equal(signatureValid(all[1] as Received, MERCHANT.secret), true);
  await h.advance(3 * 3600);
  await h.flush();
  assert.equal(forSession(session.id).length, 2, 'the corrupted delivery is never retried');
});

test('amount mismatch (…0079): notification and status report one cent less than asked', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000079');
  assert.deepEqual(verify(forSession(session.id)[0] as Received, MERCHANT.secret).data.amount, {
    minor: 1113,
    currency: 'EUR',
  });
  assert.deepEqual((await h.status(session.id)).amount, { minor: 1113, currency: 'EUR' });
});

test('authorisation timeout (…0087): pending for 2 min, then succeeded and notified', async () => {
  const session = await h.createSession();
  assert.equal((await h.pay(session.token, '4000009900000087')).statusCode, 303);
  assert.equal((await h.status(session.id)).status, 'pending');
  await h.advance(119);
  assert.equal((await h.status(session.id)).status, 'pending');
  await h.advance(1);
  await h.flush();
  assert.equal((await h.status(session.id)).status, 'succeeded');
  assert.equal(verify(forSession(session.id)[0] as Received, MERCHANT.secret).type, 'payment.succeeded');
});

test('external refund (…0095): success, then a back-office partial refund notified a minute later', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000095');
  await h.advance(60);
  await h.flush();
  const events = forSession(session.id).map((request) => verify(request, MERCHANT.secret));
  assert.deepEqual(
    events.map((event) => event.type),
    ['payment.succeeded', 'refund.succeeded'],
  );
  assert.equal(events[1]?.data.refund?.origin, 'backoffice');
  assert.equal(events[1]?.data.refund?.amount.minor, 557);
  assert.equal((await h.status(session.id)).refundable, 1114 - 557);
});

test('late success (…0103): expired at the end of the session, succeeded 2 min after', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000103');
  assert.equal((await h.status(session.id)).status, 'pending');
  await h.advance(900);
  await h.flush();
  assert.equal((await h.status(session.id)).status, 'expired');
  await h.advance(120);
  await h.flush();
  assert.equal((await h.status(session.id)).status, 'succeeded');
  assert.deepEqual(
    forSession(session.id).map((request) => verify(request, MERCHANT.secret).type),
    ['payment.expired', 'payment.succeeded'],
  );
});

test('wrong merchant (…0111): a correctly signed notification naming another merchant', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000111');
  const event = verify(forSession(session.id)[0] as Received, MERCHANT.secret);
  assert.equal(event.data.merchantId, OTHER_MERCHANT.id);
});

test('refund failure (…0129): the payment succeeds, every refund goes submitted → failed', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '4000009900000129');
  const refund = await h.api(
    'POST',
    '/api/refunds',
    { sessionId: session.id, amount: { minor: 500, currency: 'EUR' } },
    { key: 'rf-1' },
  );
  assert.equal(refund.statusCode, 201);
  const { id } = refund.json<{ id: string; status: string }>();
  assert.equal(refund.json<{ status: string }>().status, 'submitted');
  await h.advance(5);
  await h.flush();
  const settled = await h.api('GET', `/api/refunds/${id}`);
  assert.equal(settled.json<{ status: string }>().status, 'failed');
  assert.equal((await h.status(session.id)).refundable, 1114, 'a failed refund gives the amount back');
  assert.equal(
    forSession(session.id)
      .map((request) => verify(request, MERCHANT.secret).type)
      .at(-1),
    'refund.failed',
  );
});
