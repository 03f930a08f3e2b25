/**
 * The sandbox's API: merchant authentication, idempotent session creation, status, expiry on the
 * sandbox's clock, state kept across a restart, and its refusal to run in production.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AdjustableClock } from './clock.ts';
import { DEVELOPMENT_MERCHANTS, DEVELOPMENT_VADS_MERCHANTS, pspSandboxOptions } from './config.ts';
import { buildPspSandbox } from './server.ts';
import { Harness, MERCHANT, OTHER_MERCHANT, PUBLIC_URL, type CreatedSession } from './test-support.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(async () => {
  await h.close();
});

test('an API call without the merchant’s secret is refused with 401', async () => {
  const none = await h.app.inject({ method: 'GET', url: '/api/sessions/ps_x' });
  assert.equal(none.statusCode, 401);
  assert.equal(none.headers['www-authenticate'], 'Bearer realm="psp-sandbox"');
  const wrong = await h.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: {
      authorization: `Bearer ${MERCHANT.secret}x`,
      'idempotency-key': 'k',
      'content-type': 'application/json',
    },
    payload: JSON.stringify(h.sessionBody()),
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json<{ error: { code: string } }>().error.code, 'unauthenticated');
});

test('a session is created with a one-time hosted page URL on the sandbox’s origin and a 15-minute expiry', async () => {
  const before = Date.now();
  const session = await h.createSession();
  assert.match(session.id, /^ps_/);
  assert.equal(session.status, 'pending');
  assert.match(session.hostedPageUrl, new RegExp(`^${PUBLIC_URL}/pay/[A-Za-z0-9_-]{32}$`));
  const ttl = Date.parse(session.expiresAt) - before;
  assert.ok(ttl > 899_000 && ttl <= 901_000, `expires in ${ttl} ms`);
  const status = await h.status(session.id);
  assert.equal(status.status, 'pending');
  assert.deepEqual(status.amount, { minor: 1114, currency: 'EUR' });
});

test('the same Idempotency-Key with the same body gives the same session; with another body, 409', async () => {
  const body = h.sessionBody({ merchantReference: 'IDEM-1' });
  const first = await h.api('POST', '/api/sessions', body, { key: 'idem-key-1' });
  const again = await h.api('POST', '/api/sessions', { ...body }, { key: 'idem-key-1' });
  assert.equal(first.statusCode, 201);
  assert.equal(again.statusCode, 201);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.deepEqual(again.json<CreatedSession>(), first.json<CreatedSession>());
  const other = await h.api(
    'POST',
    '/api/sessions',
    { ...body, amount: { minor: 1115, currency: 'EUR' } },
    { key: 'idem-key-1' },
  );
  assert.equal(other.statusCode, 409);
  assert.equal(other.json<{ error: { code: string } }>().error.code, 'idempotency_key_reused');
  // Keys belong to one merchant: the other merchant may use the same key for its own session.
  const theirs = await h.api(
    'POST',
    '/api/sessions',
    { ...body, merchantId: OTHER_MERCHANT.id },
    {
      key: 'idem-key-1',
      merchant: OTHER_MERCHANT,
    },
  );
  assert.equal(theirs.statusCode, 201);
  assert.notEqual(theirs.json<CreatedSession>().id, first.json<CreatedSession>().id);
});

test('a session without an Idempotency-Key, or with a wrong body, is refused and nothing is created', async () => {
  const noKey = await h.api('POST', '/api/sessions', h.sessionBody());
  assert.equal(noKey.statusCode, 400);
  assert.equal(noKey.json<{ error: { code: string } }>().error.code, 'idempotency_key_required');
  const wrongBodies: Record<string, unknown>[] = [
    { amount: { minor: 11.14, currency: 'EUR' } },
    { amount: { minor: 0, currency: 'EUR' } },
    { amount: { minor: -5, currency: 'EUR' } },
    { amount: { minor: '1114', currency: 'EUR' } },
    { amount: { minor: 1114, currency: 'USD' } },
    { returnUrl: 'javascript:alert(1)' },
    { notificationUrl: 'ftp://example.org/' },
    { language: 'de' },
    { merchantReference: '' },
    { merchantReference: 'x'.repeat(65) },
    { description: 'a\u0000b' },
    { extra: 'field' },
  ];
  for (const [index, overrides] of wrongBodies.entries()) {
    const response = await h.api('POST', '/api/sessions', h.sessionBody(overrides), { key: `bad-${index}` });
    assert.equal(response.statusCode, 400, `${JSON.stringify(overrides)}: ${response.body}`);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'invalid_request');
  }
  const notJson = await h.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: {
      authorization: `Bearer ${MERCHANT.secret}`,
      'idempotency-key': 'nj',
      'content-type': 'application/json',
    },
    payload: '{"merchantId":',
  });
  assert.equal(notJson.statusCode, 400);
});

test('a merchant cannot create a session in another merchant’s name, nor read another merchant’s session', async () => {
  const forOther = await h.api('POST', '/api/sessions', h.sessionBody({ merchantId: OTHER_MERCHANT.id }), {
    key: 'x-1',
  });
  assert.equal(forOther.statusCode, 403);
  const session = await h.createSession();
  const read = await h.api('GET', `/api/sessions/${session.id}`, undefined, { merchant: OTHER_MERCHANT });
  assert.equal(read.statusCode, 404);
});

test('a session nobody paid expires when its time is up, on the sandbox’s clock', async () => {
  const harness = await Harness.start({ sessionTtlSeconds: 60 });
  try {
    const session = await harness.createSession();
    await harness.advance(59);
    assert.equal((await harness.status(session.id)).status, 'pending');
    await harness.advance(1);
    assert.equal((await harness.status(session.id)).status, 'expired');
    const page = await harness.app.inject(`/pay/${session.token}`);
    assert.match(page.body, /Session expirée/);
    const post = await harness.pay(session.token, '4242424242424242').catch(() => undefined);
    assert.equal(post, undefined, 'an expired page has no form to post');
    await harness.flush();
    assert.deepEqual(
      harness.receiver.events().map((event) => event.type),
      ['payment.expired'],
    );
  } finally {
    await harness.close();
  }
});

test('the sandbox keeps its sessions in its own directory across a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-psp-restart-'));
  try {
    const options = { ...pspSandboxOptions('test', { DATA_DIR: dir }), background: false };
    assert.equal(options.stateDir, path.join(dir, 'psp-sandbox'));
    const first = buildPspSandbox(options, { clock: new AdjustableClock() });
    const created = await first.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: {
        authorization: `Bearer ${MERCHANT.secret}`,
        'idempotency-key': 'restart',
        'content-type': 'application/json',
      },
      payload: JSON.stringify(h.sessionBody()),
    });
    assert.equal(created.statusCode, 201);
    await first.close();
    const second = buildPspSandbox(options);
    const read = await second.inject({
      url: `/api/sessions/${created.json<CreatedSession>().id}`,
      headers: { authorization: `Bearer ${MERCHANT.secret}` },
    });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json<{ status: string }>().status, 'pending');
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the sandbox refuses to start when NODE_ENV=production', () => {
  assert.throws(
    () => buildPspSandbox({ ...pspSandboxOptions('production', {}), stateDir: undefined, background: false }),
    /refuses to start when NODE_ENV=production/,
  );
});

test('its settings default to the development merchants (JSON and Lyra form), and a wrong setting is named', () => {
  const defaults = pspSandboxOptions('development', {});
  assert.deepEqual(
    defaults.merchants.map((merchant) => `${merchant.id} ${merchant.dialect}`),
    ['mairie-cantine json', 'dense-periscolaire json', '10000001 vads', '10000002 vads'],
  );
  assert.equal(DEVELOPMENT_MERCHANTS.length + DEVELOPMENT_VADS_MERCHANTS.length, 4);
  assert.equal(defaults.publicUrl, 'http://localhost:3002');
  assert.equal(defaults.sessionTtlSeconds, 900);
  const configured = pspSandboxOptions('development', {
    PSP_SANDBOX_PORT: '4002',
    PSP_SANDBOX_SESSION_TTL_SECONDS: '120',
    PSP_SANDBOX_MERCHANTS: JSON.stringify([{ id: 'ecole-a', name: 'École A', secret: 'a-secret-of-16-chars-or-more' }]),
  });
  assert.equal(configured.publicUrl, 'http://localhost:4002');
  assert.equal(configured.sessionTtlSeconds, 120);
  assert.deepEqual(configured.merchants, [
    { id: 'ecole-a', name: 'École A', secret: 'a-secret-of-16-chars-or-more', dialect: 'json' },
  ]);
  assert.throws(
    () => pspSandboxOptions('development', { PSP_SANDBOX_MERCHANTS: '[{' }),
    /PSP_SANDBOX_MERCHANTS: not valid JSON/,
  );
  assert.throws(
    () =>
      pspSandboxOptions('development', {
        PSP_SANDBOX_MERCHANTS: JSON.stringify([{ id: 'a b', name: 'x', secret: 'short' }]),
      }),
    /PSP_SANDBOX_MERCHANTS/,
  );
  assert.throws(
    () => pspSandboxOptions('development', { PSP_SANDBOX_SESSION_TTL_SECONDS: '5' }),
    /PSP_SANDBOX_SESSION_TTL_SECONDS/,
  );
});
