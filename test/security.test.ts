import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from './helpers/app.ts';
import { all, heading1, parsePage } from './helpers/html.ts';

const { app } = await buildTestApp({
  routes(app) {
    app.get('/test-only/boom', async () => {
      throw new Error('secret detail: password=hunter2 at /srv/monguichet/src/db.ts');
    });
    app.post('/test-only/echo', async (request) => ({ received: typeof request.body }));
  },
});

const PAGES = [
  '/',
  '/demarches',
  '/demarches?q=cantine',
  '/demarches/payer-la-cantine-ecole-du-parc',
  '/aide',
  '/accessibilite',
  '/connexion',
  '/nulle-part',
];

test('every page sends a strict Content-Security-Policy and the other security headers', async () => {
  for (const url of PAGES) {
    const response = await app.inject(url);
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
    ]) {
      assert.ok(csp.includes(directive), `${url}: CSP lacks ${directive}: ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // Forms post here only; the logout of an MConnect session is then redirected to MConnect, and
    // "Payer" to the payment provider's page.
    assert.match(csp, /form-action 'self' http:\/\/localhost:3001 http:\/\/localhost:3002(;|$)/, url);
    assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(response.headers['referrer-policy'], 'same-origin', url);
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN', url);
    assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/, url);
  }
});

test('every answer carries its own request reference, errors and requests refused before routing included', async () => {
  const seen = new Set<string>();
  for (const url of [...PAGES, '/test-only/boom', '/demarches/%E0%A4%A', `/demarches/${'a'.repeat(300)}`, '/']) {
    const response = await app.inject(url);
    const id = String(response.headers['x-request-id']);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, `${url.slice(0, 40)}: ${id}`);
    assert.ok(!seen.has(id), `${url.slice(0, 40)}: the reference ${id} was given twice`);
    seen.add(id);
  }
});

test('the answers refused before routing carry the same security headers as every page', async () => {
  const page = await app.inject('/');
  for (const url of ['/demarches/%E0%A4%A', `/demarches/${'a'.repeat(300)}`]) {
    const refused = await app.inject(url);
    assert.ok([400, 404].includes(refused.statusCode), `${url.slice(0, 40)}: ${refused.statusCode}`);
    for (const name of [
      'content-security-policy',
      'permissions-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
    ]) {
      assert.equal(refused.headers[name], page.headers[name], `${url.slice(0, 40)}: ${name}`);
    }
  }
});

test('every page, error pages included, turns off the camera, microphone, geolocation and payment APIs', async () => {
  for (const url of [...PAGES, '/test-only/boom']) {
    const response = await app.inject(url);
    const policy = String(response.headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment']) {
      assert.ok(
        policy.split(', ').includes(`${feature}=()`),
        `${url}: Permissions-Policy lacks ${feature}=(): ${policy}`,
      );
    }
  }
});

test('no page carries an inline script, an inline style or a style attribute', async () => {
  for (const url of PAGES) {
    const page = parsePage((await app.inject(url)).body);
    assert.equal(all(page, 'script:not([src])').length, 0, `${url}: inline script`);
    assert.equal(all(page, 'style').length, 0, `${url}: <style>`);
    assert.equal(all(page, '[style]').length, 0, `${url}: style attribute`);
    assert.equal(all(page, '[onclick],[onload],[onerror]').length, 0, `${url}: event handler attribute`);
  }
});

test('every page has a skip link to the main landmark, a header, a footer and one h1', async () => {
  for (const url of PAGES) {
    const page = parsePage((await app.inject(url)).body);
    const skip = page.querySelector('a.skip-link');
    assert.equal(skip?.getAttribute('href'), '#contenu', url);
    assert.equal(page.querySelector('main')?.getAttribute('id'), 'contenu', url);
    assert.equal(all(page, 'header').length >= 1 && all(page, 'footer').length >= 1, true, url);
    assert.equal(all(page, 'h1').length, 1, url);
    assert.equal(
      page.querySelector('meta[name="viewport"]')?.getAttribute('content'),
      'width=device-width, initial-scale=1',
    );
  }
});

test('an unexpected error shows the French 500 page with a reference, and leaks nothing', async () => {
  const response = await app.inject('/test-only/boom');
  assert.equal(response.statusCode, 500);
  const page = parsePage(response.body);
  assert.equal(heading1(page), 'Une erreur est survenue');
  assert.doesNotMatch(response.body, /secret detail|hunter2|\/srv\/|db\.ts|Error:|at /);
  assert.ok(response.body.includes(String(response.headers['x-request-id'])), 'the page quotes the request reference');
  assert.equal(response.headers['cache-control'], 'no-store');
});

test('a body larger than the limit is refused with a clear page', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/test-only/echo',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `a=${'x'.repeat(70 * 1024)}`,
  });
  assert.equal(response.statusCode, 413);
  assert.equal(heading1(parsePage(response.body)), 'Envoi trop volumineux');
});

test('a body of an unknown type is refused with a clear page', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/test-only/echo',
    headers: { 'content-type': 'application/x-evil' },
    payload: 'x',
  });
  assert.equal(response.statusCode, 415);
  assert.equal(heading1(parsePage(response.body)), 'Demande incorrecte');
});

test('static files are served, and a path traversal attempt finds nothing', async () => {
  const css = await app.inject('/public/css/main.css');
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  const emblem = await app.inject('/public/images/emblem.svg');
  assert.equal(emblem.statusCode, 200);
  assert.match(String(emblem.headers['content-type']), /^image\/svg\+xml/);
  assert.doesNotMatch(emblem.body, /<script|on\w+=/i, 'the shield is a plain drawing');
  for (const url of [
    '/public/../package.json',
    '/public/%2e%2e/package.json',
    '/public/%2e%2e%2fpackage.json',
    '/public/..%2f..%2f..%2fetc%2fpasswd',
    '/public/css/../../src/config.ts',
    '/public/.env',
    '/public/css/',
  ]) {
    const response = await app.inject(url);
    assert.ok([400, 403, 404].includes(response.statusCode), `${url} answered ${response.statusCode}`);
    assert.doesNotMatch(response.body, /"name": "monguichet"|process\.env|root:x:0/, url);
  }
});

test('the printable guide is rate limited per client, with a clear page when the limit is reached', async () => {
  const url = '/demarches/payer-la-cantine-ecole-de-fontvieille/guide.pdf';
  const statuses: number[] = [];
  for (let i = 0; i < 61; i += 1) statuses.push((await app.inject({ url, remoteAddress: '203.0.113.9' })).statusCode);
  assert.deepEqual(statuses.slice(0, 60), Array<number>(60).fill(200));
  const limited = await app.inject({ url, remoteAddress: '203.0.113.9' });
  assert.equal(limited.statusCode, 429);
  assert.equal(heading1(parsePage(limited.body)), 'Trop de demandes');
  assert.ok(limited.headers['retry-after']);
  assert.equal(
    (await app.inject({ url, remoteAddress: '203.0.113.10' })).statusCode,
    200,
    'another client is not affected',
  );
});

test('behind HTTPS, cookies are Secure and browsers are told to keep to HTTPS', async () => {
  const { app: secure } = await buildTestApp({ seed: false, env: { PUBLIC_URL: 'https://monguichet.example' } });
  const response = await secure.inject('/langue/en?retour=/');
  assert.match(String(response.headers['set-cookie']), /; Secure/);
  assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
  assert.match(String(response.headers['content-security-policy']), /upgrade-insecure-requests/);
});
