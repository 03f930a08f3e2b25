import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { AccountRef } from '../src/db/account-rows.ts';
import type { Database } from '../src/db/database.ts';
import { accountRowsOf } from '../src/plugins/session.ts';
import { buildTestApp } from './helpers/app.ts';
import { bodyText, heading1, parsePage, text } from './helpers/html.ts';
import { buildAccount } from './factories/accounts.ts';
import { cookieHeader, cookiesOf } from './helpers/session.ts';

let changes = 0;

/** Rows of the account itself, by its id and its e-mail key: what a page could read with the session. */
const accountOwnRows = (db: Kysely<Database>, account: AccountRef) =>
  db
    .selectFrom('account')
    .select(['identifier', 'email_key', 'created_at'])
    .where('id', '=', account.id)
    .where('email_key', '=', account.emailKey);
const otherRows = (db: Kysely<Database>, account: AccountRef) =>
  db.selectFrom('dossier').select('reference').where('account_id', '=', account.id);

const { app, database } = await buildTestApp({
  routes(app) {
    // Test-only doors: open a session for an account, read who is signed in, fetch a form token.
    app.post<{ Body: { accountId: string } }>('/test-only/login', async (request, reply) => {
      await reply.startSession(request.body.accountId);
      return reply.redirect('/', 303);
    });
    app.get('/test-only/whoami', async (request) => ({ identifier: request.session?.identifier ?? null }));
    app.get('/test-only/form', async (request, reply) => ({ token: reply.csrfToken() }));
    // A page whose rows are read with the session (config.accountRows), and one that asks for rows it did not name.
    app.get('/test-only/my-rows', { config: { accountRows: accountOwnRows } }, async (request) => ({
      identifier: request.session?.identifier ?? null,
      rows: request.session ? accountRowsOf(request, accountOwnRows) : null,
      kept: request.sessionAccountRows,
    }));
    app.get('/test-only/other-rows', { config: { accountRows: accountOwnRows } }, async (request) => {
      assert.throws(() => accountRowsOf(request, otherRows), /reads other rows/);
      return { refused: true };
    });
    app.post('/test-only/change', async () => {
      changes += 1;
      return { changed: true };
    });
  },
});

/** A form token for a visitor holding `cookies` (anonymous by default), and the cookies after it. */
async function anonymousForm(cookies: Record<string, string> = {}) {
  const response = await app.inject({ url: '/test-only/form', headers: { cookie: cookieHeader(cookies) } });
  return { token: response.json<{ token: string }>().token, cookies: { ...cookies, ...cookiesOf(response) } };
}

/** Logs `accountId` in through the test door, with a valid anonymous token; returns the session cookies. */
async function login(accountId: string, previous: Record<string, string> = {}) {
  const form = await anonymousForm(previous);
  const cookies = form.cookies;
  const response = await app.inject({
    method: 'POST',
    url: '/test-only/login',
    headers: { cookie: cookieHeader(cookies) },
    payload: { accountId, _csrf: form.token },
  });
  assert.equal(response.statusCode, 303);
  return { ...cookies, ...cookiesOf(response) };
}

async function whoami(cookies: Record<string, string>) {
  return (await app.inject({ url: '/test-only/whoami', headers: { cookie: cookieHeader(cookies) } })).json<{
    identifier: string | null;
  }>().identifier;
}

test('a login opens a server-side session: the cookie is HttpOnly, SameSite=Lax, and the database keeps only its hash', async () => {
  const account = await buildAccount(database.db);
  const form = await anonymousForm();
  const response = await app.inject({
    method: 'POST',
    url: '/test-only/login',
    headers: { cookie: cookieHeader(form.cookies) },
    payload: { accountId: account.id, _csrf: form.token },
  });
  const cookie = response.cookies.find((c) => c.name === 'mg_session');
  assert.ok(cookie, 'a session cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.maxAge, undefined, 'the cookie ends with the browser');
  assert.ok(cookie.value.length >= 43, '256 random bits');
  const stored = await database.db
    .selectFrom('session')
    .select('id_hash')
    .where('account_id', '=', account.id)
    .execute();
  assert.equal(stored.length, 1);
  assert.notEqual(stored[0]!.id_hash, cookie.value);
  assert.equal(await whoami({ mg_session: cookie.value }), account.identifier);
});

test('every login gives a new session id, and the id held before no longer works (fixation)', async () => {
  const account = await buildAccount(database.db);
  const first = await login(account.id);
  const second = await login(account.id, first);
  assert.notEqual(second.mg_session, first.mg_session);
  assert.equal(await whoami({ mg_session: first.mg_session! }), null);
  assert.equal(await whoami(second), account.identifier);
});

test('a session idle for longer than 30 minutes, or older than 12 hours, has ended', async () => {
  const account = await buildAccount(database.db);
  const idle = await login(account.id);
  await database.db
    .updateTable('session')
    .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
    .where('account_id', '=', account.id)
    .execute();
  assert.equal(await whoami(idle), null);
  const count = await database.db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'the ended session row is deleted');

  const old = await login(account.id);
  await database.db
    .updateTable('session')
    .set({ expires_at: sql<Date>`now() - interval '1 second'` })
    .where('account_id', '=', account.id)
    .execute();
  assert.equal(await whoami(old), null);
});

