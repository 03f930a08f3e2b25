/**
 * The changes made from "Mon profil", through the app, reading the e-mails it queues: personal details, e-mail address (with the link to the new address and the
 * notices to the old one), password, closing the account. Each bad input gets its message and
 * changes nothing; each change is audited.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildAccount, type AccountOverrides } from '../../../test/factories/accounts.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { FormClient } from '../../../test/helpers/form.ts';
import { all, bodyText, fieldByLabel, heading1, parsePage, text, type Page } from '../../../test/helpers/html.ts';
import { addSignInDoor, cookieHeader, cookiesOf, signIn, type CookieJar } from '../../../test/helpers/session.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { messagesFor } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { moveDossier } from '../dossiers/dossiers.service.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import { maskEmail } from './profile-changes.service.ts';
import { checkToken, issueToken } from './tokens.ts';

const { app, database, jobs } = await buildTestApp({ seed: false, jobs: true, routes: addSignInDoor });
assert.ok(jobs);
const db = database.db;

const PASSWORD = 'un cheval bleu mange des pommes';
const NEW_PASSWORD = 'la mouette rieuse survole le port';
const passwordHash = await hashPassword(PASSWORD);
const CHANGE_LINK = /http:\/\/localhost:3000\/confirmer-ma-nouvelle-adresse\/([A-Za-z0-9_-]+)/;
const TEN_KB = 'x'.repeat(10_240);
/** On the shipped list of the 10,000 most common passwords, and 16 characters long. */
const COMMON = 'passwordpassword';

let lastIp = 0;
/** Each request from its own address, so the per-IP limits stay out of the way unless a test wants them. */
const nextIp = () => {
  lastIp += 1;
  return `10.20.${(lastIp >> 8) & 255}.${lastIp & 255}`;
};

async function account(overrides: AccountOverrides = {}) {
  return buildAccount(db, { passwordHash, ...overrides });
}

/** A browser signed in to `accountId`: its cookie jar. */
async function browserOf(accountId: string): Promise<CookieJar> {
  const cookie = await signIn(app, accountId);
  const [name, value] = cookie.split('=') as [string, string];
  return { [name]: value };
}

const forms = new FormClient(app, { nextIp });

async function open(url: string, jar: CookieJar) {
  return forms.open(url, { jar });
}

/** Opens the form at `url` with the browser `jar` and posts `fields` with the form's token. */
async function submit(
  url: string,
  jar: CookieJar,
  fields: Record<string, string>,
  options: { withoutToken?: boolean; token?: string; ip?: string } = {},
) {
  // A page without a form (a link that no longer works): the browser's token is the one any other form shows.
  return forms.submit(url, fields, { ...options, jar, to: url, tokenFrom: paths.accounts.login() });
}

/** The messages of the error summary, with plain spaces (the catalogue puts non-breaking ones before « : » and inside « »). */
function errorSummary(page: Page): string[] {
  return all(page, '.error-summary li').map((li) => plain(text(li)));
}

function plain(value: string): string {
  return value.replace(/[\u00a0\u202f]/g, ' ');
}

async function row(accountId: string) {
  return db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
}

async function events(accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.event);
}

/** The e-mails queued for `address`, oldest first. */
async function mailsTo(address: string) {
  return queuedMails(db, address);
}

/** The e-mails queued for `address`, of which there are at least `count`. */
async function expectMails(address: string, count = 1) {
  const rows = await mailsTo(address);
  assert.ok(rows.length >= count, `${count} e-mail(s) to ${address}, found ${rows.length}`);
  return rows;
}

async function queuedFor(address: string): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from pgboss.job where name = 'mail.send' and lower(data->>'to') = ${address.toLowerCase()}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Mes informations
// ---------------------------------------------------------------------------------------------

const DETAILS = {
  civilite: 'monsieur',
  prenom: 'Jean-Marc',
  nom: 'Pastor',
  naissance_jour: '3',
  naissance_mois: '11',
  naissance_annee: '1979',
  telephone: '+377 93 15 00 00',
};

