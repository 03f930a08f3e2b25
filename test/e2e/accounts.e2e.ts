/**
 * Browser journeys through the account pages, in a real Chromium against the real app on a real
 * port, with the e-mails it sends read in the development mailbox (/dev/mailbox), by clicks and
 * typing only: create an account, verify the e-mail address from the message, log out, get the
 * identifier back by e-mail, choose a new password from the e-mailed link, log in with it (the old
 * one is refused), then open "Mon profil", change the details and the e-mail address, and (on
 * closes the account. Once in French at 320 px, through every form's error path, and once in
 * English at 320 px. Every page visited, the development mailbox's included, must pass
 * `checkPortalPage` at 320 px and at 1280 px (the window is resized on each page): zero axe
 * violations (WCAG 2.2 AA), no horizontal scrolling, every primary button in Monaco red, and a
 * header of at most 80 px at 320 px.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  VIEWPORTS,
  assertMailDeliveredWithoutErrors,
  checkErrorSummary,
  checkPortalPage,
  spoken,
  startBrowserJourney,
  type BrowserJourney,
} from '../helpers/browser.ts';
import { heading, journeySteps, mainNav, openContext } from '../helpers/journey.ts';

/** How long an e-mail may take to reach the development mailbox (the worker polls every 0.5 s). */
const MAIL_WAIT_MS = 15_000;

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: false, jobs: true });
});

after(async () => {
  await journey?.close();
});