test('a session of a closed account no longer works', async () => {
  const account = await buildAccount(database.db);
  const cookies = await login(account.id);
  await database.db.updateTable('account').set({ closed_at: new Date() }).where('id', '=', account.id).execute();
  assert.equal(await whoami(cookies), null);
});

test('a page’s rows read with the session are the signed-in account’s, and reach the page only while the session lives', async () => {
  const account = await buildAccount(database.db);
  const other = await buildAccount(database.db);
  const cookies = await login(account.id);
  await login(other.id);
  type MyRows = {
    identifier: string | null;
    rows: { identifier: string; email_key: string; created_at: string }[] | null;
    kept: unknown;
  };
  const read = async () =>
    (await app.inject({ url: '/test-only/my-rows', headers: { cookie: cookieHeader(cookies) } })).json<MyRows>();

  const live = await read();
  assert.equal(live.identifier, account.identifier);
  const created = await database.db
    .selectFrom('account')
    .select('created_at')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  assert.equal(live.rows?.length, 1, 'only the account’s own row');
  assert.equal(live.rows[0]?.identifier, account.identifier);
  assert.equal(live.rows[0]?.email_key, account.email.toLowerCase());
  // Through JSON, a timestamp comes back as its text, the same instant.
  assert.equal(new Date(live.rows[0]?.created_at ?? '').getTime(), created.created_at.getTime());

  assert.deepEqual((await app.inject({ url: '/test-only/my-rows' })).json<MyRows>(), {
    identifier: null,
    rows: null,
    kept: null,
  });
  assert.equal(
    (await app.inject({ url: '/test-only/other-rows', headers: { cookie: cookieHeader(cookies) } })).json<{
      refused: boolean;
    }>().refused,
    true,
  );

  // An idle session: the rows were read in its statement, but the page gets neither them nor the session.
  await database.db
    .updateTable('session')
    .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
    .where('account_id', '=', account.id)
    .execute();
  const idle = await read();
  assert.deepEqual(idle, { identifier: null, rows: null, kept: null });
  const left = await database.db.selectFrom('session').select('id_hash').where('account_id', '=', account.id).execute();
  assert.equal(left.length, 0, 'the ended session row is deleted');

  // A closed account's session: the same.
  const again = await login(account.id);
  await database.db.updateTable('account').set({ closed_at: new Date() }).where('id', '=', account.id).execute();
  const closed = (
    await app.inject({ url: '/test-only/my-rows', headers: { cookie: cookieHeader(again) } })
  ).json<MyRows>();
  assert.deepEqual(closed, { identifier: null, rows: null, kept: null });
});

test('requests that arrive together each get their own session and rows, never another’s', async () => {
  const accounts = await Promise.all(Array.from({ length: 12 }, () => buildAccount(database.db)));
  const signedIn = await Promise.all(accounts.map(async (account) => ({ account, cookies: await login(account.id) })));
  const gone = await buildAccount(database.db);
  const ended = await login(gone.id);
  await database.db.deleteFrom('session').where('account_id', '=', gone.id).execute();
  const visitors = [
    ...signedIn.map(({ account, cookies }) => ({ expected: account.identifier, cookies })),
    ...signedIn.map(({ account, cookies }) => ({ expected: account.identifier, cookies })),
    { expected: null, cookies: { mg_session: 'x'.repeat(43) } },
    { expected: null, cookies: ended },
  ];
  type MyRows = { identifier: string | null; rows: { identifier: string }[] | null };
  for (const url of ['/test-only/my-rows', '/test-only/whoami']) {
    const answers = await Promise.all(
      visitors.map(async ({ cookies }) =>
        (await app.inject({ url, headers: { cookie: cookieHeader(cookies) } })).json<MyRows>(),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.identifier),
      visitors.map((visitor) => visitor.expected),
      url,
    );
    if (url === '/test-only/my-rows')
      assert.deepEqual(
        answers.map((answer) => answer.rows?.map((row) => row.identifier) ?? null),
        visitors.map((visitor) => (visitor.expected === null ? null : [visitor.expected])),
      );
  }
});

