/**
 * Notification delivery: retried on the schedule (10 s, 1 min, 5 min, 30 min, 2 h) until the
 * merchant answers 2xx, then marked failed; an unreachable endpoint neither blocks the browser nor
 * loses the notification.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { Harness } from './test-support.ts';

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

interface DeliveryView {
  readonly sessionId: string;
  readonly status: string;
  readonly attempts: { readonly outcome: string }[];
}

async function deliveriesOf(sessionId: string): Promise<DeliveryView[]> {
  const response = await h.api('GET', '/api/notifications');
  return response.json<DeliveryView[]>().filter((delivery) => delivery.sessionId === sessionId);
}

test('a notification is retried after 10 s, 1 min and 5 min until the merchant answers 2xx, then never again', async () => {
  h.receiver.answers.push(500, 503, 404);
  const session = await h.createSession();
  assert.equal((await h.pay(session.token, '4242424242424242')).statusCode, 303, 'the browser returns all the same');
  assert.equal(h.receiver.received.length, 1);
  await h.advance(9);
  await h.flush();
  assert.equal(h.receiver.received.length, 1, 'not before 10 s');
  await h.advance(1);
  await h.flush();
  assert.equal(h.receiver.received.length, 2);
  await h.advance(60);
  await h.flush();
  assert.equal(h.receiver.received.length, 3);
  await h.advance(299);
  await h.flush();
  assert.equal(h.receiver.received.length, 3, 'not before 5 min');
  await h.advance(1);
  await h.flush();
  assert.equal(h.receiver.received.length, 4);
  await h.advance(3 * 3600);
  await h.flush();
  assert.equal(h.receiver.received.length, 4, 'acknowledged: no more deliveries');
  assert.equal(new Set(h.receiver.received.map((request) => request.body)).size, 1, 'the same body each time');
  const [delivery] = await deliveriesOf(session.id);
  assert.equal(delivery?.status, 'delivered');
  assert.deepEqual(
    delivery?.attempts.map((attempt) => attempt.outcome),
    ['HTTP 500', 'HTTP 503', 'HTTP 404', 'HTTP 200'],
  );
});

test('after six refused attempts (the last 2 h after the fifth) the delivery is marked failed', async () => {
  h.receiver.answers.push(...Array.from({ length: 10 }, () => 500));
  const session = await h.createSession();
  await h.pay(session.token, '4242424242424242');
  for (const seconds of [10, 60, 300, 1800]) {
    await h.advance(seconds);
    await h.flush();
  }
  assert.equal(h.receiver.received.length, 5);
  await h.advance(7199);
  await h.flush();
  assert.equal(h.receiver.received.length, 5);
  await h.advance(1);
  const last = await h.flush();
  assert.deepEqual(last, { attempted: 1, delivered: 0, failed: 1 });
  assert.equal(h.receiver.received.length, 6);
  await h.advance(24 * 3600);
  await h.flush();
  assert.equal(h.receiver.received.length, 6);
  assert.equal((await deliveriesOf(session.id))[0]?.status, 'failed');
});

test('an unreachable notification URL does not stop the browser from returning; the retry reaches it later', async () => {
  const session = await h.createSession({ notificationUrl: 'http://127.0.0.1:9/injoignable' });
  const response = await h.pay(session.token, '4242424242424242');
  assert.equal(response.statusCode, 303);
  const [delivery] = await deliveriesOf(session.id);
  assert.equal(delivery?.status, 'scheduled');
  assert.match(delivery?.attempts[0]?.outcome ?? '', /Error/);
});

test('two flushes at once deliver each due notification once', async () => {
  h.receiver.answers.push(500, 500);
  const first = await h.createSession();
  const second = await h.createSession();
  await h.pay(first.token, '4242424242424242');
  await h.pay(second.token, '4242424242424242');
  assert.equal(h.receiver.received.length, 2, 'each first attempt refused');
  await h.advance(10);
  await Promise.all([h.flush(), h.flush(), h.flush()]);
  assert.equal(h.receiver.received.length, 4, 'one retry of each, however many flushes ran');
  for (const session of [first, second]) {
    const [delivery] = await deliveriesOf(session.id);
    assert.equal(delivery?.status, 'delivered');
    assert.equal(delivery?.attempts.length, 2);
  }
});
