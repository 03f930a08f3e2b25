/**
 * Browser journey of paying the canteen, in a real Chromium against the real app and the real
 * sandbox payment provider (its hosted card page on its own origin), on the demo school year:
 * Marco Rossi, paying for Léa at the Collège Charles III and Matteo at the École Saint-Charles (two
 * creditors, two merchant accounts), pays all his bills at 320 px: the basket says two card
 * payments; a declined card says why and offers to try again; the first merchant is paid with a
 * 3-D Secure card, the second follows without choosing the bills again; then one receipt e-mail
 * per payment through a real SMTP server, the receipt PDFs, "Mes paiements" and the bills paid.
 * Every page of the portal visited passes `checkPortalPage` at 320 px and at 1280 px: zero axe
 * violations, no horizontal scrolling, every primary button in Monaco red, and a header of at most
 * 80 px at 320 px; the provider's pages have zero axe violations and no horizontal scrolling at
 * 320 px. Nothing is refused by a Content-Security-Policy on the way.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { findCitizen } from '../../dev/mconnect/citizens.ts';
import { futureExpiry } from '../../dev/psp-sandbox/test-support.ts';
import { hashPassword } from '../../src/features/accounts/credentials.ts';
import { linkByRollEmail } from '../../src/features/canteen/family.service.ts';
import { formatMoney } from '../../src/lib/money.ts';
import { seedCanteenDemo } from '../../src/seed/canteen-demo.ts';
import { buildAccount } from '../factories/accounts.ts';
import {
  VIEWPORTS,
  assertAccessible,
  assertNoHorizontalScroll,
  checkPortalPage,
  spoken,
  startBrowserJourney,
  type BrowserJourney,
  STEP_TIMEOUT_MS,
} from '../helpers/browser.ts';
import { journeySteps, main } from '../helpers/journey.ts';
import { queuedMails } from '../helpers/outbox.ts';
import { pdfText } from '../helpers/pdf.ts';
import { waitFor } from '../helpers/smtp.ts';

const CARDS = {
  declined: '4000 0000 0000 0002',
  challenge: '4000 0025 0000 3155',
  success: '4242 4242 4242 4242',
} as const;
const RECEIPT_SUBJECT = /^Paiement de cantine confirmé/;
const REFERENCE = /PAY-[A-Z0-9]{10}/;

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: true, jobs: true, smtp: true, psp: true });
  await seedCanteenDemo(journey.database.db, { mail: journey.app.mail, publicUrl: journey.baseUrl });
});

after(async () => {
  await journey?.close();
});

const MARCO = findCitizen('mc-citizen-0001');

/** An amount as the French pages show it, spaces as a reader hears them. */
function euros(amountCents: number): string {
  return spoken(formatMoney(amountCents, 'fr'));
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What Chromium refused under a Content-Security-Policy (the portal's or the provider's), as its console says it. */
const cspViolations: string[] = [];

/**
 * A page of the portal passes `checkPortalPage` (at both widths); a page of the provider, zero axe
 * violations and nothing to scroll sideways; and nothing refused by a Content-Security-Policy so far.
 */
async function checkPage(page: Page): Promise<void> {
  if (new URL(page.url()).origin === journey.baseUrl) {
    await checkPortalPage(page);
  } else {
    await assertAccessible(page);
    await assertNoHorizontalScroll(page);
  }
  assert.deepEqual(cspViolations, [], `Content-Security-Policy violations up to ${page.url()}`);
}

const { arriveAt, submitForm } = journeySteps({
  origin: () => journey.baseUrl,
  check: checkPage,
  refused: () => cspViolations,
});

/** What a card payment is for, as the provider's page and the return page say it. */
function paidFor(school: string): string {
  return `Cantine — ${school} — septembre 2026, octobre 2026, novembre 2026`;
}

/** The provider's card page: its heading, what it is for and the amount, then the card typed and "Payer …". */
async function payOnHostedPage(page: Page, school: string, amountCents: number, card: string): Promise<void> {
  const psp = journey.psp;
  assert.ok(psp);
  await arriveAt(page, /^\/pay\/[^/]+$/, 'Paiement par carte bancaire', psp.url);
  const object = main(page).locator('dt', { hasText: 'Objet' }).locator('xpath=following-sibling::dd[1]');
  assert.equal(spoken(await object.innerText()), paidFor(school));
  const pay = main(page).getByRole('button', { name: `Payer ${euros(amountCents)}` });
  assert.equal(await pay.count(), 1, `the hosted page asks for ${euros(amountCents)}`);
  await page.getByLabel('Numéro de carte', { exact: true }).fill(card);
  await page.getByLabel('Date d’expiration', { exact: true }).fill(futureExpiry());
  await page.getByLabel('Cryptogramme visuel', { exact: true }).fill('123');
  await page.getByLabel('Titulaire de la carte', { exact: true }).fill('Marco Rossi');
  await submitForm(page, pay);
}

/** The return page of a payment accepted: what it was for, its amount and reference. */
async function paymentAccepted(page: Page, school: string, amountCents: number): Promise<string> {
  await arriveAt(page, /^\/paiements\/retour\/[^/]+$/, 'Paiement accepté');
  assert.equal(spoken(await main(page).locator('.lead').innerText()), `${paidFor(school)} — ${euros(amountCents)}`);
  const text = spoken(await main(page).innerText());
  assert.match(text, new RegExp(`Votre paiement de ${escaped(euros(amountCents))} est confirmé`));
  const reference = new RegExp(`Référence du paiement : (${REFERENCE.source})`).exec(text)?.[1];
  assert.ok(reference, text);
  return reference;
}

/**
 * The receipt PDF of the return page's link, fetched with the browser's cookies (headless Chromium
 * shows a PDF in its viewer rather than saving it): named after the reference, and showing it.
 */
async function downloadReceipt(page: Page, reference: string, amountCents: number): Promise<void> {
  const href = await main(page).getByRole('link', { name: 'Télécharger le reçu (PDF)' }).getAttribute('href');
  assert.equal(href, `/mes-factures/paiements/${reference}/recu.pdf`);
  const response = await page.request.get(href);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  assert.equal(response.headers()['content-disposition'], `inline; filename="recu-${reference}.pdf"`);
  const shown = pdfText(await response.body());
  assert.ok(shown.includes(`Reçu de paiement ${reference}`), shown);
  assert.ok(spoken(shown).includes(euros(amountCents)), shown);
}

test('a parent pays the bills of two children at two schools at 320 px: two card payments, a declined card retried, a 3-D Secure challenge, then receipts, "Mes paiements" and the bills paid', async () => {
  assert.ok(MARCO?.email);
  const db = journey.database.db;
  const psp = journey.psp;
  const smtp = journey.smtp;
  assert.ok(psp && smtp);
  const email = MARCO.email.address;
  const password = 'le rocher regarde la mer depuis toujours';
  const account = await buildAccount(db, {
    identifier: 'marco.rossi.paiement',
    email,
    firstName: 'Marco',
    lastName: 'Rossi',
    passwordHash: await hashPassword(password),
  });
  assert.deepEqual(await linkByRollEmail(db, account.id), { kind: 'linked', pupils: 2 });

  // What he owes, per school: one merchant account each, the collège first in the basket.
  const owed = await db
    .selectFrom('invoice')
    .innerJoin('establishment', 'establishment.id', 'invoice.establishment_id')
    .innerJoin('creditor', 'creditor.id', 'invoice.creditor_id')
    .select(['invoice.id', 'invoice.total_cents', 'establishment.name', 'creditor.psp_merchant_id'])
    .where('invoice.payer_email_key', '=', email.toLowerCase())
    .execute();
  assert.equal(owed.length, 6, 'three months of bills for each child');
  const owedAt = (school: string) => owed.filter((b) => b.name === school).reduce((sum, b) => sum + b.total_cents, 0);
  const college = owedAt('Collège Charles III');
  const primary = owedAt('École Saint-Charles');
  assert.ok(college > 0 && primary > 0);
  assert.equal(new Set(owed.map((b) => b.psp_merchant_id)).size, 2, 'two merchant accounts');

  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'fr-FR',
    viewport: VIEWPORTS[0],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy'))
      cspViolations.push(message.text());
  });
  try {
    // Log in, sent on to "Mes factures".
    await page.goto('/connexion?retour=/mes-factures');
    await arriveAt(page, '/connexion', 'Se connecter');
    await page.getByLabel('Identifiant', { exact: true }).fill(account.identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await submitForm(page, main(page).getByRole('button', { name: 'Me connecter' }));
    await arriveAt(page, '/mes-factures', 'Mes factures');
    const bills = page.getByRole('list', { name: 'Vos factures de cantine' }).getByRole('listitem');
    const unpaid = (await bills.allInnerTexts()).map(spoken);
    assert.equal(unpaid.length, 6);
    for (const status of unpaid) assert.match(status, /^Facture \S+ — \S+ 2026 à payer /, status);

    // The basket: both schools, every bill ticked, the total, and two card payments announced.
    await main(page).getByRole('link', { name: 'Payer mes factures en ligne' }).first().click();
    await arriveAt(page, '/mes-factures/payer', 'Payer mes factures');
    const checkBasket = async () => {
      const schools = main(page).getByRole('group');
      assert.deepEqual((await schools.locator('legend').allInnerTexts()).map(spoken), [
        'Collège Charles III',
        'École Saint-Charles',
      ]);
      const boxes = main(page).getByRole('checkbox');
      assert.equal(await boxes.count(), 6);
      for (const box of await boxes.all()) assert.ok(await box.isChecked(), 'every bill ticked');
      assert.equal(spoken(await page.locator('#total').innerText()), euros(college + primary));
      assert.match(
        spoken(await main(page).innerText()),
        /Ces factures sont dues à 2 organismes différents : vous ferez 2 paiements par carte, l’un après l’autre, sans rien ressaisir\./,
      );
    };
    await checkBasket();

    // "Payer": the provider's page for the collège's merchant; a declined card.
    await submitForm(page, main(page).getByRole('button', { name: 'Payer', exact: true }));
    await payOnHostedPage(page, 'Collège Charles III', college, CARDS.declined);
    await arriveAt(page, /^\/paiements\/retour\/[^/]+$/, 'Paiement refusé');
    assert.match(
      spoken(await main(page).innerText()),
      /Votre banque a refusé le paiement \(carte refusée\)\. Aucun montant n’a été débité\./,
    );
    for (const bill of owed)
      assert.equal(
        (await db.selectFrom('invoice').select('status').where('id', '=', bill.id).executeTakeFirstOrThrow()).status,
        'to_pay',
      );

    // "Réessayer": the same basket again, every bill free and ticked.
    await main(page).getByRole('link', { name: 'Réessayer' }).click();
    await arriveAt(page, '/mes-factures/payer', 'Payer mes factures');
    await checkBasket();

    // The collège with a card that asks for 3-D Secure: the bank's page, "Confirmer le paiement".
    await submitForm(page, main(page).getByRole('button', { name: 'Payer', exact: true }));
    await payOnHostedPage(page, 'Collège Charles III', college, CARDS.challenge);
    await arriveAt(page, /^\/3ds\/[^/]+$/, 'Authentification 3-D Secure', psp.url);
    assert.ok(await page.getByText('Carte se terminant par 3155.').isVisible());
    await submitForm(page, main(page).getByRole('button', { name: 'Confirmer le paiement' }));
    const first = await paymentAccepted(page, 'Collège Charles III', college);
    await downloadReceipt(page, first, college);
    assert.match(
      spoken(await main(page).innerText()),
      new RegExp(`Paiement 2 sur 2 : ${escaped(euros(primary))}, à un autre organisme\\.`),
    );

    // The school's payment follows without choosing the bills again.
    await submitForm(page, main(page).getByRole('button', { name: 'Continuer vers le paiement suivant' }));
    await payOnHostedPage(page, 'École Saint-Charles', primary, CARDS.success);
    const second = await paymentAccepted(page, 'École Saint-Charles', primary);
    assert.notEqual(second, first);
    assert.equal(await main(page).getByRole('button', { name: 'Continuer vers le paiement suivant' }).count(), 0);

    await downloadReceipt(page, second, primary);

    // One receipt e-mail per payment, through the SMTP server: its subject, amount and reference.
    const receipts = await waitFor('a receipt e-mail for each payment', () => {
      const found = smtp.received.filter((m) => m.recipients.includes(email) && RECEIPT_SUBJECT.test(m.parsed.subject));
      return found.length >= 2 ? found : undefined;
    });
    const byReference = new Map(receipts.map((m) => [REFERENCE.exec(m.parsed.text ?? '')?.[0], m]));
    assert.equal(byReference.size, 2, 'two e-mails, two references');
    for (const [reference, amount] of [
      [first, college],
      [second, primary],
    ] as const) {
      const mail = byReference.get(reference);
      assert.ok(mail, `the receipt e-mail of ${reference}`);
      assert.equal(spoken(mail.parsed.subject), `Paiement de cantine confirmé : ${euros(amount)}`);
      const link = `${journey.baseUrl}/mes-factures/paiements/${reference}/recu.pdf`;
      assert.ok((mail.parsed.text ?? '').includes(link), mail.parsed.text);
    }
    const queued = (await queuedMails(db, email)).filter((m) => RECEIPT_SUBJECT.test(m.subject));
    assert.equal(queued.length, 2, 'exactly one receipt e-mail queued per payment');

    // "Mes paiements", from "Mes factures": both payments with their receipt.
    await page.goto('/mes-factures');
    await arriveAt(page, '/mes-factures', 'Mes factures');
    await main(page).getByRole('link', { name: 'Mes paiements et leurs reçus' }).click();
    await arriveAt(page, '/mes-factures/paiements', 'Mes paiements');
    const listed = spoken(await main(page).innerText());
    for (const text of [first, euros(college), second, euros(primary)]) assert.ok(listed.includes(text), listed);
    assert.equal(await main(page).getByRole('link', { name: 'Télécharger le reçu (PDF)' }).count(), 2);

    // Every bill paid.
    await page.goto('/mes-factures');
    await arriveAt(page, '/mes-factures', 'Mes factures');
    const statuses = (await bills.allInnerTexts()).map(spoken);
    assert.equal(statuses.length, 6);
    for (const status of statuses) assert.match(status, /^Facture \S+ — \S+ 2026 payée /, status);
    await page.goto('/mes-factures/payer');
    await arriveAt(page, '/mes-factures/payer', 'Payer mes factures');
    assert.ok(await page.getByText('Vous n’avez aucune facture à payer en ce moment.').isVisible());

    // "Mes démarches": each bill is a dossier (opened when his account was linked to the rolls),
    // done once paid; each card payment that reached the bank's page is one too (the collège's
    // declined one, then both paid); the school's payment of the declined basket never started.
    await page.goto('/mes-demarches');
    await arriveAt(page, '/mes-demarches', 'Mes démarches');
    const dossiers = (await main(page).locator('tbody tr').allInnerTexts()).map(spoken);
    const rows = dossiers.join('\n');
    const billDossiers = dossiers.filter((row) => row.startsWith('Facture de cantine '));
    const paymentDossiers = dossiers.filter((row) => row.startsWith('Paiement de la cantine '));
    assert.equal(dossiers.length, 9, rows);
    assert.equal(billDossiers.length, 6, rows);
    for (const row of billDossiers) assert.match(row, /Terminée/, rows);
    assert.equal(paymentDossiers.length, 3, rows);
    assert.equal(paymentDossiers.filter((row) => /Terminée/.test(row)).length, 2, rows);
    assert.equal(paymentDossiers.filter((row) => /Collège Charles III.*Échouée/s.test(row)).length, 1, rows);
  } finally {
    await context.close();
  }
});
