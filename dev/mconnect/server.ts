/**
 * The MConnect stand-in: an OpenID provider (oidc-provider v9) on its own origin that behaves like
 * the national digital identity, for development and tests only (docs/adr/0005-mconnect-stand-in.md).
 * Fastify serves the stand-in's own pages (/, /healthz, the stylesheet, the login pages under
 * /interaction/); every other request goes untouched to oidc-provider (discovery, /auth, /token,
 * /me, /jwks, /session/end…).
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.ts';
import { assertNotProduction } from '../stand-in.ts';
import { testCitizens } from './citizens.ts';
import { interactionRoutes, PinGuard } from './interactions.ts';
import { loadOrCreateSecrets, type SecretOverrides } from './keys.ts';
import { chooseLang, messagesFor } from './messages.ts';
import { HomePage, MessagePage, renderPage } from './pages.tsx';
import { createProvider, type MconnectClient } from './provider.ts';
import { isStandInPath, standInRoutes } from './routes.ts';
import { STYLESHEET } from './stylesheet.ts';
import { todayInMonaco } from '../../src/lib/dates.ts';

export const MCONNECT_STAND_IN_NAME = 'MConnect stand-in';

export interface MconnectStandInOptions {
  readonly nodeEnv: string;
  /** The issuer identifier, an origin (`http://localhost:3001`); the stand-in serves from its root. */
  readonly issuer: string;
  /** Where the generated keys are kept (created on first start). */
  readonly keysFile: string;
  readonly jwks?: SecretOverrides['jwks'];
  readonly cookieKeys?: readonly string[] | undefined;
  readonly clients: readonly MconnectClient[];
  /** Wrong-PIN counting; by default three wrong PINs block a card for five minutes. */
  readonly pinGuard?: PinGuard;
}

/** The public members of a private JWK (what a client publishes for private_key_jwt). */
function publicPart(key: Record<string, string | undefined>): Record<string, string> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = key;
  return Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The stand-in as `npm start` runs it: the portal registered as its one client. */
export function mconnectStandInOptions(config: Config): MconnectStandInOptions {
  const { mconnect, devServices } = config;
  if (mconnect.clientSecret === undefined)
    throw new Error(`${MCONNECT_STAND_IN_NAME}: MCONNECT_CLIENT_SECRET is not set`);
  return {
    nodeEnv: config.env,
    issuer: devServices.mconnect.issuer,
    keysFile: devServices.mconnect.keysFile,
    jwks: devServices.mconnect.jwks,
    cookieKeys: devServices.mconnect.cookieKeys,
    clients: [
      {
        clientId: mconnect.clientId,
        clientSecret: mconnect.clientSecret,
        clientName: 'MonGuichet',
        redirectUris: [mconnect.redirectUri],
        postLogoutRedirectUris: [mconnect.postLogoutRedirectUri],
        tokenEndpointAuthMethod: mconnect.clientAuthMethod,
        jwks: mconnect.clientPrivateKey ? { keys: [publicPart(mconnect.clientPrivateKey)] } : undefined,
        idTokenSignedResponseAlg: 'ES256',
        userinfoSignedResponseAlg: mconnect.userinfoSigned ? 'ES256' : undefined,
      },
    ],
  };
}

/**
 * Headers of every response. No script or style but the stand-in's own; forms may post (and
 * their redirects land) only here and at the registered clients' origins.
 */
function securityHeaders(clients: readonly MconnectClient[]): Readonly<Record<string, string>> {
  const origins = new Set<string>();
  for (const client of clients) {
    for (const uri of [...client.redirectUris, ...client.postLogoutRedirectUris]) origins.add(new URL(uri).origin);
  }
  const csp = [
    "default-src 'none'",
    // oidc-provider adds the hash of its one self-submitting form script (form_post) to this list.
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self' ${[...origins].join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return Object.freeze({
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });
}

function errorLine(message: string, error: unknown): void {
  process.stderr.write(
    `${MCONNECT_STAND_IN_NAME}: ${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

export function buildMconnectStandIn(options: MconnectStandInOptions): FastifyInstance {
  assertNotProduction(MCONNECT_STAND_IN_NAME, options.nodeEnv);
  const secrets = loadOrCreateSecrets(options.keysFile, { jwks: options.jwks, cookieKeys: options.cookieKeys });
  const provider = createProvider({ issuer: options.issuer, clients: options.clients, secrets });
  provider.on('server_error', (_ctx, error) => errorLine('provider error', error));
  const callback = provider.callback();
  const headers = securityHeaders(options.clients);

  const app = Fastify({ logger: false });
  app.addHook('onRequest', (request, reply, done) => {
    const pathname = request.url.split('?', 1)[0] ?? '/';
    if (isStandInPath(pathname)) {
      void reply.headers(headers);
      done();
      return;
    }
    // Everything else is oidc-provider's, body unread: hand the raw request over.
    void reply.hijack();
    for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
    void callback(request.raw, reply.raw);
  });
  app.setErrorHandler(async (error, request, reply) => {
    errorLine(`${request.method} ${request.url.split('?', 1)[0] ?? ''}`, error);
    const lang = chooseLang(undefined);
    const m = messagesFor(lang);
    return reply
      .code(500)
      .type('text/html; charset=utf-8')
      .send(renderPage(MessagePage({ lang, title: m.error.title, body: m.error.body })));
  });

  void app.register(formbody);
  app.get(standInRoutes.healthz.pattern, async () => ({
    status: 'ok',
    service: MCONNECT_STAND_IN_NAME,
    issuer: options.issuer,
  }));
  app.get(standInRoutes.stylesheet.pattern, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
  app.get<{ Querystring: { lang?: string } }>(standInRoutes.home.pattern, async (request, reply) => {
    const lang = chooseLang(request.query.lang);
    const page = HomePage({
      lang,
      issuer: options.issuer,
      clientIds: options.clients.map((client) => client.clientId),
      citizens: testCitizens,
      today: todayInMonaco(),
    });
    return reply.type('text/html; charset=utf-8').send(renderPage(page));
  });
  void app.register(interactionRoutes, {
    provider,
    clients: options.clients,
    pinGuard: options.pinGuard ?? new PinGuard(),
    today: todayInMonaco,
  });
  return app;
}
