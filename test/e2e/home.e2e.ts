/**
 * The home page of a signed-in parent, in a real Chromium against the real app: Marco Rossi of the
 * canteen demo (Léa and Matteo at two schools, their bills published) logs in with his password,
 * and the home page greets him, shows his children, what is left to pay and "Payer la cantine",
 * which leads to the basket; no "Se connecter" any more. Zero axe violations (WCAG 2.2 AA) and no
 * horizontal scrolling at 320 px and at 1280 px.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hashPassword } from '../../src/features/accounts/credentials.ts';
import { linkByRollEmail } from '../../src/features/canteen/family.service.ts';
import { seedCanteenDemo } from '../../src/seed/canteen-demo.ts';
import { buildAccount } from '../factories/accounts.ts';
import { VIEWPORTS, checkPortalPage, spoken, startBrowserJourney, type BrowserJourney } from '../helpers/browser.ts';

const PASSWORD = 'trois goélands survolent le port';

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: true, jobs: true });
  await seedCanteenDemo(journey.database.db, { mail: journey.app.mail, publicUrl: journey.baseUrl });
});

after(async () => {
  await journey?.close();
});

test('at 320 px, a parent logs in and the home page greets him with his children, what is left to pay and "Payer la cantine"', async () => {
  const db = journey.database.db;
  const account = await buildAccount(db, {
    firstName: 'Marco',
    lastName: 'Rossi',
    email: 'marco.rossi@example.org',
    passwordHash: await hashPassword(PASSWORD),
  });
  assert.deepEqual(await linkByRollEmail(db, account.id), { kind: 'linked', pupils: 2 });

  const context = await journey.browser.newContext({
    baseURL: journey.baseUrl,
    locale: 'fr-FR',
    viewport: VIEWPORTS[0],
  });
  const page = await context.newPage();
  try {
    await page.goto('/connexion');
    await page.getByLabel('Identifiant', { exact: true }).fill(account.identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('main').getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => url.pathname !== '/connexion');

    await page.goto('/');
    assert.equal(spoken(await page.getByRole('heading', { level: 1 }).innerText()), 'Bonjour Marco');
    const canteen = page.getByRole('region', { name: 'La cantine de mes enfants' });
    const text = spoken(await canteen.innerText());
    assert.match(text, /Léa Rossi/);
    assert.match(text, /Matteo Rossi/);
    assert.match(text, /\d+ factures? à payer : [\d\s]+,\d\d\s€ au total\./);
    assert.equal(await page.getByRole('main').getByRole('link', { name: 'Se connecter', exact: true }).count(), 0);
    await checkPortalPage(page);

    await canteen.getByRole('link', { name: 'Payer la cantine', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/mes-factures/payer');
  } finally {
    await context.close();
  }
});
