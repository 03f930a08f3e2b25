/**
 * The Lyra adapter without a network: the signature recipe against the example of Lyra's
 * documentation, the signed form of a checkout, each bad IPN refused (signature, missing, repeated
 * or oversized fields, another content type, TEST in PRODUCTION, an unknown shop) and the statuses
 * translated. Status queries and refunds run against the sandbox in lyra.e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { cents } from '../../../lib/money.ts';
import { NotificationRejected, ProviderCallFailed, type InboundHttp } from '../provider.port.ts';
import { LyraProvider, lyraSignature, lyraSigningString, outcomeOfStatus, type LyraProviderSettings } from './lyra.ts';

const NOW = new Date('2026-11-03T09:15:42.250Z');
const KEY_TEST = 'test-only-lyra-key-test-0000';
const KEY_PRODUCTION = 'test-only-lyra-key-production-0000';
const SETTINGS: LyraProviderSettings = {
  mode: 'TEST',
  formUrl: 'https://secure.lyra.example/vads-payment/',
  restUrl: 'http://127.0.0.1:9',
  shops: {
    'mairie-cantine': {
      shopId: '12345678',
      keyTest: KEY_TEST,
      keyProduction: KEY_PRODUCTION,
      restPassword: 'test-only-rest-password',
    },
    'dense-periscolaire': { shopId: '87654321', keyTest: 'test-only-other-key-0000', restPassword: 'x' },
  },
  timeoutMs: 1000,
  now: () => NOW,
};
const ATTEMPT = '2f1b9c1e-8f0a-4d55-9d0e-6d8a3c1b2a10';
const ORDER = '2f1b9c1e8f0a4d559d0e6d8a3c1b2a10';

// The example of Lyra's documentation ("Computing the signature", Systempay/PayZen form guide): these
// ten fields and the test key 1122334455667788 give the SHA-1 signature below. It pins the string
// that is signed (sorting, "+" separators, the key appended); HMAC-SHA-256 signs that same string.
const DOC_FIELDS = {
  vads_version: 'V2',
  vads_page_action: 'PAYMENT',
  vads_action_mode: 'INTERACTIVE',
  vads_payment_config: 'SINGLE',
  vads_site_id: '12345678',
  vads_ctx_mode: 'TEST',
  vads_trans_id: '654321',
  vads_trans_date: '20090501193530',
  vads_amount: '1524',
  vads_currency: '978',
};
const DOC_KEY = '1122334455667788';

test('the string signed matches the example of Lyra’s documentation', () => {
  const signed = lyraSigningString({ ...DOC_FIELDS, signature: 'ignored', other: 'ignored' }, DOC_KEY);
  assert.equal(signed, 'INTERACTIVE+1524+TEST+978+PAYMENT+SINGLE+12345678+20090501193530+654321+V2+1122334455667788');
  assert.equal(createHash('sha1').update(signed).digest('hex'), '606b369759fac4f0864144c803c73676cbe470ff');
});

test('the HMAC-SHA-256 signature of the documentation’s fields (computed independently with openssl)', () => {
  // printf '%s' 'INTERACTIVE+1524+…+V2+1122334455667788' | openssl dgst -sha256 -hmac 1122334455667788 -binary | base64
  assert.equal(lyraSignature(DOC_FIELDS, DOC_KEY), 'O1ycab+xOkAmToSWeEE2hj39aAKCQ2IxGK+JxKv8iUI=');
});

test('a checkout is a signed form with Lyra’s fields, posted to the form URL', async () => {
  const provider = new LyraProvider(SETTINGS);
  const session = await provider.createSession({
    attemptId: ATTEMPT,
    idempotencyKey: ATTEMPT,
    merchantId: 'mairie-cantine',
    amount: { cents: cents(5220), currency: 'EUR' },
    description: 'Cantine — École du Parc\n— mars',
    payerEmail: 'camille@example.mc',
    locale: 'fr',
    returnUrl: 'https://portail.example/paiement/retour/tok',
    notifyUrl: 'https://portail.example/paiement/notification/lyra',
    expiresAt: new Date(NOW.getTime() + 900_000),
  });
  assert.equal(session.redirect.kind, 'form');
  if (session.redirect.kind !== 'form') return;
  assert.equal(session.redirect.action, SETTINGS.formUrl);
  const f = session.redirect.fields;
  assert.deepEqual(
    { ...f, signature: undefined },
    {
      vads_action_mode: 'INTERACTIVE',
      vads_amount: '5220',
      vads_ctx_mode: 'TEST',
      vads_currency: '978',
      vads_cust_email: 'camille@example.mc',
      vads_language: 'fr',
      vads_order_id: ORDER,
      vads_order_info: 'Cantine — École du Parc — mars',
      vads_page_action: 'PAYMENT',
      vads_payment_config: 'SINGLE',
      vads_return_mode: 'GET',
      vads_site_id: '12345678',
      vads_trans_date: '20261103091542',
      vads_trans_id: '333422',
      vads_url_check: 'https://portail.example/paiement/notification/lyra',
      vads_url_return: 'https://portail.example/paiement/retour/tok',
      vads_version: 'V2',
      signature: undefined,
    },
  );
  // Recomputed here from the documented recipe, not with the adapter's code.
  const values = Object.keys(f)
    .filter((n) => n.startsWith('vads_'))
    .sort()
    .map((n) => f[n]);
  assert.equal(
    f.signature,
    createHmac('sha256', KEY_TEST)
      .update(`${values.join('+')}+${KEY_TEST}`)
      .digest('base64'),
  );
  assert.equal(session.providerRef, `20261103091542_333422_${ORDER}`);
});

test('two checkouts in the same tenth of a second get different transaction ids', async () => {
  const provider = new LyraProvider(SETTINGS);
  const input = {
    attemptId: ATTEMPT,
    idempotencyKey: ATTEMPT,
    merchantId: 'mairie-cantine',
    amount: { cents: cents(100), currency: 'EUR' as const },
    description: 'x',
    locale: 'en' as const,
    returnUrl: 'https://portail.example/r',
    notifyUrl: 'https://portail.example/n',
    expiresAt: NOW,
  };
  const ids = new Set<string>();
  for (let i = 0; i < 5; i += 1) {
    const session = await provider.createSession(input);
    ids.add(session.redirect.kind === 'form' ? (session.redirect.fields.vads_trans_id ?? '') : '');
  }
  assert.deepEqual([...ids], ['333422', '333423', '333424', '333425', '333426']);
});

test('a merchant without a shop, or without the key of the mode, cannot start a payment', async () => {
  const production = new LyraProvider({ ...SETTINGS, mode: 'PRODUCTION' });
  const input = {
    attemptId: ATTEMPT,
    idempotencyKey: ATTEMPT,
    merchantId: 'dense-periscolaire',
    amount: { cents: cents(100), currency: 'EUR' as const },
    description: 'x',
    locale: 'fr' as const,
    returnUrl: 'https://portail.example/r',
    notifyUrl: 'https://portail.example/n',
    expiresAt: NOW,
  };
  await assert.rejects(production.createSession(input), (e: unknown) => e instanceof ProviderCallFailed && e.certain);
  await assert.rejects(
    new LyraProvider(SETTINGS).createSession({ ...input, merchantId: 'inconnu' }),
    (e: unknown) => e instanceof ProviderCallFailed && e.certain,
  );
});

// ------------------------------------------------------------------------------------------------
// IPN

function ipnFields(overrides: Record<string, string | undefined> = {}, key = KEY_TEST): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    vads_site_id: '12345678',
    vads_ctx_mode: 'TEST',
    vads_trans_id: '055422',
    vads_trans_date: '20261103091542',
    vads_trans_uuid: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    vads_order_id: ORDER,
    vads_amount: '5220',
    vads_currency: '978',
    vads_trans_status: 'CAPTURED',
    vads_result: '00',
    vads_operation_type: 'DEBIT',
    vads_url_check_src: 'PAY',
    vads_order_info: 'Cantine — École du Parc',
    vads_version: 'V2',
    ...overrides,
  };
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return { ...kept, signature: lyraSignature(kept, key) };
}

function ipn(body: string, contentType = 'application/x-www-form-urlencoded'): InboundHttp {
  return {
    method: 'POST',
    headers: { 'content-type': contentType },
    query: new URLSearchParams(),
    rawBody: new TextEncoder().encode(body),
    receivedAt: NOW,
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function rejects(provider: LyraProvider, request: InboundHttp, reason: RegExp): void {
  assert.throws(
    () => provider.verifyNotification(request),
    (e: unknown) => e instanceof NotificationRejected && reason.test(e.reason),
  );
}

test('a signed IPN is verified and says which attempt, shop and outcome; the answer is 200 text/plain', () => {
  const provider = new LyraProvider(SETTINGS);
  const { notification, ack } = provider.verifyNotification(ipn(form(ipnFields())));
  assert.deepEqual(ack, { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' });
  assert.equal(notification.attemptId, ATTEMPT);
  assert.equal(notification.providerRef, `20261103091542_055422_${ORDER}`);
  assert.equal(notification.merchantId, 'mairie-cantine');
  assert.equal(notification.testMode, true);
  assert.deepEqual(notification.outcome, {
    kind: 'SUCCEEDED',
    amount: { cents: 5220, currency: 'EUR' },
    paidAt: NOW,
  });
  assert.match(notification.dedupeKey, /^[0-9a-f]{64}$/);
  // The same message again has the same key; a retry (another source) is another event.
  assert.equal(provider.verifyNotification(ipn(form(ipnFields()))).notification.dedupeKey, notification.dedupeKey);
  assert.notEqual(
    provider.verifyNotification(ipn(form(ipnFields({ vads_url_check_src: 'RETRY' })))).notification.dedupeKey,
    notification.dedupeKey,
  );
});

test('an IPN with a wrong, missing or other shop’s signature is refused', () => {
  const provider = new LyraProvider(SETTINGS);
  const tampered = { ...ipnFields(), vads_amount: '1' };
  rejects(provider, ipn(form(tampered)), /^signature$/);
  const { signature: _dropped, ...unsigned } = ipnFields();
  rejects(provider, ipn(form(unsigned)), /no signature/);
  rejects(provider, ipn(form(ipnFields({}, 'test-only-other-key-0000'))), /^signature$/);
  rejects(provider, ipn(form(ipnFields({ vads_site_id: '99999999' }))), /unknown shop/);
  // The signature of an empty-keyed or lower-cased message never passes either.
  rejects(provider, ipn(form({ ...ipnFields(), signature: ipnFields().signature?.toLowerCase() ?? '' })), /signature/);
});

test('a repeated field is refused, even when one copy is the signed one; unsigned extra fields change nothing', () => {
  const provider = new LyraProvider(SETTINGS);
  rejects(provider, ipn(`${form(ipnFields())}&vads_amount=1`), /repeated field vads_amount/);
  rejects(provider, ipn(`${form(ipnFields())}&signature=x`), /repeated field signature/);
  // Fields outside the signature (not vads_*) change nothing, whatever their name.
  const extra = provider.verifyNotification(ipn(`${form(ipnFields())}&__proto__=x&constructor=y`)).notification;
  assert.equal(extra.attemptId, ATTEMPT);
});

test('a signed IPN missing a field we need, or with a malformed one, is refused', () => {
  const provider = new LyraProvider(SETTINGS);
  rejects(provider, ipn(form(ipnFields({ vads_trans_status: undefined }))), /malformed/);
  rejects(provider, ipn(form(ipnFields({ vads_amount: '12.50' }))), /malformed/);
  rejects(provider, ipn(form(ipnFields({ vads_ctx_mode: 'DEMO' }))), /vads_ctx_mode/);
  rejects(provider, ipn(form(ipnFields({ vads_ctx_mode: undefined }))), /vads_ctx_mode/);
});

test('an empty, oversized, non-form or non-UTF-8 body is refused before any signature is computed', () => {
  const provider = new LyraProvider({ ...SETTINGS, maxBodyBytes: 2048 });
  rejects(provider, ipn(''), /size/);
  rejects(provider, ipn(form(ipnFields({ vads_order_info: 'x'.repeat(3000) }))), /size/);
  rejects(provider, ipn(form(ipnFields()), 'application/json'), /content type/);
  rejects(provider, { ...ipn('x'), rawBody: new Uint8Array([0x76, 0x61, 0xff, 0xfe]) }, /UTF-8/);
  rejects(provider, { ...ipn(form(ipnFields())), method: 'GET' }, /method/);
  rejects(provider, ipn(Array.from({ length: 300 }, (_, i) => `f${i}=1`).join('&')), /too many fields|size/);
});

test('in PRODUCTION a TEST IPN is refused, and a PRODUCTION one is checked with the production key', () => {
  const production = new LyraProvider({ ...SETTINGS, mode: 'PRODUCTION' });
  rejects(production, ipn(form(ipnFields())), /TEST message to a PRODUCTION shop/);
  const live = production.verifyNotification(
    ipn(form(ipnFields({ vads_ctx_mode: 'PRODUCTION' }, KEY_PRODUCTION))),
  ).notification;
  assert.equal(live.testMode, false);
  rejects(production, ipn(form(ipnFields({ vads_ctx_mode: 'PRODUCTION' }, KEY_TEST))), /^signature$/);
  // A shop without a production key cannot have sent a production message.
  rejects(
    production,
    ipn(form(ipnFields({ vads_ctx_mode: 'PRODUCTION', vads_site_id: '87654321' }, 'test-only-other-key-0000'))),
    /no PRODUCTION key/,
  );
});

test('a refund IPN (operation CREDIT) is a refund outcome named by its own transaction uuid', () => {
  const provider = new LyraProvider(SETTINGS);
  const refund = (status: string) =>
    provider.verifyNotification(
      ipn(
        form(
          ipnFields({
            vads_operation_type: 'CREDIT',
            vads_trans_status: status,
            vads_amount: '1000',
            vads_trans_uuid: 'refund0000000000000000000000uuid',
            vads_url_check_src: 'MERCH_BO',
          }),
        ),
      ),
    ).notification.outcome;
  assert.deepEqual(refund('CAPTURED'), {
    kind: 'REFUND',
    refundId: 'refund0000000000000000000000uuid',
    refund: {
      kind: 'SUCCEEDED',
      providerRefundId: 'refund0000000000000000000000uuid',
      amount: { cents: 1000, currency: 'EUR' },
    },
  });
  const refused = refund('REFUSED');
  assert.ok(refused.kind === 'REFUND' && refused.refund.kind === 'FAILED');
  const waiting = refund('WAITING_AUTHORISATION');
  assert.ok(waiting.kind === 'REFUND' && waiting.refund.kind === 'SUBMITTED');
});

test('Lyra’s statuses and results map to our outcomes (payment-anchors §4.1)', () => {
  const at = NOW;
  const kind = (status: string, result?: string, currency = 'EUR') =>
    outcomeOfStatus(status, result, 100, currency, at).kind;
  assert.equal(kind('CAPTURED', '00'), 'SUCCEEDED');
  assert.equal(kind('AUTHORISED', '00'), 'SUCCEEDED');
  assert.equal(kind('AUTHORISED'), 'SUCCEEDED');
  assert.equal(kind('CAPTURED', '05'), 'UNKNOWN');
  assert.equal(kind('CAPTURED', '00', '840'), 'UNKNOWN');
  assert.equal(kind('AUTHORISED_TO_VALIDATE', '00'), 'AUTHORISED');
  assert.equal(kind('WAITING_AUTHORISATION', '00'), 'PENDING');
  assert.equal(kind('UNDER_VERIFICATION'), 'PENDING');
  assert.equal(kind('REFUSED', '05'), 'DECLINED');
  assert.equal(kind('REFUSED', '96'), 'ERROR');
  assert.equal(kind('REFUSED', '30'), 'ERROR');
  assert.deepEqual(outcomeOfStatus('ABANDONED', '17', 100, 'EUR', at), { kind: 'CANCELLED', by: 'payer' });
  assert.deepEqual(outcomeOfStatus('CANCELLED', '00', 100, 'EUR', at), { kind: 'CANCELLED', by: 'merchant' });
  assert.equal(kind('EXPIRED'), 'EXPIRED');
  assert.equal(kind('SOMETHING_NEW'), 'UNKNOWN');
});

test('the browser’s return gives a hint only when its fields are signed', () => {
  const provider = new LyraProvider(SETTINGS);
  const signed = new URLSearchParams(ipnFields());
  const request = (query: URLSearchParams): InboundHttp => ({
    method: 'GET',
    headers: {},
    query,
    rawBody: new Uint8Array(),
    receivedAt: NOW,
  });
  assert.deepEqual(provider.parseReturn(request(signed)), {
    attemptId: ATTEMPT,
    providerRef: `20261103091542_055422_${ORDER}`,
  });
  signed.set('vads_order_id', '00000000000000000000000000000000');
  assert.deepEqual(provider.parseReturn(request(signed)), {});
  assert.deepEqual(provider.parseReturn(request(new URLSearchParams())), {});
});
