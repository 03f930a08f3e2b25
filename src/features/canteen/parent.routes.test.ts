/**
 * The parent's canteen pages through HTTP on the real database: linking children by the roll's
 * e-mail and by pupil code (throttled), a child's meals, the bills (unpaid first), a bill, its PDF,
 * and what a viewer and another family may not see.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals, type PupilSpec } from '../../../test/factories/canteen.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { all, bodyText, heading1, linkHref, parsePage, text } from '../../../test/helpers/html.ts';
import { pdfPageCount, pdfText } from '../../../test/helpers/pdf.ts';
import { addSignInDoor, signIn } from '../../../test/helpers/session.ts';
import { paths } from '../../paths.ts';
import { generateDrafts, publishMonth } from './invoicing.service.ts';
import { childrenOfAccount } from './family.service.ts';
import { billsForAccount, billSummariesForAccount, familyOfAccount } from './parent.service.ts';

const { app, database, config } = await buildTestApp({ jobs: true, routes: addSignInDoor });
const db = database.db;
const deps = { mail: app.mail, publicUrl: config.publicUrl };
const NOW = new Date('2026-11-03T09:00:00Z');

/** Every pupil enrolled so far per establishment: a roll import names them all, as a school's would. */
const rolls = new Map<string, PupilSpec[]>();

/** Enrols pupils (with 18 or 15 meals in October 2026), then drafts and publishes October's bills. */
async function enrol(establishment: string, pupils: readonly PupilSpec[]): Promise<void> {
  const everyone = [...(rolls.get(establishment) ?? []), ...pupils];
  rolls.set(establishment, everyone);
  const college = establishment === 'college-charles-iii';
  await canteenWithMeals(db, {
    establishment,
    pupils: everyone,
    meals: college ? 15 : 18,
    price: college ? '6.10' : '5.57',
  });
  await generateDrafts(db, { establishmentSlug: establishment, month: '2026-10' });
  await publishMonth(db, deps, { establishmentSlug: establishment, month: '2026-10', now: NOW });
}

let families = 0;

/**
 * A family of its own for each test: Léa at the École de Fontvieille (Marco pays, Giulia follows),
 * Matteo at the Collège Charles III (another creditor), and Noé of another family at Léa's school.
 */
async function rossiFamily() {
  families += 1;
  const n = families;
  const emails = {
    marco: `marco.${n}@example.mc`,
    giulia: `giulia.${n}@example.mc`,
    ferrero: `ferrero.${n}@example.mc`,
  };
  const refs = { lea: `LEA${n}`, noe: `NOE${n}`, matteo: `MATTEO${n}` };
  await enrol('ecole-de-fontvieille', [
    {
      ref: refs.lea,
      firstName: 'Léa',
      birthDate: '2016-05-14',
      guardians: [
        { email: emails.marco, role: 'payer' },
        { email: emails.giulia, role: 'viewer' },
      ],
    },
    { ref: refs.noe, lastName: 'Ferrero', firstName: 'Noé', guardians: [{ email: emails.ferrero, role: 'payer' }] },
  ]);
  await enrol('college-charles-iii', [
    { ref: refs.matteo, firstName: 'Matteo', guardians: [{ email: emails.marco, role: 'payer' }] },
  ]);
  return { emails, refs };
}

async function linkCode(ref: string): Promise<string> {
  const row = await db.selectFrom('pupil').select('link_code').where('pupil_ref', '=', ref).executeTakeFirstOrThrow();
  return row.link_code;
}

async function get(url: string, cookie: string, lang?: 'en') {
  const response = await app.inject({ url, headers: { cookie: lang ? `${cookie}; lang=${lang}` : cookie } });
  return { response, page: parsePage(response.body) };
}

async function csrfOf(cookie: string): Promise<string> {
  const { page } = await get(paths.canteen.children(), cookie);
  return page.querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
}

async function post(url: string, cookie: string, payload: Record<string, string>) {
  const response = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
  return { response, page: parsePage(response.body) };
}

async function parent(email: string, emailVerified = true) {
  const account = await buildAccount(db, { email, emailVerified });
  const cookie = await signIn(app, account.id);
  return { account, cookie, token: await csrfOf(cookie) };
}

const errorSummary = (page: ReturnType<typeof parsePage>) => all(page, '.error-summary li').map((li) => text(li));

