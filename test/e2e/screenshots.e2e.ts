/**
 * A screenshot of every type of page, at 320×640 and at 1280×800 (full page), in French, compared
 * with the images stored in test/e2e/screenshots/ (test/helpers/screenshots.ts): the home page
 * signed out and signed in, the catalogue, a procedure, login, sign-up, the first MConnect login,
 * help, an error page, "Mes démarches", "Mon profil", what "Commencer" shows a person whose
 * address is not verified yet, and a parent's canteen pages on the demo school year ("Mes enfants"
 * before and after linking, a child's month, "Mes factures", a bill, "Payer mes factures"). An
 * unintended change of layout fails here and shows in review; an intended one is recorded with
 * `UPDATE_SCREENSHOTS=1`.
 *
 * What would differ between runs is fixed: the people, their dossier (reference and dates written
 * into the database) and their session's device; the QR code of a procedure page (it holds the
 * app's port) is masked, and the times of a session ("Connecté depuis", "Dernière activité", from
 * the server's clock) are shown as one fixed time before the picture is taken.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { findCitizen } from '../../dev/mconnect/citizens.ts';
import { paths } from '../../src/paths.ts';
import { seedCanteenDemo } from '../../src/seed/canteen-demo.ts';
import { buildAccount, buildSession } from '../factories/accounts.ts';
import { buildDossier } from '../factories/dossiers.ts';
import {
  VIEWPORTS,
  assertAccessibleAtEveryWidth,
  startBrowserJourney,
  type BrowserJourney,
} from '../helpers/browser.ts';
import { heading, openContext } from '../helpers/journey.ts';
import { assertScreenshot } from '../helpers/screenshots.ts';

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: true, mconnect: true, jobs: true });
});

after(async () => {
  await journey?.close();
});

/** One browser for every run: the pages are drawn for it, never for the machine's own browser. */
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

function openShotContext(): Promise<{ context: BrowserContext; page: Page }> {
  return openContext(journey, { timezoneId: 'Europe/Monaco', userAgent: USER_AGENT, viewport: VIEWPORTS[0] });
}

interface ShotOptions {
  /** The status the page answers with. Default 200. */
  readonly status?: number;
  /** What to mask, at each width. */
  readonly mask?: (page: Page) => Locator[];
  /** Run before each picture. */
  readonly prepare?: (page: Page) => Promise<void>;
}

/**
 * Opens `path` and checks its status and h1 (the right page, not an error), then takes it at each
 * width of VIEWPORTS (the window resized) as `<name>-<width>.png`.
 */
async function shoot(
  page: Page,
  name: string,
  path: string,
  expectedHeading: string,
  options: ShotOptions = {},
): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), options.status ?? 200, `the status of ${path}`);
  assert.equal(await heading(page), expectedHeading, `the heading of ${path}`);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await options.prepare?.(page);
    try {
      await assertScreenshot(page, name, { mask: options.mask?.(page) ?? [] });
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      differences.push(error.message);
    }
  }
}

/**
 * The pictures of the test under way that differ from their stored image: every page is taken
 * before the test fails, so that one run lists (and leaves for review) every page a change touched.
 */
const differences: string[] = [];

beforeEach(() => {
  differences.length = 0;
});

function assertNoDifferences(): void {
  const found = differences.splice(0);
  assert.equal(found.length, 0, `${found.length} pictures differ from their stored image:\n${found.join('\n')}`);
}

test('the public pages look as stored: home, catalogue, a procedure, login, sign-up, help, an error page', async () => {
  const { context, page } = await openShotContext();
  try {
    await shoot(page, 'home-signed-out', '/', 'Bienvenue sur MonGuichet.mc');
    await shoot(page, 'catalogue', '/demarches', 'Toutes les démarches');
    await shoot(
      page,
      'procedure',
      '/demarches/payer-la-cantine-ecole-de-fontvieille',
      'Payer la cantine en ligne pour l’École de Fontvieille',
      // The QR code holds the procedure's address, with the port of this run.
      { mask: (p) => [p.locator('img.qr')] },
    );
    await shoot(page, 'login', '/connexion', 'Se connecter');
    await shoot(page, 'sign-up-choice', '/creer-mon-compte', 'Créer mon compte');
    await shoot(page, 'sign-up-form', '/creer-mon-compte/particulier', 'Créer mon compte particulier');
    await shoot(page, 'help', '/aide', 'Aide et contact');
    await shoot(page, 'not-found', '/cette-page-n-existe-pas', 'Page introuvable', { status: 404 });
    assertNoDifferences();
  } finally {
    await context.close();
  }
});

/** The times of a session, from the server's clock, shown as one fixed time. */
async function fixSessionTimes(page: Page): Promise<void> {
  const times = page.locator('.device-card dd');
  assert.ok((await times.count()) > 0, 'the page lists the session’s times');
  await times.evaluateAll((elements) => {
    for (const element of elements) element.textContent = '1 décembre 2026 à 09:30';
  });
}

