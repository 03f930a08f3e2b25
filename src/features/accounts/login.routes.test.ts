import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildApp } from '../../app.ts';
import { connectDatabase } from '../../db/connect.ts';
import { sql } from 'kysely';
import { auditCount } from '../../../test/helpers/audit.ts';
import { StatementRecorder } from '../../../test/helpers/statements.ts';
import { buildTestApp, testConfig } from '../../../test/helpers/app.ts';
import { FormClient } from '../../../test/helpers/form.ts';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { all, bodyText, fieldByLabel, heading1, linkHref, parsePage, text } from '../../../test/helpers/html.ts';
import { cookieHeader, type CookieJar } from '../../../test/helpers/session.ts';
import { hash as argon2Hash } from '@node-rs/argon2';
import { HASH_OPTIONS, hashPassword, needsRehash } from './credentials.ts';

const { app, database } = await buildTestApp({ seed: false, jobs: true });
const PASSWORD = 'un cheval bleu mange des pommes';
const passwordHash = await hashPassword(PASSWORD);

type Jar = CookieJar;
const header = cookieHeader;

/** Opens the login page like a browser: its form token and the cookies it set. */
async function openLogin(url = '/connexion', jar: Jar = {}, target = app) {
  return new FormClient(target).open(url, { jar });
}

async function submit(
  fields: Record<string, string>,
  options: { url?: string; ip?: string; target?: typeof app } = {},
) {
  return new FormClient(options.target ?? app).submit(options.url ?? '/connexion', fields, {
    ip: options.ip ?? '198.51.100.7',
  });
}

function errorSummary(page: ReturnType<typeof parsePage>): string[] {
  return all(page, '.error-summary li').map((li) => text(li));
}

test('the login page asks for the identifier and the password, with the recovery and sign-up links', async () => {
  const { response, page } = await openLogin();
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Se connecter');
  assert.equal(fieldByLabel(page, 'Identifiant').getAttribute('autocomplete'), 'username');
  const password = fieldByLabel(page, 'Mot de passe');
  assert.equal(password.getAttribute('type'), 'password');
  assert.equal(password.getAttribute('autocomplete'), 'current-password');
  assert.equal(linkHref(page, 'Identifiant oublié'), '/identifiant-oublie');
  assert.equal(linkHref(page, 'Mot de passe oublié'), '/mot-de-passe-oublie');
  assert.equal(linkHref(page, 'Créer mon compte'), '/creer-mon-compte');
  assert.match(bodyText(page), /Me connecter/);
});

test('the right identifier and password open a session and go back to the page that asked', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  const { response, jar } = await submit(
    { identifiant: account.identifier.toUpperCase(), mot_de_passe: PASSWORD },
    { url: '/connexion?retour=%2Faide' },
  );
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/aide');
  assert.ok(jar.mg_session);
  const home = await app.inject({ url: '/', headers: { cookie: header(jar) } });
  assert.match(bodyText(parsePage(home.body)), /Marie Rossi/);
  const audit = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .execute();
  assert.deepEqual(
    audit.map((a) => a.event),
    ['login.succeeded'],
  );
});

test('after login the visitor is never sent to another site: a forged return leads to "Mes démarches"', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  for (const retour of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
    const { response } = await submit(
      { identifiant: account.identifier, mot_de_passe: PASSWORD },
      { url: `/connexion?retour=${encodeURIComponent(retour)}` },
    );
    assert.equal(response.headers.location, '/mes-demarches', retour);
  }
});

test('a wrong password, an unknown identifier and a closed account get the same answer', async () => {
  const open = await buildAccount(database.db, { passwordHash });
  const closed = await buildAccount(database.db, { passwordHash, closed: true });
  const noPassword = await buildAccount(database.db, { passwordHash: null });
  const answers = [];
  for (const [identifiant, motDePasse] of [
    [open.identifier, 'ce n est pas le bon mot de passe'],
    ['personne.inconnue', PASSWORD],
    [closed.identifier, PASSWORD],
    [noPassword.identifier, PASSWORD],
  ] as const) {
    const { response, page } = await submit(
      { identifiant, mot_de_passe: motDePasse },
      { ip: `192.0.2.${answers.length + 10}` },
    );
    answers.push({
      status: response.statusCode,
      errors: errorSummary(page),
      session: response.cookies.some((c) => c.name === 'mg_session'),
    });
  }
  for (const answer of answers)
    assert.deepEqual(answer, { status: 400, errors: ['Identifiant ou mot de passe incorrect.'], session: false });
});

