/**
 * Browser journey of "S'identifier avec MConnect", in a real Chromium against the real app and the
 * real MConnect stand-in (an OpenID provider on a port of its own, the app as its registered
 * client), by clicks and typing only: a new citizen creates an account from the identity (the
 * terms refused once), logging out ends the session at MConnect too, and the next MConnect login
 * goes straight in; a citizen with a MonGuichet account (and a dossier) links it at the first
 * MConnect login after its password (a wrong one refused first) and a confirmation, and finds the
 * names and birth date read-only in "Mon profil"; a login cancelled at MConnect opens nothing.
 * In French at 320 px. Every page visited, the portal's and the stand-in's, must have zero axe
 * violations (WCAG 2.2 AA) and no horizontal scrolling at 320 px and at 1280 px (the window is
 * resized on each page), and nothing refused by a Content-Security-Policy; the portal's pages also
 * pass the rest of `checkPortalPage`: every primary button in Monaco red and a header of at most
 * 80 px at 320 px. Other citizens (no e-mail claim, low level, expired card) are covered by the
 * route tests of the MConnect feature.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { findCitizen, type TestCitizen } from '../../dev/mconnect/citizens.ts';
import { hashPassword } from '../../src/features/accounts/credentials.ts';
import { openDossier } from '../../src/features/dossiers/dossiers.service.ts';
import { buildAccount } from '../factories/accounts.ts';
import {
  VIEWPORTS,
  assertAccessibleAtEveryWidth,
  assertMailDeliveredWithoutErrors,
  checkErrorSummary,
  checkPortalPage,
  spoken,
  startBrowserJourney,
  type BrowserJourney,
} from '../helpers/browser.ts';
import { journeySteps, main, mainNav, openContext as openJourneyContext } from '../helpers/journey.ts';

let journey: BrowserJourney;
let issuer: string;

before(async () => {
  // Jobs: linking an account sends a notice by e-mail.
  journey = await startBrowserJourney({ seed: false, jobs: true, mconnect: true });
  assert.ok(journey.mconnectIssuer, 'the MConnect stand-in runs');
  issuer = journey.mconnectIssuer;
});

after(async () => {
  await journey?.close();
});

/** The words of the pages, as a user reads them. */
const T = {
  mainNav: 'Menu principal',
  homeHeading: 'Bienvenue sur MonGuichet.mc',
  loggedOutHeading: 'Vous êtes déconnecté(e)',
  login: 'Se connecter',
  loginHeading: 'Se connecter',
  logout: 'Se déconnecter',
  mconnectButton: 'S’identifier avec MConnect',
  myProcedures: 'Mes démarches',
  myProceduresEmpty: 'Vous n’avez pas encore de démarche.',
  profile: 'Mon profil',
  errorSummary: 'Il y a un problème',
  errorTitlePrefix: 'Erreur : ',
  firstLoginHeading: 'Première connexion avec MConnect',
  firstLoginGreeting: (name: string) =>
    `Bonjour ${name}, c’est la première fois que vous utilisez MConnect sur MonGuichet.`,
  hasAccount: 'J’ai déjà un compte MonGuichet',
  noAccount: 'Je n’ai pas encore de compte',
  continue: 'Continuer',
  createHeading: 'Créer mon compte avec MConnect',
  createName: 'Nom et prénom',
  createBirthDate: 'Date de naissance',
  emailFromMconnect: (email: string) => `Votre adresse e-mail vérifiée par MConnect : ${email}`,
  terms: /^J’ai lu et j’accepte les conditions générales d’utilisation/,
  termsRequired:
    'Pour créer votre compte, acceptez les conditions générales d’utilisation et la notice sur les données personnelles.',
  createSubmit: 'Créer mon compte',
  proveHeading: 'Associer mon compte MonGuichet',
  identifier: 'Identifiant',
  password: 'Mot de passe',
  proveSubmit: 'Vérifier mon compte',
  loginInvalid: 'Identifiant ou mot de passe incorrect.',
  confirmHeading: 'Confirmer l’association',
  confirmIdentity: 'Identité numérique MConnect',
  confirmAccount: 'Compte MonGuichet',
  confirmSubmit: 'Associer mon compte',
  editDetails: 'Modifier mes informations',
  lockedByMconnect:
    'Vos nom, prénom et date de naissance viennent de votre identité numérique MConnect : ils se mettent à jour à chaque connexion avec MConnect.',
  cancelledHeading: 'Connexion avec MConnect annulée',
  retryMconnect: 'Recommencer avec MConnect',
} as const;