test('the pages of a signed-in person look as stored: home, "Mes démarches", "Mon profil"', async () => {
  const db = journey.database.db;
  const account = await buildAccount(db, {
    identifier: 'marie.rossi',
    email: 'marie.rossi@example.mc',
    firstName: 'Marie',
    lastName: 'Rossi',
  });
  const dossier = await buildDossier(db, {
    accountId: account.id,
    procedureSlug: 'payer-la-cantine-ecole-du-parc',
    title: { fr: 'Payer la cantine en ligne pour l’École du Parc', en: 'Pay for the canteen of École du Parc online' },
  });
  const opened = new Date('2026-11-23T09:15:00Z');
  await db
    .updateTable('dossier')
    .set({ reference: 'MG-2026-7KQ4-X9PA', created_at: opened, updated_at: opened })
    .where('id', '=', dossier.id)
    .execute();
  await db.updateTable('dossier_event').set({ occurred_at: opened }).where('dossier_id', '=', dossier.id).execute();
  const sessionId = await buildSession(db, account.id, { userAgent: USER_AGENT });

  const { context, page } = await openShotContext();
  await context.addCookies([{ name: 'mg_session', value: sessionId, url: journey.baseUrl }]);
  try {
    await shoot(page, 'home-signed-in', '/', 'Bonjour Marie');
    await shoot(page, 'my-procedures', '/mes-demarches', 'Mes démarches');
    await shoot(page, 'profile', '/mon-profil', 'Mon profil', { prepare: fixSessionTimes });
    assertNoDifferences();
  } finally {
    await context.close();
  }
});

test('the page of a person whose address is not verified, after "Commencer", looks as stored', async () => {
  const db = journey.database.db;
  const account = await buildAccount(db, {
    identifier: 'luca.bianchi',
    email: 'luca.bianchi@example.mc',
    firstName: 'Luca',
    lastName: 'Bianchi',
    emailVerified: false,
  });
  const sessionId = await buildSession(db, account.id, { userAgent: USER_AGENT });
  const { context, page } = await openShotContext();
  await context.addCookies([{ name: 'mg_session', value: sessionId, url: journey.baseUrl }]);
  try {
    await shoot(
      page,
      'start-unverified',
      paths.canteen.start('payer-la-cantine-ecole-de-fontvieille'),
      'Vérifiez votre adresse e-mail pour continuer',
    );
    assert.equal(new URL(page.url()).pathname, paths.accounts.signUpDone());
    // A page no other journey visits: axe and no sideways scrolling, at both widths.
    await assertAccessibleAtEveryWidth(page);
    assertNoDifferences();
  } finally {
    await context.close();
  }
});

test('the first MConnect login looks as stored', async () => {
  const citizen = findCitizen('mc-citizen-0001');
  assert.ok(citizen);
  const { context, page } = await openShotContext();
  try {
    await page.goto('/connexion/mconnect');
    await page.waitForURL((url) => url.origin === journey.mconnectIssuer);
    await page.getByRole('radio', { name: `${citizen.givenName} ${citizen.familyName}`, exact: true }).check();
    await page.getByRole('button', { name: 'Se connecter avec ce citoyen', exact: true }).click();
    await page.waitForURL(
      (url) => url.origin === journey.baseUrl && url.pathname === '/connexion/mconnect/premiere-connexion',
    );
    // A new tab of the same browser: no pointer over the page, so nothing drawn as hovered.
    const fresh = await context.newPage();
    await shoot(
      fresh,
      'mconnect-first-login',
      '/connexion/mconnect/premiere-connexion',
      'Première connexion avec MConnect',
    );
    assertNoDifferences();
  } finally {
    await context.close();
  }
});

test('the canteen pages of a parent look as stored: "Mes enfants" before and after linking, a child, "Mes factures", a bill, paying', async () => {
  const db = journey.database.db;
  // The demo school year: fixed dates of its own (meals of September to November 2026, bills
  // published on fixed days), so the pages are the same on any day the test runs.
  await seedCanteenDemo(db, { mail: journey.app.mail, publicUrl: journey.baseUrl });
  const marco = findCitizen('mc-citizen-0001');
  assert.ok(marco?.email);
  const account = await buildAccount(db, {
    identifier: 'marco.rossi',
    email: marco.email.address,
    firstName: 'Marco',
    lastName: 'Rossi',
  });
  const sessionId = await buildSession(db, account.id, { userAgent: USER_AGENT });

  const { context, page } = await openShotContext();
  await context.addCookies([{ name: 'mg_session', value: sessionId, url: journey.baseUrl }]);
  try {
    await shoot(page, 'children-proposed', paths.canteen.children(), 'Mes enfants');
    await page.setViewportSize(VIEWPORTS[0]);
    await page.getByRole('button', { name: 'Oui, ce sont mes enfants : les rattacher', exact: true }).click();
    await page.waitForURL((url) => url.pathname === paths.canteen.children() && url.search !== '');
    // A new tab: no pointer over the page, so nothing drawn as hovered.
    const fresh = await context.newPage();
    await shoot(fresh, 'children', paths.canteen.children(), 'Mes enfants');

    const matteo = await db
      .selectFrom('pupil')
      .select('id')
      .where('first_name', '=', 'Matteo')
      .where('last_name', '=', 'Rossi')
      .executeTakeFirstOrThrow();
    await shoot(fresh, 'child', paths.canteen.child(matteo.id, '2026-10'), 'Matteo Rossi');
    await shoot(fresh, 'my-bills', paths.canteen.invoices(), 'Mes factures');
    const october = await db
      .selectFrom('invoice')
      .innerJoin('invoice_line', 'invoice_line.invoice_id', 'invoice.id')
      .select(['invoice.id', 'invoice.number'])
      .where('invoice_line.pupil_id', '=', matteo.id)
      .where('invoice.month', '=', '2026-10')
      .executeTakeFirstOrThrow();
    assert.ok(october.number);
    await shoot(fresh, 'bill', paths.canteen.invoice(october.id), `Facture ${october.number}`);
    await shoot(fresh, 'pay-bills', paths.canteen.pay(), 'Payer mes factures');
    assertNoDifferences();
  } finally {
    await context.close();
  }
});