test('the parent pages ask an anonymous visitor to log in first', async () => {
  for (const url of [
    paths.canteen.children(),
    paths.canteen.invoices(),
    paths.canteen.invoice('x'),
    paths.canteen.child('x'),
  ]) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 303, url);
    assert.match(String(response.headers.location), /^\/connexion\?retour=/);
  }
});

test('a parent whose verified e-mail is on two rolls sees both children proposed with their school, and links them by confirming', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco.toUpperCase());
  const { page } = await get(paths.canteen.children(), cookie);
  assert.equal(heading1(page), 'Mes enfants');
  assert.match(bodyText(page), /Aucun enfant n’est encore rattaché/);
  const proposals = all(page, '#enfants-proposes ~ ul li, section[aria-labelledby="enfants-proposes"] li').map((li) =>
    text(li),
  );
  assert.deepEqual(proposals, ['Léa Rossi — École de Fontvieille, CE2', 'Matteo Rossi — Collège Charles III, CE2']);
  // Noé, of another family at the same school, is never proposed.
  assert.doesNotMatch(bodyText(page), /Noé/);

  const confirmed = await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  assert.equal(confirmed.response.statusCode, 303);
  const after = await get(String(confirmed.response.headers.location), cookie);
  assert.match(bodyText(after.page), /2 enfants ont été rattachés à votre compte/);
  assert.deepEqual(
    all(after.page, '.child-list h2').map((h) => text(h)),
    ['Léa Rossi', 'Matteo Rossi'],
  );
  assert.equal(after.page.querySelector('#enfants-proposes'), null, 'nothing left to propose');

  // Replayed: nothing more is linked, no notice.
  const replay = await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  assert.equal(replay.response.headers.location, paths.canteen.children());
});

test('a POST without the anti-forgery token links nothing', async () => {
  const { emails } = await rossiFamily();
  const { cookie, account } = await parent(emails.marco);
  const refused = await post(paths.canteen.linkChildrenByEmail(), cookie, {});
  assert.equal(refused.response.statusCode, 403);
  const links = await db.selectFrom('guardian_link').select('id').where('account_id', '=', account.id).execute();
  assert.equal(links.length, 0);
});

test('an e-mail not verified yet is offered no child and links none', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token, account } = await parent(emails.marco, false);
  const { page } = await get(paths.canteen.children(), cookie);
  assert.match(bodyText(page), /Vérifiez d’abord votre adresse e-mail/);
  assert.doesNotMatch(bodyText(page), /Léa/);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const links = await db.selectFrom('guardian_link').select('id').where('account_id', '=', account.id).execute();
  assert.equal(links.length, 0);
});

test('the code form refuses missing, malformed, oversized and hostile input with messages at the fields, keeping the values', async () => {
  const { cookie, token } = await parent('nobody.1@example.mc');
  const empty = await post(paths.canteen.linkChildByCode(), cookie, { _csrf: token, code: '', birthDate: '' });
  assert.equal(empty.response.statusCode, 400);
  assert.deepEqual(errorSummary(empty.page), ['Saisissez le code élève', 'Saisissez la date de naissance de l’enfant']);
  assert.equal(empty.page.querySelector('.error-summary a')?.getAttribute('href'), '#champ-code');

  const hostile = '<script>alert(1)</script>';
  const bad = await post(paths.canteen.linkChildByCode(), cookie, {
    _csrf: token,
    code: hostile,
    birthDate: '31/02/2016',
  });
  assert.equal(bad.response.statusCode, 400);
  assert.deepEqual(errorSummary(bad.page), [
    'Le code élève compte 8 lettres et chiffres, comme sur le courrier de l’établissement',
    'Saisissez une vraie date de naissance, au format JJ/MM/AAAA',
  ]);
  assert.equal(bad.page.querySelector('#champ-code')?.getAttribute('value'), hostile, 'kept as typed');
  assert.equal(bad.page.querySelector('#champ-birthDate')?.getAttribute('value'), '31/02/2016');
  assert.doesNotMatch(bad.response.body, /<script>alert/);
  assert.equal(bad.page.querySelector('#champ-code')?.getAttribute('aria-invalid'), 'true');

  const huge = await post(paths.canteen.linkChildByCode(), cookie, {
    _csrf: token,
    code: 'A'.repeat(5000),
    birthDate: '1'.repeat(5000),
  });
  assert.equal(huge.response.statusCode, 400);
  assert.equal(errorSummary(huge.page).length, 2);
  assert.ok((huge.page.querySelector('#champ-code')?.getAttribute('value') ?? '').length <= 40);
  // None of these counted as a guess.
  const throttle = await db
    .selectFrom('throttle')
    .select('failures')
    .where('key', 'like', 'canteen-link-code:%')
    .execute();
  assert.equal(throttle.length, 0);
});