/** The words of the stand-in's pages. */
const AT_MCONNECT = {
  loginHeading: 'Connexion avec votre identité numérique',
  loginIntro: 'Le service « MonGuichet » demande à vous identifier avec MConnect.',
  chooseCitizen: 'Se connecter avec ce citoyen',
  cancel: 'Annuler et revenir au service',
  logoutHeading: 'Se déconnecter de MConnect',
  logoutSubmit: 'Me déconnecter',
} as const;

function citizen(id: string): TestCitizen {
  const found = findCitizen(id);
  assert.ok(found, id);
  return found;
}

/** A MonGuichet account with a password and a dossier, made before the journey links it. */
interface LocalAccount {
  readonly identifier: string;
  readonly password: string;
  readonly dossierTitle: string;
}

/** What one run needs: a citizen new to the portal, and one whose account exists already. */
interface Run {
  readonly viewport: (typeof VIEWPORTS)[number];
  /** Has a verified e-mail address at MConnect. */
  readonly newcomer: TestCitizen;
  readonly newcomerBirthDate: string;
  readonly linker: TestCitizen;
  readonly linkerBirthDate: string;
  /** The names on the local account before it is linked (MConnect's replace them). */
  readonly localNames: { readonly firstName: string; readonly lastName: string };
}

const RUNS: readonly Run[] = [
  {
    viewport: VIEWPORTS[0],
    newcomer: citizen('mc-citizen-0001'), // Marco Luigi Rossi
    newcomerBirthDate: '17 avril 1983',
    linker: citizen('mc-citizen-0002'), // Giulia Rossi
    linkerBirthDate: '3 novembre 1985',
    localNames: { firstName: 'Giu', lastName: 'Rossi' },
  },
];

/** Creates the account (with a known password) and one dossier, straight in the journey's database. */
async function createLocalAccount(run: Run): Promise<LocalAccount> {
  const stamp = randomBytes(3).toString('hex');
  const password = 'le phare veille sur la baie endormie';
  const account = await buildAccount(journey.database.db, {
    identifier: `${run.localNames.firstName
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}.${run.viewport.width}.${stamp}`,
    email: `${run.linker.familyName.toLowerCase()}.${stamp}@example.mc`,
    firstName: run.localNames.firstName,
    lastName: run.localNames.lastName,
    passwordHash: await hashPassword(password),
  });
  const dossierTitle = `Cantine de l’école du Parc (${stamp})`;
  await journey.database.db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: account.id,
      procedureSlug: 'payer-la-cantine-ecole-du-parc',
      title: { fr: dossierTitle, en: `Parc school canteen (${stamp})` },
    }),
  );
  return { identifier: account.identifier, password, dossierTitle };
}

function fullName(who: TestCitizen): string {
  return `${who.givenName} ${who.familyName}`;
}

// ---- Helpers --------------------------------------------------------------------------------------

/** What Chromium refused under a Content-Security-Policy (at either origin), as its console says it, per page. */
const cspViolations = new WeakMap<Page, string[]>();

function violationsOf(page: Page): string[] {
  return cspViolations.get(page) ?? [];
}

