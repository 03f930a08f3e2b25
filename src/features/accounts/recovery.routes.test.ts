/**
 * "Identifiant oublié" and "Mot de passe oublié", through the app, reading the e-mails it queues:
 * what each form answers, which e-mails leave (and which never do),
 * and what a reset link can and cannot do.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { paths } from '../../paths.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { FormClient } from '../../../test/helpers/form.ts';
import { buildAccount, type AccountOverrides } from '../../../test/factories/accounts.ts';
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
import { cookieHeader, type CookieJar } from '../../../test/helpers/session.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { hashPassword } from './credentials.ts';
import { RECOVERY_IP_POLICY } from './recovery.service.ts';
import { recordFailure } from './throttle.service.ts';
import { issueToken } from './tokens.ts';

const { app, database, jobs } = await buildTestApp({ seed: false, jobs: true });
assert.ok(jobs);

const OLD_PASSWORD = 'un cheval bleu mange des pommes';
const NEW_PASSWORD = 'la mouette rieuse survole le port';
const oldHash = await hashPassword(OLD_PASSWORD);
const RESET_LINK = /http:\/\/localhost:3000\/nouveau-mot-de-passe\/([A-Za-z0-9_-]+)/;

type Jar = CookieJar;

/** Every request comes from its own address unless told, so the per-IP limits stay out of the way. */
let lastIp = 0;
const nextIp = () => {
  lastIp += 1;
  return `10.${(lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
};

const forms = new FormClient(app, { nextIp });

/** Opens a page with a form like a browser: its anti-forgery token, its action and the cookies set. */
async function openForm(url: string, jar: Jar = {}) {
  return forms.open(url, { jar });
}

interface SubmitOptions {
  readonly jar?: Jar;
  readonly ip?: string;
  readonly headers?: Record<string, string>;
  readonly withoutToken?: boolean;
}

/** Opens the form at `url` and posts `fields` with its token. */
async function submit(url: string, fields: Record<string, string>, options: SubmitOptions = {}) {
  // A page without a form (an expired link): the browser's token is the one any other form shows.
  return forms.submit(url, fields, { ...options, tokenFrom: paths.accounts.forgottenPassword() });
}

function errorSummary(page: Page): string[] {
  return all(page, '.error-summary li').map((li) => text(li));
}

/** The e-mails queued for `address`, oldest first. */
async function mailsTo(address: string) {
  return queuedMails(database.db, address);
}

/** The e-mails queued for `address`, of which there are at least `count`. */
async function expectMails(address: string, count = 1) {
  const rows = await mailsTo(address);
  assert.ok(rows.length >= count, `${count} e-mail(s) to ${address}, found ${rows.length}`);
  return rows;
}

/** How many e-mails were queued for `address` (delivered or not). */
async function queuedFor(address: string): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from pgboss.job where name = 'mail.send' and lower(data->>'to') = ${address.toLowerCase()}`.execute(
    database.db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** How many e-mails were queued in all (blank jobs, which send nothing, left out). */
async function queuedTotal(): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from pgboss.job where name = 'mail.send' and data ? 'to'`.execute(database.db);
  return Number(rows[0]?.n ?? 0);
}

async function account(overrides: AccountOverrides = {}) {
  return buildAccount(database.db, { passwordHash: oldHash, ...overrides });
}

async function passwordHashOf(accountId: string): Promise<string | null> {
  const row = await database.db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

async function login(identifier: string, password: string) {
  return submit(paths.accounts.login(), { identifiant: identifier, mot_de_passe: password });
}

/** Asks for a reset link for `identifier` and returns the path of the n-th reset link e-mailed to `email`. */
async function requestResetLink(identifier: string, email: string, nth = 1): Promise<string> {
  const { response } = await submit(paths.accounts.forgottenPassword(), { identifiant: identifier });
  assert.equal(response.statusCode, 303);
  const links = (await mailsTo(email)).filter((mail) => RESET_LINK.test(mail.text_body));
  assert.ok(links.length >= nth, `${nth} reset link(s) e-mailed to ${email}`);
  const match = RESET_LINK.exec(links[nth - 1]?.text_body ?? '');
  assert.ok(match?.[1], 'the e-mail carries a reset link');
  return paths.accounts.resetPassword(match[1]);
}

async function setNewPassword(
  linkPath: string,
  password: string,
  confirmation = password,
  options: SubmitOptions = {},
) {
  return submit(linkPath, { mot_de_passe: password, confirmation }, options);
}

// ---------------------------------------------------------------------------------------------
// Identifiant oublié
// ---------------------------------------------------------------------------------------------

test('the forgotten-identifier page asks for the e-mail address of the account', async () => {
  const { response, page } = await openForm(paths.accounts.forgottenIdentifier());
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Identifiant oublié');
  const field = fieldByLabel(page, 'Adresse e-mail');
  assert.equal(field.getAttribute('type'), 'email');
  assert.equal(field.getAttribute('autocomplete'), 'email');
});

test('one e-mail lists every identifier that uses the address, and only those, in the account’s language', async () => {
  const email = 'famille.verdi@example.mc';
  const first = await account({ identifier: 'giulia.verdi', email, language: 'en' });
  const second = await account({ identifier: 'marco.verdi', email: 'Famille.Verdi@example.mc', language: 'en' });
  const closed = await account({ identifier: 'ancien.verdi', email, closed: true });
  const unverified = await account({ identifier: 'pas.verifie', email, emailVerified: false });
  const other = await account({ identifier: 'autre.personne', email: 'autre.personne@example.mc' });

  const { response } = await submit(paths.accounts.forgottenIdentifier(), { email: 'FAMILLE.verdi@example.mc' });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, paths.accounts.forgottenIdentifierSent());
  const sent = await app.inject({ url: paths.accounts.forgottenIdentifierSent() });
  assert.equal(heading1(parsePage(sent.body)), 'Vérifiez vos e-mails');

  const [mail] = await expectMails(first.email);
  assert.ok(mail);
  assert.equal(mail.subject, 'Your MonGuichet identifier');
  assert.match(mail.text_body, /Here are the identifiers of the MonGuichet accounts/);
  assert.match(mail.text_body, /^- giulia\.verdi$/m);
  assert.match(mail.text_body, /^- marco\.verdi$/m);
  for (const absent of [closed, unverified, other])
    assert.doesNotMatch(mail.text_body, new RegExp(absent.identifier.replace('.', '\\.')));
  assert.doesNotMatch(mail.text_body, /nouveau-mot-de-passe|password_hash|\$argon2/);
  assert.match(mail.text_body, /http:\/\/localhost:3000\/connexion/);
  assert.match(mail.html_body, /<li>giulia\.verdi<\/li>/);
  assert.equal(await queuedFor(first.email), 1, 'one e-mail, not one per account');
  assert.equal(await queuedFor(other.email), 0);

  const events = await database.db
    .selectFrom('audit_event')
    .select(['event', 'account_id'])
    .where('account_id', 'in', [first.id, second.id])
    .execute();
  assert.deepEqual(events.map((e) => e.event).sort(), [
    'identifier.reminder_requested',
    'identifier.reminder_requested',
  ]);
});

test('a single account gets its identifier in French when that is its language', async () => {
  const only = await account({ identifier: 'lucie.bianchi', email: 'lucie.bianchi@example.mc' });
  await submit(paths.accounts.forgottenIdentifier(), { email: only.email });
  const [mail] = await expectMails(only.email);
  assert.equal(mail?.subject, 'Votre identifiant MonGuichet');
  assert.match(mail?.text_body ?? '', /Voici l’identifiant du compte MonGuichet/);
  assert.match(mail?.text_body ?? '', /^- lucie\.bianchi$/m);
});

test('an address without an account gets the same answer as a known one, and no e-mail', async () => {
  const known = await account({ email: 'connu@example.mc' });
  const answers = [];
  for (const email of [known.email, 'inconnu@example.mc']) {
    const { response } = await submit(paths.accounts.forgottenIdentifier(), { email });
    const next = await app.inject({ url: response.headers.location ?? '' });
    answers.push({
      status: response.statusCode,
      location: response.headers.location,
      body: response.body,
      page: next.statusCode,
      pageBody: next.body,
    });
  }
  assert.deepEqual(answers[0], answers[1]);
  await expectMails(known.email);
  assert.equal(await queuedFor('inconnu@example.mc'), 0);
});

test('an empty, malformed, header-injecting or oversized address is refused with its message, kept in the field, and nothing is sent', async () => {
  const before = await queuedTotal();
  const cases = [
    { email: '', message: 'Saisissez votre adresse e-mail.' },
    { email: 'pas-une-adresse', message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.' },
    { email: 'a@b.c\r\nBcc:x@evil', message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.' },
    { email: 'a@b.c%0d%0aBcc:x@evil', message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.' },
    { email: 'a@b.c,x@evil.example', message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.' },
    {
      email: `${'x'.repeat(10_000)}@example.mc`,
      message: 'Votre adresse e-mail doit contenir au plus 254 caractères.',
    },
  ];
  for (const { email, message } of cases) {
    const { response, page } = await submit(paths.accounts.forgottenIdentifier(), { email });
    assert.equal(response.statusCode, 400, email.slice(0, 30));
    assert.deepEqual(errorSummary(page), [message], email.slice(0, 30));
    assert.match(page.title, /^Erreur/);
    assert.equal(linkHref(page, message), '#champ-email');
  }
  const kept = await submit(paths.accounts.forgottenIdentifier(), { email: 'pas-une-adresse' });
  assert.equal(fieldByLabel(kept.page, 'Adresse e-mail').getAttribute('value'), 'pas-une-adresse');
  assert.equal(await queuedTotal(), before);
});

test('three requests from one network silence it for that address, but the owner asking from elsewhere still gets the e-mail', async () => {
  const target = await account({ email: 'souvent@example.mc' });
  const locations = new Set<string | undefined>();
  for (let i = 0; i < 6; i += 1) {
    const { response } = await submit(
      paths.accounts.forgottenIdentifier(),
      { email: target.email },
      { ip: '192.0.2.60' },
    );
    assert.equal(response.statusCode, 303);
    locations.add(response.headers.location);
  }
  assert.deepEqual([...locations], [paths.accounts.forgottenIdentifierSent()]);
  assert.equal(await queuedFor(target.email), 3);
  await submit(paths.accounts.forgottenIdentifier(), { email: target.email }, { ip: '198.51.100.60' });
  assert.equal(await queuedFor(target.email), 4, 'the owner, from another address, gets the e-mail');
});

test('one IP address asking for many addresses is stopped after a generous number, with the same page', async () => {
  const ip = '192.0.2.77';
  const target = await account({ email: 'derniere@example.mc' });
  // As if 30 requests had come from this address within the hour (the form's own per-minute
  // limit would answer 429 before that many could be posted in a test).
  for (let i = 0; i < RECOVERY_IP_POLICY.freeFailures; i += 1)
    await recordFailure(database.db, [`recovery:ip:${ip}`], RECOVERY_IP_POLICY);
  const { response } = await submit(paths.accounts.forgottenIdentifier(), { email: target.email }, { ip });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, paths.accounts.forgottenIdentifierSent());
  assert.equal(await queuedFor(target.email), 0);
});

// ---------------------------------------------------------------------------------------------
// Mot de passe oublié
// ---------------------------------------------------------------------------------------------

test('the forgotten-password page asks for the identifier and links to the forgotten-identifier page', async () => {
  const { response, page } = await openForm(paths.accounts.forgottenPassword());
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Mot de passe oublié');
  assert.equal(fieldByLabel(page, 'Identifiant').getAttribute('autocomplete'), 'username');
  assert.equal(linkHref(page, 'J’ai aussi oublié mon identifiant'), paths.accounts.forgottenIdentifier());
});

test('an unknown identifier gets the same answer as a known one, and no e-mail is sent', async () => {
  const known = await account();
  const before = await queuedTotal();
  const answers = [];
  for (const identifiant of [known.identifier, 'personne.inconnue']) {
    const { response } = await submit(paths.accounts.forgottenPassword(), { identifiant });
    const next = await app.inject({ url: response.headers.location ?? '' });
    answers.push({
      status: response.statusCode,
      location: response.headers.location,
      body: response.body,
      page: next.statusCode,
      pageBody: next.body,
    });
  }
  assert.deepEqual(answers[0], answers[1]);
  assert.equal(heading1(parsePage(answers[0]?.pageBody ?? '')), 'Vérifiez vos e-mails');
  assert.equal(await queuedTotal(), before + 1);
  assert.equal(await queuedFor(known.email), 1);
});

test('an empty, oversized or e-mail-shaped identifier is refused with its message and nothing is sent', async () => {
  const before = await queuedTotal();
  const cases = [
    { identifiant: '', message: 'Saisissez votre identifiant.' },
    { identifiant: 'x'.repeat(10_000), message: 'Votre identifiant contient au plus 64 caractères.' },
    {
      identifiant: 'marie@example.mc',
      message:
        'Saisissez votre identifiant, pas votre adresse e-mail. Si vous l’avez oublié, utilisez « Identifiant oublié ».',
    },
  ];
  for (const { identifiant, message } of cases) {
    const { response, page } = await submit(paths.accounts.forgottenPassword(), { identifiant });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      errorSummary(page).map((m) => m.replace(/\u00a0|\u202f/g, ' ')),
      [message],
    );
  }
  const kept = await submit(paths.accounts.forgottenPassword(), { identifiant: 'marie@example.mc' });
  assert.equal(fieldByLabel(kept.page, 'Identifiant').getAttribute('value'), 'marie@example.mc');
  assert.equal(await queuedTotal(), before);
});

test('the e-mailed link sets a new password once: old password refused, new one accepted, other sessions ended, owner told, no session opened', async () => {
  const owner = await account();
  const elsewhere = await login(owner.identifier, OLD_PASSWORD);
  assert.equal(elsewhere.response.statusCode, 303);
  assert.ok(elsewhere.jar.mg_session);

  const link = await requestResetLink(owner.identifier, owner.email);
  const [requestMail] = await mailsTo(owner.email);
  assert.equal(requestMail?.subject, 'Choisir un nouveau mot de passe MonGuichet');
  assert.match(requestMail?.text_body ?? '', /valable une heure/);

  const form = await openForm(link);
  assert.equal(form.response.statusCode, 200);
  assert.equal(form.response.headers['referrer-policy'], 'no-referrer');
  assert.equal(heading1(form.page), 'Choisir un nouveau mot de passe');
  assert.equal(fieldByLabel(form.page, 'Nouveau mot de passe').getAttribute('type'), 'password');
  assert.equal(fieldByLabel(form.page, 'Nouveau mot de passe').getAttribute('autocomplete'), 'new-password');
  assert.equal(fieldByLabel(form.page, 'Confirmez le nouveau mot de passe').getAttribute('type'), 'password');

  const done = await setNewPassword(link, NEW_PASSWORD);
  assert.equal(done.response.statusCode, 303);
  assert.equal(done.response.headers.location, paths.accounts.passwordChanged());
  assert.equal(done.response.headers['referrer-policy'], 'no-referrer');
  assert.ok(!done.response.cookies.some((c) => c.name === 'mg_session'), 'the resetting browser is not signed in');
  const confirmation = await app.inject({
    url: paths.accounts.passwordChanged(),
    headers: { cookie: cookieHeader(done.jar) },
  });
  const confirmationPage = parsePage(confirmation.body);
  assert.equal(heading1(confirmationPage), 'Votre mot de passe a été changé');
  assert.equal(linkHref(confirmationPage, 'Se connecter'), paths.accounts.login());
  assert.doesNotMatch(bodyText(confirmationPage), /Marie Rossi/);

  const sessions = await database.db
    .selectFrom('session')
    .select('id_hash')
    .where('account_id', '=', owner.id)
    .execute();
  assert.equal(sessions.length, 0, 'every session of the account ended');
  const home = await app.inject({ url: '/', headers: { cookie: cookieHeader(elsewhere.jar) } });
  assert.doesNotMatch(bodyText(parsePage(home.body)), /Marie Rossi/);

  assert.equal((await login(owner.identifier, OLD_PASSWORD)).response.statusCode, 400);
  assert.equal((await login(owner.identifier, NEW_PASSWORD)).response.statusCode, 303);

  const mails = await expectMails(owner.email, 2);
  assert.equal(mails[1]?.subject, 'Votre mot de passe MonGuichet a été changé');
  assert.doesNotMatch(mails[1]?.text_body ?? '', RESET_LINK);
  const changedAt = await database.db
    .selectFrom('account')
    .select('password_changed_at')
    .where('id', '=', owner.id)
    .executeTakeFirstOrThrow();
  assert.ok(changedAt.password_changed_at);

  const hashAfterReset = await passwordHashOf(owner.id);
  const again = await openForm(link);
  assert.equal(again.response.statusCode, 410);
  assert.equal(heading1(again.page), 'Lien expiré ou déjà utilisé');
  assert.equal(linkHref(again.page, 'Demander un nouveau lien'), paths.accounts.forgottenPassword());
  const reused = await setNewPassword(link, 'encore un tout autre mot de passe');
  assert.equal(reused.response.statusCode, 410);
  assert.equal(await passwordHashOf(owner.id), hashAfterReset, 'the password did not change again');

  const events = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', owner.id)
    .orderBy('id')
    .execute();
  const names = events.map((e) => e.event);
  for (const event of ['password.reset_requested', 'password.reset_used', 'password.changed'])
    assert.ok(names.includes(event), event);
});

test('an expired link shows the expired page and changes nothing', async () => {
  const owner = await account();
  const link = await requestResetLink(owner.identifier, owner.email);
  await database.db
    .updateTable('account_token')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('account_id', '=', owner.id)
    .execute();
  const page = await openForm(link);
  assert.equal(page.response.statusCode, 410);
  assert.equal(heading1(page.page), 'Lien expiré ou déjà utilisé');
  const attempt = await setNewPassword(link, NEW_PASSWORD);
  assert.equal(attempt.response.statusCode, 410);
  assert.equal(heading1(attempt.page), 'Lien expiré ou déjà utilisé');
  assert.equal(await passwordHashOf(owner.id), oldHash);
});

test('asking for a second link makes the first one stop working', async () => {
  const owner = await account();
  const older = await requestResetLink(owner.identifier, owner.email, 1);
  const newer = await requestResetLink(owner.identifier, owner.email, 2);
  assert.notEqual(older, newer);
  assert.equal((await openForm(older)).response.statusCode, 410);
  assert.equal((await setNewPassword(older, NEW_PASSWORD)).response.statusCode, 410);
  assert.equal(await passwordHashOf(owner.id), oldHash);
  assert.equal((await openForm(newer)).response.statusCode, 200);
});

test('a tampered token or a token made for something else is refused; a link changes only its own account', async () => {
  const owner = await account();
  const bystander = await account();
  const link = await requestResetLink(owner.identifier, owner.email);
  const token = link.split('/').pop() ?? '';
  const tampered = paths.accounts.resetPassword(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
  for (const bad of [tampered, paths.accounts.resetPassword('abc'), paths.accounts.resetPassword(`${token}x`)]) {
    assert.equal((await openForm(bad)).response.statusCode, 410, bad);
    assert.equal((await setNewPassword(bad, NEW_PASSWORD)).response.statusCode, 410, bad);
  }
  const verification = await issueToken(database.db, { accountId: bystander.id, purpose: 'email_verification' });
  assert.equal(
    (await setNewPassword(paths.accounts.resetPassword(verification), NEW_PASSWORD)).response.statusCode,
    410,
  );
  assert.equal(await passwordHashOf(bystander.id), oldHash);

  assert.equal((await setNewPassword(link, NEW_PASSWORD)).response.statusCode, 303);
  assert.notEqual(await passwordHashOf(owner.id), oldHash);
  assert.equal(await passwordHashOf(bystander.id), oldHash, 'the other account is untouched');
});

test('guessing reset tokens from one address is cut short: past 30 tries a minute the answer is 429', async () => {
  const ip = nextIp();
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    const guess = paths.accounts.resetPassword(randomBytes(32).toString('base64url'));
    const response = await app.inject({ url: guess, remoteAddress: ip });
    statuses.push(response.statusCode);
  }
  assert.deepEqual([...new Set(statuses.slice(0, 30))], [410], 'each guess finds nothing');
  assert.equal(statuses[30], 429);
});

test('the reset form refuses a short, common, oversized or personal password, or two different ones, with the right message, and the link still works', async () => {
  const owner = await account({ identifier: 'paolo.conti', firstName: 'Paolo', lastName: 'Conti' });
  const link = await requestResetLink(owner.identifier, owner.email);
  const cases = [
    { password: 'court', confirmation: 'court', field: 'mot_de_passe', message: /au moins 15 caractères/ },
    {
      password: 'monguichet2024monguichet',
      confirmation: 'monguichet2024monguichet',
      field: 'mot_de_passe',
      message: /fait partie des plus utilisés/,
    },
    {
      password: 'x'.repeat(10_000),
      confirmation: 'x'.repeat(10_000),
      field: 'mot_de_passe',
      message: /au plus 128 caractères/,
    },
    {
      password: 'paolo.conti aime la mer',
      confirmation: 'paolo.conti aime la mer',
      field: 'mot_de_passe',
      message: /ne doit pas contenir votre identifiant/,
    },
    { password: '', confirmation: '', field: 'mot_de_passe', message: /Choisissez un mot de passe/ },
    { password: NEW_PASSWORD, confirmation: '', field: 'confirmation', message: /Saisissez une deuxième fois/ },
    {
      password: NEW_PASSWORD,
      confirmation: `${NEW_PASSWORD}!`,
      field: 'confirmation',
      message: /Les deux mots de passe ne sont pas identiques/,
    },
  ];
  for (const { password, confirmation, field, message } of cases) {
    const { response, page } = await setNewPassword(link, password, confirmation);
    assert.equal(response.statusCode, 400, password.slice(0, 20));
    const summary = errorSummary(page);
    assert.equal(summary.length, 1);
    assert.match(summary[0] ?? '', message);
    assert.equal(all(page, '.error-summary a')[0]?.getAttribute('href'), `#champ-${field}`);
    assert.equal(
      fieldByLabel(page, 'Nouveau mot de passe').getAttribute('value'),
      null,
      'a password is never sent back',
    );
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
  }
  assert.equal(await passwordHashOf(owner.id), oldHash);
  assert.equal((await openForm(link)).response.statusCode, 200);
});