/** The words of the pages, as a user reads them, in each language the journeys use. */
const TEXTS = {
  fr: {
    mainNav: 'Menu principal',
    homeLink: 'MonGuichet.mc, accueil',
    homeHeading: 'Bienvenue sur MonGuichet.mc',
    loggedOutHeading: 'Vous êtes déconnecté(e)',
    /** The home page's heading once signed in, before the first name. */
    greeting: 'Bonjour',
    signUp: 'Créer mon compte',
    choiceHeading: 'Créer mon compte',
    individual: 'Je suis un particulier',
    formHeading: 'Créer mon compte particulier',
    firstName: 'Prénom',
    lastName: 'Nom',
    day: 'Jour',
    month: 'Mois',
    year: 'Année',
    email: 'Adresse e-mail',
    identifier: 'Identifiant',
    password: 'Mot de passe',
    terms: /^J’ai lu et j’accepte les conditions générales d’utilisation/,
    signUpSubmit: 'Créer mon compte',
    doneHeading: 'Vérifiez vos e-mails',
    doneCreated: 'Votre compte est créé.',
    banner: 'Vérifiez votre adresse e-mail : cliquez sur le lien que nous vous avons envoyé.',
    mailboxHeading: 'Boîte aux lettres de développement',
    mailboxCaption: 'Messages, du plus récent au plus ancien',
    verifySubject: 'Vérifiez votre adresse e-mail',
    confirmHeading: 'Confirmer mon adresse e-mail',
    confirmButton: 'Confirmer mon adresse',
    verifiedHeading: 'Adresse e-mail vérifiée',
    goHome: 'Aller à l’accueil',
    logout: 'Se déconnecter',
    login: 'Se connecter',
    loginHeading: 'Se connecter',
    loginReturnNote: 'Une fois connecté, vous reviendrez à la page que vous avez demandée.',
    loginSubmit: 'Me connecter',
    loginInvalid: 'Identifiant ou mot de passe incorrect.',
    errorSummary: 'Il y a un problème',
    errorTitlePrefix: 'Erreur : ',
    signUpEmptyErrors: [
      'Indiquez votre civilité.',
      'Saisissez votre prénom.',
      'Saisissez votre adresse e-mail.',
      'Choisissez un mot de passe.',
    ],
    loginEmptyErrors: ['Saisissez votre identifiant.', 'Saisissez votre mot de passe.'],
    emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.',
    identifierIsEmail:
      'Saisissez votre identifiant, pas votre adresse e-mail. Si vous l’avez oublié, utilisez « Identifiant oublié ».',
    passwordsDiffer: 'Les deux mots de passe ne sont pas identiques.',
    forgottenIdentifier: 'Identifiant oublié',
    forgottenIdentifierSubmit: 'Recevoir mon identifiant',
    forgottenIdentifierSentHeading: 'Vérifiez vos e-mails',
    identifierSubject: 'Votre identifiant MonGuichet',
    forgottenPassword: 'Mot de passe oublié',
    forgottenPasswordSubmit: 'Recevoir un lien',
    forgottenPasswordSentHeading: 'Vérifiez vos e-mails',
    resetSubject: 'Choisir un nouveau mot de passe MonGuichet',
    resetHeading: 'Choisir un nouveau mot de passe',
    resetLead: (identifier: string) => `Pour le compte « ${identifier} ».`,
    newPassword: 'Nouveau mot de passe',
    confirmPassword: 'Confirmez le nouveau mot de passe',
    resetSubmit: 'Enregistrer le nouveau mot de passe',
    passwordChangedHeading: 'Votre mot de passe a été changé',
    passwordChangedSubject: 'Votre mot de passe MonGuichet a été changé',
    myProcedures: 'Mes démarches',
    profile: 'Mon profil',
  },
  en: {
    mainNav: 'Main menu',
    homeLink: 'MonGuichet.mc, home',
    homeHeading: 'Welcome to MonGuichet.mc',
    loggedOutHeading: 'You are logged out',
    greeting: 'Hello',
    signUp: 'Create my account',
    choiceHeading: 'Create my account',
    individual: 'I am an individual',
    formHeading: 'Create my individual account',
    firstName: 'First name',
    lastName: 'Last name',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    email: 'E-mail address',
    identifier: 'Identifier',
    password: 'Password',
    terms: /^I have read and accept the terms of use/,
    signUpSubmit: 'Create my account',
    doneHeading: 'Check your e-mails',
    doneCreated: 'Your account has been created.',
    banner: 'Verify your e-mail address: click the link we sent you.',
    mailboxHeading: 'Development mailbox',
    mailboxCaption: 'Messages, newest first',
    verifySubject: 'Verify your e-mail address',
    confirmHeading: 'Confirm my e-mail address',
    confirmButton: 'Confirm my address',
    verifiedHeading: 'E-mail address verified',
    goHome: 'Go to the home page',
    logout: 'Log out',
    login: 'Log in',
    loginHeading: 'Log in',
    loginReturnNote: 'Once logged in, you will come back to the page you asked for.',
    loginSubmit: 'Log me in',
    loginInvalid: 'Incorrect identifier or password.',
    errorSummary: 'There is a problem',
    errorTitlePrefix: 'Error: ',
    signUpEmptyErrors: [
      'Select your title.',
      'Enter your first name.',
      'Enter your e-mail address.',
      'Choose a password.',
    ],
    loginEmptyErrors: ['Enter your identifier.', 'Enter your password.'],
    emailInvalid: 'Enter a valid e-mail address, for example name@example.mc.',
    identifierIsEmail:
      'Enter your identifier, not your e-mail address. If you have forgotten it, use “Forgotten identifier”.',
    passwordsDiffer: 'The two passwords are not the same.',
    forgottenIdentifier: 'Forgotten identifier',
    forgottenIdentifierSubmit: 'Send me my identifier',
    forgottenIdentifierSentHeading: 'Check your e-mails',
    identifierSubject: 'Your MonGuichet identifier',
    forgottenPassword: 'Forgotten password',
    forgottenPasswordSubmit: 'Send me a link',
    forgottenPasswordSentHeading: 'Check your e-mails',
    resetSubject: 'Choose a new MonGuichet password',
    resetHeading: 'Choose a new password',
    resetLead: (identifier: string) => `For the account “${identifier}”.`,
    newPassword: 'New password',
    confirmPassword: 'Confirm the new password',
    resetSubmit: 'Save the new password',
    passwordChangedHeading: 'Your password has been changed',
    passwordChangedSubject: 'Your MonGuichet password has been changed',
    myProcedures: 'My procedures',
    profile: 'My profile',
  },
} as const;