test('an unknown code and a wrong birth date get the same answer; the fifth failure locks the form for an hour, even for the right code', async () => {
  await enrol('ecole-des-revoires', [
    {
      ref: 'HUGO',
      lastName: 'Bianchi',
      firstName: 'Hugo',
      birthDate: '2017-01-23',
      guardians: [{ email: 'sophie@example.mc', role: 'payer' }],
    },
  ]);
  const { cookie, token, account } = await parent('guess@example.mc');
  const code = await linkCode('HUGO');
  const unknown = await post(paths.canteen.linkChildByCode(), cookie, {
    _csrf: token,
    code: 'ZZZZ9999',
    birthDate: '23/01/2017',
  });
  const wrongDate = await post(paths.canteen.linkChildByCode(), cookie, {
    _csrf: token,
    code,
    birthDate: '24/01/2017',
  });
  assert.equal(unknown.response.statusCode, 400);
  assert.equal(wrongDate.response.statusCode, 400);
  assert.deepEqual(errorSummary(unknown.page), errorSummary(wrongDate.page));
  assert.deepEqual(errorSummary(unknown.page), [
    'Ce code et cette date de naissance ne correspondent à aucun enfant. Vérifiez le courrier de l’établissement.',
  ]);
  for (let i = 3; i <= 4; i += 1) {
    await post(paths.canteen.linkChildByCode(), cookie, { _csrf: token, code: 'ZZZZ9999', birthDate: '23/01/2017' });
  }
  const fifth = await post(paths.canteen.linkChildByCode(), cookie, {
    _csrf: token,
    code: 'ZZZZ9999',
    birthDate: '23/01/2017',
  });
  assert.equal(fifth.response.statusCode, 429);
  assert.match(errorSummary(fifth.page)[0] ?? '', /bloqué pendant 60 minutes/);
  const right = await post(paths.canteen.linkChildByCode(), cookie, { _csrf: token, code, birthDate: '23/01/2017' });
  assert.equal(right.response.statusCode, 429, 'locked whatever the code');
  const links = await db.selectFrom('guardian_link').select('id').where('account_id', '=', account.id).execute();
  assert.equal(links.length, 0);
  const row = await db
    .selectFrom('throttle')
    .select(['failures', 'blocked_until'])
    .where('key', '=', `canteen-link-code:account:${account.id}`)
    .executeTakeFirstOrThrow();
  assert.equal(row.failures, 5);
  assert.ok(row.blocked_until && row.blocked_until.getTime() > Date.now() + 59 * 60 * 1000);

  // Another account is not locked by this one's failures.
  const other = await parent('sophie@example.mc');
  const linked = await post(paths.canteen.linkChildByCode(), other.cookie, {
    _csrf: other.token,
    code: code.toLowerCase().replace(/^(....)/, '$1 '),
    birthDate: '2017-01-23',
  });
  assert.equal(linked.response.statusCode, 303);
  assert.equal(linked.response.headers.location, paths.canteen.children(undefined, 'linked-1'));
  const again = await post(paths.canteen.linkChildByCode(), other.cookie, {
    _csrf: other.token,
    code,
    birthDate: '23/01/2017',
  });
  assert.equal(again.response.headers.location, paths.canteen.children(undefined, 'already'));
  const { page } = await get(String(again.response.headers.location), other.cookie);
  assert.match(bodyText(page), /Cet enfant était déjà rattaché/);
  assert.deepEqual(
    all(page, '.child-list h2').map((h) => text(h)),
    ['Hugo Bianchi'],
  );
});

