/**
 * "Créer mon compte": a personal or professional account is created from its form, the
 * verification e-mail arrives in the account's language with a link that works once and for
 * 24 hours, and until then the account sees a banner and cannot start a procedure. Every wrong
 * input gets its message and writes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { FormClient } from '../../../test/helpers/form.ts';
import {
  all,
  bodyText,
  fieldByLabel,
  heading1,
  linkHref,
  parsePage,
  text,
  type Page,
} from '../../../test/helpers/html.ts';
import { cookieHeader, cookiesOf, type CookieJar } from '../../../test/helpers/session.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { paths } from '../../paths.ts';
import { verifyPassword } from './credentials.ts';
import { createAccount } from './signup.service.ts';

const { app, database, jobs, config } = await buildTestApp({ jobs: true });
assert.ok(jobs);

const PASSWORD = 'un cheval bleu mange des pommes';
const CANTEEN = 'payer-la-cantine-ecole-des-carmes';

type Jar = CookieJar;
const withCookies = (jar: Jar, cookies: { name: string; value: string }[]): Jar => ({
  ...jar,
  ...cookiesOf({ cookies }),
});

let ipCounter = 0;
/** A new client address per request: the per-IP rate limit is tested on its own. */
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${Math.floor(Math.random() * 1e6)}`;
}

function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  const id = unique('marie.rossi.');
  return {
    civilite: 'madame',
    prenom: 'Marie',
    nom: 'Rossi',
    naissance_jour: '12',
    naissance_mois: '4',
    naissance_annee: '1985',
    email: `${id}@example.mc`,
    telephone: '+377 98 98 95 99',
    identifiant: id,
    mot_de_passe: PASSWORD,
    conditions: 'oui',
    ...overrides,
  };
}

async function get(url: string, jar: Jar = {}, headers: Record<string, string> = {}) {
  const response = await app.inject({ url, headers: { cookie: cookieHeader(jar), ...headers } });
  return { response, page: parsePage(response.body), jar: withCookies(jar, response.cookies) };
}

function formToken(page: Page, action?: string): string {
  const form = all(page, 'form[method="post"]').find(
    (f) => action === undefined || f.getAttribute('action') === action,
  );
  return form?.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
}

/** Opens the form like a browser, then posts it. */
async function signUp(
  fields: Record<string, string>,
  kind: 'particulier' | 'professionnel' = 'particulier',
  headers: Record<string, string> = {},
) {
  const url = kind === 'particulier' ? paths.accounts.signUpIndividual() : paths.accounts.signUpProfessional();
  return new FormClient(app).submit(url, fields, { headers, ip: nextIp(), to: url });
}

async function countAccounts(): Promise<number> {
  const row = await database.db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function errorSummary(page: Page): string[] {
  return all(page, '.error-summary li').map((li) => text(li));
}

/** Posts `fields`, expects a 400 with these messages in the summary, and checks nothing was written. */
async function refused(
  fields: Record<string, string>,
  expected: (string | RegExp)[],
  kind: 'particulier' | 'professionnel' = 'particulier',
) {
  const before = await countAccounts();
  const tokensBefore = await database.db.selectFrom('account_token').select('id').execute();
  const { response, page } = await signUp(fields, kind);
  assert.equal(response.statusCode, 400);
  assert.ok(!response.cookies.some((c) => c.name === 'mg_session'), 'no session is opened');
  const summary = errorSummary(page);
  for (const message of expected) {
    assert.ok(
      summary.some((s) => (typeof message === 'string' ? s === message : message.test(s))),
      `expected ${String(message)} in: ${summary.join(' | ')}`,
    );
  }
  assert.equal(await countAccounts(), before, 'no account is written');
  assert.equal(
    (await database.db.selectFrom('account_token').select('id').execute()).length,
    tokensBefore.length,
    'no token is written',
  );
  return { response, page, summary };
}

async function mailTo(address: string) {
  const [mail] = (await queuedMails(database.db)).filter((queued) => queued.to_address === address);
  assert.ok(mail, `the verification e-mail to ${address} is queued`);
  return mail;
}

function verificationPath(body: string): string {
  const match = /http:\/\/localhost:3000(\/verifier-mon-adresse\/[A-Za-z0-9_-]{43})/.exec(body);
  assert.ok(match, 'the e-mail carries a verification link');
  return match[1]!;
}

/** Opens a verification link like a person and presses its button; returns the page reached. */
async function confirmVerification(link: string, jar: Jar = {}, headers: Record<string, string> = {}) {
  const shown = await get(link, jar, headers);
  const action = shown.page.querySelector('main form[method="post"]')?.getAttribute('action') ?? '';
  assert.equal(action, link, 'the link shows a form that posts to itself');
  const response = await app.inject({
    method: 'POST',
    url: action,
    remoteAddress: nextIp(),
    headers: { cookie: cookieHeader(shown.jar), ...headers },
    payload: { _csrf: formToken(shown.page, action) },
  });
  assert.equal(response.statusCode, 303);
  return get(String(response.headers.location), withCookies(shown.jar, response.cookies), headers);
}

async function accountByIdentifier(identifier: string) {
  return database.db
    .selectFrom('account')
    .selectAll()
    .where('identifier_key', '=', identifier.toLowerCase())
    .executeTakeFirstOrThrow();
}

test('the sign-up page offers the two account types in the flyer’s words', async () => {
  const { response, page } = await get(paths.accounts.signUp());
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Créer mon compte');
  assert.equal(linkHref(page, 'Je suis un particulier'), '/creer-mon-compte/particulier');
  assert.equal(linkHref(page, 'Je suis un professionnel'), '/creer-mon-compte/professionnel');
});

test('the personal form shows the identifier and password rules before their fields, and links the terms', async () => {
  const { response, page } = await get(paths.accounts.signUpIndividual());
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Créer mon compte particulier');
  const html = response.body;
  assert.ok(html.indexOf('De 3 à 64 caractères') < html.indexOf('name="identifiant"'));
  assert.ok(html.indexOf('Au moins 15 caractères') < html.indexOf('name="mot_de_passe"'));
  assert.equal(fieldByLabel(page, 'Jour').getAttribute('inputmode'), 'numeric');
  assert.equal(fieldByLabel(page, 'Mot de passe').getAttribute('type'), 'password');
  assert.equal(
    fieldByLabel(
      page,
      'J’ai lu et j’accepte les conditions générales d’utilisation et la notice sur les données personnelles',
    ).getAttribute('type'),
    'checkbox',
  );
  assert.equal(linkHref(page, 'Lire les conditions générales d’utilisation'), '/conditions-generales-d-utilisation');
  assert.equal(linkHref(page, 'Lire la notice sur les données personnelles'), '/donnees-personnelles');
  assert.match(bodyText(page), /loi n° 1\.165/);
  assert.ok(all(page, 'fieldset legend').some((legend) => text(legend) === 'Date de naissance'));
  assert.equal(page.querySelector('input[name="raison_sociale"]'), null, 'no company block for a private person');
});

test('a private person signs up: account stored, session opened, the e-mail arrives with a link that works once', async () => {
  const fields = validFields({ identifiant: unique('Marie.Rossi.') });
  const before = await countAccounts();
  const { response, jar } = await signUp(fields);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/creer-mon-compte/verifiez-vos-e-mails');
  assert.ok(jar.mg_session, 'a session is opened');
  assert.equal(await countAccounts(), before + 1);

  const account = await accountByIdentifier(fields.identifiant!);
  assert.equal(account.identifier, fields.identifiant, 'the identifier keeps its case');
  assert.equal(account.kind, 'particulier');
  assert.equal(account.civility, 'madame');
  assert.equal(account.birth_date, '1985-04-12');
  assert.equal(account.phone, '+377 98 98 95 99');
  assert.equal(account.company_name, null);
  assert.equal(account.language, 'fr');
  assert.equal(account.email_verified_at, null);
  const storedHash = account.password_hash ?? '';
  assert.ok(storedHash.startsWith('$argon2id$'));
  assert.ok(await verifyPassword(storedHash, PASSWORD));
  const audit = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .execute();
  assert.deepEqual(
    audit.map((a) => a.event),
    ['account.created'],
  );

  const done = await get(response.headers.location, jar);
  assert.equal(heading1(done.page), 'Vérifiez vos e-mails');
  assert.match(bodyText(done.page), new RegExp(fields.email!.replace(/\./g, '\\.')));
  assert.ok(all(done.page, 'button').some((b) => text(b) === 'Renvoyer l’e-mail'));

  const mail = await mailTo(fields.email!);
  assert.equal(mail.subject, 'Vérifiez votre adresse e-mail');
  assert.match(mail.text_body, /valable 24 heures/);
  const link = verificationPath(mail.text_body);

  const first = await confirmVerification(link, jar);
  assert.equal(first.response.statusCode, 200);
  assert.equal(heading1(first.page), 'Adresse e-mail vérifiée');
  assert.equal(first.page.querySelector('.verify-banner'), null, 'the banner is gone at once');
  const verified = await accountByIdentifier(fields.identifiant!);
  assert.ok(verified.email_verified_at);

  const second = await get(link, jar);
  assert.equal(second.response.statusCode, 410);
  assert.match(bodyText(second.page), /Ce lien a déjà été utilisé/);
  const unchanged = await accountByIdentifier(fields.identifiant!);
  assert.equal(
    unchanged.email_verified_at?.getTime(),
    verified.email_verified_at.getTime(),
    'nothing changes on a second use',
  );
  const events = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    events.map((e) => e.event),
    ['account.created', 'email.verified'],
  );
});

test('opening the verification link (as a mail scanner does) verifies nothing; its button does, with the form token', async () => {
  const fields = validFields();
  await signUp(fields);
  const link = verificationPath((await mailTo(fields.email!)).text_body);
  const opened = await get(link);
  assert.equal(opened.response.statusCode, 200);
  assert.equal(opened.response.headers['referrer-policy'], 'no-referrer');
  assert.equal(heading1(opened.page), 'Confirmer mon adresse e-mail');
  assert.match(bodyText(opened.page), new RegExp(fields.email!.replace(/\./g, '\\.')));
  assert.ok(all(opened.page, 'main button').some((b) => text(b) === 'Confirmer mon adresse'));
  await get(link);
  assert.equal((await accountByIdentifier(fields.identifiant!)).email_verified_at, null, 'GET changes nothing');

  const forged = await app.inject({ method: 'POST', url: link, remoteAddress: nextIp(), payload: {} });
  assert.equal(forged.statusCode, 403, 'a post without the form token is refused');
  assert.equal((await accountByIdentifier(fields.identifiant!)).email_verified_at, null);

  const confirmed = await confirmVerification(link);
  assert.equal(heading1(confirmed.page), 'Adresse e-mail vérifiée');
  assert.ok((await accountByIdentifier(fields.identifiant!)).email_verified_at);
});

test('a professional signs up with the company’s name, RCI and NIS', async () => {
  const fields = validFields({
    raison_sociale: 'Boulangerie du Rocher SARL',
    rci: '12 S 05678',
    nis: '4711Z12345',
    civilite: 'monsieur',
    prenom: 'Louis',
    nom: 'Grimaldi',
  });
  const form = await get(paths.accounts.signUpProfessional());
  assert.equal(heading1(form.page), 'Créer mon compte professionnel');
  assert.equal(fieldByLabel(form.page, 'Raison sociale').getAttribute('name'), 'raison_sociale');
  const { response } = await signUp(fields, 'professionnel');
  assert.equal(response.statusCode, 303);
  const account = await accountByIdentifier(fields.identifiant!);
  assert.equal(account.kind, 'professionnel');
  assert.equal(account.company_name, 'Boulangerie du Rocher SARL');
  assert.equal(account.company_rci, '12 S 05678');
  assert.equal(account.company_nis, '4711Z12345');
  assert.equal(account.civility, 'monsieur');
  await mailTo(fields.email!);
});

test('an account created in English gets its e-mail in English, with a working link', async () => {
  const fields = validFields();
  const { response } = await signUp(fields, 'particulier', { 'accept-language': 'en' });
  assert.equal(response.statusCode, 303);
  const account = await accountByIdentifier(fields.identifiant!);
  assert.equal(account.language, 'en');
  const mail = await mailTo(fields.email!);
  assert.equal(mail.subject, 'Verify your e-mail address');
  assert.match(mail.text_body, /valid for 24 hours/);
  const anonymous = await confirmVerification(verificationPath(mail.text_body), {}, { 'accept-language': 'en' });
  assert.equal(anonymous.response.statusCode, 200);
  assert.equal(heading1(anonymous.page), 'E-mail address verified');
  assert.equal(linkHref(anonymous.page, 'Log in'), '/connexion');
});

test('a link older than 24 hours no longer works and nothing changes', async () => {
  const fields = validFields();
  const { jar } = await signUp(fields);
  const mail = await mailTo(fields.email!);
  const account = await accountByIdentifier(fields.identifiant!);
  const past = new Date(Date.now() - 24 * 3600 * 1000 - 1000);
  await database.db
    .updateTable('account_token')
    .set({ created_at: new Date(past.getTime() - 24 * 3600 * 1000), expires_at: past })
    .where('account_id', '=', account.id)
    .execute();
  const expired = await get(verificationPath(mail.text_body), jar);
  assert.equal(expired.response.statusCode, 410);
  assert.match(bodyText(expired.page), /Ce lien a expiré/);
  assert.equal(linkHref(expired.page, 'Recevoir un nouveau lien'), '/creer-mon-compte/verifiez-vos-e-mails');
  assert.equal((await accountByIdentifier(fields.identifiant!)).email_verified_at, null);

  const unknown = await get(paths.accounts.verifyEmail('x'.repeat(43)));
  assert.equal(unknown.response.statusCode, 404);
  assert.match(bodyText(unknown.page), /Ce lien n’est pas valide/);
  assert.equal(
    linkHref(unknown.page.querySelector('main')!, 'Se connecter'),
    paths.accounts.login(paths.accounts.signUpDone()),
  );
});

test('an unverified account sees the banner on every page and cannot start a procedure; once verified it can', async () => {
  const fields = validFields();
  const { jar } = await signUp(fields);
  for (const url of ['/', '/demarches', `/demarches/${CANTEEN}`, '/aide']) {
    const { page } = await get(url, jar);
    const banner = page.querySelector('.verify-banner');
    assert.ok(banner, url);
    assert.match(text(banner), /^Vérifiez votre adresse e-mail/);
    assert.equal(linkHref(banner, 'Renvoyer l’e-mail de vérification'), '/creer-mon-compte/verifiez-vos-e-mails');
  }
  const start = await get(paths.canteen.start(CANTEEN), jar);
  assert.equal(start.response.statusCode, 303);
  assert.equal(start.response.headers.location, '/creer-mon-compte/verifiez-vos-e-mails');
  assert.equal(start.jar.mg_reprendre, paths.canteen.start(CANTEEN), 'the procedure to come back to');

  // Verified in this browser: back to the procedure it was starting, which now goes on.
  const mail = await mailTo(fields.email!);
  const resumed = await confirmVerification(verificationPath(mail.text_body), start.jar);
  assert.equal(resumed.response.statusCode, 303, 'the procedure’s gate, reached again');
  assert.equal(
    resumed.response.headers.location,
    `/mes-factures?etablissement=${CANTEEN.replace('payer-la-cantine-', '')}`,
  );
  assert.equal(resumed.jar.mg_reprendre ?? '', '', 'read once');
  const home = await get('/', jar);
  assert.equal(home.page.querySelector('.verify-banner'), null);
  const allowed = await get(paths.canteen.start(CANTEEN), jar);
  assert.equal(allowed.response.statusCode, 303);
  // Verified, the parent goes on to the canteen: the bills of that school.
  assert.equal(
    allowed.response.headers.location,
    `/mes-factures?etablissement=${CANTEEN.replace('payer-la-cantine-', '')}`,
  );
  const anonymous = await get(paths.canteen.start(CANTEEN));
  assert.equal(anonymous.response.headers.location, paths.accounts.login(paths.canteen.start(CANTEEN)));
});

test('an unverified person who presses "Commencer" is told why the procedure waits, where the link went and how to get a new one, in French and in English', async () => {
  const fields = validFields();
  const { jar } = await signUp(fields);
  const start = await get(paths.canteen.start(CANTEEN), jar);
  assert.equal(start.response.headers.location, paths.accounts.signUpDone());
  const paragraphs = (page: Page) => all(page.querySelector('main')!, 'p').map((p) => text(p));
  const resendButton = (page: Page) =>
    text(
      all(page, 'form[method="post"]')
        .find((form) => form.getAttribute('action') === paths.accounts.resendVerification())
        ?.querySelector('button'),
    );

  const blocked = await get(paths.accounts.signUpDone(), start.jar);
  assert.equal(blocked.response.statusCode, 200);
  assert.equal(heading1(blocked.page), 'Vérifiez votre adresse e-mail pour continuer');
  assert.deepEqual(paragraphs(blocked.page).slice(0, 3), [
    'Vous ne pouvez pas encore commencer cette démarche : votre adresse e-mail n’est pas encore vérifiée.',
    'Nous avons envoyé un lien de vérification à l’adresse :',
    fields.email,
  ]);
  assert.match(bodyText(blocked.page), /Pas d’e-mail, ou le lien a expiré \?/);
  assert.doesNotMatch(bodyText(blocked.page), /Votre compte est créé/, 'not the page of a sign-up just made');
  assert.equal(resendButton(blocked.page), 'Recevoir un nouveau lien');

  // A new link, from the page: sent, the previous one no longer works, and the page still says why.
  const resend = await app.inject({
    method: 'POST',
    url: paths.accounts.resendVerification(),
    remoteAddress: nextIp(),
    headers: { cookie: cookieHeader(blocked.jar) },
    payload: { _csrf: formToken(blocked.page, paths.accounts.resendVerification()) },
  });
  assert.equal(resend.statusCode, 303);
  const resent = await get(String(resend.headers.location), blocked.jar);
  assert.equal(heading1(resent.page), 'Vérifiez votre adresse e-mail pour continuer');
  assert.match(bodyText(resent.page), /un nouvel e-mail vient de vous être envoyé/);
  assert.match(bodyText(resent.page), /votre adresse e-mail n’est pas encore vérifiée/);
  const tokens = await database.db
    .selectFrom('account_token')
    .select('used_at')
    .where('account_id', '=', (await accountByIdentifier(fields.identifiant!)).id)
    .execute();
  assert.equal(tokens.length, 2, 'the sign-up’s link and the new one');
  assert.equal(tokens.filter((t) => t.used_at === null).length, 1, 'only the new link works');

  const english = await get(paths.accounts.signUpDone(), { ...start.jar, lang: 'en' });
  assert.equal(heading1(english.page), 'Verify your e-mail address to continue');
  assert.deepEqual(paragraphs(english.page).slice(0, 3), [
    'You cannot start this procedure yet: your e-mail address has not been verified.',
    'We have sent a verification link to:',
    fields.email,
  ]);
  assert.match(bodyText(english.page), /No e-mail, or the link has expired\?/);
  assert.equal(resendButton(english.page), 'Send me a new link');

  // Without "Commencer" (no procedure waiting), the page of a sign-up just made, as before.
  const plain = await get(paths.accounts.signUpDone(), jar);
  assert.equal(heading1(plain.page), 'Vérifiez vos e-mails');
  assert.equal(resendButton(plain.page), 'Renvoyer l’e-mail');

  // Verified meanwhile (on another device): the page offers to go back to the procedure.
  const newest = (await queuedMails(database.db, fields.email)).at(-1);
  assert.ok(newest);
  await confirmVerification(verificationPath(newest.text_body));
  const verified = await get(paths.accounts.signUpDone(), start.jar);
  assert.equal(heading1(verified.page), 'Votre adresse e-mail est vérifiée.');
  assert.equal(linkHref(verified.page.querySelector('main')!, 'Reprendre ma démarche'), paths.canteen.start(CANTEEN));
});

test('a return address that is not a procedure of this site is never followed after the verification', async () => {
  for (const forged of ['https://evil.example/', '//evil.example/x', '/mon-profil', 'javascript:alert(1)']) {
    const fields = validFields();
    const { jar } = await signUp(fields);
    const mail = await mailTo(fields.email!);
    const landed = await confirmVerification(verificationPath(mail.text_body), { ...jar, mg_reprendre: forged });
    assert.equal(landed.response.statusCode, 200, forged);
    assert.match(bodyText(landed.page), /adresse e-mail est vérifiée/i, forged);
  }
});

test('the e-mail can be sent again, three times an hour at most, with the same neutral answer', async () => {
  const fields = validFields();
  const { jar } = await signUp(fields);
  await mailTo(fields.email!);
  for (let i = 0; i < 5; i += 1) {
    const done = await get(paths.accounts.signUpDone(), jar);
    const response = await app.inject({
      method: 'POST',
      url: paths.accounts.resendVerification(),
      remoteAddress: nextIp(),
      headers: { cookie: cookieHeader(jar) },
      payload: { _csrf: formToken(done.page, paths.accounts.resendVerification()) },
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/creer-mon-compte/verifiez-vos-e-mails?envoye=1');
  }
  const after = await get('/creer-mon-compte/verifiez-vos-e-mails?envoye=1', jar);
  assert.match(bodyText(after.page), /un nouvel e-mail vient de vous être envoyé/);
  const mails = (await queuedMails(database.db)).filter((mail) => mail.to_address === fields.email);
  assert.ok(mails.length >= 4, 'four e-mails');
  const jobsQueued = await database.db
    .selectFrom('account_token')
    .select('used_at')
    .where('account_id', '=', (await accountByIdentifier(fields.identifiant!)).id)
    .execute();
  assert.equal(jobsQueued.length, 4, 'one token at sign-up and three resends');
  assert.equal(jobsQueued.filter((t) => t.used_at === null).length, 1, 'only the newest link works');
  const anonymous = await app.inject({ method: 'POST', url: paths.accounts.resendVerification(), payload: {} });
  assert.equal(anonymous.statusCode, 403, 'no token, no resend');
});

test('every field left empty gets its own message, in the order of the page, and nothing is written', async () => {
  const { page } = await refused({}, [], 'professionnel');
  assert.deepEqual(errorSummary(page), [
    'Saisissez la raison sociale de votre entreprise.',
    'Saisissez le numéro RCI de votre entreprise.',
    'Saisissez le numéro NIS de votre entreprise.',
    'Indiquez votre civilité.',
    'Saisissez votre prénom.',
    'Saisissez votre nom.',
    'Saisissez votre date de naissance.',
    'Saisissez votre adresse e-mail.',
    'Choisissez un identifiant.',
    'Choisissez un mot de passe.',
    'Pour créer votre compte, acceptez les conditions générales d’utilisation et la notice sur les données personnelles.',
  ]);
  assert.equal(linkHref(page, 'Saisissez votre date de naissance.'), '#champ-naissance');
  assert.ok(page.getElementById('champ-naissance'));
  assert.ok(page.getElementById('champ-civilite'));
  assert.ok(page.getElementById('champ-conditions'));
  assert.match(page.title, /^Erreur/);
});

test('10 kB in any field is refused with its message, and 10 kB in every field is refused whole, never a server error', async () => {
  const big = 'x'.repeat(10_000);
  const expected: Record<string, string | RegExp> = {
    civilite: 'Indiquez votre civilité.',
    prenom: 'Votre prénom doit contenir au plus 60 caractères.',
    nom: 'Votre nom doit contenir au plus 60 caractères.',
    naissance_jour: /^La date de naissance ne doit contenir que des chiffres/,
    naissance_mois: /^La date de naissance ne doit contenir que des chiffres/,
    naissance_annee: /^La date de naissance ne doit contenir que des chiffres/,
    email: 'Votre adresse e-mail doit contenir au plus 254 caractères.',
    telephone: /^Le téléphone ne peut contenir/,
    raison_sociale: 'La raison sociale doit contenir au plus 100 caractères.',
    rci: /^Le numéro RCI ne peut contenir/,
    nis: /^Le numéro NIS ne peut contenir/,
    identifiant: 'Votre identifiant doit contenir au plus 64 caractères.',
    mot_de_passe: 'Votre mot de passe doit contenir au plus 128 caractères.',
    conditions:
      'Pour créer votre compte, acceptez les conditions générales d’utilisation et la notice sur les données personnelles.',
  };
  const company = { raison_sociale: 'Boulangerie du Rocher SARL', rci: '12 S 05678', nis: '4711Z12345' };
  for (const [name, message] of Object.entries(expected)) {
    const { page, response } = await refused(validFields({ ...company, [name]: big }), [message], 'professionnel');
    assert.equal(errorSummary(page).length, 1, name);
    assert.doesNotMatch(response.body, /x{1025}/, `${name}: what is kept is bounded`);
  }
  const before = await countAccounts();
  const everything = await signUp(
    Object.fromEntries(Object.keys(expected).map((name) => [name, big])),
    'professionnel',
  );
  assert.equal(everything.response.statusCode, 413);
  assert.match(String(everything.response.headers['content-type']), /text\/html/);
  assert.equal(await countAccounts(), before);
});

test('an invalid e-mail address, or one carrying a header injection, is refused', async () => {
  for (const email of [
    'marie',
    'marie@',
    'marie@exemple',
    'a@b.c\r\nBcc: x@evil.example',
    'a@b.mc\nBcc:x@evil',
    'Marie <marie@exemple.mc>',
    `${'a'.repeat(250)}@exemple.mc`,
  ]) {
    await refused(validFields({ email }), [
      /^(Saisissez une adresse e-mail valide|Votre adresse e-mail doit contenir au plus 254)/,
    ]);
  }
});

test('an identifier taken in another case is refused and free suggestions are offered', async () => {
  const first = validFields({ identifiant: unique('marie.rossi.') });
  assert.equal((await signUp(first)).response.statusCode, 303);
  const { page } = await refused(
    validFields({ identifiant: first.identifiant!.replace('marie.rossi', 'Marie.Rossi') }),
    ['Cet identifiant n’est pas disponible. Choisissez-en un autre.'],
  );
  assert.deepEqual(errorSummary(page), ['Cet identifiant n’est pas disponible. Choisissez-en un autre.']);
  const suggestions = all(page, 'input[name="identifiant_propose"]')
    .map((i) => i.getAttribute('value') ?? '')
    .filter((v) => v !== '');
  assert.ok(suggestions.length >= 1 && suggestions.length <= 3, suggestions.join());
  assert.match(bodyText(page), /Ces identifiants sont libres/);
  assert.equal(
    fieldByLabel(page, 'Identifiant').getAttribute('value'),
    first.identifiant!.replace('marie.rossi', 'Marie.Rossi'),
  );
  assert.equal(fieldByLabel(page, 'Mot de passe').getAttribute('value'), null, 'the password is never sent back');

  // Picking a suggestion creates the account with it.
  const chosen = suggestions[0]!;
  const { response } = await signUp(validFields({ identifiant: first.identifiant!, identifiant_propose: chosen }));
  assert.equal(response.statusCode, 303);
  assert.equal((await accountByIdentifier(chosen)).identifier, chosen);
});

test('two sign-ups racing for one identifier: the database constraint decides, the loser gets “not available”', async () => {
  const identifier = unique('course.');
  assert.equal((await signUp(validFields({ identifiant: identifier }))).response.statusCode, 303);
  const before = await countAccounts();
  const outcome = await createAccount(
    { db: database.db, config, mail: app.mail },
    {
      account: {
        kind: 'particulier',
        identifier: identifier.toUpperCase(),
        email: 'course@example.mc',
        civility: 'madame',
        firstName: 'Marie',
        lastName: 'Rossi',
        birthDate: '1985-04-12',
        phone: null,
        companyName: null,
        companyRci: null,
        companyNis: null,
      },
      password: PASSWORD,
      language: 'fr',
      ip: '192.0.2.1',
    },
  );
  assert.deepEqual(outcome, { kind: 'identifier_taken' });
  assert.equal(await countAccounts(), before);
});

test('an empty identifier shows suggestions built from the names', async () => {
  const { page } = await refused(validFields({ identifiant: '', prenom: 'Hélène', nom: 'D’Artagnan' }), [
    'Choisissez un identifiant.',
  ]);
  const suggestions = all(page, 'input[name="identifiant_propose"]')
    .map((i) => i.getAttribute('value') ?? '')
    .filter((v) => v !== '');
  assert.ok(suggestions.length > 0);
  assert.ok(
    suggestions.every((s) => /^(helene\.dartagnan|h\.dartagnan)\d*$/.test(s)),
    suggestions.join(),
  );
});

test('an e-mail address as identifier is refused', async () => {
  await refused(validFields({ identifiant: 'marie@exemple.mc' }), [
    /^Votre identifiant ne peut pas être une adresse e-mail/,
  ]);
});

test('a common password, one containing the identifier, and a short one are each refused with their message', async () => {
  await refused(validFields({ mot_de_passe: 'Monaco2024Monaco!' }), [/^Ce mot de passe fait partie des plus utilisés/]);
  const fields = validFields();
  await refused({ ...fields, mot_de_passe: `le ${fields.identifiant} est à moi` }, [
    'Votre mot de passe ne doit pas contenir votre identifiant.',
  ]);
  await refused(validFields({ mot_de_passe: 'Password1!' }), [
    /^Votre mot de passe doit contenir au moins 15 caractères/,
  ]);
});

test('a birth date that does not exist, is in the future, or is not numeric is refused', async () => {
  const nextYear = String(new Date().getUTCFullYear() + 1);
  await refused(validFields({ naissance_jour: '31', naissance_mois: '2', naissance_annee: '1990' }), [
    'La date de naissance doit être une date réelle, par exemple 27 3 1985.',
  ]);
  await refused(validFields({ naissance_annee: nextYear }), ['La date de naissance doit être dans le passé.']);
  await refused(validFields({ naissance_jour: 'douze' }), [
    'La date de naissance ne doit contenir que des chiffres, par exemple 27 3 1985.',
  ]);
  await refused(validFields({ naissance_annee: '1899' }), ['L’année de naissance doit être 1900 ou après.']);
  const { page } = await refused(
    validFields({ naissance_jour: '31', naissance_mois: '02', naissance_annee: '1990' }),
    [],
  );
  assert.equal(fieldByLabel(page, 'Jour').getAttribute('value'), '31', 'the date typed is kept');
  assert.equal(fieldByLabel(page, 'Année').getAttribute('value'), '1990');
});

test('the terms must be accepted', async () => {
  const fields = validFields();
  delete fields.conditions;
  const { summary } = await refused(fields, [
    'Pour créer votre compte, acceptez les conditions générales d’utilisation et la notice sur les données personnelles.',
  ]);
  assert.equal(summary.length, 1);
});

test('a professional without company name, RCI or NIS is refused', async () => {
  await refused(
    validFields({ raison_sociale: '', rci: '', nis: '' }),
    [
      'Saisissez la raison sociale de votre entreprise.',
      'Saisissez le numéro RCI de votre entreprise.',
      'Saisissez le numéro NIS de votre entreprise.',
    ],
    'professionnel',
  );
  await refused(
    validFields({ raison_sociale: 'SARL', rci: '12/S-05678', nis: '<b>' }),
    [/^Le numéro RCI ne peut contenir/, /^Le numéro NIS ne peut contenir/],
    'professionnel',
  );
});

test('a sign-up posted without its anti-forgery token is refused with 403 and writes nothing', async () => {
  const before = await countAccounts();
  const response = await app.inject({
    method: 'POST',
    url: paths.accounts.signUpIndividual(),
    remoteAddress: nextIp(),
    payload: validFields(),
  });
  assert.equal(response.statusCode, 403);
  assert.equal(await countAccounts(), before);
});

test('names with a URL, digits, @, markup or control characters are refused with their message, and the values are kept', async () => {
  const phishing = 'URGENT: compte suspendu, payez sur https://evil.example/mc';
  for (const [prenom, nom] of [
    [phishing, 'Rossi'],
    ['Marie', 'evil.example'],
    ['Marie2', 'Rossi'],
    ['marie@example.mc', 'Rossi'],
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'],
    ['Marie\u202e', 'Rossi'],
    ['Marie\u0007', 'Rossi'],
    ['M'.repeat(61), 'Rossi'],
  ] as const) {
    const { response, page, summary } = await refused(validFields({ prenom, nom }), [/prénom|nom/]);
    assert.ok(
      summary.every((message) => /^Votre (prénom|nom) (ne peut contenir que|doit contenir au plus 60)/.test(message)),
      summary.join(' | '),
    );
    assert.equal(fieldByLabel(page, 'Prénom').getAttribute('value'), prenom, 'the value typed is kept');
    assert.doesNotMatch(response.body, /<script>alert|<img src=x/);
  }
});

test('names with accents, hyphens, apostrophes, dots and spaces are accepted, and the verification e-mail repeats none of them', async () => {
  for (const [prenom, nom] of [
    ['Zoë', 'N’Diaye'],
    ['Jean-Pierre', "N'Diaye"],
    ['Ødegaard', 'de la Tour'],
    ['J.-P.', 'Ødegaard'],
  ] as const) {
    const fields = validFields({ prenom, nom });
    const { response } = await signUp(fields);
    assert.equal(response.statusCode, 303, `${prenom} ${nom}`);
    const mail = await mailTo(fields.email!);
    assert.ok(!mail.text_body.includes(prenom), 'the first name is not in the e-mail to an unverified address');
    assert.ok(!mail.html_body.includes(prenom));
  }
});

test('in English, a name with a URL gets the English message', async () => {
  const form = await get(paths.accounts.signUpIndividual(), {}, { 'accept-language': 'en' });
  const response = await app.inject({
    method: 'POST',
    url: paths.accounts.signUpIndividual(),
    remoteAddress: nextIp(),
    headers: { cookie: cookieHeader(form.jar), 'accept-language': 'en' },
    payload: {
      _csrf: formToken(form.page, paths.accounts.signUpIndividual()),
      ...validFields({ prenom: 'www.evil.example' }),
    },
  });
  assert.equal(response.statusCode, 400);
  assert.match(errorSummary(parsePage(response.body)).join(' | '), /Your first name can only contain letters/);
});

test('sign-up posts are rate-limited per address', async () => {
  const ip = '192.0.2.200';
  const form = await get(paths.accounts.signUpIndividual());
  const statuses: number[] = [];
  for (let i = 0; i < 11; i += 1) {
    const response = await app.inject({
      method: 'POST',
      url: paths.accounts.signUpIndividual(),
      remoteAddress: ip,
      headers: { cookie: cookieHeader(form.jar) },
      payload: { _csrf: formToken(form.page, paths.accounts.signUpIndividual()) },
    });
    statuses.push(response.statusCode);
  }
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400));
  assert.equal(statuses[10], 429);
});