test('a form posted without its anti-forgery token is refused and changes nothing', async () => {
  const owner = await account();
  const before = await queuedTotal();
  for (const [url, fields] of [
    [paths.accounts.forgottenIdentifier(), { email: owner.email }],
    [paths.accounts.forgottenPassword(), { identifiant: owner.identifier }],
  ] as const) {
    const { response } = await submit(url, fields, { withoutToken: true });
    assert.equal(response.statusCode, 403, url);
  }
  assert.equal(await queuedTotal(), before);

  const link = await requestResetLink(owner.identifier, owner.email);
  const { response } = await setNewPassword(link, NEW_PASSWORD, NEW_PASSWORD, { withoutToken: true });
  assert.equal(response.statusCode, 403);
  assert.equal(await passwordHashOf(owner.id), oldHash);
  assert.equal((await openForm(link)).response.statusCode, 200, 'the link still works');
});

test('three reset requests from one network silence it for that identifier, but the owner asking from elsewhere still gets a link', async () => {
  const owner = await account();
  for (let i = 0; i < 5; i += 1) {
    const { response } = await submit(
      paths.accounts.forgottenPassword(),
      { identifiant: owner.identifier.toUpperCase() },
      { ip: '192.0.2.61' },
    );
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, paths.accounts.forgottenPasswordSent());
  }
  assert.equal(await queuedFor(owner.email), 3);
  await submit(paths.accounts.forgottenPassword(), { identifiant: owner.identifier }, { ip: '198.51.100.61' });
  assert.equal(await queuedFor(owner.email), 4, 'the owner, from another address, gets a link');
});

