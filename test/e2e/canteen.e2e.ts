/**
 * Browser journey of the canteen's parent pages, in a real Chromium against the real app, on the
 * demo school year (the Rossi children on two rolls, two creditors, bills of September to November
 * 2026): Marco, whose e-mail is on the rolls, follows the "bill available" e-mail the publication
 * sent him to create his account with that address at 320 px, verifies it from the e-mail, is
 * offered Léa and Matteo on "Mes enfants" and links them, reads Matteo's October meals and the
 * October bill to the cent, and downloads its PDF; then Giulia, a viewer on the same rolls, at
 * 1280 px, sees the children but none of Marco's bills. Every page visited, the development
 * mailbox's included, passes `checkPortalPage` at 320 px and at 1280 px: zero axe violations, no
 * horizontal scrolling, every primary button in Monaco red, and a header of at most 80 px at 320 px.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { findCitizen } from '../../dev/mconnect/citizens.ts';
import { seedCanteenDemo } from '../../src/seed/canteen-demo.ts';
import {
  VIEWPORTS,
  checkPortalPage,
  spoken,
  startBrowserJourney,
  type BrowserJourney,
  STEP_TIMEOUT_MS,
} from '../helpers/browser.ts';
import { journeySteps, mainNav } from '../helpers/journey.ts';
import { pdfPageCount, pdfText } from '../helpers/pdf.ts';

const MAIL_WAIT_MS = 15_000;

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: true, jobs: true });
  await seedCanteenDemo(journey.database.db, { mail: journey.app.mail, publicUrl: journey.baseUrl });
});

after(async () => {
  await journey?.close();
});

const MARCO = findCitizen('mc-citizen-0001');
const GIULIA = findCitizen('mc-citizen-0002');

interface Person {
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly identifier: string;
}

const { arriveAt, submitForm } = journeySteps({ origin: () => journey.baseUrl, check: checkPortalPage });

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The development mailbox's newest e-mail to `address` with this subject, opened (the portal's
 * mail worker may still be sending it: the list is reloaded until it shows).
 */
async function openMail(page: Page, address: string, subject: string): Promise<void> {
  await page.goto('/dev/mailbox');
  const link = page
    .getByRole('table', { name: 'Messages, du plus récent au plus ancien' })
    .getByRole('row')
    .filter({ hasText: address })
    .getByRole('link', { name: subject, exact: true })
    .first();
  const deadline = Date.now() + MAIL_WAIT_MS;
  while ((await link.count()) === 0) {
    assert.ok(Date.now() < deadline, `no e-mail « ${subject} » to ${address}`);
    await page.waitForTimeout(250);
    await page.reload();
  }
  await checkPortalPage(page);
  await link.click();
  await arriveAt(page, /^\/dev\/mailbox\/[0-9a-f-]{36}$/, subject);
}

/**
 * The "bill available" e-mail the school's publication sent to a guardian without an account: it
 * says to create one with this same address, and its link opens "Créer mon compte".
 */
async function followBillMail(page: Page, address: string): Promise<void> {
  await openMail(page, address, 'Votre facture de cantine est disponible');
  const message = spoken(await page.getByRole('main').innerText());
  assert.match(
    message,
    new RegExp(`créez votre compte MonGuichet avec cette même adresse e-mail \\(${escaped(address)}\\)`),
  );
  await page
    .getByRole('link', { name: new RegExp(`^${escaped(journey.baseUrl)}/creer-mon-compte$`) })
    .first()
    .click();
  await arriveAt(page, '/creer-mon-compte', 'Créer mon compte');
  await page.getByRole('link', { name: 'Je suis un particulier', exact: true }).click();
}