type Lang = keyof typeof TEXTS;
type Texts = (typeof TEXTS)[Lang];

/** The person creating an account in one run: an e-mail address and an identifier of their own. */
interface Person {
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birth: { readonly day: string; readonly month: string; readonly year: string };
  readonly email: string;
  readonly identifier: string;
  readonly password: string;
  readonly newPassword: string;
}

function newPerson(lang: Lang, label: string): Person {
  const stamp = `${label}.${randomBytes(3).toString('hex')}`;
  return lang === 'fr'
    ? {
        civility: 'Madame',
        firstName: 'Zoé',
        lastName: 'Marchetti',
        birth: { day: '12', month: '4', year: '1985' },
        email: `zoe.${stamp}@example.mc`,
        identifier: `zoe.marchetti.${stamp}`,
        password: 'trois goélands survolent le port',
        newPassword: 'la rade scintille sous la lune',
      }
    : {
        civility: 'Mr',
        firstName: 'Oliver',
        lastName: 'Grant',
        birth: { day: '3', month: '11', year: '1979' },
        email: `oliver.${stamp}@example.mc`,
        identifier: `oliver.grant.${stamp}`,
        password: 'four quiet herons cross the harbour',
        newPassword: 'a lighthouse hums above the bay',
      };
}

const { arriveAt, submitForm } = journeySteps({ origin: () => journey.baseUrl, check: checkPortalPage });

/** Signed in: the header names the person and offers to log out; signed out, it offers to log in. */
async function assertSignedIn(page: Page, t: Texts, person: Person): Promise<void> {
  const nav = await mainNav(page, t.mainNav);
  assert.ok(
    await nav.getByText(`${person.firstName} ${person.lastName}`, { exact: true }).isVisible(),
    'the header names the signed-in person',
  );
  assert.ok(await nav.getByRole('button', { name: t.logout }).isVisible(), `the header offers "${t.logout}"`);
}

async function assertSignedOut(page: Page, t: Texts): Promise<void> {
  const nav = await mainNav(page, t.mainNav);
  assert.ok(await nav.getByRole('link', { name: t.login, exact: true }).isVisible(), `the header offers "${t.login}"`);
  assert.equal(await nav.getByRole('button', { name: t.logout }).count(), 0, 'nobody is signed in');
}

function mainButton(page: Page, name: string): Locator {
  return page.getByRole('main').getByRole('button', { name });
}

/**
 * Opens the development mailbox and reloads it until the message `subject` to `to` is listed
 * (at most MAIL_WAIT_MS), then opens that message.
 */
async function openMail(page: Page, t: Texts, to: string, subject: string): Promise<void> {
  await page.goto('/dev/mailbox');
  const row = page.getByRole('table', { name: t.mailboxCaption }).getByRole('row').filter({ hasText: to });
  const link = row.getByRole('link', { name: subject, exact: true });
  const deadline = Date.now() + MAIL_WAIT_MS;
  while ((await link.count()) === 0) {
    assert.ok(
      Date.now() < deadline,
      `no e-mail "${subject}" to ${to} in the development mailbox after ${MAIL_WAIT_MS / 1000} s`,
    );
    await page.waitForTimeout(250);
    await page.reload();
  }
  assert.equal(await heading(page), t.mailboxHeading);
  assert.equal(await link.count(), 1, `one e-mail "${subject}" to ${to}`);
  await checkPortalPage(page);
  await link.click();
  await arriveAt(page, /^\/dev\/mailbox\/[0-9a-f-]{36}$/, subject);
}

/** The text version of the open message. */
async function mailText(page: Page): Promise<string> {
  return spoken(await page.locator('.mail-text').innerText());
}

/** Follows the link of the open message whose address goes to `path` on this portal. */
async function followMailLink(page: Page, path: RegExp): Promise<void> {
  const origin = journey.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const links = page.getByRole('link', { name: new RegExp(`^${origin}${path.source}`) });
  assert.ok((await links.count()) > 0, `the e-mail has a link to ${path.source}`);
  await links.first().click();
}