test('"Modifier mes informations" shows the current details, and saving them goes back to the profile with a notice', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const { response, page } = await open(paths.accounts.profileDetails(), jar);
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Modifier mes informations');
  assert.equal(fieldByLabel(page, 'Prénom').getAttribute('value'), 'Marie');
  assert.equal(fieldByLabel(page, 'Jour').getAttribute('value'), '12');
  assert.equal(fieldByLabel(page, 'Mois').getAttribute('value'), '4');
  assert.equal(fieldByLabel(page, 'Année').getAttribute('value'), '1985');

  const saved = await submit(paths.accounts.profileDetails(), jar, DETAILS);
  assert.equal(saved.response.statusCode, 303);
  assert.equal(saved.response.headers.location, '/mon-profil?info=informations');
  const after = await row(owner.id);
  assert.deepEqual(
    [after.civility, after.first_name, after.last_name, after.birth_date, after.phone, after.identifier, after.email],
    ['monsieur', 'Jean-Marc', 'Pastor', '1979-11-03', '+377 93 15 00 00', owner.identifier, owner.email],
  );
  const profile = await open(String(saved.response.headers.location), jar);
  assert.match(bodyText(profile.page), /Vos informations sont enregistrées\./);
  assert.match(bodyText(profile.page), /Pastor Jean-Marc/);
  const audit = await db
    .selectFrom('audit_event')
    .select('details')
    .where('account_id', '=', owner.id)
    .where('event', '=', 'profile.updated')
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    audit.details,
    { fields: 'civility,firstName,lastName,birthDate,phone' },
    'names of the fields, never their values',
  );
});

test('wrong details come back with every message, in the order of the page, the values typed, and nothing saved', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const before = await row(owner.id);
  const { response, page } = await submit(paths.accounts.profileDetails(), jar, {
    civilite: 'docteur',
    prenom: '',
    nom: TEN_KB,
    naissance_jour: '31',
    naissance_mois: '2',
    naissance_annee: '2001',
    telephone: '<script>',
  });
  assert.equal(response.statusCode, 400);
  assert.match(heading1(page), /Modifier mes informations/);
  assert.match(text(page.querySelector('title')), /^Erreur/);
  assert.deepEqual(errorSummary(page), [
    'Indiquez votre civilité.',
    'Saisissez votre prénom.',
    'Votre nom doit contenir au plus 60 caractères.',
    'La date de naissance doit être une date réelle, par exemple 27 3 1985.',
    'Le téléphone ne peut contenir que des chiffres, des espaces et les signes + ( ) -, 20 caractères au plus.',
  ]);
  assert.equal(fieldByLabel(page, 'Jour').getAttribute('value'), '31', 'the values typed are kept');
  assert.doesNotMatch(response.body, /<script>/);
  assert.deepEqual(await row(owner.id), before);
  assert.ok(!(await events(owner.id)).includes('profile.updated'));
});

test('a professional must keep a company name and numbers; an individual cannot add a company', async () => {
  const pro = await account({ kind: 'professionnel' });
  const proJar = await browserOf(pro.id);
  const page = await open(paths.accounts.profileDetails(), proJar);
  assert.equal(fieldByLabel(page.page, 'Raison sociale').getAttribute('value'), 'Boulangerie du Rocher SARL');
  const refused = await submit(paths.accounts.profileDetails(), proJar, {
    ...DETAILS,
    raison_sociale: '',
    rci: '',
    nis: 'NIS 12',
  });
  assert.equal(refused.response.statusCode, 400);
  assert.deepEqual(errorSummary(refused.page), [
    'Saisissez la raison sociale de votre entreprise.',
    'Saisissez le numéro RCI de votre entreprise.',
  ]);
  const saved = await submit(paths.accounts.profileDetails(), proJar, {
    ...DETAILS,
    raison_sociale: 'Boulangerie du Port',
    rci: '24S01234',
    nis: '1071Z 12345',
  });
  assert.equal(saved.response.statusCode, 303);
  assert.equal((await row(pro.id)).company_name, 'Boulangerie du Port');

  const individual = await account();
  const jar = await browserOf(individual.id);
  const posted = await submit(paths.accounts.profileDetails(), jar, {
    ...DETAILS,
    raison_sociale: 'Société écran',
    rci: '1',
    nis: '2',
  });
  assert.equal(posted.response.statusCode, 303);
  const after = await row(individual.id);
  assert.equal(after.company_name, null);
  assert.equal(after.kind, 'particulier');
});