test('a linked child shows the school, the class, October’s meals day by day and the bill; another family’s child is not found', async () => {
  const { emails, refs } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const { page: list } = await get(paths.canteen.children(), cookie);
  const childUrl = linkHref(list, 'Léa Rossi');
  const { response, page } = await get(childUrl, cookie);
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Léa Rossi');
  const body = bodyText(page);
  assert.match(body, /École de Fontvieille/);
  assert.match(body, /Repas d’octobre 2026/);
  assert.match(body, /18 repas ce mois-ci/);
  const days = all(page, 'table tbody tr');
  assert.equal(days.length, 18);
  assert.equal(text(days[0]?.querySelector('td') ?? null), 'jeudi 1 octobre');
  assert.match(body, /100,26 €/);

  const september = await get(paths.canteen.child(childUrl.split('/').pop() ?? '', '2026-09'), cookie);
  assert.match(bodyText(september.page), /Aucun repas enregistré ce mois-ci/);

  const noe = await db.selectFrom('pupil').select('id').where('pupil_ref', '=', refs.noe).executeTakeFirstOrThrow();
  assert.equal((await get(paths.canteen.child(noe.id), cookie)).response.statusCode, 404);
  assert.equal((await get(paths.canteen.child('not-a-uuid'), cookie)).response.statusCode, 404);
  assert.equal((await get(`${childUrl}?mois=2026-13`, cookie)).response.statusCode, 200, 'a bad month falls back');
});

test('"Mes factures" lists every bill with children, school, month, status, amount and due date, unpaid first; in English too', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const { page } = await get(paths.canteen.invoices(), cookie);
  assert.equal(heading1(page), 'Mes factures');
  const cards = all(page, '.bill-list > li').map((li) => text(li));
  assert.equal(cards.length, 2);
  const joined = cards.join(' | ');
  assert.match(joined, /Léa Rossi/);
  assert.match(joined, /Matteo Rossi/);
  assert.match(joined, /100,26 €/);
  assert.match(joined, /91,50 €/);
  assert.match(joined, /octobre 2026/);
  assert.match(joined, /à payer/);
  assert.match(joined, /23 novembre 2026/);
  assert.doesNotMatch(joined, /Noé/);

  const english = await get(paths.canteen.invoices(), cookie, 'en');
  assert.equal(heading1(english.page), 'My bills');
  assert.match(bodyText(english.page), /€100\.26/);
  assert.match(bodyText(english.page), /October 2026/);
});

test('a bill for two children of one payer names each once, in the order of its lines; the list says what the full bill says', async () => {
  families += 1;
  const email = `famille.${families}@example.mc`;
  await enrol('ecole-de-fontvieille', [
    { ref: `ALBA${families}`, lastName: 'Moretti', firstName: 'Alba', guardians: [{ email, role: 'payer' }] },
    { ref: `HUGO${families}`, lastName: 'Moretti', firstName: 'Hugo', guardians: [{ email, role: 'payer' }] },
  ]);
  const { account, cookie, token } = await parent(email);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const { page } = await get(paths.canteen.invoices(), cookie);
  const cards = all(page, '.bill-list > li');
  assert.equal(cards.length, 1);
  const full = await billsForAccount(db, account.id);
  assert.ok(full[0]!.lines.length > 2, 'one line per child and week');
  assert.deepEqual(full[0]!.childNames, ['Alba Moretti', 'Hugo Moretti']);
  assert.match(text(cards[0]), /Enfant\(s\)Alba Moretti, Hugo MorettiÉtablissement/);
  // "Mes enfants" reads the children nested in one statement, as they are read alone.
  const family = await familyOfAccount(db, { accountId: account.id, email, emailVerified: true });
  assert.deepEqual(family.children, await childrenOfAccount(db, account.id));
  assert.equal(family.children.length, 2);
  assert.deepEqual(family.proposals, { kind: 'verified', email, children: [] });
  // The list's query (no lines) and the full bills agree on every field a card shows, in order.
  const summaries = await billSummariesForAccount(db, account.id);
  assert.deepEqual(
    summaries,
    full.map((bill) => ({
      id: bill.id,
      number: bill.number,
      month: bill.month,
      status: bill.status,
      establishmentSlug: bill.establishmentSlug,
      establishmentName: bill.establishmentName,
      totalCents: bill.totalCents,
      paidCents: bill.paidCents,
      onlineDeadline: bill.onlineDeadline,
      dueDate: bill.dueDate,
      childNames: bill.childNames,
      merchantId: bill.creditor.merchantId,
    })),
  );
});

