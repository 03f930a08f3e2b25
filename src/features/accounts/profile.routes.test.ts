import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { all, bodyText, heading1, parsePage, text } from '../../../test/helpers/html.ts';
import { addSignInDoor, signIn } from '../../../test/helpers/session.ts';

const { app, database } = await buildTestApp({ seed: false, routes: addSignInDoor });

function signedIn(accountId: string, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'): Promise<string> {
  return signIn(app, accountId, userAgent);
}

async function profilePage(cookie: string) {
  const response = await app.inject({ url: '/mon-profil', headers: { cookie } });
  const page = parsePage(response.body);
  const token = page.querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  return { response, page, token };
}

test('"Mon profil" asks an anonymous visitor to log in first', async () => {
  const response = await app.inject('/mon-profil');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/connexion?retour=%2Fmon-profil');
});

test('the profile shows the account’s own details, escaped', async () => {
  const account = await buildAccount(database.db, { firstName: '<script>alert(1)</script>', lastName: 'Rossi' });
  const { response, page } = await profilePage(await signedIn(account.id));
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), 'Mon profil');
  const details = bodyText(page);
  assert.match(details, new RegExp(account.identifier));
  assert.match(details, new RegExp(account.email.replace('.', '\\.')));
  assert.match(details, /12 avril 1985/);
  assert.doesNotMatch(response.body, /<script>alert/);
  assert.match(response.body, /&lt;script>alert/, 'shown as text');
});

test('the language of e-mails can be changed, and a value that is not offered is refused with a message', async () => {
  const account = await buildAccount(database.db, { language: 'fr' });
  const cookie = await signedIn(account.id);
  const { token } = await profilePage(cookie);
  const refused = await app.inject({
    method: 'POST',
    url: '/mon-profil/langue',
    headers: { cookie },
    payload: { _csrf: token, langue: 'de' },
  });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(
    all(parsePage(refused.body), '.error-summary li').map((li) => text(li)),
    ['Choisissez la langue de vos e-mails.'],
  );
  const saved = await app.inject({
    method: 'POST',
    url: '/mon-profil/langue',
    headers: { cookie },
    payload: { _csrf: token, langue: 'en' },
  });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/mon-profil?info=langue');
  const row = await database.db
    .selectFrom('account')
    .select('language')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.language, 'en');
  const after = await app.inject({ url: String(saved.headers.location), headers: { cookie } });
  assert.match(bodyText(parsePage(after.body)), /La langue de vos e-mails est enregistrée/);
  const forged = await app.inject({
    method: 'POST',
    url: '/mon-profil/langue',
    headers: { cookie },
    payload: { langue: 'fr' },
  });
  assert.equal(forged.statusCode, 403, 'without the form token nothing changes');
  const still = await database.db
    .selectFrom('account')
    .select('language')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.equal(still.language, 'en');
});

test('the signed-in devices are listed, and "Déconnecter mes autres appareils" ends all but this one', async () => {
  const account = await buildAccount(database.db);
  const phone = await signedIn(account.id, 'Mozilla/5.0 (Linux; Android 15) Chrome/140.0 Mobile Safari/537.36');
  const laptop = await signedIn(account.id);
  const { page, token } = await profilePage(laptop);
  const rows = all(page, '.device-list > li').map((row) => text(row));
  assert.equal(rows.length, 2);
  assert.ok(
    rows.some((r) => /Firefox · Linux.*Cet appareil/.test(r)),
    rows.join(' | '),
  );
  assert.ok(
    rows.some((r) => /Chrome · Android/.test(r)),
    rows.join(' | '),
  );
  const response = await app.inject({
    method: 'POST',
    url: '/mon-profil/appareils',
    headers: { cookie: laptop },
    payload: { _csrf: token },
  });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/mon-profil?info=appareils-1');
  const notice = await app.inject({ url: String(response.headers.location), headers: { cookie: laptop } });
  assert.match(bodyText(parsePage(notice.body)), /Un autre appareil a été déconnecté/);
  const phoneNow = await app.inject({ url: '/mon-profil', headers: { cookie: phone } });
  assert.equal(phoneNow.statusCode, 303, 'the phone was logged out');
  const events = await database.db
    .selectFrom('audit_event')
    .select('event')
    .where('account_id', '=', account.id)
    .execute();
  assert.ok(events.some((e) => e.event === 'sessions.ended'));
});

test('"Télécharger mes données" gives the account’s data as JSON, without any secret', async () => {
  const account = await buildAccount(database.db, {
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA',
  });
  await buildDossier(database.db, {
    accountId: account.id,
  });
  const cookie = await signedIn(account.id);
  const response = await app.inject({ url: '/mon-profil/mes-donnees.json', headers: { cookie } });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.match(
    String(response.headers['content-disposition']),
    /^attachment; filename="monguichet-mes-donnees\.json"$/,
  );
  const data = response.json<{ account: { identifier: string }; dossiers: unknown[]; sessions: unknown[] }>();
  assert.equal(data.account.identifier, account.identifier);
  assert.equal(data.dossiers.length, 1);
  assert.equal(data.sessions.length, 1);
  assert.doesNotMatch(response.body, /argon2|password_hash|id_hash|csrf|token_hash/);
});