test('empty fields are each named in the error summary and beside the field, and the identifier typed is kept', async () => {
  const { response, page } = await submit({ identifiant: '', mot_de_passe: '' });
  assert.equal(response.statusCode, 400);
  assert.deepEqual(errorSummary(page), ['Saisissez votre identifiant.', 'Saisissez votre mot de passe.']);
  assert.equal(linkHref(page, 'Saisissez votre identifiant.'), '#champ-identifiant');
  assert.match(heading1(page), /Se connecter/);
  assert.match(page.title, /^Erreur/);
  const kept = await submit({ identifiant: 'marie.rossi', mot_de_passe: '' });
  assert.equal(fieldByLabel(kept.page, 'Identifiant').getAttribute('value'), 'marie.rossi');
  assert.equal(fieldByLabel(kept.page, 'Mot de passe').getAttribute('value'), null, 'a password is never sent back');
});

test('oversized, malicious or odd input gets the same clear answer, never a server error', async () => {
  const inputs = [
    { identifiant: 'x'.repeat(10_000), mot_de_passe: 'y'.repeat(10_000) },
    { identifiant: "' OR 1=1 --", mot_de_passe: "' OR 1=1 --" },
    { identifiant: '{"$ne":null}', mot_de_passe: '{"$ne":null}' },
    { identifiant: '<script>alert(1)</script>', mot_de_passe: 'x' },
    { identifiant: '\u0000\u202e', mot_de_passe: '\u0000' },
  ];
  for (const [i, fields] of inputs.entries()) {
    const { response } = await submit(fields, { ip: `203.0.113.${i + 50}` });
    assert.equal(response.statusCode, 400, fields.identifiant.slice(0, 20));
    assert.doesNotMatch(response.body, /<script>alert/);
  }
});

test('a login form posted without its token is refused and opens no session', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  const response = await app.inject({
    method: 'POST',
    url: '/connexion',
    payload: { identifiant: account.identifier, mot_de_passe: PASSWORD },
  });
  assert.equal(response.statusCode, 403);
  assert.ok(!response.cookies.some((c) => c.name === 'mg_session'));
});

test('after 5 wrong passwords the 6th attempt is refused even with the right password, until the delay passes', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  for (let i = 0; i < 5; i += 1) {
    const { response } = await submit(
      { identifiant: account.identifier, mot_de_passe: `mauvais mot de passe ${i}` },
      { ip: `198.18.0.${i + 1}` },
    );
    assert.equal(response.statusCode, 400);
  }
  const refused = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.18.0.99' });
  assert.equal(refused.response.statusCode, 429);
  assert.match(errorSummary(refused.page)[0] ?? '', /Trop de tentatives de connexion/);
  assert.ok(Number(refused.response.headers['retry-after']) > 0);
  const events = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .orderBy('id')
    .execute();
  assert.ok(events.some((e) => e.event === 'login.locked'));
  const queued = await sql<{
    n: string;
  }>`select count(*)::text as n from pgboss.job where name = 'mail.send' and data->>'to' = ${account.email}`.execute(
    database.db,
  );
  assert.equal(queued.rows[0]?.n, '1', 'one e-mail tells the owner that logins are blocked');

  // The delay passes: the right password works again and the counter starts over.
  await database.db
    .updateTable('throttle')
    .set({ blocked_until: sql<Date>`now() - interval '1 second'` })
    .execute();
  const accepted = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.18.0.99' });
  assert.equal(accepted.response.statusCode, 303);
});