// ---- The steps of the journey -------------------------------------------------------------------

/** 1. From the home page, "Créer mon compte", "Je suis un particulier", the form, "Vérifiez vos e-mails". */
async function signUp(page: Page, t: Texts, person: Person, { errorPath }: { errorPath: boolean }): Promise<void> {
  await (await mainNav(page, t.mainNav)).getByRole('link', { name: t.signUp, exact: true }).click();
  await arriveAt(page, '/creer-mon-compte', t.choiceHeading);

  await page.getByRole('main').getByRole('link', { name: t.individual }).click();
  await arriveAt(page, '/creer-mon-compte/particulier', t.formHeading);

  const submit = () => submitForm(page, mainButton(page, t.signUpSubmit));
  if (errorPath) {
    await submit();
    await page.waitForURL((url) => url.pathname === '/creer-mon-compte/particulier');
    const messages = await checkErrorSummary(page, t, t.formHeading);
    for (const expected of t.signUpEmptyErrors) {
      assert.ok(messages.includes(expected), `the summary says "${expected}" (it says: ${messages.join(' | ')})`);
    }
  }

  await page.getByRole('radio', { name: person.civility, exact: true }).check();
  await page.getByLabel(t.firstName, { exact: true }).fill(person.firstName);
  await page.getByLabel(t.lastName, { exact: true }).fill(person.lastName);
  await page.getByLabel(t.day, { exact: true }).fill(person.birth.day);
  await page.getByLabel(t.month, { exact: true }).fill(person.birth.month);
  await page.getByLabel(t.year, { exact: true }).fill(person.birth.year);
  await page.getByLabel(t.email, { exact: true }).fill(person.email);
  await page.getByLabel(t.identifier, { exact: true }).fill(person.identifier);
  await page.getByLabel(t.password, { exact: true }).fill(person.password);
  await page.getByRole('checkbox', { name: t.terms }).check();
  await submit();

  await arriveAt(page, '/creer-mon-compte/verifiez-vos-e-mails', t.doneHeading);
  assert.ok(await page.getByText(t.doneCreated, { exact: true }).isVisible(), 'the page says the account was created');
  assert.ok(
    await page.getByRole('main').getByText(person.email, { exact: true }).isVisible(),
    'the page shows where the link was sent',
  );
  await assertSignedIn(page, t, person);
}

