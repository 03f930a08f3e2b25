/**
 * The Lyra-style "vads" dialect, chosen per merchant: the notification is a form POST of signed
 * `vads_*` fields, and the browser returns with the same signed fields. The signature is
 * recomputed here from Lyra's documented recipe.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { SandboxMerchant } from './config.ts';
import { Harness } from './test-support.ts';

const VADS_MERCHANT: SandboxMerchant = {
  id: 'regie-vads',
  name: 'Régie de recettes (formulaire vads)',
  secret: 'test-only-vads-key-0123456789',
  dialect: 'vads',
};

let h: Harness;
before(async () => {
  h = await Harness.start({ merchants: [VADS_MERCHANT] });
});
after(async () => {
  await h.close();
});

/** Lyra's recipe: the values of the vads_* fields sorted by name, joined with "+", then "+" and the key. */
function lyraSignature(fields: URLSearchParams, key: string): string {
  const values = [...fields.keys()]
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => fields.get(name) ?? '');
  return createHmac('sha256', key)
    .update([...values, key].join('+'))
    .digest('base64');
}

test('a vads merchant receives a signed form notification, and the browser returns with signed fields', async () => {
  const session = await h.createSession(
    { merchantId: VADS_MERCHANT.id, amount: { minor: 5220, currency: 'EUR' } },
    VADS_MERCHANT,
  );
  const response = await h.pay(session.token, '4242424242424242');
  assert.equal(response.statusCode, 303);

  const [notification] = h.receiver.received;
  assert.ok(notification);
  assert.equal(notification.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(notification.headers['sandbox-signature'], undefined);
  const fields = new URLSearchParams(notification.body);
  assert.equal(fields.get('signature'), lyraSignature(fields, VADS_MERCHANT.secret));
  assert.equal(fields.get('vads_site_id'), VADS_MERCHANT.id);
  assert.equal(fields.get('vads_ctx_mode'), 'TEST');
  assert.equal(fields.get('vads_amount'), '5220');
  assert.equal(fields.get('vads_currency'), '978');
  assert.equal(fields.get('vads_trans_status'), 'CAPTURED');
  assert.equal(fields.get('vads_result'), '00');
  assert.equal(fields.get('vads_trans_uuid'), session.id);
  assert.equal(fields.get('vads_order_id'), 'FACT-2026-0042');
  assert.equal(fields.get('vads_url_check_src'), 'PAY');
  assert.equal(fields.get('vads_card_number'), 'XXXXXXXXXXXX4242');
  assert.match(fields.get('vads_trans_date') ?? '', /^\d{14}$/);

  const back = new URL(response.headers.location as string);
  assert.equal(back.searchParams.get('signature'), lyraSignature(back.searchParams, VADS_MERCHANT.secret));
  assert.equal(back.searchParams.get('vads_trans_uuid'), session.id);
  assert.equal(back.searchParams.get('tentative'), 'abc');
  // A tampered amount no longer matches the signature.
  back.searchParams.set('vads_amount', '1');
  assert.notEqual(back.searchParams.get('signature'), lyraSignature(back.searchParams, VADS_MERCHANT.secret));
});

test('a declined vads payment says REFUSED with result 05', async () => {
  h.receiver.received.length = 0;
  const session = await h.createSession({ merchantId: VADS_MERCHANT.id }, VADS_MERCHANT);
  await h.pay(session.token, '4000000000000002');
  const fields = new URLSearchParams(h.receiver.received[0]?.body);
  assert.equal(fields.get('vads_trans_status'), 'REFUSED');
  assert.equal(fields.get('vads_result'), '05');
  assert.equal(fields.get('signature'), lyraSignature(fields, VADS_MERCHANT.secret));
});