/** "Créer mon compte" as a particulier with the e-mail the school knows, then the link in the e-mail. */
async function signUpAndVerify(page: Page, person: Person): Promise<void> {
  await arriveAt(page, '/creer-mon-compte/particulier', 'Créer mon compte particulier');
  await page.getByRole('radio', { name: person.civility, exact: true }).check();
  await page.getByLabel('Prénom', { exact: true }).fill(person.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(person.lastName);
  await page.getByLabel('Jour', { exact: true }).fill('17');
  await page.getByLabel('Mois', { exact: true }).fill('4');
  await page.getByLabel('Année', { exact: true }).fill('1983');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(person.email);
  await page.getByLabel('Identifiant', { exact: true }).fill(person.identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill('trois goélands survolent le port');
  await page.getByRole('checkbox', { name: /^J’ai lu et j’accepte les conditions générales d’utilisation/ }).check();
  await submitForm(page, page.getByRole('main').getByRole('button', { name: 'Créer mon compte' }));
  await arriveAt(page, '/creer-mon-compte/verifiez-vos-e-mails', 'Vérifiez vos e-mails');

  await openMail(page, person.email, 'Vérifiez votre adresse e-mail');
  await page
    .getByRole('link', { name: new RegExp(`^${escaped(journey.baseUrl)}/verifier-mon-adresse/`) })
    .first()
    .click();
  // The link opens a page whose button verifies the address (a mail scanner that follows it verifies nothing).
  await arriveAt(page, /^\/verifier-mon-adresse\/[^/]+$/, 'Confirmer mon adresse e-mail');
  await submitForm(page, page.getByRole('main').getByRole('button', { name: 'Confirmer mon adresse' }));
  await arriveAt(page, '/adresse-e-mail-verifiee', 'Adresse e-mail vérifiée');
}

/** "Mes enfants" in the header: the children the rolls list under the address, linked by confirming. */
async function linkChildrenByEmail(page: Page, expected: readonly string[]): Promise<void> {
  await (await mainNav(page)).getByRole('link', { name: 'Mes enfants', exact: true }).click();
  await arriveAt(page, '/mes-enfants', 'Mes enfants');
  const proposals = page.getByRole('region', { name: 'Enfants inscrits avec votre adresse e-mail' });
  assert.deepEqual((await proposals.getByRole('listitem').allInnerTexts()).map(spoken), expected);
  await submitForm(page, proposals.getByRole('button', { name: 'Oui, ce sont mes enfants : les rattacher' }));
  await arriveAt(page, '/mes-enfants', 'Mes enfants');
  assert.ok(await page.getByText(`${expected.length} enfants ont été rattachés à votre compte.`).isVisible());
}

test('a parent on the rolls follows the bill’s e-mail to create an account with that address, links two children at two schools, reads October’s meals and bill to the cent, and gets its PDF (320 px)', async () => {
  assert.ok(MARCO?.email);
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'fr-FR',
    viewport: VIEWPORTS[0],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  try {
    await followBillMail(page, MARCO.email.address);
    await signUpAndVerify(page, {
      civility: 'Monsieur',
      firstName: 'Marco',
      lastName: 'Rossi',
      email: MARCO.email.address,
      identifier: 'marco.rossi.e2e',
    });
    await linkChildrenByEmail(page, [
      'Léa Rossi — Collège Charles III, 6e B',
      'Matteo Rossi — École Saint-Charles, CE1',
    ]);
    const children = page.getByRole('main').getByRole('heading', { level: 2 });
    assert.deepEqual((await children.allInnerTexts()).slice(0, 2).map(spoken), ['Léa Rossi', 'Matteo Rossi']);

    // Matteo's page opens on his latest month; the month before is October.
    await page.getByRole('link', { name: 'Matteo Rossi', exact: true }).click();
    await arriveAt(page, /^\/mes-enfants\/[0-9a-f-]{36}$/, 'Matteo Rossi');
    assert.ok(await page.getByText('École Saint-Charles', { exact: true }).first().isVisible());
    await page.getByRole('link', { name: /Mois précédent \(octobre 2026\)/ }).click();
    await arriveAt(page, /^\/mes-enfants\/[0-9a-f-]{36}$/, 'Matteo Rossi');
    assert.ok(await page.getByRole('heading', { name: 'Repas d’octobre 2026' }).isVisible());
    // Mondays, Tuesdays, Thursdays and Fridays from 1 to 23 October, ill on Tuesday 13.
    assert.ok(await page.getByText('13 repas ce mois-ci', { exact: true }).isVisible());
    const days = page.getByRole('table', { name: 'Repas pris en octobre 2026, jour par jour' }).getByRole('row');
    assert.equal(await days.count(), 14, 'a header and 13 days');
    assert.equal(spoken(await days.nth(1).innerText()), 'jeudi 1 octobre 1');

    // "Mes factures": six bills from two creditors; October's for Matteo is 13 × 5,57 € = 72,41 €.
    await (await mainNav(page)).getByRole('link', { name: 'Mes factures', exact: true }).click();
    await arriveAt(page, '/mes-factures', 'Mes factures');
    const bills = page.getByRole('list', { name: 'Vos factures de cantine' }).getByRole('listitem');
    assert.equal(await bills.count(), 6);
    const october = bills
      .filter({ has: page.getByRole('link', { name: /— octobre 2026$/ }) })
      .filter({ hasText: 'Matteo Rossi' });
    assert.equal(await october.count(), 1);
    assert.match(spoken(await october.innerText()), /72,41 €/);
    await october.getByRole('link').click();
    await arriveAt(page, /^\/mes-factures\/[0-9a-f-]{36}$/, /^Facture RSP-2026-\d{6}$/);
    const bill = spoken(await page.getByRole('main').innerText());
    assert.match(bill, /Montant total 72,41 €/);
    assert.match(bill, /Taux de TVA 10 % Montant HT 65,83 € TVA 6,58 € Montant TTC 72,41 €/);
    assert.match(bill, /Référence de paiement RF\d{2}RSP2026\d{6}/);
    assert.match(bill, /Payez en ligne par carte bancaire, sans frais/);

    const pdfLink = page.getByRole('link', { name: 'Télécharger la facture (PDF)' });
    const pdf = await page.request.get((await pdfLink.getAttribute('href')) ?? '');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const bytes = await pdf.body();
    assert.equal(pdfPageCount(bytes), 1);
    assert.match(pdfText(bytes), /72,41 €/);
    assert.match(pdfText(bytes), /Matteo Rossi/);
  } finally {
    await context.close();
  }
});

test('a viewer on the rolls sees the children, their meals and what was charged for them, never the payer’s bills (1280 px)', async () => {
  assert.ok(GIULIA?.email);
  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'fr-FR',
    viewport: VIEWPORTS[1],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  try {
    // A viewer gets no bill, so no e-mail: she signs up from the portal.
    await page.goto('/creer-mon-compte/particulier');
    await signUpAndVerify(page, {
      civility: 'Madame',
      firstName: 'Giulia',
      lastName: 'Rossi',
      email: GIULIA.email.address,
      identifier: 'giulia.rossi.e2e',
    });
    await linkChildrenByEmail(page, [
      'Léa Rossi — Collège Charles III, 6e B',
      'Matteo Rossi — École Saint-Charles, CE1',
    ]);
    assert.equal(await page.getByText('Suivi sans paiement', { exact: true }).count(), 2);
    await page.getByRole('link', { name: 'Léa Rossi', exact: true }).click();
    await arriveAt(page, /^\/mes-enfants\/[0-9a-f-]{36}$/, 'Léa Rossi');
    assert.ok(await page.getByText(/adressées au responsable payeur/).isVisible());
    // What the bills charged for Léa, month by month, without the bills themselves.
    const charges = page.getByRole('table', { name: 'Montants facturés pour Léa, mois par mois' }).getByRole('row');
    assert.ok((await charges.count()) >= 2);
    assert.match(spoken(await charges.nth(1).innerText()), /^\S+ 2026 \d+ \d+,\d{2} €$/);
    assert.equal(await page.getByText(/RSS-2026-/).count(), 0);

    await (await mainNav(page)).getByRole('link', { name: 'Mes factures', exact: true }).click();
    await arriveAt(page, '/mes-factures', 'Mes factures');
    assert.equal(await page.getByRole('list', { name: 'Vos factures de cantine' }).count(), 0);
    assert.equal(await page.getByText(/RSP-2026-|RSS-2026-/).count(), 0);

    // The address of one of Marco's bills is "not found" for her.
    const marcoBill = await journey.database.db
      .selectFrom('invoice')
      .select('id')
      .where('payer_email_key', '=', (MARCO?.email?.address ?? '').toLowerCase())
      .executeTakeFirstOrThrow();
    const response = await page.goto(`/mes-factures/${marcoBill.id}`);
    assert.equal(response?.status(), 404);
    await checkPortalPage(page);
  } finally {
    await context.close();
  }
});