/** 2. The banner asks for the verification; the link in the e-mail verifies the address. */
async function verifyEmail(page: Page, t: Texts, person: Person): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: t.homeLink }).click();
  await arriveAt(page, '/', `${t.greeting} ${person.firstName}`);
  const banner = page.getByRole('main').getByText(t.banner, { exact: false });
  assert.ok(await banner.isVisible(), 'the banner asks to verify the e-mail address');

  await openMail(page, t, person.email, t.verifySubject);
  assert.ok((await mailText(page)).includes(person.identifier), 'the verification e-mail names the identifier');
  await followMailLink(page, /\/verifier-mon-adresse\/[^/?#]+$/);
  await arriveAt(page, /^\/verifier-mon-adresse\/[^/]+$/, t.confirmHeading);
  await submitForm(page, mainButton(page, t.confirmButton));
  await arriveAt(page, '/adresse-e-mail-verifiee', t.verifiedHeading);
  assert.equal(
    await page.getByText(t.banner, { exact: false }).count(),
    0,
    'the banner is gone once the address is verified',
  );
  assert.ok(
    await page.getByRole('main').getByRole('link', { name: t.goHome }).isVisible(),
    'the signed-in user is offered the home page',
  );
  await assertSignedIn(page, t, person);
}

/** 3. "Se déconnecter" in the header ends the session and says so ("Vous êtes déconnecté(e)"). */
async function logOut(page: Page, t: Texts): Promise<void> {
  await submitForm(page, (await mainNav(page, t.mainNav)).getByRole('button', { name: t.logout }));
  await arriveAt(page, '/deconnecte', t.loggedOutHeading);
  await assertSignedOut(page, t);
}

/** 4. "Identifiant oublié", from the login page: the e-mail lists the identifier. */
async function recoverIdentifier(
  page: Page,
  t: Texts,
  person: Person,
  { errorPath }: { errorPath: boolean },
): Promise<void> {
  await (await mainNav(page, t.mainNav)).getByRole('link', { name: t.login, exact: true }).click();
  await arriveAt(page, '/connexion', t.loginHeading);
  await page.getByRole('main').getByRole('link', { name: t.forgottenIdentifier, exact: true }).click();
  await arriveAt(page, '/identifiant-oublie', t.forgottenIdentifier);

  const submit = () => submitForm(page, mainButton(page, t.forgottenIdentifierSubmit));
  if (errorPath) {
    await page.getByLabel(t.email, { exact: true }).fill('zoe.example.mc');
    await submit();
    await page.waitForURL((url) => url.pathname === '/identifiant-oublie');
    assert.deepEqual(await checkErrorSummary(page, t, t.forgottenIdentifier), [t.emailInvalid]);
  }
  await page.getByLabel(t.email, { exact: true }).fill(person.email);
  await submit();
  await arriveAt(page, '/identifiant-oublie/message-envoye', t.forgottenIdentifierSentHeading);

  await openMail(page, t, person.email, t.identifierSubject);
  assert.ok((await mailText(page)).includes(person.identifier), 'the e-mail gives the identifier');
}

/** 5. "Mot de passe oublié": the e-mailed link, the new password typed twice, "mot de passe changé". */
async function resetPassword(
  page: Page,
  t: Texts,
  person: Person,
  { errorPath }: { errorPath: boolean },
): Promise<void> {
  await (await mainNav(page, t.mainNav)).getByRole('link', { name: t.login, exact: true }).click();
  await arriveAt(page, '/connexion', t.loginHeading);
  await page.getByRole('main').getByRole('link', { name: t.forgottenPassword, exact: true }).click();
  await arriveAt(page, '/mot-de-passe-oublie', t.forgottenPassword);

  const request = () => submitForm(page, mainButton(page, t.forgottenPasswordSubmit));
  if (errorPath) {
    // A user who types their e-mail address where the identifier goes.
    await page.getByLabel(t.identifier, { exact: true }).fill(person.email);
    await request();
    await page.waitForURL((url) => url.pathname === '/mot-de-passe-oublie');
    assert.deepEqual(await checkErrorSummary(page, t, t.forgottenPassword), [spoken(t.identifierIsEmail)]);
  }
  await page.getByLabel(t.identifier, { exact: true }).fill(person.identifier);
  await request();
  await arriveAt(page, '/mot-de-passe-oublie/message-envoye', t.forgottenPasswordSentHeading);

  await openMail(page, t, person.email, t.resetSubject);
  await followMailLink(page, /\/nouveau-mot-de-passe\/[^/?#]+$/);
  await arriveAt(page, /^\/nouveau-mot-de-passe\/[^/]+$/, t.resetHeading);
  assert.ok(
    await page.getByText(t.resetLead(person.identifier), { exact: true }).isVisible(),
    'the page names the account',
  );

  const save = () => submitForm(page, mainButton(page, t.resetSubmit));
  if (errorPath) {
    await page.getByLabel(t.newPassword, { exact: true }).fill(person.newPassword);
    await page.getByLabel(t.confirmPassword, { exact: true }).fill(`${person.newPassword} !`);
    await save();
    await page.waitForURL((url) => /^\/nouveau-mot-de-passe\/[^/]+$/.test(url.pathname));
    assert.deepEqual(await checkErrorSummary(page, t, t.resetHeading), [t.passwordsDiffer]);
  }
  await page.getByLabel(t.newPassword, { exact: true }).fill(person.newPassword);
  await page.getByLabel(t.confirmPassword, { exact: true }).fill(person.newPassword);
  await save();
  await arriveAt(page, '/mot-de-passe-oublie/mot-de-passe-change', t.passwordChangedHeading);
  await assertSignedOut(page, t);

  await openMail(page, t, person.email, t.passwordChangedSubject);
  assert.ok((await mailText(page)).includes(person.identifier), 'the "password changed" e-mail names the identifier');
}

/** Where a login starts from: a page of the signed-in area, opened from a bookmark, and its heading. */
interface ProtectedPage {
  readonly path: string;
  readonly heading: string;
}

/**
 * 6. Logs in at /connexion with `password`, after a wrong one (if given) refused with the generic
 * message. Starting from `from`, a page that needs a session, the browser comes back to it;
 * otherwise the login link of the header leads to the login page, and the home page follows.
 */
async function logIn(
  page: Page,
  t: Texts,
  person: Person,
  {
    password,
    wrongPassword,
    from,
    errorPath,
  }: { password: string; wrongPassword?: string; from?: ProtectedPage; errorPath: boolean },
): Promise<void> {
  if (from) {
    await page.goto(from.path);
    await arriveAt(page, '/connexion', t.loginHeading);
    assert.equal(new URL(page.url()).searchParams.get('retour'), from.path);
    assert.ok(
      await page.getByText(t.loginReturnNote, { exact: true }).isVisible(),
      'the login page says the visitor will come back',
    );
  } else {
    await (await mainNav(page, t.mainNav)).getByRole('link', { name: t.login, exact: true }).click();
    await arriveAt(page, '/connexion', t.loginHeading);
  }

  const submit = () => submitForm(page, mainButton(page, t.loginSubmit));
  const identifierField = page.getByLabel(t.identifier, { exact: true });
  const passwordField = page.getByLabel(t.password, { exact: true });
  if (errorPath) {
    await submit();
    await page.waitForURL((url) => url.pathname === '/connexion');
    assert.deepEqual(await checkErrorSummary(page, t, t.loginHeading), [...t.loginEmptyErrors]);
  }
  if (wrongPassword !== undefined) {
    await identifierField.fill(person.identifier);
    await passwordField.fill(wrongPassword);
    await submit();
    await page.waitForURL((url) => url.pathname === '/connexion');
    assert.deepEqual(await checkErrorSummary(page, t, t.loginHeading), [t.loginInvalid]);
    if (from)
      assert.equal(new URL(page.url()).searchParams.get('retour'), from.path, 'the page to come back to is kept');
    assert.equal(await identifierField.inputValue(), person.identifier, 'the identifier typed is kept');
    assert.equal(await passwordField.inputValue(), '', 'the password typed is not sent back');
  }
  await identifierField.fill(person.identifier);
  await passwordField.fill(password);
  await submit();
  // Where they asked to go, else "Mes démarches", whichever way they log in.
  if (from) await arriveAt(page, from.path, from.heading);
  else await arriveAt(page, '/mes-demarches', t.myProcedures);
  await assertSignedIn(page, t, person);
}

/** 7. "Mon profil" from the header: the details given at sign-up. */
async function viewProfile(
  page: Page,
  t: Texts,
  person: Person,
  expected: Readonly<Record<string, string>>,
): Promise<void> {
  await (await mainNav(page, t.mainNav)).getByRole('link', { name: t.profile, exact: true }).click();
  await arriveAt(page, '/mon-profil', t.profile);
  const list = page.getByRole('main').locator('dl').first();
  const terms = (await list.locator('dt').allInnerTexts()).map(spoken);
  const values = (await list.locator('dd').allInnerTexts()).map(spoken);
  const details = Object.fromEntries(terms.map((term, index) => [term, values[index]]));
  for (const [label, value] of Object.entries(expected)) {
    assert.equal(details[label], value, `"${label}" on the profile of ${person.identifier}`);
  }
}

async function journeyInFrench(
  viewport: (typeof VIEWPORTS)[number],
  { errorPath }: { errorPath: boolean },
): Promise<void> {
  const t = TEXTS.fr;
  const person = newPerson('fr', `fr${viewport.width}`);
  const { context, page } = await openContext(journey, { viewport });
  try {
    await page.goto('/');
    await arriveAt(page, '/', t.homeHeading);
    await assertSignedOut(page, t);

    await signUp(page, t, person, { errorPath });
    await verifyEmail(page, t, person);
    await logOut(page, t);
    await recoverIdentifier(page, t, person, { errorPath });
    await resetPassword(page, t, person, { errorPath });
    await logIn(page, t, person, {
      password: person.newPassword,
      wrongPassword: person.password,
      from: { path: '/mes-demarches', heading: t.myProcedures },
      errorPath,
    });
    await viewProfile(page, t, person, {
      Identifiant: person.identifier,
      'Type de compte': 'Particulier',
      Civilité: 'Madame',
      'Nom et prénom': `${person.lastName} ${person.firstName}`,
      'Date de naissance': '12 avril 1985',
      'Adresse e-mail': `${person.email} (vérifiée)`,
    });
    await editProfile(page, person, { errorPath, close: true });
  } finally {
    await context.close();
  }
  await assertMailDeliveredWithoutErrors(journey);
}

test('at 320 px, in French, a person creates an account, verifies the e-mail, recovers the identifier and the password, logs in again, edits the profile and closes the account', async () => {
  await journeyInFrench(VIEWPORTS[0], { errorPath: true });
});

test('at 320 px, in English, a person creates an account, verifies the e-mail, logs out and logs in again', async () => {
  const t = TEXTS.en;
  const person = newPerson('en', 'en320');
  const { context, page } = await openContext(journey, { viewport: VIEWPORTS[0] });
  try {
    await page.goto('/');
    await arriveAt(page, '/', TEXTS.fr.homeHeading);
    await (await mainNav(page, TEXTS.fr.mainNav)).getByRole('link', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await arriveAt(page, '/', t.homeHeading);

    await signUp(page, t, person, { errorPath: false });
    await verifyEmail(page, t, person);
    await logOut(page, t);
    await logIn(page, t, person, { password: person.password, errorPath: false });
    await viewProfile(page, t, person, {
      Identifier: person.identifier,
      Title: 'Mr',
      Name: `${person.lastName} ${person.firstName}`,
      'E-mail address': `${person.email} (verified)`,
    });
  } finally {
    await context.close();
  }
  await assertMailDeliveredWithoutErrors(journey);
});

// ---- Editing the profile ------------------------------------------------------------------------

/**
 * The last step of the French journeys, for the signed-in person: "Mon profil" at /mon-profil.
 * The edit form of the personal details is checked here as it grows.
 */
/**
 * 8. "Mon profil" changes, in French: the personal details (the header follows), the e-mail
 * address (link read in the mailbox, confirmed by its button), the password form; then the account
 * is closed and the browser is signed out.
 */
async function editProfile(
  page: Page,
  person: Person,
  { errorPath, close }: { errorPath: boolean; close: boolean },
): Promise<void> {
  const t = TEXTS.fr;
  const main = page.getByRole('main');
  await page.goto('/mon-profil');
  await arriveAt(page, '/mon-profil', t.profile);

  // Personal details.
  await main.getByRole('link', { name: 'Modifier mes informations', exact: true }).click();
  await arriveAt(page, '/mon-profil/mes-informations', 'Modifier mes informations');
  assert.equal(
    await page.getByLabel('Prénom', { exact: true }).inputValue(),
    person.firstName,
    'the form shows the current details',
  );
  if (errorPath) {
    await page.getByLabel('Prénom', { exact: true }).fill('');
    await page.getByLabel('Téléphone (facultatif)', { exact: true }).fill('appelez-moi');
    await submitForm(page, mainButton(page, 'Enregistrer mes informations'));
    assert.deepEqual(await checkErrorSummary(page, t, 'Modifier mes informations'), [
      'Saisissez votre prénom.',
      'Le téléphone ne peut contenir que des chiffres, des espaces et les signes + ( ) -, 20 caractères au plus.',
    ]);
  }
  await page.getByLabel('Prénom', { exact: true }).fill('Camille');
  await page.getByLabel('Téléphone (facultatif)', { exact: true }).fill('+377 93 15 00 00');
  await submitForm(page, mainButton(page, 'Enregistrer mes informations'));
  await arriveAt(page, '/mon-profil', t.profile);
  assert.ok(await main.getByText('Vos informations sont enregistrées.', { exact: true }).isVisible());
  assert.ok(
    await (await mainNav(page, t.mainNav)).getByText(`Camille ${person.lastName}`, { exact: true }).isVisible(),
    'the header shows the new name',
  );

  // E-mail address: nothing changes until the link sent to the new address is used.
  const newEmail = person.email.replace('@example.mc', '@example.org');
  await main.getByRole('link', { name: 'Changer mon adresse e-mail', exact: true }).click();
  await arriveAt(page, '/mon-profil/adresse-e-mail', 'Changer mon adresse e-mail');
  if (errorPath) {
    await page.getByLabel('Nouvelle adresse e-mail', { exact: true }).fill(newEmail);
    await page.getByLabel('Votre mot de passe actuel', { exact: true }).fill('ce n’est pas mon mot de passe');
    await submitForm(page, mainButton(page, 'Recevoir le lien de confirmation'));
    assert.deepEqual(await checkErrorSummary(page, t, 'Changer mon adresse e-mail'), [
      'Le mot de passe saisi n’est pas celui de votre compte.',
    ]);
  }
  await page.getByLabel('Nouvelle adresse e-mail', { exact: true }).fill(newEmail);
  await page.getByLabel('Votre mot de passe actuel', { exact: true }).fill(person.newPassword);
  await submitForm(page, mainButton(page, 'Recevoir le lien de confirmation'));
  await arriveAt(page, '/mon-profil', t.profile);
  assert.match(spoken(await main.innerText()), /En attente de confirmation/);
  await openMail(page, t, person.email, 'Changement d’adresse e-mail demandé sur MonGuichet');
  await openMail(page, t, newEmail, 'Confirmez votre nouvelle adresse e-mail MonGuichet');
  await followMailLink(page, /\/confirmer-ma-nouvelle-adresse\//);
  await arriveAt(page, /^\/confirmer-ma-nouvelle-adresse\/[A-Za-z0-9_-]+$/, 'Confirmer ma nouvelle adresse e-mail');
  await submitForm(page, mainButton(page, 'Confirmer cette adresse'));
  await arriveAt(page, '/adresse-e-mail-changee', 'Adresse e-mail changée');
  await page.goto('/mon-profil');
  await arriveAt(page, '/mon-profil', t.profile);
  assert.match(
    spoken(await main.locator('dl').first().innerText()),
    new RegExp(`${newEmail.replace(/[.]/g, '\\.')} \\(vérifiée\\)`),
  );

  // Password: the form, and its error path.
  await main.getByRole('link', { name: 'Changer mon mot de passe', exact: true }).click();
  await arriveAt(page, '/mon-profil/mot-de-passe', 'Changer mon mot de passe');
  if (errorPath) {
    await submitForm(page, mainButton(page, 'Changer mon mot de passe'));
    await checkErrorSummary(page, t, 'Changer mon mot de passe');
  }
  await page.goto('/mon-profil');

  // Closing the account.
  await main.getByRole('link', { name: 'Fermer mon compte', exact: true }).click();
  await arriveAt(page, '/mon-profil/fermer-mon-compte', 'Fermer mon compte');
  if (errorPath) {
    await submitForm(page, mainButton(page, 'Fermer définitivement mon compte'));
    assert.deepEqual(await checkErrorSummary(page, t, 'Fermer mon compte'), [
      'Saisissez votre mot de passe actuel.',
      'Pour fermer votre compte, cochez la case de confirmation.',
    ]);
  }
  if (!close) return;
  await page.getByLabel('Votre mot de passe', { exact: true }).fill(person.newPassword);
  await page.getByLabel('Je comprends que la fermeture de mon compte est définitive', { exact: true }).check();
  await submitForm(page, mainButton(page, 'Fermer définitivement mon compte'));
  await arriveAt(page, '/compte-ferme', 'Votre compte est fermé');
  await assertSignedOut(page, t);
  await openMail(page, t, newEmail, 'Votre compte MonGuichet est fermé');
}
