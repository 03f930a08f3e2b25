/**
 * The sandbox adapter's notification check, without a database: signed with the sandbox's own
 * signing code, then each bad input refused (signature, stale or future timestamp, size, JSON,
 * a merchant that is not the signer's), and the outcomes translated.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonSignature } from '../../../../dev/psp-sandbox/signing.ts';
import { NotificationRejected, type InboundHttp } from '../provider.port.ts';
import { SandboxProvider } from './sandbox.ts';

const SECRETS = {
  'mairie-cantine': 'development-only-psp-secret-mairie-cantine',
  'dense-periscolaire': 'development-only-psp-secret-dense-periscolaire',
};
const provider = new SandboxProvider({ apiUrl: 'http://127.0.0.1:9', merchantSecrets: SECRETS, timeoutMs: 1000 });
const NOW = new Date('2026-11-03T09:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);

function event(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: 'ev_1',
    type: 'payment.succeeded',
    created: T,
    data: {
      sessionId: 'ps_1',
      merchantReference: '2f1b9c1e-8f0a-4d55-9d0e-6d8a3c1b2a10',
      status: 'succeeded',
      amount: { minor: 1114, currency: 'EUR' },
      merchantId: 'mairie-cantine',
      testMode: true,
      ...data,
    },
    ...overrides,
  });
}

function request(body: string, signature: string | undefined, receivedAt = NOW): InboundHttp {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sandbox-signature': signature },
    query: new URLSearchParams(),
    rawBody: new TextEncoder().encode(body),
    receivedAt,
  };
}

const signed = (body: string, secret = SECRETS['mairie-cantine'], t = T) =>
  request(body, jsonSignature(secret, t, body));

function rejected(http: InboundHttp, reason: string) {
  assert.throws(
    () => provider.verifyNotification(http),
    (error: unknown) => error instanceof NotificationRejected && error.reason === reason,
    reason,
  );
}

test('a notification signed by the merchant is verified and translated to our outcome', () => {
  const { notification, ack } = provider.verifyNotification(signed(event()));
  assert.equal(ack.status, 200);
  assert.equal(notification.dedupeKey, 'ev_1');
  assert.equal(notification.attemptId, '2f1b9c1e-8f0a-4d55-9d0e-6d8a3c1b2a10');
  assert.equal(notification.providerRef, 'ps_1');
  assert.equal(notification.merchantId, 'mairie-cantine');
  assert.deepEqual(notification.outcome, {
    kind: 'SUCCEEDED',
    amount: { cents: 1114, currency: 'EUR' },
    paidAt: NOW,
  });
  const declined = provider.verifyNotification(
    signed(
      event({ id: 'ev_2', type: 'payment.declined' }, { status: 'declined', declineReason: 'insufficient_funds' }),
    ),
  );
  assert.deepEqual(declined.notification.outcome, { kind: 'DECLINED', reason: 'insufficient_funds' });
  const refund = provider.verifyNotification(
    signed(
      event(
        { id: 'ev_3', type: 'refund.succeeded' },
        { refund: { id: 're_1', status: 'succeeded', origin: 'api', amount: { minor: 500, currency: 'EUR' } } },
      ),
    ),
  );
  assert.deepEqual(refund.notification.outcome, {
    kind: 'REFUND',
    refundId: 're_1',
    refund: { kind: 'SUCCEEDED', providerRefundId: 're_1', amount: { cents: 500, currency: 'EUR' } },
  });
});

test('a wrong, missing or tampered signature is refused', () => {
  const body = event();
  rejected(request(body, undefined), 'signature header');
  rejected(request(body, 'v1=abc'), 'signature header');
  rejected(signed(body, 'another-secret-of-sixteen-chars'), 'signature');
  // One byte of the body changed after signing.
  rejected(request(body.replace('1114', '1115'), jsonSignature(SECRETS['mairie-cantine'], T, body)), 'signature');
  assert.equal(provider.rejectAck().status, 400);
  assert.doesNotMatch(provider.rejectAck().body, /secret/);
});

test('a timestamp outside five minutes either way is refused, even correctly signed', () => {
  const body = event();
  rejected(signed(body, SECRETS['mairie-cantine'], T - 301), 'stale');
  rejected(signed(body, SECRETS['mairie-cantine'], T + 301), 'stale');
  assert.ok(provider.verifyNotification(signed(body, SECRETS['mairie-cantine'], T - 299)));
});

test('an empty or oversized body, malformed JSON or an unknown shape is refused', () => {
  rejected(signed(''), 'size');
  rejected(signed(`${event()}${' '.repeat(17 * 1024)}`), 'size');
  rejected(signed('{"id": "ev_1", '), 'malformed');
  rejected(signed(JSON.stringify({ id: 'ev_1' })), 'malformed');
  rejected(signed(event({}, { amount: { minor: 'a lot', currency: 'EUR' } })), 'malformed');
});

test('a notification naming another merchant than the one whose key signed it is refused', () => {
  rejected(signed(event({}, { merchantId: 'dense-periscolaire' })), 'merchant');
  // Signed by the other merchant, naming itself: verified, for the service to compare with the attempt.
  const other = provider.verifyNotification(
    signed(event({}, { merchantId: 'dense-periscolaire' }), SECRETS['dense-periscolaire']),
  );
  assert.equal(other.notification.merchantId, 'dense-periscolaire');
});