test('a bill shows its lines per child, the VAT breakdown, the payment reference, the creditor’s legal details, and how it will be paid', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const { page: list } = await get(paths.canteen.invoices(), cookie);
  const url = linkHref(list, /^Facture RSP-2026-\d{6} — octobre 2026$/);
  const { response, page } = await get(url, cookie);
  assert.equal(response.statusCode, 200);
  assert.match(heading1(page), /^Facture RSP-2026-\d{6}$/);
  const body = bodyText(page);
  assert.match(body, /Repas de Léa Rossi/);
  assert.match(body, /5 × 5,57 €/);
  assert.match(body, /Total pour Léa Rossi\s*100,26 €/);
  assert.match(body, /Taux de TVA\s*10 %\s*Montant HT\s*91,15 €\s*TVA\s*9,11 €\s*Montant TTC\s*100,26 €/);
  assert.match(body, /Référence de paiement\s*RF\d{2}RSP2026\d{6}/);
  assert.match(body, /Restauration scolaire des écoles de Monaco/);
  assert.match(body, /RCI\s*98 S 01234/);
  assert.match(body, /FR 12 000 012 345/);
  assert.match(body, /Payez en ligne par carte bancaire, sans frais/);
  assert.equal(all(page, 'main form').length, 0, 'no pay button yet');
  assert.equal(linkHref(page, 'Télécharger la facture (PDF)'), `${url}/facture.pdf`);
});

test('the PDF of a bill is an A4 one-page PDF with the same amounts; another family’s bill and PDF are not found', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco);
  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const { page: list } = await get(paths.canteen.invoices(), cookie);
  const url = linkHref(list, /^Facture RSP-2026-\d{6} — octobre 2026$/);
  const pdf = await app.inject({ url: `${url}/facture.pdf`, headers: { cookie } });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const bytes = pdf.rawPayload;
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pdfPageCount(bytes), 1);
  assert.match(bytes.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
  const shown = pdfText(bytes);
  assert.match(shown, /Facture de cantine RSP-2026-\d{6}/);
  assert.match(shown, /100,26 €/);
  assert.match(shown, /91,15 €/);
  assert.match(shown, /9,11 €/);
  assert.match(shown, /Léa Rossi/);
  assert.match(shown, /RF\d{2}RSP2026\d{6}/);
  assert.match(shown, /RCI 98 S 01234/);

  const ferrero = await parent(emails.ferrero);
  await post(paths.canteen.linkChildrenByEmail(), ferrero.cookie, { _csrf: ferrero.token });
  assert.equal((await get(url, ferrero.cookie)).response.statusCode, 404);
  assert.equal((await app.inject({ url: `${url}/facture.pdf`, headers: { cookie: ferrero.cookie } })).statusCode, 404);
  assert.equal(
    (await get(paths.canteen.invoice('00000000-0000-0000-0000-000000000000'), cookie)).response.statusCode,
    404,
  );
  assert.equal((await get(paths.canteen.invoice("1' or '1'='1"), cookie)).response.statusCode, 404);
});