test('a change always applies to the signed-in account, whatever id the request carries (IDOR)', async () => {
  const victim = await account();
  const attacker = await account();
  const jar = await browserOf(attacker.id);
  const before = await row(victim.id);
  const posted = await submit(`${paths.accounts.profileDetails()}?accountId=${victim.id}`, jar, {
    ...DETAILS,
    accountId: victim.id,
    id: victim.id,
    account_id: victim.id,
  });
  assert.equal(posted.response.statusCode, 303);
  assert.deepEqual(await row(victim.id), before);
  assert.equal((await row(attacker.id)).last_name, 'Pastor');
});

test('without the form’s token, or with another browser’s, the details do not change', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const other = await browserOf((await account()).id);
  const otherToken = (await open(paths.accounts.profileDetails(), other)).token;
  const before = await row(owner.id);
  const missing = await submit(paths.accounts.profileDetails(), jar, DETAILS, { withoutToken: true });
  assert.equal(missing.response.statusCode, 403);
  assert.match(bodyText(missing.page), /formulaire/i);
  const foreign = await submit(paths.accounts.profileDetails(), jar, DETAILS, { token: otherToken });
  assert.equal(foreign.response.statusCode, 403);
  assert.deepEqual(await row(owner.id), before);
});

test('an anonymous visitor is sent to the login page by every form of the profile', async () => {
  for (const url of [
    paths.accounts.profileDetails(),
    paths.accounts.profileEmail(),
    paths.accounts.profilePassword(),
    paths.accounts.profileClose(),
  ]) {
    const response = await app.inject({ url });
    assert.equal(response.statusCode, 303, url);
    assert.equal(response.headers.location, paths.accounts.login(url));
  }
});

// ---------------------------------------------------------------------------------------------
// Adresse e-mail
// ---------------------------------------------------------------------------------------------

async function changeLinkFor(address: string, nth = 1): Promise<string> {
  const mails = (await mailsTo(address)).filter((mail) => CHANGE_LINK.test(mail.text_body));
  assert.ok(mails.length >= nth, `${nth} change link(s) e-mailed to ${address}`);
  const match = CHANGE_LINK.exec(mails[nth - 1]?.text_body ?? '');
  assert.ok(match?.[1]);
  return paths.accounts.confirmEmailChange(match[1]);
}

test('changing the e-mail asks the password, sends a link to the new address, tells the old one, and changes nothing until the link is used', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const newAddress = `nouvelle.${owner.identifier}@example.org`;
  const form = await open(paths.accounts.profileEmail(), jar);
  assert.equal(heading1(form.page), 'Changer mon adresse e-mail');
  assert.equal(fieldByLabel(form.page, 'Votre mot de passe actuel').getAttribute('autocomplete'), 'current-password');

  const sent = await submit(paths.accounts.profileEmail(), jar, { email: newAddress, mot_de_passe: PASSWORD });
  assert.equal(sent.response.statusCode, 303);
  assert.equal(sent.response.headers.location, '/mon-profil?info=adresse-envoyee');
  assert.equal((await row(owner.id)).email, owner.email, 'not changed yet');
  const profile = await open(String(sent.response.headers.location), jar);
  assert.match(bodyText(profile.page), new RegExp(`Nous avons envoyé un lien à ${newAddress.replaceAll('.', '\\.')}`));
  assert.match(bodyText(profile.page), /En attente de confirmation/);

  const [warning] = await expectMails(owner.email);
  assert.equal(warning?.subject, 'Changement d’adresse e-mail demandé sur MonGuichet');
  assert.match(warning?.text_body ?? '', new RegExp(maskEmail(newAddress).replaceAll('.', '\\.')));
  assert.doesNotMatch(
    warning?.text_body ?? '',
    new RegExp(newAddress.replaceAll('.', '\\.')),
    'the old address sees the new one masked',
  );
  const link = await changeLinkFor(newAddress);

  const confirm = await app.inject({ url: link });
  assert.equal(confirm.statusCode, 200);
  assert.equal(confirm.headers['referrer-policy'], 'no-referrer');
  const confirmPage = parsePage(confirm.body);
  assert.equal(heading1(confirmPage), 'Confirmer ma nouvelle adresse e-mail');
  assert.equal((await row(owner.id)).email, owner.email, 'opening the link (a mail scanner) changes nothing');

  const done = await submit(link, {}, {});
  assert.equal(done.response.statusCode, 303);
  assert.equal(done.response.headers.location, paths.accounts.emailChanged());
  const after = await row(owner.id);
  assert.equal(after.email, newAddress);
  assert.equal(after.email_key, newAddress.toLowerCase());
  assert.ok(after.email_verified_at);
  const [, changed] = await expectMails(owner.email, 2);
  assert.equal(changed?.subject, 'L’adresse e-mail de votre compte MonGuichet a changé');

  const again = await submit(link, {}, {});
  assert.equal(again.response.statusCode, 410, 'the link works once');
  assert.match(bodyText(again.page), /déjà servi/);
  assert.deepEqual(
    (await events(owner.id)).filter((e) => e.startsWith('email.')),
    ['email.change_requested', 'email.changed'],
  );
});