/** A fresh browser context (no cookies at either origin), in French. */
async function openContext(viewport: (typeof VIEWPORTS)[number]): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openJourneyContext(journey, { viewport });
  const violations: string[] = [];
  cspViolations.set(page, violations);
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy'))
      violations.push(message.text());
  });
  return { context, page };
}

/**
 * A page of the portal passes `checkPortalPage`, a page of the stand-in axe and nothing to scroll
 * sideways, both at every width; and nothing refused by a Content-Security-Policy so far.
 */
async function checkPage(page: Page): Promise<void> {
  if (new URL(page.url()).origin === journey.baseUrl) await checkPortalPage(page);
  else await assertAccessibleAtEveryWidth(page);
  assert.deepEqual(violationsOf(page), [], `Content-Security-Policy violations up to ${page.url()}`);
}

const { arriveAt, submitForm } = journeySteps({
  origin: () => journey.baseUrl,
  check: checkPage,
  refused: violationsOf,
});

function mainButton(page: Page, name: string): Locator {
  return main(page).getByRole('button', { name, exact: true });
}

async function assertSignedIn(page: Page, name: string): Promise<void> {
  const nav = await mainNav(page, T.mainNav);
  assert.ok(await nav.getByText(name, { exact: true }).isVisible(), `the header names ${name}`);
  assert.ok(await nav.getByRole('button', { name: T.logout }).isVisible(), `the header offers "${T.logout}"`);
}

async function assertSignedOut(page: Page): Promise<void> {
  const nav = await mainNav(page, T.mainNav);
  assert.ok(await nav.getByRole('link', { name: T.login, exact: true }).isVisible(), `the header offers "${T.login}"`);
  assert.equal(await nav.getByRole('button', { name: T.logout }).count(), 0, 'nobody is signed in');
}

/** The rows of the first description list of the page's main content, as { term: value }. */
async function summaryList(page: Page): Promise<Record<string, string>> {
  const list = main(page).locator('dl').first();
  const terms = (await list.locator('dt').allInnerTexts()).map(spoken);
  const values = (await list.locator('dd').allInnerTexts()).map(spoken);
  return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? '']));
}

// ---- The steps ------------------------------------------------------------------------------------

/** From the header's "Se connecter", "S'identifier avec MConnect": the stand-in's login page. */
async function startMconnectLogin(page: Page): Promise<void> {
  await (await mainNav(page, T.mainNav)).getByRole('link', { name: T.login, exact: true }).click();
  await arriveAt(page, '/connexion', T.loginHeading);
  await main(page).getByRole('link', { name: T.mconnectButton, exact: true }).click();
  await arriveAt(page, /^\/interaction\/[^/]+$/, AT_MCONNECT.loginHeading, issuer);
  assert.ok(
    await main(page).getByText(AT_MCONNECT.loginIntro, { exact: true }).isVisible(),
    'MConnect names the portal asking',
  );
}

/** At the stand-in: the citizen picked in the list of test citizens, and "Se connecter avec ce citoyen". */
async function chooseCitizenAtMconnect(page: Page, who: TestCitizen): Promise<void> {
  await page.getByRole('radio', { name: fullName(who), exact: true }).check();
  await submitForm(page, mainButton(page, AT_MCONNECT.chooseCitizen));
}

/** "Se déconnecter" in the header: through MConnect's logout confirmation, back to the portal's home, signed out. */
async function logOutThroughMconnect(page: Page): Promise<void> {
  await submitForm(page, (await mainNav(page, T.mainNav)).getByRole('button', { name: T.logout }));
  await arriveAt(page, '/session/end', AT_MCONNECT.logoutHeading, issuer);
  assert.match(spoken(await main(page).innerText()), /« MonGuichet »/, 'MConnect names the portal logging out');
  await submitForm(page, mainButton(page, AT_MCONNECT.logoutSubmit));
  await arriveAt(page, '/deconnecte', T.loggedOutHeading);
  assert.match(spoken(await main(page).innerText()), /Vous êtes aussi déconnecté\(e\) de MConnect\./);
  await assertSignedOut(page);
}

