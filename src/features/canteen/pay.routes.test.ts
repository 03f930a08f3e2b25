/**
 * Paying canteen bills online, through HTTP, with the real sandbox provider running in this process:
 * the portal listens on a real port (the sandbox notifies it there), the parent's steps on the
 * hosted page are posted as a browser would. The basket, one payment per merchant one after the
 * other, the return page for each outcome, a bill held by another payment, another account's
 * return refused, the basket posted in six tabs at once over real connections, and the notification
 * endpoint's refusals.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals, type PupilSpec } from '../../../test/factories/canteen.ts';
import { all, bodyText, heading1, linkHref, text } from '../../../test/helpers/html.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { pdfText } from '../../../test/helpers/pdf.ts';
import { formFields, startPayingPortal } from '../../../test/helpers/paying-portal.ts';
import { signIn } from '../../../test/helpers/session.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../../config.ts';
import { executeCommand, findCommand, parseArguments } from '../../operator/commands.ts';
import { cents } from '../../lib/money.ts';
import { paths } from '../../paths.ts';
import { PayableRegistry, PaymentsService, SandboxProvider } from '../payments/payments.service.ts';
import { linkByRollEmail } from './family.service.ts';
import { generateDrafts, publishMonth } from './invoicing.service.ts';
import { canteenInvoiceHandler } from './payment.service.ts';

const { app, database, config, psp, publicUrl, get, post, settleRefunds } = await startPayingPortal();
const db = database.db;
const NOW = new Date('2026-11-03T09:00:00Z');

const rolls = new Map<string, PupilSpec[]>();

async function enrol(
  establishment: string,
  pupils: readonly PupilSpec[],
  beforePublishing?: () => Promise<unknown>,
): Promise<void> {
  const everyone = [...(rolls.get(establishment) ?? []), ...pupils];
  rolls.set(establishment, everyone);
  await canteenWithMeals(db, { establishment, pupils: everyone, meals: 10 });
  await beforePublishing?.();
  await generateDrafts(db, { establishmentSlug: establishment, month: '2026-10' });
  await publishMonth(
    db,
    { mail: app.mail, publicUrl: config.publicUrl },
    { establishmentSlug: establishment, month: '2026-10', now: NOW },
  );
}

/** A parent of their own: a child at a primary school (one merchant), and optionally one at the collège (the other). */
async function family(options: { college?: boolean } = {}) {
  const n = randomBytes(4).toString('hex');
  const email = `parent.${n}@example.mc`;
  await enrol('ecole-de-fontvieille', [{ ref: `LEA${n}`, firstName: 'Léa', guardians: [{ email, role: 'payer' }] }]);
  if (options.college)
    await enrol('college-charles-iii', [
      { ref: `MAT${n}`, firstName: 'Matteo', guardians: [{ email, role: 'payer' }] },
    ]);
  const account = await buildAccount(db, { email });
  await linkByRollEmail(db, account.id);
  const cookie = await signIn(app, account.id);
  const bills = await db
    .selectFrom('invoice')
    .select(['id', 'total_cents', 'status', 'paid_cents', 'creditor_id'])
    .where('payer_email_key', '=', email)
    .orderBy('establishment_id')
    .execute();
  return { account, cookie, bills, email };
}

/** The return page the sandbox sent the browser to, on the portal. */
async function returnPage(location: string, cookie: string) {
  const url = new URL(location);
  assert.equal(url.origin, publicUrl);
  return get(`${url.pathname}${url.search}`, cookie);
}

