/**
 * The sandbox's Lyra dialect end to end, without the portal: a merchant's signed form posted to
 * /vads-payment/ opens the hosted page (once per transaction id and day), every bad form gets a
 * page naming the problem and opens nothing, the IPN and return carry the form's ids, and the REST
 * API V4 (Basic auth) gives the order's transactions and refunds.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { SandboxMerchant } from './config.ts';
import { Harness, MERCHANT } from './test-support.ts';

const SHOP: SandboxMerchant = {
  id: '12345678',
  name: 'Mairie de Monaco — formulaire vads',
  secret: 'test-only-vads-form-key-0123456789',
  dialect: 'vads',
  restPassword: 'test-only-rest-password-0123456789',
};

let h: Harness;
before(async () => {
  h = await Harness.start({ merchants: [MERCHANT, SHOP] });
});
after(async () => {
  await h.close();
});

function sign(fields: Record<string, string>, key = SHOP.secret): string {
  const values = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => fields[name]);
  return createHmac('sha256', key)
    .update([...values, key].join('+'))
    .digest('base64');
}

let nextId = 100_000;
function form(overrides: Record<string, string | undefined> = {}, key = SHOP.secret): Record<string, string> {
  const now = new Date(h.clock.now()).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  nextId += 1;
  const fields: Record<string, string | undefined> = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: '5220',
    vads_ctx_mode: 'TEST',
    vads_currency: '978',
    vads_language: 'fr',
    vads_order_id: '2f1b9c1e8f0a4d559d0e6d8a3c1b2a10',
    vads_order_info: 'Cantine — École du Parc — mars 2026',
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_return_mode: 'GET',
    vads_site_id: SHOP.id,
    vads_trans_date: now,
    vads_trans_id: String(nextId),
    vads_url_check: h.receiver.url,
    vads_url_return: 'http://127.0.0.1:4000/paiement/retour/jeton',
    vads_version: 'V2',
    ...overrides,
  };
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return { ...kept, signature: sign(kept, key) };
}

function rest(path: string, body: unknown, password = SHOP.restPassword ?? '') {
  return h.app.inject({
    method: 'POST',
    url: `/api-payment/V4/${path}`,
    headers: {
      authorization: `Basic ${Buffer.from(`${SHOP.id}:${password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    payload: JSON.stringify(body),
  });
}

interface LyraTransaction {
  uuid: string;
  amount: number;
  detailedStatus: string;
  operationType: string;
  orderDetails: { orderId: string };
  transactionDetails: { cardDetails: { legacyTransId: string } };
  metadata: Record<string, string> | null;
}

test('a signed form opens the hosted page; the same form again opens the same one', async () => {
  const fields = form();
  const first = await h.postForm('/vads-payment/', fields);
  assert.equal(first.statusCode, 303, first.body);
  const page = await h.app.inject(first.headers.location as string);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /52,20/);
  assert.match(page.body, /Cantine — École du Parc — mars 2026/);
  const again = await h.postForm('/vads-payment/', fields);
  assert.equal(again.headers.location, first.headers.location);
});

test('the payment’s IPN and return carry the form’s ids, signed with the shop’s key', async () => {
  h.receiver.received.length = 0;
  const fields = form({ vads_order_id: 'aaaabbbbccccddddeeeeffff00001111' });
  const opened = await h.postForm('/vads-payment/', fields);
  const token = new URL(opened.headers.location as string, 'http://x').pathname.split('/').pop() ?? '';
  const paid = await h.pay(token, '4242424242424242');
  assert.equal(paid.statusCode, 303);
  const ipn = new URLSearchParams(h.receiver.received[0]?.body);
  const ipnFields = Object.fromEntries(ipn);
  assert.equal(ipn.get('signature'), sign(ipnFields));
  assert.equal(ipn.get('vads_trans_id'), fields.vads_trans_id);
  assert.equal(ipn.get('vads_trans_date'), fields.vads_trans_date);
  assert.equal(ipn.get('vads_order_id'), 'aaaabbbbccccddddeeeeffff00001111');
  assert.equal(ipn.get('vads_site_id'), SHOP.id);
  assert.equal(ipn.get('vads_trans_status'), 'CAPTURED');
  assert.match(ipn.get('vads_trans_uuid') ?? '', /^[0-9a-f]{32}$/);
  const back = new URL(paid.headers.location as string);
  assert.equal(back.origin + back.pathname, fields.vads_url_return);
  assert.equal(back.searchParams.get('vads_trans_id'), fields.vads_trans_id);
  assert.equal(
    back.searchParams.get('signature'),
    sign(Object.fromEntries([...back.searchParams].filter(([n]) => n !== 'signature'))),
  );
});

test('each bad form gets a page naming the problem, and opens no session', async () => {
  const orderId = 'badbadbadbadbadbadbadbadbadbad00';
  const bad = (overrides: Record<string, string | undefined> = {}, key?: string) =>
    form({ vads_order_id: orderId, ...overrides }, key);
  const cases: [Record<string, string>, RegExp][] = [
    [{ ...bad(), vads_amount: '1' }, /signature : la signature ne correspond pas/],
    [bad({}, 'another-key-that-is-wrong-000'), /signature : la signature ne correspond pas/],
    [bad({ vads_amount: undefined }), /vads_amount : champ manquant/],
    [bad({ vads_amount: '12.50' }), /vads_amount : valeur non valable/],
    [bad({ vads_currency: '840' }), /vads_currency : valeur non valable/],
    [bad({ vads_url_check: undefined }), /vads_url_check : champ manquant/],
    [bad({ vads_url_return: 'javascript:alert(1)' }), /vads_url_return : valeur non valable/],
    [bad({ vads_trans_id: '12345' }), /vads_trans_id : valeur non valable/],
    [bad({ vads_trans_date: '20261332250000' }), /vads_trans_date : valeur non valable/],
    [bad({ vads_ctx_mode: 'PRODUCTION' }), /le bac à sable n’accepte que le mode TEST/],
    [bad({ vads_site_id: '87654321' }), /vads_site_id : boutique inconnue/],
    [bad({ vads_site_id: MERCHANT.id }, SHOP.secret), /boutique inconnue/],
    [bad({ vads_language: 'en', vads_amount: undefined }), /vads_amount : missing field/],
  ];
  for (const [fields, message] of cases) {
    const response = await h.postForm('/vads-payment/', fields);
    assert.equal(response.statusCode, 400, `${JSON.stringify(fields)} → ${response.statusCode}`);
    assert.match(response.body, message);
    assert.equal(response.headers.location, undefined);
  }
  const { signature, ...unsigned } = bad();
  void signature;
  assert.match((await h.postForm('/vads-payment/', unsigned)).body, /signature : champ manquant/);
  const repeated = await h.postForm('/vads-payment/', { ...bad(), vads_amount: ['5220', '1'] });
  assert.equal(repeated.statusCode, 400);
  assert.match(repeated.body, /vads_amount : champ envoyé plusieurs fois/);
  const notForm = await h.app.inject({ method: 'POST', url: '/vads-payment/', payload: '' });
  assert.equal(notForm.statusCode, 400);
  const order = (await rest('Order/Get', { orderId })).json<{ answer: { transactions: LyraTransaction[] } }>();
  assert.deepEqual(order.answer.transactions, []);
});

test('the same transaction id the same day with other fields is refused', async () => {
  const fields = form();
  assert.equal((await h.postForm('/vads-payment/', fields)).statusCode, 303);
  const other = form({ vads_trans_id: fields.vads_trans_id, vads_amount: '100' });
  const response = await h.postForm('/vads-payment/', other);
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /cet identifiant de transaction a déjà servi aujourd’hui/);
});

test('the REST API needs the shop’s Basic credentials', async () => {
  assert.equal((await rest('Order/Get', { orderId: 'x' }, 'wrong-password-0000000000')).statusCode, 401);
  const bearer = await h.app.inject({
    method: 'POST',
    url: '/api-payment/V4/Order/Get',
    headers: { authorization: `Bearer ${SHOP.secret}`, 'content-type': 'application/json' },
    payload: '{"orderId":"x"}',
  });
  assert.equal(bearer.statusCode, 401);
  // A JSON-dialect merchant has no REST API of this kind.
  const json = await h.app.inject({
    method: 'POST',
    url: '/api-payment/V4/Order/Get',
    headers: {
      authorization: `Basic ${Buffer.from(`${MERCHANT.id}:${MERCHANT.secret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    payload: '{"orderId":"x"}',
  });
  assert.equal(json.statusCode, 401);
});

test('Order/Get and Transaction/Get show the payment; Transaction/Refund refunds it, once per key', async () => {
  const orderId = 'ccccddddeeeeffff0000111122223333';
  const fields = form({ vads_order_id: orderId, vads_amount: '3000' });
  const opened = await h.postForm('/vads-payment/', fields);
  const token = new URL(opened.headers.location as string, 'http://x').pathname.split('/').pop() ?? '';

  const unpaid = (await rest('Order/Get', { orderId })).json<{
    status: string;
    answer: { transactions: LyraTransaction[] };
  }>();
  assert.equal(unpaid.status, 'SUCCESS');
  assert.equal(unpaid.answer.transactions[0]?.detailedStatus, 'WAITING_AUTHORISATION');
  assert.deepEqual(
    (await rest('Order/Get', { orderId: 'nothing-here' })).json<{ answer: { transactions: [] } }>().answer.transactions,
    [],
  );

  await h.pay(token, '4242424242424242');
  const [payment] = (await rest('Order/Get', { orderId })).json<{ answer: { transactions: LyraTransaction[] } }>()
    .answer.transactions;
  assert.ok(payment);
  assert.equal(payment.detailedStatus, 'CAPTURED');
  assert.equal(payment.operationType, 'DEBIT');
  assert.equal(payment.amount, 3000);
  assert.equal(payment.orderDetails.orderId, orderId);
  assert.equal(payment.transactionDetails.cardDetails.legacyTransId, fields.vads_trans_id);
  const byUuid = (await rest('Transaction/Get', { uuid: payment.uuid })).json<{ answer: LyraTransaction }>();
  assert.equal(byUuid.answer.detailedStatus, 'CAPTURED');
  const missing = (await rest('Transaction/Get', { uuid: 'unknown' })).json<{
    status: string;
    answer: { errorCode: string };
  }>();
  assert.deepEqual([missing.status, missing.answer.errorCode], ['ERROR', 'SANDBOX_NOT_FOUND']);

  const refundBody = {
    uuid: payment.uuid,
    amount: 1000,
    currency: 'EUR',
    comment: 'repas annulés',
    metadata: { refundKey: 'rf-1' },
  };
  const refund = (await rest('Transaction/Refund', refundBody)).json<{ status: string; answer: LyraTransaction }>();
  assert.equal(refund.status, 'SUCCESS');
  assert.equal(refund.answer.operationType, 'CREDIT');
  assert.equal(refund.answer.detailedStatus, 'WAITING_AUTHORISATION');
  assert.deepEqual(refund.answer.metadata, { refundKey: 'rf-1' });
  const replay = (await rest('Transaction/Refund', refundBody)).json<{ answer: LyraTransaction }>();
  assert.equal(replay.answer.uuid, refund.answer.uuid);
  const tooMuch = (
    await rest('Transaction/Refund', { ...refundBody, amount: 2500, metadata: { refundKey: 'rf-2' } })
  ).json<{
    status: string;
    answer: { errorCode: string };
  }>();
  assert.deepEqual([tooMuch.status, tooMuch.answer.errorCode], ['ERROR', 'SANDBOX_AMOUNT_EXCEEDS_REFUNDABLE']);
  const invalid = (await rest('Transaction/Refund', { ...refundBody, amount: 10.5 })).json<{
    status: string;
    answer: { errorCode: string };
  }>();
  assert.deepEqual([invalid.status, invalid.answer.errorCode], ['ERROR', 'SANDBOX_INVALID_REQUEST']);

  // The refund settles, and the IPN of its own transaction (operation CREDIT) is sent.
  h.receiver.received.length = 0;
  await h.advance(6);
  await h.flush();
  const credit = new URLSearchParams(h.receiver.received.at(-1)?.body);
  assert.equal(credit.get('vads_operation_type'), 'CREDIT');
  assert.equal(credit.get('vads_trans_uuid'), refund.answer.uuid);
  assert.equal(credit.get('vads_trans_status'), 'CAPTURED');
  assert.equal(credit.get('vads_amount'), '1000');
  assert.equal(credit.get('vads_order_id'), orderId);
  const after = (await rest('Order/Get', { orderId })).json<{ answer: { transactions: LyraTransaction[] } }>();
  assert.deepEqual(
    after.answer.transactions.map((t) => `${t.operationType} ${t.detailedStatus} ${t.amount}`),
    ['DEBIT CAPTURED 3000', 'CREDIT CAPTURED 1000'],
  );
});