test('requests for one identifier from many addresses send 10 links an hour, then one each time a 5-minute wait ends', async () => {
  const owner = await account();
  for (let i = 0; i < 14; i += 1) await submit(paths.accounts.forgottenPassword(), { identifiant: owner.identifier });
  assert.equal(await queuedFor(owner.email), 10);
  const wait = await database.db
    .selectFrom('throttle')
    .select('blocked_until')
    .where('key', '=', `recovery:id:${owner.identifier.toLowerCase()}`)
    .executeTakeFirstOrThrow();
  const waitSeconds = ((wait.blocked_until?.getTime() ?? 0) - Date.now()) / 1000;
  assert.ok(waitSeconds > 0 && waitSeconds <= 300, `the wait is at most 5 minutes (${waitSeconds} s)`);
  // The wait ends: the next request sends a link again.
  await database.db
    .updateTable('throttle')
    .set({ blocked_until: sql<Date>`now() - interval '1 second'` })
    .where('key', '=', `recovery:id:${owner.identifier.toLowerCase()}`)
    .execute();
  await submit(paths.accounts.forgottenPassword(), { identifiant: owner.identifier });
  assert.equal(await queuedFor(owner.email), 11);
});

test('a forged Host or X-Forwarded-Host header does not change the e-mailed link, which is in the account’s language', async () => {
  const owner = await account({ language: 'en' });
  const { response } = await submit(
    paths.accounts.forgottenPassword(),
    { identifiant: owner.identifier },
    { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } },
  );
  assert.equal(response.statusCode, 303);
  const [mail] = await expectMails(owner.email);
  assert.equal(mail?.subject, 'Choose a new MonGuichet password');
  assert.match(mail?.text_body ?? '', RESET_LINK);
  assert.doesNotMatch(`${mail?.text_body ?? ''}${mail?.html_body ?? ''}`, /evil\.example/);
});