test('logging out deletes the session; replaying its cookie finds no one', async () => {
  const account = await buildAccount(database.db);
  const cookies = await login(account.id);
  const page = parsePage((await app.inject({ url: '/', headers: { cookie: cookieHeader(cookies) } })).body);
  const token = page.querySelector('form.site-nav__logout input[name="_csrf"]')?.getAttribute('value');
  assert.ok(token, 'the header has a logout form with its token');
  const response = await app.inject({
    method: 'POST',
    url: '/deconnexion',
    headers: { cookie: cookieHeader(cookies) },
    payload: { _csrf: token },
  });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/deconnecte');
  assert.match(String(response.headers['set-cookie']), /mg_session=;/);
  assert.equal(await whoami(cookies), null);
  // The page says so, and offers to log in again; nobody is in the header any more.
  const done = parsePage((await app.inject({ url: '/deconnecte', headers: { cookie: cookieHeader(cookies) } })).body);
  assert.equal(text(done.querySelector('h1')), 'Vous êtes déconnecté(e)');
  assert.doesNotMatch(text(done.querySelector('main')), /MConnect/);
  assert.equal(done.querySelector('form.site-nav__logout'), null);
  const afterMconnect = parsePage((await app.inject({ url: '/deconnecte?mconnect=oui' })).body);
  assert.match(text(afterMconnect.querySelector('main')), /Vous êtes aussi déconnecté\(e\) de MConnect\./);
  const english = parsePage((await app.inject({ url: '/deconnecte', headers: { cookie: 'lang=en' } })).body);
  assert.equal(text(english.querySelector('h1')), 'You are logged out');
});

test('signed in, the person’s name and "Se déconnecter" are inside the header’s "Menu", beside their sections', async () => {
  const account = await buildAccount(database.db, { firstName: 'Camille', lastName: 'Grimaldi' });
  const cookies = await login(account.id);
  const page = parsePage(
    (await app.inject({ url: '/mes-demarches', headers: { cookie: cookieHeader(cookies) } })).body,
  );
  assert.equal([...page.querySelectorAll('nav[aria-label="Menu principal"]')].length, 1, 'one main navigation');
  const nav = page.querySelector('header details.site-menu > nav[aria-label="Menu principal"]');
  assert.ok(nav, 'the main navigation is inside the "Menu" disclosure');
  assert.equal(text(nav.querySelector('.site-nav__user')), 'Camille Grimaldi');
  assert.equal(text(nav.querySelector('form.site-nav__logout button[type="submit"]')), 'Se déconnecter');
  assert.deepEqual(
    [...nav.querySelectorAll('a')].map((a) => text(a)),
    ['Démarches', 'Aide', 'Mes démarches', 'Mes enfants', 'Mes factures', 'Mon profil', 'English'],
  );
  const current = [...nav.querySelectorAll('a[aria-current="page"]')].map((a) => text(a));
  assert.deepEqual(current, ['Mes démarches'], 'the current section stays marked inside the menu');
});

test('a form posted without its token, with a wrong one, or with another visitor’s, is refused and changes nothing', async () => {
  const before = changes;
  const mine = await anonymousForm();
  const theirs = await anonymousForm();
  const attempts = [
    { cookies: mine.cookies, payload: {} },
    { cookies: mine.cookies, payload: { _csrf: 'x'.repeat(43) } },
    { cookies: mine.cookies, payload: { _csrf: theirs.token } },
    { cookies: {}, payload: { _csrf: mine.token } },
    { cookies: mine.cookies, payload: { _csrf: [mine.token, mine.token] } },
  ];
  for (const attempt of attempts) {
    const response = await app.inject({
      method: 'POST',
      url: '/test-only/change',
      headers: { cookie: cookieHeader(attempt.cookies) },
      payload: attempt.payload,
    });
    assert.equal(response.statusCode, 403, JSON.stringify(attempt.payload));
    assert.equal(heading1(parsePage(response.body)), 'Le formulaire n’est plus valide');
    assert.match(bodyText(parsePage(response.body)), /Rien n’a été enregistré/);
  }
  assert.equal(changes, before);
  const ok = await app.inject({
    method: 'POST',
    url: '/test-only/change',
    headers: { cookie: cookieHeader(mine.cookies) },
    payload: { _csrf: mine.token },
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(changes, before + 1);
});

test('a form posted from another site is refused even with a valid token', async () => {
  const before = changes;
  const form = await anonymousForm();
  for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }]) {
    const response = await app.inject({
      method: 'POST',
      url: '/test-only/change',
      headers: { cookie: cookieHeader(form.cookies), ...headers },
      payload: { _csrf: form.token },
    });
    assert.equal(response.statusCode, 403, JSON.stringify(headers));
  }
  assert.equal(changes, before);
  const sameSite = await app.inject({
    method: 'POST',
    url: '/test-only/change',
    headers: { cookie: cookieHeader(form.cookies), origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
    payload: { _csrf: form.token },
  });
  assert.equal(sameSite.statusCode, 200);
});