test('the e-mail form refuses a missing, wrong or throttled password, bad addresses and the current one, and sends nothing', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const cases: [Record<string, string>, number, string[]][] = [
    [{ email: '', mot_de_passe: '' }, 400, ['Saisissez votre adresse e-mail.', 'Saisissez votre mot de passe actuel.']],
    [
      { email: 'pas-une-adresse', mot_de_passe: PASSWORD },
      400,
      ['Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.'],
    ],
    [
      { email: 'a@b.mc\r\nBcc: x@evil.example', mot_de_passe: PASSWORD },
      400,
      ['Saisissez une adresse e-mail valide, par exemple nom@exemple.mc.'],
    ],
    [
      { email: `${TEN_KB}@example.mc`, mot_de_passe: PASSWORD },
      400,
      ['Votre adresse e-mail doit contenir au plus 254 caractères.'],
    ],
    [
      { email: owner.email.toUpperCase(), mot_de_passe: PASSWORD },
      400,
      ['C’est déjà l’adresse de votre compte. Saisissez une autre adresse.'],
    ],
    [
      { email: 'autre@example.org', mot_de_passe: 'pas le bon mot de passe du tout' },
      400,
      ['Le mot de passe saisi n’est pas celui de votre compte.'],
    ],
    [
      { email: 'autre@example.org', mot_de_passe: TEN_KB },
      400,
      ['Le mot de passe saisi n’est pas celui de votre compte.'],
    ],
  ];
  for (const [fields, status, messages] of cases) {
    const { response, page } = await submit(paths.accounts.profileEmail(), jar, fields);
    assert.equal(response.statusCode, status, JSON.stringify(fields).slice(0, 80));
    assert.deepEqual(errorSummary(page), messages.map(plain));
  }
  assert.equal(await queuedFor('autre@example.org'), 0);
  assert.equal(await queuedFor(owner.email), 0);
  const tokens = await db.selectFrom('account_token').select('id').where('account_id', '=', owner.id).execute();
  assert.equal(tokens.length, 0);
  assert.equal((await events(owner.id)).filter((e) => e === 'reauth.failed').length, 2);

  // Three more wrong passwords reach the limit: then even the right one waits.
  for (let i = 0; i < 3; i += 1)
    await submit(paths.accounts.profileEmail(), jar, {
      email: 'autre@example.org',
      mot_de_passe: `mauvais mot de passe ${i} !`,
    });
  const throttled = await submit(paths.accounts.profileEmail(), jar, {
    email: 'autre@example.org',
    mot_de_passe: PASSWORD,
  });
  assert.equal(throttled.response.statusCode, 429);
  assert.ok(Number(throttled.response.headers['retry-after']) > 0);
  assert.match(errorSummary(throttled.page)[0] ?? '', /^Trop d’essais de mot de passe\. Réessayez dans 1 minute/);
  assert.equal(await queuedFor('autre@example.org'), 0);
});

