/**
 * The anonymous pages kept in memory, answered before routing (src/plugins/early-answers.ts), on
 * the real app listening on a port: the same answer as the route's, byte for byte and header for
 * header, with a request reference and access log lines of its own; and every request that could
 * get another answer still routed.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { FastifyLoggerOptions } from 'fastify';
import fc from 'fast-check';
import { loggerOptions } from '../src/app.ts';
import { paths } from '../src/paths.ts';
import { cookieNamesMatcher } from '../src/plugins/early-answers.ts';
import { buildTestApp, testConfig } from './helpers/app.ts';

const env = { CATALOGUE_REFRESH_SECONDS: '3600' };
const logLines: Record<string, unknown>[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim() !== '') logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

/** The requests that reached Fastify's hooks, by method and address. */
const routed: string[] = [];
const { app, database } = await buildTestApp({
  env,
  logger: { ...(loggerOptions(testConfig(env)) as FastifyLoggerOptions), level: 'info', stream: logStream },
  routes: (instance) => {
    instance.addHook('onRequest', (request, _reply, done) => {
      routed.push(`${request.method} ${request.url}`);
      done();
    });
  },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
assert.ok(address && typeof address === 'object');
const base = `http://127.0.0.1:${address.port}`;

const procedure = await database.db
  .selectFrom('procedure')
  .select('slug')
  .where('published', '=', true)
  .orderBy('slug')
  .executeTakeFirstOrThrow();
const procedurePath = paths.catalogue.procedure(procedure.slug);

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** Whether Fastify's hooks saw the request. */
  readonly routed: boolean;
}

async function ask(path: string, init: RequestInit = {}): Promise<Answer> {
  const before = routed.length;
  const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: response.status,
    headers,
    body,
    routed: routed.length > before,
  };
}

/** The headers of an answer that are the same for every request (not its reference or date). */
function lasting(headers: Record<string, string>): Record<string, string> {
  const { 'x-request-id': _id, date: _date, ...rest } = headers;
  return rest;
}