async function invoice(id: string) {
  return db
    .selectFrom('invoice')
    .select(['status', 'paid_cents', 'total_cents'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

test('a parent pays both children’s bills, owed to two creditors: two card payments, one after the other, each confirmed', async () => {
  const { cookie, bills } = await family({ college: true });
  assert.equal(bills.length, 2);
  const basket = await get(paths.canteen.pay(), cookie);
  assert.equal(basket.response.statusCode, 200);
  assert.equal(heading1(basket.page), 'Payer mes factures');
  const boxes = all(basket.page, 'input[name="facture"]');
  assert.equal(boxes.length, 2);
  assert.ok(
    boxes.every((b) => b.hasAttribute('checked')),
    'every bill ticked by default',
  );
  const total = bills.reduce((sum, b) => sum + b.total_cents, 0);
  assert.match(
    text(basket.page.querySelector('#total')),
    new RegExp(`${Math.trunc(total / 100)},${String(total % 100).padStart(2, '0')}`),
  );
  assert.match(bodyText(basket.page), /2 organismes différents.*2 paiements par carte/);
  assert.doesNotMatch(bodyText(basket.page), /frais de/);

  const form = formFields(basket.page, paths.canteen.pay());
  const first = await post(paths.canteen.pay(), cookie, form);
  assert.equal(first.response.statusCode, 303);
  const hosted = String(first.response.headers.location);
  assert.match(hosted, /^http:\/\/127\.0\.0\.1:3902\/pay\//);
  // A double click: the same form again finds the same payment.
  const again = await post(paths.canteen.pay(), cookie, form);
  assert.equal(again.response.headers.location, hosted);

  // At the provider: "Payer"; it notifies the portal, then sends the browser back.
  const paid = await psp.pay(hosted, '4242424242424242');
  assert.equal(paid.statusCode, 303);
  const back = await returnPage(String(paid.headers.location), cookie);
  assert.equal(back.response.statusCode, 200);
  assert.equal(heading1(back.page), 'Paiement accepté');
  assert.match(bodyText(back.page), /Référence du paiement\s?: PAY-[A-Z0-9]{10}/);
  assert.match(bodyText(back.page), /Paiement 2 sur 2/);
  const afterFirst = await Promise.all(bills.map((b) => invoice(b.id)));
  assert.deepEqual(afterFirst.map((b) => b.status).sort(), ['paid', 'to_pay'], 'one bill paid, the other one next');
  const paidFirst = afterFirst.find((b) => b.status === 'paid');
  assert.equal(paidFirst?.paid_cents, paidFirst?.total_cents);

  // The next merchant's payment, without choosing the bills again.
  const continueForm = all(back.page, 'form').find((f) =>
    (f.getAttribute('action') ?? '').startsWith('/paiements/panier/'),
  );
  assert.ok(continueForm);
  const next = await post(
    continueForm.getAttribute('action') ?? '',
    cookie,
    formFields(back.page, continueForm.getAttribute('action') ?? ''),
  );
  assert.equal(next.response.statusCode, 303);
  const secondHosted = String(next.response.headers.location);
  assert.notEqual(secondHosted, hosted);
  const paidAgain = await psp.pay(secondHosted, '5105105105105100');
  const done = await returnPage(String(paidAgain.headers.location), cookie);
  assert.equal(heading1(done.page), 'Paiement accepté');
  assert.doesNotMatch(bodyText(done.page), /Continuer vers le paiement suivant/);
  for (const bill of bills) assert.equal((await invoice(bill.id)).status, 'paid');

  // Each merchant notified once, applied once; one capture each in the ledger.
  const inbox = await db.selectFrom('payment_notification').select('status').where('status', '=', 'APPLIED').execute();
  assert.ok(inbox.length >= 2);
  const captures = await db
    .selectFrom('payment_ledger_entry')
    .innerJoin('payment_item', 'payment_item.attempt_id', 'payment_ledger_entry.attempt_id')
    .select(['payment_ledger_entry.merchant_id', 'payment_ledger_entry.amount_cents'])
    .where(
      'payment_item.payable_ref',
      'in',
      bills.map((b) => b.id),
    )
    .execute();
  assert.deepEqual(captures.map((c) => c.merchant_id).sort(), ['dense-periscolaire', 'mairie-cantine']);
  // Nothing left to pay.
  assert.match(bodyText((await get(paths.canteen.pay(), cookie)).page), /aucune facture à payer/);
  // Each card payment is a dossier in "Mes démarches", done, as is each bill's (opened when the
  // parent linked the children, after the bills were published).
  const dossiers = all((await get(paths.dossiers.mine(), cookie)).page, 'tbody tr').map((row) => text(row));
  assert.equal(dossiers.length, 4, dossiers.join('\n'));
  assert.equal(
    dossiers.filter((row) => /^Paiement de la cantine — .* \(PAY-[A-Z0-9]{10}\).*Terminée/.test(row)).length,
    2,
    dossiers.join('\n'),
  );
  assert.equal(
    dossiers.filter((row) => /^Facture de cantine RS[PS]-2026-\d{6}.*Terminée/.test(row)).length,
    2,
    dossiers.join('\n'),
  );
});

test('a parent who unticks a bill pays only the ones left ticked; with none ticked the basket says so and nothing starts', async () => {
  const { cookie, bills } = await family({ college: true });
  assert.equal(bills.length, 2);
  const [kept, unticked] = bills;
  assert.ok(kept && unticked);
  const basket = await get(paths.canteen.pay(), cookie);

  // Nothing ticked: the basket again, with the reason, every bill left as it was.
  const none = formFields(basket.page, paths.canteen.pay());
  none.delete('facture');
  const refused = await post(paths.canteen.pay(), cookie, none);
  assert.equal(refused.response.statusCode, 400);
  assert.match(bodyText(refused.page), /Cochez au moins une facture à payer/);
  assert.equal(all(refused.page, 'input[name="facture"]').length, 2);
  assert.equal(
    (await db.selectFrom('payment_item').select('id').where('payable_ref', 'in', [kept.id, unticked.id]).execute())
      .length,
    0,
    'no payment started',
  );

  // One bill unticked: one card payment, for the other bill only.
  const one = formFields(basket.page, paths.canteen.pay());
  one.delete('facture');
  one.append('facture', kept.id);
  const started = await post(paths.canteen.pay(), cookie, one);
  assert.equal(started.response.statusCode, 303);
  const paid = await psp.pay(String(started.response.headers.location), '4242424242424242');
  const back = await returnPage(String(paid.headers.location), cookie);
  assert.equal(heading1(back.page), 'Paiement accepté');
  assert.doesNotMatch(bodyText(back.page), /Paiement 1 sur 2/);
  assert.equal((await invoice(kept.id)).status, 'paid');
  const left = await invoice(unticked.id);
  assert.deepEqual([left.status, left.paid_cents], ['to_pay', 0]);
});

test('back on the basket during a payment, the parent sees it under way and can go back to the same payment page', async () => {
  const { cookie } = await family();
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const hosted = String(started.response.headers.location);
  const back = await get(paths.canteen.pay(), cookie);
  assert.equal(all(back.page, 'input[name="facture"]').length, 0);
  assert.match(bodyText(back.page), /Un de vos paiements est en cours pour cette facture/);
  const resume = all(back.page, 'a').find((a) => text(a) === 'Reprendre ce paiement');
  assert.ok(resume);
  const again = await get(resume.getAttribute('href') ?? '', cookie);
  assert.equal(again.response.statusCode, 303);
  assert.equal(again.response.headers.location, hosted);
  // Someone else's basket link is "not found".
  const stranger = await signIn(app, (await buildAccount(db)).id);
  assert.equal((await get(resume.getAttribute('href') ?? '', stranger)).response.statusCode, 404);
});

/** The basket's form posted over a real connection to the listening portal (not injected). */
async function postOverHttp(cookie: string, fields: URLSearchParams) {
  const response = await fetch(`${publicUrl}${paths.canteen.pay()}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

// Six tabs and five copies: with the file's other posts, under the basket's limit of 30 a minute per address.
test('"Payer" pressed in six tabs at once, over real connections: one payment holds the bill, the five others are told it is under way', async () => {
  const { cookie, bills } = await family();
  const bill = bills[0];
  assert.ok(bill);
  // Six baskets opened before any is sent: six different keys, as six tabs would have.
  const forms = await Promise.all(
    Array.from({ length: 6 }, async () =>
      formFields((await get(paths.canteen.pay(), cookie)).page, paths.canteen.pay()),
    ),
  );
  assert.equal(new Set(forms.map((f) => f.get('cle'))).size, 6);
  const answers = await Promise.all(forms.map((fields) => postOverHttp(cookie, fields)));
  const started = answers.filter((a) => a.status === 303);
  assert.equal(started.length, 1, answers.map((a) => a.status).join(' '));
  assert.match(String(started[0]?.location), /^http:\/\/127\.0\.0\.1:\d+\/pay\/[\w-]+$/, 'the hosted page');
  for (const refused of answers.filter((a) => a.status !== 303)) {
    assert.equal(refused.status, 409);
    assert.match(refused.body, /Un paiement est déjà en cours pour une des factures choisies/);
  }
  const items = await db
    .selectFrom('payment_item')
    .innerJoin('payment_attempt', 'payment_attempt.id', 'payment_item.attempt_id')
    .select(['payment_attempt.id', 'payment_attempt.state'])
    .where('payment_item.payable_ref', '=', bill.id)
    .execute();
  assert.equal(items.length, 1, 'one attempt for the bill');

  // The same tab's form sent five times at once (a double click, a retry): the same payment page.
  const { cookie: other, bills: otherBills } = await family();
  const fields = formFields((await get(paths.canteen.pay(), other)).page, paths.canteen.pay());
  const same = await Promise.all(Array.from({ length: 5 }, () => postOverHttp(other, fields)));
  const locations = new Set(same.filter((a) => a.status === 303).map((a) => a.location));
  assert.equal(locations.size, 1, same.map((a) => `${a.status} ${a.location}`).join('\n'));
  assert.ok(
    same.every((a) => a.status === 303 || a.status === 409),
    same.map((a) => a.status).join(' '),
  );
  const attempts = await db
    .selectFrom('payment_item')
    .select('attempt_id')
    .distinct()
    .where('payable_ref', '=', otherBills[0]?.id ?? '')
    .execute();
  assert.equal(attempts.length, 1, 'one attempt for the same key');

  // The one payment goes through; the bill is paid once.
  const paid = await psp.pay(String(started[0]?.location), '4242424242424242');
  assert.equal(heading1((await returnPage(String(paid.headers.location), cookie)).page), 'Paiement accepté');
  const settled = await invoice(bill.id);
  assert.deepEqual([settled.status, settled.paid_cents], ['paid', bill.total_cents]);
});

test('the provider sends the same notification three times over HTTP: the bill is paid once, one capture', async () => {
  const { cookie, bills, email } = await family();
  const bill = bills[0];
  assert.ok(bill);
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const paid = await psp.pay(String(started.response.headers.location), '4000009900000038');
  assert.equal(paid.statusCode, 303);
  const attempt = await db
    .selectFrom('payment_item')
    .innerJoin('payment_attempt', 'payment_attempt.id', 'payment_item.attempt_id')
    .select(['payment_attempt.id', 'payment_attempt.state'])
    .where('payment_item.payable_ref', '=', bill.id)
    .executeTakeFirstOrThrow();
  assert.equal(attempt.state, 'SUCCEEDED');
  const inbox = await db
    .selectFrom('payment_notification')
    .select('status')
    .where('attempt_id', '=', attempt.id)
    .execute();
  assert.deepEqual(
    inbox.map((r) => r.status),
    ['APPLIED'],
  );
  const entries = await db
    .selectFrom('payment_ledger_entry')
    .select('kind')
    .where('attempt_id', '=', attempt.id)
    .execute();
  assert.deepEqual(
    entries.map((e) => e.kind),
    ['capture'],
  );
  const row = await invoice(bill.id);
  assert.deepEqual([row.status, row.paid_cents], ['paid', row.total_cents]);
  const back = await returnPage(String(paid.headers.location), cookie);
  assert.equal(heading1(back.page), 'Paiement accepté');
  // One receipt e-mail for the one payment, however many notifications and returns.
  const receipts = (await queuedMails(db, email)).filter((m) => /^Paiement de cantine confirmé/.test(m.subject));
  assert.equal(receipts.length, 1, receipts.map((m) => m.subject).join(' | '));
});

test('the payer gets a receipt e-mail and a receipt PDF; another account and a made-up reference get "not found"', async () => {
  const { cookie, bills, email } = await family();
  const bill = bills[0];
  assert.ok(bill);
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const paid = await psp.pay(String(started.response.headers.location), '4242424242424242');
  const back = await returnPage(String(paid.headers.location), cookie);
  const reference = /PAY-[A-Z0-9]{10}/.exec(bodyText(back.page))?.[0];
  assert.ok(reference, bodyText(back.page));
  assert.equal(linkHref(back.page, 'Télécharger le reçu (PDF)'), paths.canteen.receipt(reference));
  const amount = `${Math.trunc(bill.total_cents / 100)},${String(bill.total_cents % 100).padStart(2, '0')}`;

  const [mail, ...others] = (await queuedMails(db, email)).filter((m) => m.subject.startsWith('Paiement de cantine'));
  assert.ok(mail);
  assert.equal(others.length, 0);
  assert.match(mail.subject, new RegExp(`confirmé\\s: ${amount}\\s€`));
  assert.match(mail.text_body, new RegExp(`Référence du paiement\\s: ${reference}`));
  assert.match(mail.text_body, /École de Fontvieille, octobre 2026/);
  const link = `${publicUrl}${paths.canteen.receipt(reference)}`;
  assert.ok(mail.text_body.includes(link), mail.text_body);

  const pdf = await app.inject({ url: paths.canteen.receipt(reference), headers: { cookie } });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.headers['cache-control'], 'private, no-store');
  const shown = pdfText(pdf.rawPayload);
  assert.ok(shown.includes(`Reçu de paiement ${reference}`), shown);
  assert.ok(shown.includes(`${amount} €`), shown);

  // "Mes paiements" lists it with its receipt; reached from "Mes factures".
  const myBills = await get(paths.canteen.invoices(), cookie);
  assert.equal(linkHref(myBills.page, 'Mes paiements et leurs reçus'), paths.canteen.payments());
  const list = await get(paths.canteen.payments(), cookie);
  assert.equal(list.response.statusCode, 200);
  assert.equal(heading1(list.page), 'Mes paiements');
  const cards = all(list.page, '.bill-list > li').map((li) => text(li));
  assert.equal(cards.length, 1);
  assert.ok(cards[0]?.includes(reference), cards.join(' | '));
  assert.equal(linkHref(list.page, 'Télécharger le reçu (PDF)'), paths.canteen.receipt(reference));

  const stranger = await signIn(app, (await buildAccount(db)).id);
  assert.equal(
    (await app.inject({ url: paths.canteen.receipt(reference), headers: { cookie: stranger } })).statusCode,
    404,
  );
  assert.match(bodyText((await get(paths.canteen.payments(), stranger)).page), /aucun paiement en ligne/);
  for (const made of ['PAY-0000000000', 'pay-x', '%27%20or%201=1', 'A'.repeat(200)])
    assert.equal((await app.inject({ url: paths.canteen.receipt(made), headers: { cookie } })).statusCode, 404, made);
  assert.equal((await app.inject(paths.canteen.receipt(reference))).statusCode, 303, 'anonymous: log in first');
});

test('a declined card says why and offers to try again; the bill is payable again at once', async () => {
  const { cookie, bills } = await family();
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const declined = await psp.pay(String(started.response.headers.location), '4000000000009995');
  const back = await returnPage(String(declined.headers.location), cookie);
  assert.equal(heading1(back.page), 'Paiement refusé');
  // What was paid for, in words: the school and the month, never `2026-10`.
  assert.match(
    text(back.page.querySelector('main .lead')),
    /^Cantine — École de Fontvieille — octobre 2026 — \d+,\d{2}\s€$/,
  );
  assert.match(bodyText(back.page), /provision insuffisante.*Aucun montant n’a été débité/);
  const retry = all(back.page, 'a').find((a) => text(a) === 'Réessayer');
  assert.equal(retry?.getAttribute('href'), paths.canteen.pay());
  assert.equal((await invoice(bills[0]?.id ?? '')).status, 'to_pay');
  const again = await get(paths.canteen.pay(), cookie);
  assert.equal(all(again.page, 'input[name="facture"]').length, 1);
});

test('a cancelled payment says so; a payment not confirmed yet says "Nous confirmons votre paiement" and reloads itself', async () => {
  const { cookie } = await family();
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const cancelled = await psp.cancel(String(started.response.headers.location));
  const back = await returnPage(String(cancelled.headers.location), cookie);
  assert.equal(heading1(back.page), 'Paiement annulé');

  // 3-D Secure asked, not answered yet: the parent comes back to the return page meanwhile.
  const basket2 = await get(paths.canteen.pay(), cookie);
  const started2 = await post(paths.canteen.pay(), cookie, formFields(basket2.page, paths.canteen.pay()));
  const challenge = await psp.pay(String(started2.response.headers.location), '4000002500003155');
  assert.match(String(challenge.headers.location), /\/3ds\//);
  const attempt = await db
    .selectFrom('payment_attempt')
    .select('id')
    .where('state', '=', 'REDIRECTED')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const payments = new PaymentsService({
    db,
    provider: new SandboxProvider({ apiUrl: psp.url, merchantSecrets: DEVELOPMENT_MERCHANT_SECRETS, timeoutMs: 5000 }),
    registry: new PayableRegistry().register(canteenInvoiceHandler({ mail: app.mail, publicUrl })),
    publicUrl,
    tokenSecret: config.sessionSecret,
  });
  const pending = await get(paths.payments.return(payments.returnToken(attempt.id)), cookie);
  assert.equal(heading1(pending.page), 'Nous confirmons votre paiement');
  assert.equal(pending.page.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'), '3');
  assert.equal(
    all(pending.page, 'a')
      .find((a) => text(a) === 'Actualiser')
      ?.getAttribute('href'),
    paths.payments.return(payments.returnToken(attempt.id)),
  );
});

test('another account’s return page is "not found"; so is a made-up token', async () => {
  const { cookie } = await family();
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const paid = await psp.pay(String(started.response.headers.location), '4242424242424242');
  const location = new URL(String(paid.headers.location));
  const stranger = await signIn(app, (await buildAccount(db)).id);
  const refused = await get(`${location.pathname}${location.search}`, stranger);
  assert.equal(refused.response.statusCode, 404);
  assert.equal((await get(paths.payments.return('x'.repeat(43)), cookie)).response.statusCode, 404);
  assert.equal((await app.inject(location.pathname)).statusCode, 303, 'anonymous: log in first');
});

test('a bill another guardian is paying shows "Paiement en cours" with the time it is free again, and cannot be ticked', async () => {
  const { cookie, bills } = await family();
  const bill = bills[0];
  assert.ok(bill);
  const other = await buildAccount(db);
  const payments = new PaymentsService({
    db,
    provider: new SandboxProvider({ apiUrl: psp.url, merchantSecrets: DEVELOPMENT_MERCHANT_SECRETS, timeoutMs: 5000 }),
    registry: new PayableRegistry().register(canteenInvoiceHandler({ mail: app.mail, publicUrl })),
    publicUrl,
    tokenSecret: config.sessionSecret,
  });
  const held = await payments.startCheckout({
    accountId: other.id,
    idempotencyKey: randomBytes(12).toString('base64url'),
    returnPath: '/',
    groups: [
      {
        merchantId: 'mairie-cantine',
        description: 'Cantine',
        items: [{ kind: 'canteen-invoice', ref: bill.id, amountCents: cents(bill.total_cents), label: 'x' }],
      },
    ],
    locale: 'fr',
  });
  assert.equal(held.kind, 'redirect');
  const basket = await get(paths.canteen.pay(), cookie);
  assert.equal(all(basket.page, 'input[name="facture"]').length, 0);
  assert.match(bodyText(basket.page), /Paiement en cours\s?: cette facture sera de nouveau disponible à \d\d:\d\d/);
  // Posting it anyway is refused with the same answer.
  const fields = new URLSearchParams({
    _csrf: basket.page.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '',
    cle: randomBytes(12).toString('base64url'),
    facture: bill.id,
  });
  const refused = await post(paths.canteen.pay(), cookie, fields);
  assert.equal(refused.response.statusCode, 409);
  assert.match(bodyText(refused.page), /Un paiement est déjà en cours pour une des factures choisies/);
  assert.equal((await invoice(bill.id)).status, 'to_pay');
});

test('the notification endpoint needs no session or form token, refuses a bad signature (400), an oversized body (413) and a malformed one (400)', async () => {
  const bad = await app.inject({
    method: 'POST',
    url: paths.payments.notify('sandbox'),
    headers: {
      'content-type': 'application/json',
      'sandbox-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
    },
    payload: JSON.stringify({ id: 'ev_x' }),
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.body, 'rejected');
  const big = await app.inject({
    method: 'POST',
    url: paths.payments.notify('sandbox'),
    headers: { 'content-type': 'application/json' },
    payload: `{"pad":"${'x'.repeat(20 * 1024)}"}`,
  });
  assert.equal(big.statusCode, 413);
  const malformed = await app.inject({
    method: 'POST',
    url: paths.payments.notify('sandbox'),
    headers: { 'content-type': 'text/plain', 'sandbox-signature': 'nonsense' },
    payload: 'not json',
  });
  assert.equal(malformed.statusCode, 400);
});

test('an operator refunds part of a payment from the command line, once; more than what is left is refused; the day lists it', async () => {
  const { cookie, bills } = await family();
  const bill = bills[0];
  assert.ok(bill);
  const basket = await get(paths.canteen.pay(), cookie);
  const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  const paid = await psp.pay(String(started.response.headers.location), '4242424242424242');
  const back = await returnPage(String(paid.headers.location), cookie);
  const reference = /PAY-[A-Z0-9]{10}/.exec(bodyText(back.page))?.[0];
  assert.ok(reference);

  const context = { db, mail: async () => app.mail, publicUrl, config };
  const run = async (argv: string[]) => {
    const found = findCommand(argv);
    assert.ok(found, argv.join(' '));
    const parsed = parseArguments(found.command, found.rest);
    return executeCommand(context, found.name, found.command, parsed.values, undefined);
  };
  const refund = ['payments', 'refund', '--payment', reference, '--amount', '1,00', '--reason', 'Repas non pris le 5'];
  const first = await run(refund);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^Remboursement de 1.00 € sur ${reference} : `));
  // The same command again (a retry after a timeout) refunds nothing more.
  assert.equal((await run(refund)).code, 0);
  const attempt = await db
    .selectFrom('payment_attempt')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const refunds = await db
    .selectFrom('payment_refund')
    .select('amount_cents')
    .where('attempt_id', '=', attempt.id)
    .execute();
  assert.deepEqual(
    refunds.map((r) => r.amount_cents),
    [100],
  );

  const left = bill.total_cents - 100;
  const tooMuch = await run([
    'payments',
    'refund',
    '--payment',
    reference,
    '--amount',
    (left + 1) / 100 + '',
    '--reason',
    'Erreur',
  ]);
  assert.equal(tooMuch.code, 1);
  assert.match(
    tooMuch.stderr,
    new RegExp(
      `dépasse ce qui reste remboursable sur ${reference} : ${Math.trunc(left / 100)}\\.${String(left % 100).padStart(2, '0')} €`,
    ),
  );
  for (const [argv, reason] of [
    [
      ['payments', 'refund', '--payment', 'PAY-0000000000', '--amount', '1', '--reason', 'x'],
      /aucun paiement n’a la référence PAY-0000000000/,
    ],
    [
      ['payments', 'refund', '--payment', "PAY-1' or 1=1", '--amount', '1', '--reason', 'x'],
      /n’est pas une référence de paiement/,
    ],
    [['payments', 'refund', '--payment', reference, '--amount=-5', '--reason', 'x'], /--amount : un montant en euros/],
    [['payments', 'refund', '--payment', reference, '--amount', '1'], /l’option --reason est obligatoire/],
    [
      ['payments', 'refund', '--payment', reference, '--amount', '1', '--reason', 'x'.repeat(201)],
      /200 caractères au plus/,
    ],
    [['payments', 'list', '--day', '2026-13-45'], /--day : une date AAAA-MM-JJ/],
  ] as const) {
    const result = await run([...argv]);
    assert.equal(result.code, 1, argv.join(' '));
    assert.match(result.stderr, reason);
  }

  // The provider settles the refund and notifies the portal: the day's list shows it.
  await settleRefunds();
  // The day's list counts each entry of the ledger on the day it was recorded (Europe/Monaco):
  // the day of the refund, which is the capture's day too unless midnight fell in between.
  const recorded = await db
    .selectFrom('payment_ledger_entry')
    .select(['kind', 'created_at'])
    .where('attempt_id', '=', attempt.id)
    .where('kind', 'in', ['capture', 'refund'])
    .execute();
  assert.deepEqual(recorded.map((entry) => entry.kind).sort(), ['capture', 'refund']);
  const dayOf = (kind: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Monaco' }).format(
      recorded.find((entry) => entry.kind === kind)?.created_at,
    );
  const list = await run(['payments', 'list', '--day', dayOf('refund')]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^Paiements du \d{4}-\d{2}-\d{2} \(heure de Monaco\) :/);
  assert.match(list.stdout, /mairie-cantine +\d+ paiement\(s\) +encaissé [\d.]+ € +remboursé [1-9][\d.]* €/);
  if (dayOf('capture') === dayOf('refund'))
    assert.match(list.stdout, /mairie-cantine +[1-9]\d* paiement\(s\) +encaissé [1-9]/, 'the payment on its day');
  // The bill shows the euro taken back: partly paid again, the rest payable.
  const refunded = await invoice(bill.id);
  assert.deepEqual([refunded.status, refunded.paid_cents], ['partially_paid', bill.total_cents - 100]);
  assert.match(
    (await run(['payments', 'list', '--day', '2020-01-01'])).stdout,
    /Aucun paiement ni remboursement le 2020-01-01\./,
  );
});

test('each payment is a dossier in "Mes démarches" with its timeline (sent, declined; sent, paid, refunded), and the bill’s dossier is done once it is paid', async () => {
  // An account before the bill is published: the bill opens its own dossier.
  const n = randomBytes(4).toString('hex');
  const email = `parent.${n}@example.mc`;
  const account = await buildAccount(db, { email });
  await enrol(
    'ecole-de-fontvieille',
    [{ ref: `ZOE${n}`, firstName: 'Zoé', guardians: [{ email, role: 'payer' }] }],
    () => linkByRollEmail(db, account.id),
  );
  const cookie = await signIn(app, account.id);
  const [bill] = await db
    .selectFrom('invoice')
    .select(['id', 'total_cents', 'number', 'dossier_id'])
    .where('payer_email_key', '=', email)
    .execute();
  assert.ok(bill?.dossier_id, 'the bill has its dossier');

  const pay = async (card: string) => {
    const basket = await get(paths.canteen.pay(), cookie);
    const started = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
    const answered = await psp.pay(String(started.response.headers.location), card);
    return returnPage(String(answered.headers.location), cookie);
  };
  const declined = await pay('4000000000009995');
  assert.equal(heading1(declined.page), 'Paiement refusé');
  const paid = await pay('4242424242424242');
  const reference = /PAY-[A-Z0-9]{10}/.exec(bodyText(paid.page))?.[0];
  assert.ok(reference);

  // "Mes démarches": the two payments and the bill, each with its state.
  const list = await get(paths.dossiers.mine(), cookie);
  const rows = all(list.page, 'tbody tr').map((row) => text(row));
  const euros = (c: number) => `${Math.trunc(c / 100)},${String(c % 100).padStart(2, '0')}`;
  assert.equal(rows.length, 3, rows.join('\n'));
  assert.ok(
    rows.some((r) => r.includes(`Paiement de la cantine — École de Fontvieille (${reference})`) && /Terminée/.test(r)),
  );
  assert.ok(rows.some((r) => /Paiement de la cantine — École de Fontvieille \(PAY-/.test(r) && /Échouée/.test(r)));
  assert.ok(rows.some((r) => r.includes(`Facture de cantine ${bill.number ?? ''}`) && /Terminée/.test(r)));

  const timeline = async (title: RegExp) => {
    const row = all(list.page, 'tbody tr').find((r) => title.test(text(r)));
    const link = row ? all(row, 'a')[0] : undefined;
    assert.ok(link, String(title));
    const page = await get(link.getAttribute('href') ?? '', cookie);
    assert.equal(page.response.statusCode, 200);
    return all(page.page, '.timeline__item').map((item) => text(item));
  };
  const failed = await timeline(/Échouée/);
  assert.match(failed[0] ?? '', /^Démarche commencée/);
  assert.match(failed[1] ?? '', /^Envoyé vers la page de paiement sécurisée\s*\d/);
  assert.match(failed[2] ?? '', /^Paiement refusé par la banque : aucun montant prélevé : Échouée/);
  assert.equal(failed.length, 3);

  // An operator refunds 1 € of the payment; the provider settles it.
  const context = { db, mail: async () => app.mail, publicUrl, config };
  const found = findCommand([
    'payments',
    'refund',
    '--payment',
    reference,
    '--amount',
    '1',
    '--reason',
    'Repas non pris',
  ]);
  assert.ok(found);
  const refunded = await executeCommand(
    context,
    found.name,
    found.command,
    parseArguments(found.command, found.rest).values,
    undefined,
  );
  assert.equal(refunded.code, 0, refunded.stderr);
  await settleRefunds();

  const done = await timeline(new RegExp(`\\(${reference}\\)`));
  assert.match(done[1] ?? '', /^Envoyé vers la page de paiement sécurisée\s*\d/);
  assert.match(done[2] ?? '', new RegExp(`^Paiement accepté \\(${euros(bill.total_cents)}\\s€\\) : Terminée`));
  assert.match(done[3] ?? '', /^Remboursement \(1,00\s€\)/);
  const ofBill = await timeline(/Facture de cantine/);
  assert.match(
    ofBill[1] ?? '',
    new RegExp(`^Facture payée \\(${euros(bill.total_cents)}\\s€\\) : Terminée\\s*Paiement ${reference}`),
  );
  assert.match(ofBill[2] ?? '', /^Remboursement sur la facture \(1,00\s€\)/);
});