test('a newer change link replaces the older one; cancelling or changing the address ends the pending links', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const first = `premiere.${owner.identifier}@example.org`;
  const second = `seconde.${owner.identifier}@example.org`;
  await submit(paths.accounts.profileEmail(), jar, { email: first, mot_de_passe: PASSWORD });
  const firstLink = await changeLinkFor(first);
  await submit(paths.accounts.profileEmail(), jar, { email: second, mot_de_passe: PASSWORD });
  const secondLink = await changeLinkFor(second);
  assert.equal((await app.inject({ url: firstLink })).statusCode, 410, 'the older link no longer works');

  const cancelled = await submit(
    paths.accounts.profileEmailCancel(),
    jar,
    {},
    { token: (await open(paths.accounts.profile(), jar)).token },
  );
  assert.equal(cancelled.response.statusCode, 303);
  assert.equal(cancelled.response.headers.location, '/mon-profil?info=adresse-annulee');
  assert.equal((await app.inject({ url: secondLink })).statusCode, 410);
  const profile = await open(paths.accounts.profile('adresse-annulee'), jar);
  assert.match(bodyText(profile.page), /Le changement d’adresse e-mail est annulé/);
  assert.doesNotMatch(bodyText(profile.page), /En attente de confirmation/);
  assert.equal((await row(owner.id)).email, owner.email);

  // A reset link e-mailed to the old address stops working once the address changes.
  const resetToken = await db
    .transaction()
    .execute((trx) => issueToken(trx, { accountId: owner.id, purpose: 'password_reset' }));
  const third = `troisieme.${owner.identifier}@example.org`;
  await submit(paths.accounts.profileEmail(), jar, { email: third, mot_de_passe: PASSWORD });
  const thirdLink = await changeLinkFor(third);
  assert.equal((await submit(thirdLink, {}, {})).response.statusCode, 303);
  assert.deepEqual(await checkToken(db, 'password_reset', resetToken), { ok: false, reason: 'used' });
});