/** 1. A citizen new to the portal creates an account from the identity, and is signed in. */
async function createAccountWithMconnect(page: Page, run: Run): Promise<void> {
  const who = run.newcomer;
  assert.ok(who.email?.verified, 'the newcomer has a verified e-mail address at MConnect');
  await startMconnectLogin(page);
  await chooseCitizenAtMconnect(page, who);

  await arriveAt(page, '/connexion/mconnect/premiere-connexion', T.firstLoginHeading);
  assert.ok(
    await main(page)
      .getByText(T.firstLoginGreeting(fullName(who)), { exact: true })
      .isVisible(),
    'the page greets the citizen by name',
  );
  await page.getByRole('radio', { name: T.noAccount, exact: true }).check();
  await submitForm(page, mainButton(page, T.continue));

  await arriveAt(page, '/connexion/mconnect/nouveau-compte', T.createHeading);
  assert.deepEqual(await summaryList(page), {
    [T.createName]: `${who.familyName} ${who.givenName}`,
    [T.createBirthDate]: run.newcomerBirthDate,
  });
  assert.equal(
    await main(page).getByRole('textbox').count(),
    0,
    'the names, the birth date and the e-mail address are not editable',
  );
  assert.ok(
    await main(page).getByText(T.emailFromMconnect(who.email.address), { exact: true }).isVisible(),
    'the e-mail address is MConnect’s',
  );

  // Without accepting the terms: refused, nothing created.
  await submitForm(page, mainButton(page, T.createSubmit));
  await page.waitForURL((url) => url.pathname === '/connexion/mconnect/nouveau-compte');
  assert.deepEqual(await checkErrorSummary(page, T, T.createHeading, checkPage), [T.termsRequired]);
  assert.equal(
    await (await mainNav(page, T.mainNav)).getByRole('button', { name: T.logout }).count(),
    0,
    'not signed in',
  );

  await page.getByRole('checkbox', { name: T.terms }).check();
  await submitForm(page, mainButton(page, T.createSubmit));
  await arriveAt(page, '/connexion/mconnect/compte-cree', 'Votre compte est créé');
  assert.match(spoken(await main(page).innerText()), /Votre identifiant MonGuichet : \S+/);
  await main(page).getByRole('link', { name: 'Continuer' }).click();
  await arriveAt(page, '/mes-demarches', T.myProcedures);
  assert.ok(
    await main(page).getByText(T.myProceduresEmpty, { exact: true }).isVisible(),
    'a new account has no dossier',
  );
  await assertSignedIn(page, fullName(who));
}

/** 2. Logout ends both sessions; the next MConnect login asks at MConnect again, then goes straight in. */
async function logOutAndBackIn(page: Page, run: Run): Promise<void> {
  await logOutThroughMconnect(page);

  await startMconnectLogin(page);
  await chooseCitizenAtMconnect(page, run.newcomer);
  await arriveAt(page, '/mes-demarches', T.myProcedures);
  await assertSignedIn(page, fullName(run.newcomer));
  await logOutThroughMconnect(page);
}

/**
 * 3. A citizen with a MonGuichet account links it at the first MConnect login: the password (a
 * wrong one first), the confirmation with both identities, then the account with its dossier and
 * the names and birth date from MConnect, read-only in "Mon profil".
 */
