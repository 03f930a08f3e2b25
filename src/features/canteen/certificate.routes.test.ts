/**
 * The annual payment certificate of a child, through HTTP, paid with the real sandbox provider:
 * one card payment settles a bill naming two children, each child's certificate shows only their
 * part (to the cent, both adding up to the payment), a partial refund is taken back from both, a
 * year without payment says so, another family's child and a viewer's get "not found", a bad
 * year gets a clear page, and the certificate exists in English.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { bytes, canteenWithMeals, mealsCsv, schoolDays } from '../../../test/factories/canteen.ts';
import { formFields, startPayingPortal } from '../../../test/helpers/paying-portal.ts';
import { all, bodyText, heading1, linkHref, parsePage } from '../../../test/helpers/html.ts';
import { pdfPageCount, pdfText } from '../../../test/helpers/pdf.ts';
import { signIn } from '../../../test/helpers/session.ts';
import { executeCommand, findCommand, parseArguments } from '../../operator/commands.ts';
import { paths } from '../../paths.ts';
import { yearInMonaco } from './certificate.service.ts';
import { linkByRollEmail } from './family.service.ts';
import { generateDrafts, publishMonth } from './invoicing.service.ts';
import { importMeals } from './roll.service.ts';

const { app, database, config, psp, publicUrl, get, post, settleRefunds } = await startPayingPortal();
const db = database.db;
const SCHOOL = 'ecole-de-fontvieille';
const YEAR = yearInMonaco(new Date());

// Two families on one roll: Léa (10 meals) and Matteo (13 meals) Rossi, paid for by one parent,
// with a second guardian who only views; and Chloé Durand, another family's child.
const n = randomBytes(4).toString('hex');
const payerEmail = `rossi.${n}@example.mc`;
const viewerEmail = `rossi.viewer.${n}@example.mc`;
const otherEmail = `durand.${n}@example.mc`;
const lea = { ref: `LEA${n}`, firstName: 'Léa', lastName: 'Rossi' };
const matteo = { ref: `MAT${n}`, firstName: 'Matteo', lastName: 'Rossi' };
const chloe = { ref: `CHL${n}`, firstName: 'Chloé', lastName: 'Durand' };
const rossiGuardians = [
  { email: payerEmail, role: 'payer' as const },
  { email: viewerEmail, role: 'viewer' as const },
];
await canteenWithMeals(db, {
  establishment: SCHOOL,
  pupils: [
    { ...lea, guardians: rossiGuardians },
    { ...matteo, guardians: rossiGuardians },
    { ...chloe, guardians: [{ email: otherEmail, role: 'payer' }] },
  ],
  meals: 10,
});
await importMeals(db, {
  establishmentSlug: SCHOOL,
  file: bytes(
    mealsCsv(
      schoolDays('2026-10', 13)
        .slice(10)
        .map((date) => ({ ref: matteo.ref, date })),
    ),
  ),
});
await generateDrafts(db, { establishmentSlug: SCHOOL, month: '2026-10' });
await publishMonth(
  db,
  { mail: app.mail, publicUrl: config.publicUrl },
  { establishmentSlug: SCHOOL, month: '2026-10', now: new Date('2026-11-03T09:00:00Z') },
);

async function parent(email: string, names: { firstName: string; lastName: string }) {
  const account = await buildAccount(db, { email, ...names });
  await linkByRollEmail(db, account.id);
  return { account, cookie: await signIn(app, account.id) };
}

const payer = await parent(payerEmail, { firstName: 'Marco', lastName: 'Rossi' });
const viewer = await parent(viewerEmail, { firstName: 'Giulia', lastName: 'Rossi' });
const other = await parent(otherEmail, { firstName: 'Paul', lastName: 'Durand' });

async function pupilId(ref: string): Promise<string> {
  return (await db.selectFrom('pupil').select('id').where('pupil_ref', '=', ref).executeTakeFirstOrThrow()).id;
}
const leaId = await pupilId(lea.ref);
const matteoId = await pupilId(matteo.ref);
const chloeId = await pupilId(chloe.ref);

/** "1 234,56 €" as the French PDF prints it (a non-breaking space read back as a space). */
function euros(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}

async function certificateText(pupil: string, year: number | string, cookie: string) {
  const response = await app.inject({ url: paths.canteen.certificate(pupil, year as number), headers: { cookie } });
  assert.equal(response.statusCode, 200, response.body.slice(0, 300));
  return { response, text: pdfText(response.rawPayload) };
}