test('a form on a page sent without referrer (Origin: null) passes when the browser marks it same-origin, and only then', async () => {
  const form = await anonymousForm();
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/test-only/change',
      headers: { cookie: cookieHeader(form.cookies), ...headers },
      payload: { _csrf: form.token },
    });
  const before = changes;
  for (const fetchSite of ['cross-site', 'same-site', 'none']) {
    assert.equal((await post({ origin: 'null', 'sec-fetch-site': fetchSite })).statusCode, 403, fetchSite);
  }
  assert.equal(changes, before);
  assert.equal((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode, 200);
  assert.equal(changes, before + 1);
  const noToken = await app.inject({
    method: 'POST',
    url: '/test-only/change',
    headers: { cookie: cookieHeader(form.cookies), origin: 'null', 'sec-fetch-site': 'same-origin' },
    payload: {},
  });
  assert.equal(noToken.statusCode, 403, 'the token is still required');
});

test('signed in, only the session’s own token is accepted', async () => {
  const account = await buildAccount(database.db);
  const cookies = await login(account.id);
  const anonymous = await anonymousForm();
  const refused = await app.inject({
    method: 'POST',
    url: '/test-only/change',
    headers: { cookie: cookieHeader(cookies) },
    payload: { _csrf: anonymous.token },
  });
  assert.equal(refused.statusCode, 403);
  const token = (await app.inject({ url: '/test-only/form', headers: { cookie: cookieHeader(cookies) } })).json<{
    token: string;
  }>().token;
  const accepted = await app.inject({
    method: 'POST',
    url: '/test-only/change',
    headers: { cookie: cookieHeader(cookies) },
    payload: { _csrf: token },
  });
  assert.equal(accepted.statusCode, 200);
});

test('a signed-in visitor gets pages with their name, never cached; anonymous visitors never see that name', async () => {
  const account = await buildAccount(database.db, { firstName: 'Giulia', lastName: 'Testa' });
  const cookies = await login(account.id);
  const mine = await app.inject({ url: '/aide', headers: { cookie: cookieHeader(cookies) } });
  assert.match(bodyText(parsePage(mine.body)), /Giulia Testa/);
  assert.equal(mine.headers['cache-control'], 'no-store');
  assert.equal(mine.headers.etag, undefined);
  const anonymous = await app.inject('/aide');
  assert.doesNotMatch(anonymous.body, /Giulia|Testa/);
  assert.match(bodyText(parsePage(anonymous.body)), /Se connecter/);
});

test('a forged or oversized session cookie is ignored and cleared', async () => {
  for (const value of ['forged', 'x'.repeat(5000)]) {
    const response = await app.inject({ url: '/test-only/whoami', headers: { cookie: `mg_session=${value}` } });
    assert.equal(response.json<{ identifier: string | null }>().identifier, null);
  }
});

test('behind HTTPS the cookies take the __Host- prefix and Secure', async () => {
  const { app: secure, database: secureDb } = await buildTestApp({
    seed: false,
    env: { PUBLIC_URL: 'https://monguichet.example' },
    routes(app) {
      app.get('/test-only/form', async (request, reply) => ({ token: reply.csrfToken() }));
      app.post<{ Body: { accountId: string } }>('/test-only/login', async (request, reply) => {
        await reply.startSession(request.body.accountId);
        return reply.redirect('/', 303);
      });
    },
  });
  const account = await buildAccount(secureDb.db);
  const form = await secure.inject('/test-only/form');
  const csrfCookie = form.cookies.find((c) => c.name === '__Host-mg_csrf');
  assert.ok(csrfCookie?.secure);
  const response = await secure.inject({
    method: 'POST',
    url: '/test-only/login',
    headers: { cookie: `__Host-mg_csrf=${csrfCookie.value}` },
    payload: { accountId: account.id, _csrf: form.json<{ token: string }>().token },
  });
  const session = response.cookies.find((c) => c.name === '__Host-mg_session');
  assert.ok(session?.secure);
  assert.equal(session.path, '/');
  assert.equal(session.domain, undefined);
});
