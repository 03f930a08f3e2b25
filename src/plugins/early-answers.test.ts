import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { PageCache } from '../lib/page-cache.ts';
import { EarlyAnswers, cookieNamesMatcher, serverWithEarlyAnswers } from './early-answers.ts';

const pages = new PageCache();
let revision: string | undefined = '1';
const early = new EarlyAnswers({
  pages,
  headers: Object.freeze({ 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' }),
  currentRevision: () => revision,
  routedCookies: ['mg_session', 'lang'],
});
const accessLines: unknown[][] = [];
early.start({ info: (...line: unknown[]) => accessLines.push(line) });

/** What the server's own handler (Fastify's, in the app) received. */
const routed: string[] = [];
const server = serverWithEarlyAnswers(early)(
  (request: IncomingMessage, response: ServerResponse) => {
    routed.push(`${request.method} ${request.url}`);
    response.writeHead(299).end('routed');
  },
  { keepAliveTimeout: 72_000, requestTimeout: 0, connectionTimeout: 0, maxRequestsPerSocket: 0 },
);
server.listen(0, '127.0.0.1');
await once(server, 'listening');
after(() => server.close());
const address = server.address();
assert.ok(address && typeof address === 'object');
const base = `http://127.0.0.1:${address.port}`;

await pages.getOrCreate('fr /kept', '1', () => ({ body: 'kept page', contentType: 'text/html; charset=utf-8' }));
await pages.getOrCreate('fr /not-allowed', '1', () => ({ body: 'other', contentType: 'text/html; charset=utf-8' }));
pages.allowEarly('fr /kept', '1');

async function status(path: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(`${base}${path}`, init);
  await response.arrayBuffer();
  return response.status;
}

test('the server made for Fastify keeps its timeouts', () => {
  assert.equal(server.keepAliveTimeout, 72_000);
  assert.equal(server.requestTimeout, 0);
});

test('only a page allowed early, at the current revision, is answered before routing', async () => {
  const response = await fetch(`${base}/kept`);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'kept page');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('content-length'), '9');
  assert.equal(response.headers.get('etag'), pages.get('fr /kept', '1')?.etag);
  assert.deepEqual(routed, []);
  assert.deepEqual(
    accessLines.map((line) => line[1]),
    ['incoming request', 'request completed'],
  );

  const etag = response.headers.get('etag') ?? '';
  const notModified = await fetch(`${base}/kept`, { headers: { 'if-none-match': etag } });
  assert.equal(notModified.status, 304);
  assert.equal(await notModified.text(), '');
  assert.equal(notModified.headers.get('etag'), etag);
  assert.equal(notModified.headers.get('x-frame-options'), 'DENY');
  assert.equal(notModified.headers.get('content-length'), null);

  assert.equal(await status('/not-allowed'), 299, 'kept, but never served at its address by its route');
  assert.equal(await status('/kept', { headers: { 'accept-language': 'en' } }), 299, 'not kept in English');
  assert.equal(await status('/kept', { method: 'DELETE' }), 299);

  revision = undefined;
  assert.equal(await status('/kept'), 299, 'the revision must be asked for first');
  revision = '2';
  assert.equal(await status('/kept'), 299, 'a newer revision');
  revision = '1';
  assert.equal(await status('/kept'), 200);

  await pages.getOrCreate('fr /kept', '2', () => ({ body: 'new', contentType: 'text/html' }));
  assert.equal(await status('/kept'), 299, 'the cache moved to another revision');
  revision = '2';
  assert.equal(await status('/kept'), 299, 'allowed again only once its route serves it again');
  pages.allowEarly('fr /kept', '2');
  assert.equal(await status('/kept'), 200);
  assert.deepEqual(routed, [
    'GET /not-allowed',
    'GET /kept',
    'DELETE /kept',
    'GET /kept',
    'GET /kept',
    'GET /kept',
    'GET /kept',
  ]);
});

test('a cookie is found by its name as the cookie parser reads it, and never in a value', () => {
  const hasRouted = cookieNamesMatcher(['__Host-mg_session', 'lang']);
  for (const header of [
    'lang=en',
    'a=1; lang=en',
    'a=1;lang=en',
    ' \tlang \t= en',
    'a=1; b; lang=en',
    '__Host-mg_session=abc',
    'mg_csrf=x; __Host-mg_session=abc; lang=fr',
    'lang=',
  ]) {
    assert.equal(hasRouted(header), true, header);
  }
  for (const header of [
    'mg_csrf=abc',
    'a=lang=en',
    'xlang=en',
    'langue=en',
    'LANG=en',
    'lang',
    'a=1; lang',
    'mg_session=abc',
    'a="x;lang"',
  ]) {
    assert.equal(hasRouted(header), false, header);
  }
});

test('a request whose cookies a shared page does not depend on is answered early; the session or language cookie is routed', async () => {
  routed.length = 0;
  assert.equal(await status('/kept', { headers: { cookie: 'mg_csrf=abc; mg_reprendre=%2Fdemarches' } }), 200);
  assert.equal(await status('/kept', { headers: { cookie: 'mg_csrf=abc; mg_session=s' } }), 299);
  assert.equal(await status('/kept', { headers: { cookie: 'lang=fr' } }), 299);
  assert.deepEqual(routed, ['GET /kept', 'GET /kept']);
});

test('once stopped, everything is routed', async () => {
  routed.length = 0;
  assert.equal(await status('/kept'), 200);
  early.stop();
  assert.equal(await status('/kept'), 299);
  assert.deepEqual(routed, ['GET /kept']);
});