test('two submissions of one link at the same moment change the password only once', async () => {
  const owner = await account();
  const link = await requestResetLink(owner.identifier, owner.email);
  const [first, second] = await Promise.all([
    setNewPassword(link, NEW_PASSWORD),
    setNewPassword(link, 'un autre mot de passe tout aussi long'),
  ]);
  assert.deepEqual([first.response.statusCode, second.response.statusCode].sort(), [303, 410]);
  const winner = first.response.statusCode === 303 ? NEW_PASSWORD : 'un autre mot de passe tout aussi long';
  assert.equal((await login(owner.identifier, winner)).response.statusCode, 303);
  const used = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', owner.id)
    .where('event', '=', 'password.reset_used')
    .execute();
  assert.equal(used.length, 1);
});

test('the recovery pages and the reset page speak English when asked', async () => {
  const owner = await account({ language: 'fr' });
  const headers = { 'accept-language': 'en' };
  const identifierPage = parsePage((await app.inject({ url: paths.accounts.forgottenIdentifier(), headers })).body);
  assert.equal(heading1(identifierPage), 'Forgotten identifier');
  fieldByLabel(identifierPage, 'E-mail address');
  const passwordPage = parsePage((await app.inject({ url: paths.accounts.forgottenPassword(), headers })).body);
  assert.equal(heading1(passwordPage), 'Forgotten password');
  const link = await requestResetLink(owner.identifier, owner.email);
  const [mail] = await mailsTo(owner.email);
  assert.equal(
    mail?.subject,
    'Choisir un nouveau mot de passe MonGuichet',
    'the e-mail follows the account, not the page',
  );
  const resetPage = parsePage((await app.inject({ url: link, headers, remoteAddress: nextIp() })).body);
  assert.equal(heading1(resetPage), 'Choose a new password');
  fieldByLabel(resetPage, 'Confirm the new password');
  const expiredPage = parsePage(
    (await app.inject({ url: paths.accounts.resetPassword('x'.repeat(43)), headers, remoteAddress: nextIp() })).body,
  );
  assert.equal(heading1(expiredPage), 'Link expired or already used');
});

test('a reset lifts a login lock on the account, so the new password works at once', async () => {
  const owner = await account();
  for (let i = 0; i < 5; i += 1) await login(owner.identifier, `mauvais mot de passe numéro ${i}`);
  assert.equal((await login(owner.identifier, OLD_PASSWORD)).response.statusCode, 429);
  const link = await requestResetLink(owner.identifier, owner.email);
  assert.equal((await setNewPassword(link, NEW_PASSWORD)).response.statusCode, 303);
  assert.equal((await login(owner.identifier, NEW_PASSWORD)).response.statusCode, 303);
});