test('a second process sharing the database sees the same failure counter', async () => {
  const access = database.access;
  const second =
    access.kind === 'postgres' ? await connectDatabase({ kind: 'postgres', url: access.url, poolMax: 2 }) : database;
  const other = await buildApp({ config: testConfig(), database: second, logger: false });
  after(async () => {
    await other.close();
    if (second !== database) await second.close();
  });
  const account = await buildAccount(database.db, { passwordHash });
  for (let i = 0; i < 3; i += 1)
    await submit({ identifiant: account.identifier, mot_de_passe: `faux ${i}` }, { ip: `198.19.0.${i}` });
  for (let i = 3; i < 5; i += 1)
    await submit(
      { identifiant: account.identifier, mot_de_passe: `faux ${i}` },
      { ip: `198.19.0.${i}`, target: other },
    );
  const refused = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.19.0.50' });
  assert.equal(refused.response.statusCode, 429, 'five failures split over two processes lock the account');
});

test('a signed-in visitor who opens the login page goes straight on', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  const { jar } = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD });
  const response = await app.inject({ url: '/connexion?retour=%2Faide', headers: { cookie: header(jar) } });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/aide');
});

test('login posts from one address are limited per minute, LOGIN_RATE_LIMIT_PER_MINUTE of them (30 by default)', async () => {
  const limited = await buildApp({ config: testConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: '2' }), database, logger: false });
  after(() => limited.close());
  const statuses = [];
  for (let i = 0; i < 3; i += 1)
    statuses.push(
      (await submit({ identifiant: '', mot_de_passe: '' }, { ip: '198.20.0.1', target: limited })).response.statusCode,
    );
  assert.deepEqual(statuses, [400, 400, 429]);
  for (let i = 0; i < 30; i += 1)
    assert.equal((await submit({ identifiant: '', mot_de_passe: '' }, { ip: '198.20.0.2' })).response.statusCode, 400);
  assert.equal((await submit({ identifiant: '', mot_de_passe: '' }, { ip: '198.20.0.2' })).response.statusCode, 429);
});

test('50 wrong passwords posted at once for one identifier get at most 5 verifies, then 429', async () => {
  const account = await buildAccount(database.db, { passwordHash });
  const forms = await Promise.all(Array.from({ length: 50 }, () => openLogin()));
  const responses = await Promise.all(
    forms.map((form, i) =>
      app.inject({
        method: 'POST',
        url: form.action,
        remoteAddress: `198.21.${Math.floor(i / 10)}.${i % 10}`,
        headers: { cookie: header(form.jar) },
        payload: { _csrf: form.token, identifiant: account.identifier, mot_de_passe: `mauvais mot de passe ${i}` },
      }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode);
  const evaluated = statuses.filter((s) => s === 400).length;
  assert.ok(evaluated <= 5, `${evaluated} wrong passwords were evaluated`);
  assert.equal(statuses.filter((s) => s === 429).length, 50 - evaluated);
  const failed = await auditCount(database.db, account.id, 'login.failed');
  assert.ok(failed <= 5, `${failed} verifies failed`);
  const right = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.21.9.9' });
  assert.equal(right.response.statusCode, 429, 'the right password waits for the lock too');
});

test('wrong passwords of several people behind one address never refuse another person’s right password', async () => {
  const ip = '198.22.0.1';
  for (let i = 0; i < 8; i += 1) {
    const other = await buildAccount(database.db, { passwordHash });
    const { response } = await submit({ identifiant: other.identifier, mot_de_passe: `faute de frappe ${i}` }, { ip });
    assert.equal(response.statusCode, 400);
  }
  const account = await buildAccount(database.db, { passwordHash });
  const right = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip });
  assert.equal(right.response.statusCode, 303, 'the family member behind the same address signs in');
});

