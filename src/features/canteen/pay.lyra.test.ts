/**
 * Paying canteen bills with PAYMENT_PROVIDER=lyra, through HTTP, against the sandbox speaking Lyra's
 * dialect in this process: the portal listens on a real port (the sandbox's IPNs reach it there),
 * the parent's browser posts the portal's signed form to the sandbox's form entry and pays on its
 * hosted page. Then a refund through Lyra's REST API, a payment known only through a status query,
 * an unposted form that expires, and forged IPNs refused at the portal's door.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { formFields, startPayingPortal } from '../../../test/helpers/paying-portal.ts';
import { all, heading1 } from '../../../test/helpers/html.ts';
import { signIn } from '../../../test/helpers/session.ts';
import { executeCommand, findCommand, parseArguments } from '../../operator/commands.ts';
import { paths } from '../../paths.ts';
import { PayableRegistry, PaymentsService, paymentProviderFrom } from '../payments/payments.service.ts';
import { LyraProvider, lyraSignature } from '../payments/providers/lyra.ts';
import { linkByRollEmail } from './family.service.ts';
import { generateDrafts, publishMonth } from './invoicing.service.ts';
import { canteenInvoiceHandler } from './payment.service.ts';

const { app, database, config, psp, publicUrl, get, post } = await startPayingPortal((sandboxUrl) => ({
  PAYMENT_PROVIDER: 'lyra',
  LYRA_FORM_URL: `${sandboxUrl}/vads-payment/`,
  LYRA_REST_URL: sandboxUrl,
}));
const db = database.db;
assert.ok(config.payments.provider === 'lyra');
const lyraSettings = config.payments;

const pupils: { ref: string; firstName: string; guardians: { email: string; role: 'payer' }[] }[] = [];

/** A parent of their own, with one bill at a primary school (merchant mairie-cantine, Lyra shop 10000001). */
async function family() {
  const n = randomBytes(4).toString('hex');
  const email = `parent.${n}@example.mc`;
  pupils.push({ ref: `LEA${n}`, firstName: 'Léa', guardians: [{ email, role: 'payer' }] });
  await canteenWithMeals(db, { establishment: 'ecole-de-fontvieille', pupils, meals: 10 });
  await generateDrafts(db, { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10' });
  await publishMonth(
    db,
    { mail: app.mail, publicUrl },
    { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10', now: new Date('2026-11-03T09:00:00Z') },
  );
  const account = await buildAccount(db, { email });
  await linkByRollEmail(db, account.id);
  const cookie = await signIn(app, account.id);
  const bill = await db
    .selectFrom('invoice')
    .select(['id', 'total_cents'])
    .where('payer_email_key', '=', email)
    .executeTakeFirstOrThrow();
  return { cookie, bill };
}

/** "Payer" on the portal: the page with the form the parent's browser sends to Lyra. */
async function startPayment(cookie: string) {
  const basket = await get(paths.canteen.pay(), cookie);
  const { response } = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  // A form (not a link) to the provider: the portal's page of the basket's payment holds it.
  assert.equal(response.statusCode, 303);
  const location = String(response.headers.location);
  assert.ok(location.startsWith(paths.payments.basket('')), location);
  const { response: formPage, page } = await get(location, cookie);
  assert.equal(formPage.statusCode, 200);
  const lyraForm = all(page, 'form').find((f) => f.getAttribute('action') === lyraSettings.formUrl);
  assert.ok(lyraForm, 'a form posted to LYRA_FORM_URL');
  const signed: Record<string, string> = {};
  for (const input of all(lyraForm, 'input[type="hidden"]'))
    signed[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
  return signed;
}

async function attemptOfOrder(orderId: string) {
  return db
    .selectFrom('payment_attempt')
    .selectAll()
    .where('provider', '=', 'lyra')
    .where('provider_ref', 'like', `%_${orderId}`)
    .executeTakeFirstOrThrow();
}

async function invoice(id: string) {
  return db.selectFrom('invoice').select(['status', 'paid_cents']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A payments service of the portal's settings, its clock (and the adapter's) moved `minutes` ahead. */
function paymentsLater(minutes: number) {
  const later = () => new Date(Date.now() + minutes * 60_000);
  return new PaymentsService({
    db,
    provider: new LyraProvider({ ...lyraSettings, now: later }),
    registry: new PayableRegistry().register(canteenInvoiceHandler({ mail: app.mail, publicUrl })),
    publicUrl,
    tokenSecret: config.sessionSecret,
    now: later,
  });
}

test('a parent pays a bill through Lyra’s form: the IPN reaches the portal, the payment and the bill are settled', async () => {
  const { cookie, bill } = await family();
  const fields = await startPayment(cookie);
  assert.equal(fields.vads_site_id, '10000001');
  assert.equal(fields.vads_ctx_mode, 'TEST');
  assert.equal(fields.vads_amount, String(bill.total_cents));
  assert.equal(fields.vads_url_check, `${publicUrl}${paths.payments.notify('lyra')}`);
  assert.ok(fields.vads_url_return?.startsWith(`${publicUrl}/`));
  const attempt = await attemptOfOrder(fields.vads_order_id ?? '');
  assert.equal(attempt.state, 'REDIRECTED');
  assert.equal(attempt.test_mode, true);

  const { response, hosted } = await psp.postVadsForm(fields);
  assert.equal(response.statusCode, 303, response.body);
  assert.ok(hosted);
  // The same form posted twice (back button, double click) is the same payment page.
  assert.equal((await psp.postVadsForm(fields)).hosted, hosted);
  const paid = await psp.pay(hosted, '4242424242424242');
  assert.equal(paid.statusCode, 303);

  // The IPN was sent before the browser's redirect, to the portal over HTTP, and applied.
  const settled = await attemptOfOrder(fields.vads_order_id ?? '');
  assert.equal(settled.state, 'SUCCEEDED');
  assert.equal(settled.paid_cents, bill.total_cents);
  const inbox = await db
    .selectFrom('payment_notification')
    .select(['status', 'provider'])
    .where('attempt_id', '=', settled.id)
    .execute();
  assert.deepEqual(inbox, [{ status: 'APPLIED', provider: 'lyra' }]);
  assert.deepEqual(await invoice(bill.id), { status: 'paid', paid_cents: bill.total_cents });

  const back = new URL(String(paid.headers.location));
  assert.equal(back.origin, publicUrl);
  assert.ok(back.searchParams.get('signature'), 'the return carries Lyra’s signed fields');
  const page = await get(`${back.pathname}${back.search}`, cookie);
  assert.equal(heading1(page.page), 'Paiement accepté');
});

test('an operator’s refund goes through Lyra’s REST API, once; its IPN settles it and the bill shows it', async () => {
  const { cookie, bill } = await family();
  const fields = await startPayment(cookie);
  const { hosted } = await psp.postVadsForm(fields);
  assert.ok(hosted);
  await psp.pay(hosted, '4242424242424242');
  const attempt = await attemptOfOrder(fields.vads_order_id ?? '');
  assert.equal(attempt.state, 'SUCCEEDED');

  const context = { db, mail: async () => app.mail, publicUrl, config };
  const run = async (argv: string[]) => {
    const found = findCommand(argv);
    assert.ok(found, argv.join(' '));
    const parsed = parseArguments(found.command, found.rest);
    return executeCommand(context, found.name, found.command, parsed.values, undefined);
  };
  const refund = [
    'payments',
    'refund',
    '--payment',
    attempt.reference,
    '--amount',
    '1,00',
    '--reason',
    'Repas non pris',
  ];
  const first = await run(refund);
  assert.equal(first.code, 0, first.stderr);
  assert.equal((await run(refund)).code, 0, 'the same command again refunds nothing more');
  const refunds = await db
    .selectFrom('payment_refund')
    .select(['amount_cents', 'state', 'provider_refund_id'])
    .where('attempt_id', '=', attempt.id)
    .execute();
  assert.equal(refunds.length, 1);
  assert.equal(refunds[0]?.state, 'submitted');
  assert.match(refunds[0]?.provider_refund_id ?? '', /^re_/);

  // Lyra settles the refund and sends the IPN of its CREDIT transaction.
  await psp.advance(6);
  await psp.flush();
  const settled = await db
    .selectFrom('payment_refund')
    .select('state')
    .where('attempt_id', '=', attempt.id)
    .executeTakeFirstOrThrow();
  assert.equal(settled.state, 'succeeded');
  assert.deepEqual(await invoice(bill.id), { status: 'partially_paid', paid_cents: bill.total_cents - 100 });

  // The shop's bank reconciliation report (JRB, V3 layout) of the next day: the payment, less a
  // commission of 0,12 €, and the refund, each matched to the cent; an order the portal never
  // sent is a mismatch; the same file again changes nothing.
  const day = (fields.vads_trans_date ?? '').slice(0, 8);
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T10:15Z`;
  const jrb = [
    'TITRE;Mairie cantine;2026-11-05T03:05Z;TABLE_V3;',
    'ENTETE;MERCHANT_COUNTRY;MERCHANT_ID;CONTRACT;PAYMENT_DATE;TRANSACTION_ID;ORIGIN_AMOUNT;CURRENCY_CODE;PAYMENT_METHOD;ORDER_ID;RETURN_CONTEXT;CUSTOMER_ID;OPERATION_TYPE;OPERATION_NUMBER;REMITTANCE_DATE;REMITTANCE_TIME;BRUT_AMOUNT;MATCH_STATUS;REMITTANCE_NB;NET_AMOUNT;COMMISSION_AMOUNT;',
    `MATCHING;MC;0123456789;0535875;${iso};${fields.vads_trans_id};${bill.total_cents};978;CB;${fields.vads_order_id};;;DT;1;20261104;031500;${bill.total_cents};MATCH_OK;000123;${bill.total_cents - 12};12;`,
    `MATCHING;MC;0123456789;0535875;${iso};123456;100;978;CB;${fields.vads_order_id};;;CT;2;20261104;031500;100;MATCH_OK;000123;100;0;`,
    `MATCHING;MC;0123456789;0535875;${iso};654321;557;978;CB;${'f'.repeat(32)};;;DT;3;20261104;031500;557;MATCH_OK;000123;550;7;`,
    'FIN;',
    '',
  ].join('\r\n');
  const path = 'TEST_JRB_MAIRIE_CANTINE_10000001_261104_V3.csv';
  const importJrb = async () => {
    const found = findCommand(['settlement', 'import', path]);
    assert.ok(found);
    const parsed = parseArguments(found.command, found.rest);
    return executeCommand(context, found.name, found.command, parsed.values, new TextEncoder().encode(jrb), path);
  };
  const imported = await importJrb();
  assert.equal(imported.code, 0, imported.stderr);
  const lines = await db
    .selectFrom('settlement_line')
    .select([
      'kind',
      'provider_ref',
      'provider_refund_ref',
      'gross_cents',
      'fee_cents',
      'net_cents',
      'attempt_id',
      'refund_id',
    ])
    .where('provider', '=', 'lyra')
    .where('attempt_id', '=', attempt.id)
    .orderBy('kind')
    .execute();
  assert.equal(lines.length, 2);
  const [capture, credit] = lines;
  assert.deepEqual(
    [capture?.kind, capture?.provider_ref, capture?.gross_cents, capture?.fee_cents, capture?.net_cents],
    ['capture', attempt.provider_ref, bill.total_cents, 12, bill.total_cents - 12],
  );
  assert.deepEqual(
    [credit?.kind, credit?.provider_ref, credit?.provider_refund_ref, credit?.gross_cents],
    ['refund', attempt.provider_ref, refunds[0]?.provider_refund_id, -100],
  );
  assert.ok(credit?.refund_id);
  const mismatches = await db
    .selectFrom('settlement_mismatch')
    .select(['kind', 'provider_ref'])
    .where('resolved_at', 'is', null)
    .where('merchant_id', '=', attempt.merchant_id)
    .execute();
  assert.ok(
    mismatches.some((m) => m.kind === 'unknown_transaction' && m.provider_ref.endsWith(`_654321_${'f'.repeat(32)}`)),
  );
  assert.ok(!mismatches.some((m) => m.provider_ref === attempt.provider_ref));
  const again = await importJrb();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /a déjà été importé/);
});

test('a payment whose IPN never comes is found by a status query; a form never posted expires', async () => {
  const { cookie, bill } = await family();
  const fields = await startPayment(cookie);
  const { hosted } = await psp.postVadsForm(fields);
  assert.ok(hosted);
  // 4000 0099 0000 0020: the sandbox sends no notification.
  const paid = await psp.pay(hosted, '4000009900000020');
  assert.equal(paid.statusCode, 303);
  const attempt = await attemptOfOrder(fields.vads_order_id ?? '');
  assert.equal(attempt.state, 'REDIRECTED');
  const status = await paymentProviderFrom(lyraSettings).getStatus(
    'mairie-cantine',
    attempt.provider_ref ?? '',
    AbortSignal.timeout(5000),
  );
  assert.equal(status.kind, 'SUCCEEDED');
  // The reconciler, a few minutes later, records it.
  await paymentsLater(6).reconcile();
  assert.equal((await attemptOfOrder(fields.vads_order_id ?? '')).state, 'SUCCEEDED');
  assert.deepEqual(await invoice(bill.id), { status: 'paid', paid_cents: bill.total_cents });

  // Another parent opens the form page and never sends it: pending at first, expired after its time.
  const other = await family();
  const unposted = await startPayment(other.cookie);
  const waiting = await attemptOfOrder(unposted.vads_order_id ?? '');
  await paymentsLater(6).reconcile();
  assert.equal((await attemptOfOrder(unposted.vads_order_id ?? '')).state, 'REDIRECTED');
  await paymentsLater(20).reconcile();
  assert.equal((await attemptOfOrder(unposted.vads_order_id ?? '')).state, 'EXPIRED');
  assert.equal(waiting.amount_cents, other.bill.total_cents);
  assert.equal((await invoice(other.bill.id)).status, 'to_pay');
});

test('at the portal’s door, a forged, tampered or repeated-field Lyra IPN is refused (400) and changes nothing', async () => {
  const { cookie } = await family();
  const fields = await startPayment(cookie);
  const attempt = await attemptOfOrder(fields.vads_order_id ?? '');
  const ipn = {
    vads_site_id: '10000001',
    vads_ctx_mode: 'TEST',
    vads_trans_id: fields.vads_trans_id ?? '',
    vads_trans_date: fields.vads_trans_date ?? '',
    vads_trans_uuid: 'f'.repeat(32),
    vads_order_id: fields.vads_order_id ?? '',
    vads_amount: fields.vads_amount ?? '',
    vads_currency: '978',
    vads_trans_status: 'CAPTURED',
    vads_result: '00',
    vads_operation_type: 'DEBIT',
  };
  const post = (body: string) =>
    app.inject({
      method: 'POST',
      url: paths.payments.notify('lyra'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
  const forged = await post(
    new URLSearchParams({ ...ipn, signature: lyraSignature(ipn, 'a-guessed-key-0000000') }).toString(),
  );
  assert.equal(forged.statusCode, 400);
  const good = new URLSearchParams({ ...ipn, signature: lyraSignature(ipn, 'development-only-lyra-key-10000001') });
  const tampered = new URLSearchParams(good);
  tampered.set('vads_amount', '1');
  assert.equal((await post(tampered.toString())).statusCode, 400);
  assert.equal((await post(`${good.toString()}&vads_amount=1`)).statusCode, 400);
  assert.equal((await post('')).statusCode, 400);
  assert.equal((await attemptOfOrder(fields.vads_order_id ?? '')).state, 'REDIRECTED');
  assert.equal(
    (await db.selectFrom('payment_notification').select('id').where('attempt_id', '=', attempt.id).execute()).length,
    0,
  );
  // The genuine one (signed with the shop's key) is taken: 200 text/plain.
  const accepted = await post(good.toString());
  assert.equal(accepted.statusCode, 200);
  assert.match(String(accepted.headers['content-type']), /^text\/plain/);
  assert.equal((await attemptOfOrder(fields.vads_order_id ?? '')).state, 'SUCCEEDED');
});