async function linkExistingAccount(page: Page, run: Run, local: LocalAccount): Promise<void> {
  const who = run.linker;
  await startMconnectLogin(page);
  await chooseCitizenAtMconnect(page, who);

  await arriveAt(page, '/connexion/mconnect/premiere-connexion', T.firstLoginHeading);
  await page.getByRole('radio', { name: T.hasAccount, exact: true }).check();
  await submitForm(page, mainButton(page, T.continue));

  await arriveAt(page, '/connexion/mconnect/mon-compte', T.proveHeading);
  const identifierField = page.getByLabel(T.identifier, { exact: true });
  const passwordField = page.getByLabel(T.password, { exact: true });
  await identifierField.fill(local.identifier);
  await passwordField.fill(`${local.password} ?`);
  await submitForm(page, mainButton(page, T.proveSubmit));
  await page.waitForURL((url) => url.pathname === '/connexion/mconnect/mon-compte');
  assert.deepEqual(await checkErrorSummary(page, T, T.proveHeading, checkPage), [T.loginInvalid]);
  assert.equal(await identifierField.inputValue(), local.identifier, 'the identifier typed is kept');
  assert.equal(await passwordField.inputValue(), '', 'the password typed is not sent back');

  await passwordField.fill(local.password);
  await submitForm(page, mainButton(page, T.proveSubmit));
  await arriveAt(page, '/connexion/mconnect/confirmer', T.confirmHeading);
  assert.deepEqual(await summaryList(page), {
    [T.confirmIdentity]: fullName(who),
    [T.confirmAccount]: local.identifier,
  });
  assert.equal(
    await (await mainNav(page, T.mainNav)).getByRole('button', { name: T.logout }).count(),
    0,
    'not signed in before the confirmation',
  );

  await submitForm(page, mainButton(page, T.confirmSubmit));
  await arriveAt(page, '/mes-demarches', T.myProcedures);
  assert.ok(
    await main(page).getByRole('link', { name: local.dossierTitle, exact: true }).isVisible(),
    'the dossier of the account is there',
  );
  await assertSignedIn(page, fullName(who));

  await (await mainNav(page, T.mainNav)).getByRole('link', { name: T.profile, exact: true }).click();
  await arriveAt(page, '/mon-profil', T.profile);
  await main(page).getByRole('link', { name: T.editDetails, exact: true }).click();
  await arriveAt(page, '/mon-profil/mes-informations', T.editDetails);
  assert.ok(
    await main(page).getByText(T.lockedByMconnect, { exact: true }).isVisible(),
    'the page says where the names come from',
  );
  assert.deepEqual(await summaryList(page), {
    'Nom et prénom': `${who.familyName} ${who.givenName}`,
    'Date de naissance': run.linkerBirthDate,
  });
  for (const label of ['Prénom', 'Nom', 'Jour', 'Mois', 'Année']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 0, `no "${label}" field: read-only`);
  }
  assert.ok(
    await page.getByLabel('Téléphone (facultatif)', { exact: true }).isEditable(),
    'the phone number can still be changed',
  );
  await logOutThroughMconnect(page);
}

/** 4. "Annuler" at MConnect: the portal says the login was cancelled; nobody is signed in. */
async function cancelAtMconnect(page: Page): Promise<void> {
  await startMconnectLogin(page);
  await submitForm(page, mainButton(page, AT_MCONNECT.cancel));
  await arriveAt(page, '/connexion/mconnect/retour', T.cancelledHeading);
  assert.ok(
    await main(page).getByRole('link', { name: T.retryMconnect, exact: true }).isVisible(),
    'the page offers MConnect again',
  );
  await assertSignedOut(page);
}

for (const run of RUNS) {
  test(`at ${run.viewport.width} px, ${fullName(run.newcomer)} creates an account with MConnect, logs out at both ends and back in; ${fullName(run.linker)} links an existing account; a login cancelled at MConnect opens nothing`, async () => {
    const local = await createLocalAccount(run);
    const { context, page } = await openContext(run.viewport);
    try {
      await page.goto('/');
      await arriveAt(page, '/', T.homeHeading);
      await assertSignedOut(page);

      await createAccountWithMconnect(page, run);
      await logOutAndBackIn(page, run);
      await linkExistingAccount(page, run, local);
      await cancelAtMconnect(page);
    } finally {
      await context.close();
    }
    // The notice of the link was delivered, and nothing failed on the way.
    await assertMailDeliveredWithoutErrors(journey);
  });
}