test('a kept page is answered before routing at its own address, exactly as the route answers it', async () => {
  const first = await ask(procedurePath);
  assert.equal(first.status, 200);
  assert.ok(first.routed, 'the first request is routed: the page is rendered and kept');
  const early = await ask(procedurePath);
  assert.equal(early.routed, false, 'the next one is answered before routing');
  assert.equal(early.status, 200);
  assert.deepEqual(early.body, first.body);
  assert.deepEqual(lasting(early.headers), lasting(first.headers));
  assert.equal(early.headers['content-length'], String(first.body.byteLength));
  assert.match(early.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
  assert.notEqual(early.headers['x-request-id'], first.headers['x-request-id']);
  assert.ok(early.headers['content-security-policy']?.includes("frame-ancestors 'none'"));

  // A query string is routed, and its route answers the same page.
  const routedAgain = await ask(`${procedurePath}?depuis=courrier`);
  assert.ok(routedAgain.routed);
  assert.deepEqual(routedAgain.body, first.body);
  assert.deepEqual(lasting(routedAgain.headers), lasting(early.headers));

  // Cookies a shared page does not depend on (the login form's, one of another site's pages).
  const withCookies = await ask(procedurePath, { headers: { cookie: 'mg_csrf=abc; suivi=1' } });
  assert.equal(withCookies.routed, false);
  assert.deepEqual(withCookies.body, first.body);
  assert.deepEqual(lasting(withCookies.headers), lasting(early.headers));

  const head = await ask(procedurePath, { method: 'HEAD' });
  assert.equal(head.routed, false);
  assert.equal(head.status, 200);
  assert.equal(head.body.byteLength, 0);
  const routedHead = await ask(`${procedurePath}?depuis=courrier`, { method: 'HEAD' });
  assert.ok(routedHead.routed);
  assert.deepEqual(lasting(head.headers), lasting(routedHead.headers), 'HEAD: the route’s headers, no body');
  assert.equal(head.headers['content-length'], String(first.body.byteLength));
});

test('a browser that has the page already gets 304 Not Modified before routing, as the route answers it', async () => {
  const page = await ask(procedurePath);
  const etag = page.headers.etag ?? '';
  const notModified = await ask(procedurePath, { headers: { 'if-none-match': etag } });
  assert.equal(notModified.routed, false);
  assert.equal(notModified.status, 304);
  assert.equal(notModified.body.byteLength, 0);
  const routedNotModified = await ask(`${procedurePath}?depuis=courrier`, { headers: { 'if-none-match': etag } });
  assert.ok(routedNotModified.routed);
  assert.equal(routedNotModified.status, 304);
  assert.deepEqual(lasting(notModified.headers), lasting(routedNotModified.headers));
  assert.equal(notModified.headers['content-type'], undefined);

  const weak = await ask(procedurePath, { headers: { 'if-none-match': `"other", W/${etag}` } });
  assert.deepEqual([weak.routed, weak.status], [false, 304], 'a weak tag among others');
  const older = await ask(procedurePath, { headers: { 'if-none-match': '"an-older-page"' } });
  assert.deepEqual([older.routed, older.status], [false, 200], 'another tag: the whole page');
  assert.deepEqual(older.body, page.body);
  assert.deepEqual(lasting(older.headers), lasting(page.headers));
});

test('each language is kept and answered on its own, as Accept-Language asks', async () => {
  const french = await ask(paths.catalogue.list());
  const english = await ask(paths.catalogue.list(), { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.ok(english.routed, 'the English page is routed once');
  assert.match(english.body.toString('utf8'), /<html lang="en"/);
  const englishAgain = await ask(paths.catalogue.list(), { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.equal(englishAgain.routed, false);
  assert.deepEqual(englishAgain.body, english.body);
  const frenchAgain = await ask(paths.catalogue.list(), { headers: { 'accept-language': 'fr-FR' } });
  assert.equal(frenchAgain.routed, false);
  assert.deepEqual(frenchAgain.body, french.body);
  assert.match(frenchAgain.body.toString('utf8'), /<html lang="fr"/);
});

test('what could get another answer is always routed', async () => {
  await ask(paths.site.home());
  assert.equal((await ask(paths.site.home())).routed, false, 'the home page is kept');

  const chosenLanguage = await ask(paths.site.home(), { headers: { cookie: 'mg_csrf=abc; lang=en' } });
  assert.ok(chosenLanguage.routed, 'a language chosen with the cookie');
  assert.match(chosenLanguage.body.toString('utf8'), /<html lang="en"/);

  const session = await ask(paths.site.home(), { headers: { cookie: 'mg_session=no-such-session' } });
  assert.ok(session.routed, 'a session cookie, even an unknown one');
  assert.match(session.headers['set-cookie'] ?? '', /^mg_session=;/, 'the route clears an unknown session');

  for (const path of [
    `${paths.catalogue.list()}?utm_source=letter`,
    `${paths.catalogue.list()}/`,
    `${paths.catalogue.list()}?q=cantine`,
    '/demarches/no-such-procedure',
  ]) {
    await ask(path);
    const again = await ask(path);
    assert.ok(again.routed, `${path} is routed every time`);
  }

  const post = await ask(paths.site.home(), { method: 'POST' });
  assert.ok(post.routed, 'POST');
  assert.notEqual(post.status, 200);

  // A guide's PDF is kept too, but its route names the file and limits the rate: always routed.
  const guide = paths.canteen.guide('payer-la-cantine-ecole-de-fontvieille');
  assert.equal((await ask(guide)).status, 200);
  const guideAgain = await ask(guide);
  assert.ok(guideAgain.routed);
  assert.match(guideAgain.headers['content-disposition'] ?? '', /filename="guide-/);
});

test('an answer before routing writes the access lines a routed one does', async () => {
  await ask(paths.site.help());
  logLines.length = 0;
  const early = await ask(paths.site.help());
  assert.equal(early.routed, false);
  const id = early.headers['x-request-id'];
  const lines = logLines.filter((line) => line.reqId === id);
  assert.deepEqual(
    lines.map((line) => line.msg),
    ['incoming request', 'request completed'],
  );
  assert.deepEqual(lines[0]?.req, { id, method: 'GET', path: paths.site.help() });
  assert.deepEqual(lines[1]?.res, { statusCode: 200 });
  assert.equal(typeof lines[1]?.responseTime, 'number');

  logLines.length = 0;
  const routedAnswer = await ask(`${paths.site.help()}?depuis=courrier`);
  const routedLines = logLines.filter((line) => line.reqId === routedAnswer.headers['x-request-id']);
  assert.deepEqual(
    routedLines.map((line) => Object.keys(line).sort()),
    lines.map((line) => Object.keys(line).sort()),
    'the same fields as the routed request’s lines',
  );
});

test('a request is routed for its cookies exactly when the app’s cookie parser finds the session or language cookie (property)', () => {
  const hasRouted = cookieNamesMatcher(['mg_session', 'lang']);
  const header = fc
    .array(fc.constantFrom('lang', 'mg_session', 'l', 'ang', 'a', 'x', '=', ';', ' ', '\t', '"', '%', ','), {
      maxLength: 14,
    })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(header, (value) => {
      const cookies = app.parseCookie(value);
      return hasRouted(value) === (cookies.lang !== undefined || cookies.mg_session !== undefined);
    }),
    { numRuns: 3000 },
  );
});
