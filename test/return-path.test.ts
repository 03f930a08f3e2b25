/**
 * The place to return to after an action (`retour`) ends in a `Location` header. Whatever a link
 * carries there, the redirect stays on this site, the header holds only printable ASCII (characters
 * beyond are percent-encoded), and the response is a normal one with its security headers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hashPassword } from '../src/features/accounts/credentials.ts';
import { sessionCookieName } from '../src/plugins/session.ts';
import { buildAccount } from './factories/accounts.ts';
import { buildTestApp } from './helpers/app.ts';
import { parsePage } from './helpers/html.ts';
import { cookieHeader, cookiesOf } from './helpers/session.ts';

const { app, database, config } = await buildTestApp({ seed: false });

async function switchLanguage(retour: string) {
  return app.inject({ url: `/langue/en?retour=${encodeURIComponent(retour)}` });
}

test('a return path with characters beyond Latin-1 is percent-encoded in the redirect', async () => {
  const override = await switchLanguage('/\u202E');
  assert.equal(override.statusCode, 303);
  assert.equal(override.headers.location, '/%E2%80%AE');
  assert.ok(override.headers['content-security-policy']);
  assert.match(String(override.headers['set-cookie']), /lang=en/);

  const accented = await switchLanguage('/démarches?q=été 🍽');
  assert.equal(accented.statusCode, 303);
  assert.equal(accented.headers.location, '/d%C3%A9marches?q=%C3%A9t%C3%A9%20%F0%9F%8D%BD');
  // Already encoded paths pass unchanged.
  assert.equal((await switchLanguage('/d%C3%A9marches')).headers.location, '/d%C3%A9marches');
});

test('whatever the return path, the language switch redirects within the site with a printable ASCII Location', async () => {
  const anyPath = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }).map((rest) => `/${rest}`),
    fc.webPath(),
  );
  await fc.assert(
    fc.asyncProperty(anyPath, async (retour) => {
      const response = await switchLanguage(retour);
      assert.equal(response.statusCode, 303, `retour ${JSON.stringify(retour)}: ${response.body.slice(0, 200)}`);
      const location = String(response.headers.location);
      assert.match(location, /^\/[\x21-\x7e]*$/, `retour ${JSON.stringify(retour)}`);
      assert.doesNotMatch(location, /^\/[/\\]/);
      assert.equal(new URL(location, 'http://localhost:3000').origin, 'http://localhost:3000');
      assert.ok(response.headers['content-security-policy']);
      assert.match(String(response.headers['set-cookie']), /lang=en/);
    }),
    { numRuns: 300 },
  );
});

test('a correct login with a return path beyond Latin-1 opens the session and goes there', async () => {
  const password = 'un cheval bleu mange des pommes';
  const account = await buildAccount(database.db, { passwordHash: await hashPassword(password) });
  const form = await app.inject({ url: `/connexion?retour=${encodeURIComponent('/démarches/\u202Eé')}` });
  const page = parsePage(form.body);
  const action = page.querySelector('form[method="post"]')?.getAttribute('action') ?? '';
  const token = page.querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  const response = await app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: cookieHeader(cookiesOf(form)) },
    payload: { _csrf: token, identifiant: account.identifier, mot_de_passe: password },
  });
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  assert.equal(response.headers.location, '/d%C3%A9marches/%E2%80%AE%C3%A9');
  const session = cookiesOf(response)[sessionCookieName(config)];
  assert.ok(session, 'the session cookie reaches the browser');
  const home = await app.inject({
    url: '/mon-profil',
    headers: { cookie: cookieHeader({ [sessionCookieName(config)]: session }) },
  });
  assert.equal(home.statusCode, 200);
});