test('a password spray from one IPv6 /64 is answered 429 past 100 failures an hour, and a right password still signs in', async () => {
  const spraying = await buildApp({
    config: testConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }),
    database,
    logger: false,
  });
  after(() => spraying.close());
  for (let i = 0; i < 100; i += 1) {
    const { response } = await submit(
      { identifiant: `personne.${i}`, mot_de_passe: 'motdepasse123456' },
      { ip: `2001:db8:22::${(i + 1).toString(16)}`, target: spraying },
    );
    // The 100th failure starts the address's wait.
    assert.equal(response.statusCode, i < 99 ? 400 : 429, `guess ${i + 1}`);
  }
  const next = await submit(
    { identifiant: 'personne.suivante', mot_de_passe: 'motdepasse123456' },
    { ip: '2001:db8:22:0:ffff::9', target: spraying },
  );
  assert.equal(next.response.statusCode, 429, 'the same /64 is slowed');
  assert.ok(Number(next.response.headers['retry-after']) > 0);
  assert.match(errorSummary(next.page)[0] ?? '', /votre réseau/);
  const elsewhere = await submit(
    { identifiant: 'personne.suivante', mot_de_passe: 'motdepasse123456' },
    { ip: '2001:db8:23::1', target: spraying },
  );
  assert.equal(elsewhere.response.statusCode, 400, 'another /64 is not');
  const account = await buildAccount(database.db, { passwordHash });
  const right = await submit(
    { identifiant: account.identifier, mot_de_passe: PASSWORD },
    { ip: '2001:db8:22::abcd', target: spraying },
  );
  assert.equal(right.response.statusCode, 303, 'a right password from the busy network is accepted');
});

test('a right password costs two statements: the attempt counted with the account read, then the session with the attempt forgotten and the event', async () => {
  const recorder = new StatementRecorder(database.db);
  const recorded = await buildApp({
    config: testConfig(),
    database: { ...database, db: database.db.withPlugin(recorder) },
    logger: false,
  });
  after(() => recorded.close());
  const account = await buildAccount(database.db, { passwordHash });
  const ip = '198.23.0.1';
  const wrong = await submit({ identifiant: account.identifier, mot_de_passe: 'pas le bon mot de passe' }, { ip });
  assert.equal(wrong.response.statusCode, 400);
  const counted = await database.db
    .selectFrom('throttle')
    .select('failures')
    .where('key', '=', `login:id:${account.identifier.toLowerCase()}`)
    .executeTakeFirst();
  assert.equal(counted?.failures, 1, 'the wrong password stays counted');

  const form = await openLogin('/connexion', {}, recorded);
  recorder.recording = true;
  const response = await recorded.inject({
    method: 'POST',
    url: form.action,
    remoteAddress: ip,
    headers: { cookie: header(form.jar) },
    payload: { _csrf: form.token, identifiant: account.identifier, mot_de_passe: PASSWORD },
  });
  recorder.recording = false;
  assert.equal(response.statusCode, 303);
  assert.equal(recorder.statements.length, 2, recorder.statements.join('\n'));
  const [first = '', second = ''] = recorder.statements;
  assert.match(first, /^with "counted" as \(insert into "throttle"/);
  assert.match(first, /left join "account"/);
  assert.match(second, /delete from "throttle"/);
  assert.match(second, /insert into "audit_event"/);
  assert.match(second, /insert into "session"/);

  const left = await database.db
    .selectFrom('throttle')
    .select('failures')
    .where('key', '=', `login:id:${account.identifier.toLowerCase()}`)
    .executeTakeFirst();
  assert.equal(left, undefined, 'the right password forgets the failures counted before it');
  const events = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    events.map((e) => e.event),
    ['login.failed', 'login.succeeded'],
  );
  const sessions = await database.db.selectFrom('session').select('ip').where('account_id', '=', account.id).execute();
  assert.deepEqual(sessions, [{ ip }]);
});

test('a right password checked against a hash made with older parameters is hashed again with today’s', async () => {
  const oldHash = await argon2Hash(PASSWORD, { ...HASH_OPTIONS, timeCost: 1, memoryCost: 8192 });
  assert.ok(needsRehash(oldHash));
  const account = await buildAccount(database.db, { passwordHash: oldHash });
  const { response } = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.23.0.2' });
  assert.equal(response.statusCode, 303);
  const stored = await database.db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.ok(stored.password_hash && stored.password_hash !== oldHash);
  assert.equal(needsRehash(stored.password_hash), false);
  const again = await submit({ identifiant: account.identifier, mot_de_passe: PASSWORD }, { ip: '198.23.0.2' });
  assert.equal(again.response.statusCode, 303, 'the new hash checks the same password');
});