/** Pays every bill of the basket on the sandbox's hosted page; returns the payment's reference. */
async function payEverything(cookie: string): Promise<string> {
  const basket = await get(paths.canteen.pay(), cookie);
  const { response: started } = await post(paths.canteen.pay(), cookie, formFields(basket.page, paths.canteen.pay()));
  assert.equal(started.statusCode, 303, started.body.slice(0, 300));
  const paid = await psp.pay(String(started.headers.location), '4242424242424242');
  const back = new URL(String(paid.headers.location));
  const page = await get(`${back.pathname}${back.search}`, cookie);
  assert.equal(heading1(page.page), 'Paiement accepté');
  const reference = /PAY-[A-Z0-9]{10}/.exec(bodyText(page.page))?.[0];
  assert.ok(reference);
  return reference;
}

const bill = await db
  .selectFrom('invoice')
  .select(['id', 'number', 'total_cents'])
  .where('payer_email_key', '=', payerEmail)
  .executeTakeFirstOrThrow();
const lines = await db
  .selectFrom('invoice_line')
  .select(['pupil_id', 'total_cents'])
  .where('invoice_id', '=', bill.id)
  .execute();
const partOf = (pupil: string) => lines.filter((l) => l.pupil_id === pupil).reduce((s, l) => s + l.total_cents, 0);
const leaCents = partOf(leaId);
const matteoCents = partOf(matteoId);

test('one bill names both children: 10 and 13 meals at 5,57 €', () => {
  assert.deepEqual([leaCents, matteoCents, bill.total_cents], [5570, 7241, 12811]);
});

let reference = '';

test('before any payment, no certificate link; asked for anyway, the PDF says no payment was recorded', async () => {
  const child = await get(paths.canteen.child(leaId), payer.cookie);
  assert.equal(child.response.statusCode, 200);
  assert.doesNotMatch(bodyText(child.page), /Attestation de paiement/);
  const { text } = await certificateText(leaId, YEAR, payer.cookie);
  // (test/helpers/pdf.ts reads back Latin-1: the apostrophe of Windows-1252 is not compared.)
  assert.ok(text.includes(`Aucun paiement en ligne n`), text);
  assert.ok(text.includes(`a été enregistré pour Léa Rossi en ${YEAR}.`), text);
  assert.ok(text.includes(`Total payé en ${YEAR}`), text);
  assert.ok(text.includes('0,00 €'), text);
});

test('one payment for both children: each certificate shows only its child’s share, to the cent', async () => {
  reference = await payEverything(payer.cookie);
  const leaPdf = await certificateText(leaId, YEAR, payer.cookie);
  assert.equal(leaPdf.response.headers['content-type'], 'application/pdf');
  assert.equal(leaPdf.response.headers['cache-control'], 'private, no-store');
  assert.equal(
    leaPdf.response.headers['content-disposition'],
    `inline; filename="attestation-paiement-${YEAR}-lea-rossi.pdf"`,
  );
  assert.equal(pdfPageCount(leaPdf.response.rawPayload), 1);
  const leaText = leaPdf.text;
  for (const expected of [
    `Attestation de paiement`,
    `Restauration scolaire`,
    `année ${YEAR}`,
    'Léa Rossi',
    'École de Fontvieille',
    `Marco Rossi (${payerEmail})`,
    reference,
    `${bill.number} (octobre 2026)`,
    euros(leaCents),
    `Total payé en ${YEAR}`,
    'RCI',
    'Attestation établie pour servir et valoir ce que de droit.',
    'sans frais',
  ])
    assert.ok(leaText.includes(expected), `${expected} in:\n${leaText}`);
  assert.ok(!leaText.includes('Matteo'), leaText);
  assert.ok(!leaText.includes(euros(bill.total_cents)), 'never the whole bill');

  const matteoText = (await certificateText(matteoId, YEAR, payer.cookie)).text;
  assert.ok(matteoText.includes('Matteo Rossi'), matteoText);
  assert.ok(matteoText.includes(euros(matteoCents)), matteoText);
  assert.ok(matteoText.includes(reference), matteoText);
  assert.ok(!matteoText.includes('Léa'), matteoText);

  // The links: on the child's page and on "Mes paiements", for the year paid only.
  const child = await get(paths.canteen.child(leaId), payer.cookie);
  assert.equal(linkHref(child.page, `Attestation de paiement ${YEAR} (PDF)`), paths.canteen.certificate(leaId, YEAR));
  assert.doesNotMatch(bodyText(child.page), new RegExp(`Attestation de paiement ${YEAR - 1}`));
  const list = await get(paths.canteen.payments(), payer.cookie);
  const hrefs = all(list.page, 'section a').map((a) => a.getAttribute('href'));
  assert.ok(hrefs.includes(paths.canteen.certificate(leaId, YEAR)), hrefs.join(' '));
  assert.ok(hrefs.includes(paths.canteen.certificate(matteoId, YEAR)), hrefs.join(' '));
  assert.match(bodyText(list.page), /Attestations de paiement annuelles/);

  // A year without payment: a certificate that says so, and no link.
  const before = (await certificateText(leaId, YEAR - 1, payer.cookie)).text;
  assert.ok(before.includes(`enregistré pour Léa Rossi en ${YEAR - 1}.`), before);
  assert.ok(!before.includes(reference), before);
});