test('an expired, tampered or unknown change link changes nothing', async () => {
  const owner = await account();
  const token = await db
    .transaction()
    .execute((trx) => issueToken(trx, { accountId: owner.id, purpose: 'email_change', email: 'expire@example.org' }));
  await db
    .updateTable('account_token')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('account_id', '=', owner.id)
    .execute();
  const expired = await submit(paths.accounts.confirmEmailChange(token), {}, {});
  assert.equal(expired.response.statusCode, 410);
  assert.match(bodyText(expired.page), /expiré/);
  const tampered = await app.inject({
    url: paths.accounts.confirmEmailChange(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
  });
  assert.equal(tampered.statusCode, 404);
  const garbage = await app.inject({ url: paths.accounts.confirmEmailChange('<script>') });
  assert.equal(garbage.statusCode, 404);
  // A password-reset token is not a change link.
  const reset = await db
    .transaction()
    .execute((trx) => issueToken(trx, { accountId: owner.id, purpose: 'password_reset' }));
  assert.equal((await app.inject({ url: paths.accounts.confirmEmailChange(reset) })).statusCode, 404);
  assert.equal((await row(owner.id)).email, owner.email);
});

// ---------------------------------------------------------------------------------------------
// Mot de passe
// ---------------------------------------------------------------------------------------------

test('changing the password asks the current one, ends the other sessions, renews this one, revokes reset links and sends a notice', async () => {
  const owner = await account();
  const phone = await browserOf(owner.id);
  const jar = await browserOf(owner.id);
  const resetToken = await db
    .transaction()
    .execute((trx) => issueToken(trx, { accountId: owner.id, purpose: 'password_reset' }));
  const form = await open(paths.accounts.profilePassword(), jar);
  assert.equal(heading1(form.page), 'Changer mon mot de passe');
  assert.match(bodyText(form.page), /Au moins 15 caractères/);

  const changed = await submit(paths.accounts.profilePassword(), jar, {
    mot_de_passe_actuel: PASSWORD,
    nouveau_mot_de_passe: NEW_PASSWORD,
    confirmation: NEW_PASSWORD,
  });
  assert.equal(changed.response.statusCode, 303);
  assert.equal(changed.response.headers.location, '/mon-profil?info=mot-de-passe');
  const hash = (await row(owner.id)).password_hash ?? '';
  assert.ok(await verifyPassword(hash, NEW_PASSWORD));
  assert.ok(!(await verifyPassword(hash, PASSWORD)));

  assert.notEqual(changed.jar.mg_session, jar.mg_session, 'this browser gets a new session id');
  assert.equal((await open(paths.accounts.profile(), jar)).response.statusCode, 303, 'the old id no longer works');
  assert.equal(
    (await open(paths.accounts.profile(), phone)).response.statusCode,
    303,
    'the other device is signed out',
  );
  const now = await open(String(changed.response.headers.location), changed.jar);
  assert.equal(now.response.statusCode, 200);
  assert.match(bodyText(now.page), /Votre mot de passe est changé\. Vos autres appareils ont été déconnectés\./);

  assert.deepEqual(await checkToken(db, 'password_reset', resetToken), { ok: false, reason: 'used' });
  const [mail] = await expectMails(owner.email);
  assert.equal(mail?.subject, 'Votre mot de passe MonGuichet a été changé');
  const audit = await db
    .selectFrom('audit_event')
    .select('details')
    .where('account_id', '=', owner.id)
    .where('event', '=', 'password.changed')
    .executeTakeFirstOrThrow();
  assert.deepEqual(audit.details, { via: 'profile', sessionsEnded: 1 });
});

test('the password form refuses each bad input with its message and keeps the password', async () => {
  const owner = await account({ identifier: `famille.rossi.${Date.now()}` });
  const jar = await browserOf(owner.id);
  const rules = messagesFor('fr').credentials.password.errors;
  const cases: [Record<string, string>, string[]][] = [
    [
      { mot_de_passe_actuel: '', nouveau_mot_de_passe: '', confirmation: '' },
      ['Saisissez votre mot de passe actuel.', rules.required, 'Saisissez à nouveau le nouveau mot de passe.'],
    ],
    [{ mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: 'court', confirmation: 'court' }, [rules.tooShort(15)]],
    [{ mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: COMMON, confirmation: COMMON }, [rules.common]],
    [
      {
        mot_de_passe_actuel: PASSWORD,
        nouveau_mot_de_passe: `${owner.identifier} 2026 !`,
        confirmation: `${owner.identifier} 2026 !`,
      },
      [rules.containsIdentifier],
    ],
    [{ mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: TEN_KB, confirmation: TEN_KB }, [rules.tooLong(128)]],
    [
      { mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: PASSWORD, confirmation: PASSWORD },
      ['Votre nouveau mot de passe doit être différent de l’actuel.'],
    ],
    [
      { mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}.` },
      ['Les deux mots de passe ne sont pas identiques.'],
    ],
    [
      {
        mot_de_passe_actuel: 'ce n’est pas le mot de passe',
        nouveau_mot_de_passe: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      },
      ['Le mot de passe saisi n’est pas celui de votre compte.'],
    ],
  ];
  for (const [fields, messages] of cases) {
    const { response, page } = await submit(paths.accounts.profilePassword(), jar, fields);
    assert.equal(response.statusCode, 400, JSON.stringify(fields).slice(0, 80));
    assert.deepEqual(errorSummary(page), messages.map(plain));
    assert.equal(page.querySelector('input[type="password"][value]'), null, 'no password is sent back');
  }
  assert.ok(await verifyPassword((await row(owner.id)).password_hash ?? '', PASSWORD));
  assert.equal(await queuedFor(owner.email), 0);
  assert.equal((await open(paths.accounts.profile(), jar)).response.statusCode, 200, 'still signed in');
});

// ---------------------------------------------------------------------------------------------
// Fermer mon compte
// ---------------------------------------------------------------------------------------------

test('closing the account needs the confirmation and the password, and waits for procedures in progress', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const form = await open(paths.accounts.profileClose(), jar);
  assert.equal(heading1(form.page), 'Fermer mon compte');
  assert.match(bodyText(form.page), /Ce qui est gardé/);

  const empty = await submit(paths.accounts.profileClose(), jar, {});
  assert.equal(empty.response.statusCode, 400);
  assert.deepEqual(errorSummary(empty.page), [
    'Saisissez votre mot de passe actuel.',
    'Pour fermer votre compte, cochez la case de confirmation.',
  ]);
  const wrong = await submit(paths.accounts.profileClose(), jar, {
    mot_de_passe: 'pas le bon mot de passe',
    confirmation: 'oui',
  });
  assert.deepEqual(errorSummary(wrong.page), ['Le mot de passe saisi n’est pas celui de votre compte.']);
  assert.equal(
    wrong.page.querySelector('input[name="confirmation"]')?.hasAttribute('checked'),
    true,
    'the box stays ticked',
  );

  const dossier = await buildDossier(db, {
    accountId: owner.id,
  });
  await db.transaction().execute((trx) => moveDossier(trx, dossier.id, 'en_cours'));
  const busy = await submit(paths.accounts.profileClose(), jar, { mot_de_passe: PASSWORD, confirmation: 'oui' });
  assert.equal(busy.response.statusCode, 400);
  assert.deepEqual(errorSummary(busy.page), [
    'Une de vos démarches est en cours : attendez qu’elle soit terminée avant de fermer votre compte.',
  ]);
  const still = await row(owner.id);
  assert.equal(still.closed_at, null);
  assert.equal(still.email, owner.email);
});

test('closing the account erases the personal details, ends every session, keeps the dossiers and says goodbye by e-mail', async () => {
  const owner = await account({ firstName: 'Zoé', lastName: 'Bianchi' });
  const phone = await browserOf(owner.id);
  const jar = await browserOf(owner.id);
  const dossier = await buildDossier(db, {
    accountId: owner.id,
  });
  await db.transaction().execute((trx) => issueToken(trx, { accountId: owner.id, purpose: 'password_reset' }));

  const closed = await submit(paths.accounts.profileClose(), jar, { mot_de_passe: PASSWORD, confirmation: 'oui' });
  assert.equal(closed.response.statusCode, 303);
  assert.equal(closed.response.headers.location, paths.accounts.closed());
  assert.ok(
    closed.response.cookies.some((c) => c.name === 'mg_session' && c.value === ''),
    'the session cookie is cleared',
  );
  const goodbye = await app.inject({ url: paths.accounts.closed() });
  assert.equal(heading1(parsePage(goodbye.body)), 'Votre compte est fermé');

  const after = await row(owner.id);
  assert.ok(after.closed_at);
  assert.match(after.identifier, /^ferme-[0-9a-f]{32}$/);
  assert.deepEqual(
    [
      after.email,
      after.first_name,
      after.last_name,
      after.civility,
      after.birth_date,
      after.phone,
      after.password_hash,
      after.email_verified_at,
    ],
    ['', '', '', null, null, null, null, null],
  );
  assert.equal(
    (await db.selectFrom('session').select('id_hash').where('account_id', '=', owner.id).execute()).length,
    0,
  );
  assert.equal(
    (await db.selectFrom('account_token').select('id').where('account_id', '=', owner.id).execute()).length,
    0,
  );
  assert.equal(
    (await db.selectFrom('dossier').select('id').where('id', '=', dossier.id).execute()).length,
    1,
    'the dossier is kept',
  );
  assert.ok((await events(owner.id)).includes('account.closed'));
  const [mail] = await expectMails(owner.email);
  assert.equal(mail?.subject, 'Votre compte MonGuichet est fermé');
  assert.match(mail?.text_body ?? '', new RegExp(owner.identifier.replaceAll('.', '\\.')));

  assert.equal(
    (await open(paths.accounts.profile(), phone)).response.statusCode,
    303,
    'the other device is signed out',
  );
  const login = await open(paths.accounts.login(), {});
  const attempt = await app.inject({
    method: 'POST',
    url: paths.accounts.login(),
    remoteAddress: nextIp(),
    headers: { cookie: cookieHeader(cookiesOf(login.response)) },
    payload: { _csrf: login.token, identifiant: owner.identifier, mot_de_passe: PASSWORD },
  });
  assert.equal(attempt.statusCode, 400);
  assert.deepEqual(errorSummary(parsePage(attempt.body)), ['Identifiant ou mot de passe incorrect.']);
  // The identifier is free again for someone else.
  assert.equal(
    (await db.selectFrom('account').select('id').where('identifier_key', '=', owner.identifier.toLowerCase()).execute())
      .length,
    0,
  );
});

test('the profile pages and e-mails are in English for an English-speaking visitor', async () => {
  const owner = await account({ language: 'en' });
  const jar = { ...(await browserOf(owner.id)), lang: 'en' };
  const page = await open(paths.accounts.profile(), jar);
  assert.equal(heading1(page.page), 'My profile');
  for (const [url, title] of [
    [paths.accounts.profileDetails(), 'Change my details'],
    [paths.accounts.profileEmail(), 'Change my e-mail address'],
    [paths.accounts.profilePassword(), 'Change my password'],
    [paths.accounts.profileClose(), 'Close my account'],
  ] as const) {
    assert.equal(heading1((await open(url, jar)).page), title, url);
  }
  const refused = await submit(paths.accounts.profileEmail(), jar, { email: '', mot_de_passe: '' });
  assert.deepEqual(errorSummary(refused.page), ['Enter your e-mail address.', 'Enter your current password.']);
  await submit(paths.accounts.profileEmail(), jar, {
    email: `new.${owner.identifier}@example.org`,
    mot_de_passe: PASSWORD,
  });
  const [mail] = await expectMails(`new.${owner.identifier}@example.org`);
  assert.equal(mail?.subject, 'Confirm your new MonGuichet e-mail address');
});

test('50 wrong current passwords posted at once get at most 5 verifies, then 429', async () => {
  const owner = await account();
  const jar = await browserOf(owner.id);
  const form = await open(paths.accounts.profileClose(), jar);
  const browser = { ...jar, ...cookiesOf(form.response) };
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      app.inject({
        method: 'POST',
        url: paths.accounts.profileClose(),
        remoteAddress: nextIp(),
        headers: { cookie: cookieHeader(browser) },
        payload: { _csrf: form.token, mot_de_passe: `pas le bon mot de passe ${i}`, confirmation: 'oui' },
      }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode);
  const evaluated = statuses.filter((s) => s === 400).length;
  assert.ok(evaluated <= 5, `${evaluated} wrong passwords were evaluated`);
  assert.equal(statuses.filter((s) => s === 429).length, 50 - evaluated);
  assert.ok((await events(owner.id)).filter((e) => e === 'reauth.failed').length <= 5);
  assert.equal((await row(owner.id)).closed_at, null);
});

test('changing the password inside an MConnect session keeps its origin, level and ID token for the logout', async () => {
  const owner = await account();
  const cookie = await signIn(app, owner.id, undefined, { acr: 'eidas2', idToken: 'header.payload.signature' });
  const [name, value] = cookie.split('=') as [string, string];
  const jar = { [name]: value };
  const changed = await submit(paths.accounts.profilePassword(), jar, {
    mot_de_passe_actuel: PASSWORD,
    nouveau_mot_de_passe: NEW_PASSWORD,
    confirmation: NEW_PASSWORD,
  });
  assert.equal(changed.response.statusCode, 303);
  assert.notEqual(changed.jar.mg_session, jar.mg_session, 'this browser gets a new session id');
  const sessions = await db
    .selectFrom('session')
    .select(['auth_method', 'auth_acr', 'mconnect_id_token'])
    .where('account_id', '=', owner.id)
    .execute();
  assert.deepEqual(sessions, [
    { auth_method: 'mconnect', auth_acr: 'eidas2', mconnect_id_token: 'header.payload.signature' },
  ]);
});