test('a viewer sees the child, the meals and what was charged for the child each month, never the payer’s bills', async () => {
  const { emails } = await rossiFamily();
  const payer = await parent(emails.marco);
  await post(paths.canteen.linkChildrenByEmail(), payer.cookie, { _csrf: payer.token });
  const { page: payerList } = await get(paths.canteen.invoices(), payer.cookie);
  const billUrl = linkHref(payerList, /^Facture RSP-2026-\d{6}/);
  const billNumber = /RSP-2026-\d{6}/.exec(bodyText(payerList))?.[0] ?? 'none';
  const { payment_reference: reference } = await db
    .selectFrom('invoice')
    .select('payment_reference')
    .where('number', '=', billNumber)
    .executeTakeFirstOrThrow();
  assert.ok(reference);

  const viewer = await parent(emails.giulia);
  const { page: proposals } = await get(paths.canteen.children(), viewer.cookie);
  assert.match(bodyText(proposals), /Léa Rossi — École de Fontvieille/);
  await post(paths.canteen.linkChildrenByEmail(), viewer.cookie, { _csrf: viewer.token });
  const { page: children } = await get(paths.canteen.children(), viewer.cookie);
  assert.match(bodyText(children), /Suivi sans paiement/);
  const child = await get(linkHref(children, 'Léa Rossi'), viewer.cookie);
  assert.match(bodyText(child.page), /18 repas ce mois-ci/);
  assert.match(bodyText(child.page), /adressées au responsable payeur/);
  // The child's charges: October's 18 meals at 5,57 €, as the payer's bill has them.
  const rows = all(child.page, 'table')
    .filter((table) => /Montants facturés pour Léa/.test(text(table)))
    .flatMap((table) => all(table, 'tbody tr').map((tr) => all(tr, 'td').map((td) => text(td))));
  assert.deepEqual(rows, [['octobre 2026', '18', '100,26 €']]);
  // Nothing of the bill itself: no number, payment reference, status, payer or link to it.
  assert.doesNotMatch(bodyText(child.page), new RegExp(billNumber));
  assert.ok(!bodyText(child.page).includes(reference), reference);
  assert.doesNotMatch(bodyText(child.page), /À payer|Payée|Référence/);
  assert.doesNotMatch(bodyText(child.page), /marco\./);
  assert.equal(all(child.page, '.bill-list').length, 0);

  const { page: bills } = await get(paths.canteen.invoices(), viewer.cookie);
  assert.equal(all(bills, '.bill-list > li').length, 0);
  assert.equal((await get(billUrl, viewer.cookie)).response.statusCode, 404);
  assert.equal(
    (await app.inject({ url: `${billUrl}/facture.pdf`, headers: { cookie: viewer.cookie } })).statusCode,
    404,
  );
});

test('"Commencer" leads to the bills at that school, or to linking a child there first', async () => {
  const { emails } = await rossiFamily();
  const { cookie, token } = await parent(emails.marco);
  const start = await app.inject({
    url: paths.canteen.start('payer-la-cantine-ecole-de-fontvieille'),
    headers: { cookie },
  });
  assert.equal(start.statusCode, 303);
  assert.equal(start.headers.location, paths.canteen.invoices('ecole-de-fontvieille'));
  const before = await app.inject({ url: String(start.headers.location), headers: { cookie } });
  assert.equal(before.headers.location, paths.canteen.children('ecole-de-fontvieille'));
  const linking = await get(String(before.headers.location), cookie);
  assert.match(
    bodyText(linking.page),
    /Aucun enfant n’est encore rattaché à votre compte pour l’École de Fontvieille : confirmez ci-dessous/,
  );
  // Said once: the general "no child yet" stays away when the school's notice says it.
  assert.equal(bodyText(linking.page).split('Aucun enfant n’est encore rattaché').length - 1, 1);

  await post(paths.canteen.linkChildrenByEmail(), cookie, { _csrf: token });
  const bills = await get(paths.canteen.invoices('ecole-de-fontvieille'), cookie);
  assert.equal(bills.response.statusCode, 200);
  assert.equal(heading1(bills.page), 'Factures pour l’École de Fontvieille');
  const cards = all(bills.page, '.bill-list > li').map((li) => text(li));
  assert.equal(cards.length, 1);
  assert.match(cards[0] ?? '', /Léa Rossi/);
});

test('sent from a school where the roll proposes none of their children, a parent is told to link by code, not to confirm the children of other schools', async () => {
  const { emails } = await rossiFamily();
  const { cookie } = await parent(emails.marco);
  for (const lang of [undefined, 'en'] as const) {
    const { response, page } = await get(paths.canteen.children('ecole-du-parc'), cookie, lang);
    assert.equal(response.statusCode, 200);
    const notices = all(page, '.notice').map((n) => text(n));
    if (lang === 'en') {
      assert.ok(
        notices.some((n) =>
          /No child is linked to your account for École du Parc yet\. If your child goes there, link them below with the pupil code/.test(
            n,
          ),
        ),
        notices.join(' | '),
      );
      assert.doesNotMatch(bodyText(page), /No child is linked to your account yet\./);
    } else {
      assert.ok(
        notices.some((n) =>
          /pour l’École du Parc\. Si votre enfant y est inscrit, rattachez-le avec le code élève/.test(n),
        ),
        notices.join(' | '),
      );
      assert.equal(bodyText(page).split('Aucun enfant n’est encore rattaché').length - 1, 1);
    }
    // The children proposed for the parent's e-mail are still listed, with their own schools.
    assert.match(bodyText(page), /Léa Rossi — École de Fontvieille/);
  }
  // An unknown establishment in the address adds no notice, and the general line stays.
  const { page } = await get(paths.canteen.children('nulle-part'), cookie);
  assert.equal(all(page, '.notice').length, 0);
  assert.match(bodyText(page), /Aucun enfant n’est encore rattaché à votre compte\./);
});