test('a partial refund is taken back from both children’s shares; the totals still add up', async () => {
  assert.ok(reference, 'paid in the previous test');
  const context = { db, mail: async () => app.mail, publicUrl, config };
  const argv = ['payments', 'refund', '--payment', reference, '--amount', '1,00', '--reason', 'Repas non pris'];
  const found = findCommand(argv);
  assert.ok(found);
  const result = await executeCommand(
    context,
    found.name,
    found.command,
    parseArguments(found.command, found.rest).values,
    undefined,
  );
  assert.equal(result.code, 0, result.stderr);
  // Until the provider confirms it, nothing was given back.
  assert.ok((await certificateText(leaId, YEAR, payer.cookie)).text.includes(euros(leaCents)));
  await settleRefunds();

  // 1,00 € shared 5570 : 7241 → 0,43 € and 0,57 € (the last cent to the larger remainder).
  const leaText = (await certificateText(leaId, YEAR, payer.cookie)).text;
  for (const expected of ['Remboursé', '-0,43 €', euros(leaCents), euros(leaCents - 43)])
    assert.ok(leaText.includes(expected), `${expected} in:\n${leaText}`);
  const matteoText = (await certificateText(matteoId, YEAR, payer.cookie)).text;
  for (const expected of ['-0,57 €', euros(matteoCents - 57)])
    assert.ok(matteoText.includes(expected), `${expected} in:\n${matteoText}`);
  assert.equal(leaCents - 43 + (matteoCents - 57), bill.total_cents - 100);
});

test('another family’s child and a viewer’s child are "not found"; so is a made-up child', async () => {
  for (const [cookie, pupil] of [
    [other.cookie, leaId],
    [viewer.cookie, leaId],
    [viewer.cookie, matteoId],
    [payer.cookie, chloeId],
    [payer.cookie, '00000000-0000-4000-8000-000000000000'],
    [payer.cookie, 'not-a-child'],
  ] as const) {
    const response = await app.inject({ url: paths.canteen.certificate(pupil, YEAR), headers: { cookie } });
    assert.equal(response.statusCode, 404, `${pupil}`);
    assert.notEqual(response.headers['content-type'], 'application/pdf');
  }
  // A bad year does not tell a stranger the child exists either.
  const response = await app.inject({
    url: `/mes-enfants/${leaId}/attestation-paiement-1999.pdf`,
    headers: { cookie: other.cookie },
  });
  assert.equal(response.statusCode, 404);
  // The viewer's child page offers no certificate; the other family's list has none of the Rossis.
  assert.doesNotMatch(bodyText((await get(paths.canteen.child(leaId), viewer.cookie)).page), /Attestation de paiement/);
  assert.doesNotMatch(bodyText((await get(paths.canteen.payments(), other.cookie)).page), /Attestation/);
  // Signed out: log in first.
  assert.equal((await app.inject(paths.canteen.certificate(leaId, YEAR))).statusCode, 303);
});

test('a bad year gets a clear page (400) naming the years that can be asked for', async () => {
  for (const year of ['1999', String(YEAR + 1), 'abcd', '20266', '%27%20or%201', '0', '']) {
    const response = await app.inject({
      url: `/mes-enfants/${leaId}/attestation-paiement-${year}.pdf`,
      headers: { cookie: payer.cookie },
    });
    assert.equal(response.statusCode, 400, year);
    const page = parsePage(response.body);
    assert.equal(heading1(page), 'Année non disponible');
    assert.match(bodyText(page), new RegExp(`pour une année de 2000 à ${YEAR}, écrite avec quatre chiffres`));
    assert.equal(linkHref(page, 'Retour à la page de l’enfant'), paths.canteen.child(leaId));
  }
});

test('in English the certificate, its file name and its links are in English', async () => {
  const cookie = `${payer.cookie}; lang=en`;
  const response = await app.inject({ url: paths.canteen.certificate(leaId, YEAR), headers: { cookie } });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-disposition'], `inline; filename="payment-certificate-${YEAR}-lea-rossi.pdf"`);
  const text = pdfText(response.rawPayload);
  for (const expected of [
    'Payment certificate',
    `year ${YEAR}`,
    `Total paid in ${YEAR}`,
    '€55.27',
    'Refunded',
    'This certificate is issued for all legal purposes.',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  assert.ok(!text.includes('Attestation'), text);
  const child = await get(paths.canteen.child(leaId), cookie);
  assert.equal(linkHref(child.page, `Payment certificate ${YEAR} (PDF)`), paths.canteen.certificate(leaId, YEAR));
});