test('a code typed from an address the roll does not name opens the least: a viewer’s entry, never one of two payers’', async () => {
  await enrol('ecole-du-parc', [
    {
      ref: 'PARC1',
      firstName: 'Alba',
      birthDate: '2018-02-03',
      guardians: [
        { email: 'payer.parc@example.mc', role: 'payer' },
        { email: 'viewer.parc@example.mc', role: 'viewer' },
      ],
    },
    {
      ref: 'PARC2',
      firstName: 'Bruno',
      birthDate: '2018-04-05',
      guardians: [
        { email: 'mother.parc@example.mc', role: 'payer' },
        { email: 'father.parc@example.mc', role: 'payer' },
      ],
    },
  ]);
  const stranger = await parent('someone.else@example.mc');
  const linked = await post(paths.canteen.linkChildByCode(), stranger.cookie, {
    _csrf: stranger.token,
    code: await linkCode('PARC1'),
    birthDate: '03/02/2018',
  });
  assert.equal(linked.response.statusCode, 303);
  const { page } = await get(paths.canteen.children(), stranger.cookie);
  assert.match(bodyText(page), /Alba Rossi\s*Établissement\s*École du Parc.*Suivi sans paiement/);
  const { page: bills } = await get(paths.canteen.invoices(), stranger.cookie);
  assert.equal(all(bills, '.bill-list > li').length, 0, 'the payer’s bill stays the payer’s');

  const ambiguous = await post(paths.canteen.linkChildByCode(), stranger.cookie, {
    _csrf: stranger.token,
    code: await linkCode('PARC2'),
    birthDate: '05/04/2018',
  });
  assert.equal(ambiguous.response.statusCode, 400);
  assert.match(errorSummary(ambiguous.page)[0] ?? '', /deux responsables payeurs/);
  const guardians = await db
    .selectFrom('guardian_link')
    .innerJoin('pupil', 'pupil.id', 'guardian_link.pupil_id')
    .select('guardian_link.account_id')
    .where('pupil.pupil_ref', '=', 'PARC2')
    .execute();
  assert.ok(guardians.every((g) => g.account_id === null));
});

test('in shared custody each payer sees their own half of the bill, never the other household’s bill', async () => {
  await enrol('ecole-des-carmes', [
    {
      ref: 'CARMES1',
      firstName: 'Elsa',
      guardians: [
        { email: 'maison.a@example.mc', role: 'payer' },
        { email: 'maison.b@example.mc', role: 'payer' },
      ],
    },
  ]);
  // A roll with two payers shares each pupil's meals 50/50.
  const a = await parent('maison.a@example.mc');
  const b = await parent('maison.b@example.mc');
  for (const p of [a, b]) await post(paths.canteen.linkChildrenByEmail(), p.cookie, { _csrf: p.token });
  const { page: listA } = await get(paths.canteen.invoices(), a.cookie);
  const { page: listB } = await get(paths.canteen.invoices(), b.cookie);
  const urlA = linkHref(listA, /^Facture RSP-2026-\d{6} — octobre 2026$/);
  const urlB = linkHref(listB, /^Facture RSP-2026-\d{6} — octobre 2026$/);
  assert.notEqual(urlA, urlB);
  assert.equal((await get(urlB, a.cookie)).response.statusCode, 404);
  assert.equal((await get(urlA, b.cookie)).response.statusCode, 404);
  const { page: children } = await get(paths.canteen.children(), a.cookie);
  assert.match(bodyText(children), /Payeur \(50 %\)/);
  const { page: billA } = await get(urlA, a.cookie);
  assert.match(bodyText(billA), /Votre part 50 %/);
  assert.match(bodyText(billA), /Montant total\s*50,13 €/, 'half of 18 × 5,57 €');
  const { page: billB } = await get(urlB, b.cookie);
  assert.match(bodyText(billB), /Montant total\s*50,13 €/);
});
