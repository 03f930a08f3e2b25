/**
 * A hostile provider: the real stand-in answers, and a customFetch between it and the portal
 * rewrites what comes back (the ID token, UserInfo, the time taken), re-signing with the
 * stand-in's own key when the attack needs a valid signature. Every attack ends on the "failed"
 * page with no session, no pending first login and nothing linked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as jose from 'jose';
import type * as oidc from 'openid-client';
import { loadOrCreateSecrets } from '../../../dev/mconnect/keys.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { heading1 } from '../../../test/helpers/html.ts';
import {
  MconnectVisitor,
  citizen,
  portalClientSettings,
  startMconnectStandIn,
} from '../../../test/helpers/mconnect.ts';
import { paths } from '../../paths.ts';
import { MconnectClient } from './mconnect.client.ts';

const provider = await startMconnectStandIn();
const secrets = loadOrCreateSecrets(provider.config.devServices.mconnect.keysFile);
const signingJwk = secrets.signingKeys.find((key) => key.alg === 'ES256');
assert.ok(signingJwk);
const signingKey = await jose.importJWK({ ...signingJwk }, 'ES256');

interface Tampering {
  idToken?: (token: string) => Promise<string>;
  userinfo?: (jwt: string) => Promise<string>;
  /** The token endpoint never answers (until the client gives up). */
  hang?: boolean;
}
let tampering: Tampering = {};

const hostileFetch: oidc.CustomFetch = async (url, options) => {
  const path = new URL(url).pathname;
  if (path === '/token' && tampering.hang) {
    return new Promise<Response>((_resolve, reject) => {
      options.signal?.addEventListener('abort', () =>
        reject(new Error('The request was aborted by the client', { cause: options.signal?.reason })),
      );
    });
  }
  const response = await fetch(url, options as RequestInit);
  if (path === '/token' && tampering.idToken) {
    const body = (await response.json()) as { id_token: string };
    body.id_token = await tampering.idToken(body.id_token);
    return Response.json(body, { status: response.status });
  }
  if (path === '/me' && tampering.userinfo) {
    const jwt = await tampering.userinfo(await response.text());
    return new Response(jwt, { status: 200, headers: { 'content-type': 'application/jwt' } });
  }
  return response;
};

const { app, database } = await buildTestApp({
  seed: false,
  mconnect: new MconnectClient(portalClientSettings(provider.issuer, { fetch: hostileFetch, timeoutMs: 1500 })),
});
const db = database.db;
const sophie = citizen('mc-citizen-0003');

/** The ID token with `change` applied to its claims, signed again with the stand-in's own key. */
function resigned(
  change: (claims: jose.JWTPayload) => jose.JWTPayload,
  key: jose.CryptoKey | Uint8Array = signingKey,
  alg = 'ES256',
) {
  return async (token: string) => {
    const claims = change(jose.decodeJwt(token));
    return new jose.SignJWT(claims).setProtectedHeader({ alg, kid: signingJwk?.kid ?? '' }).sign(key);
  };
}

const now = () => Math.floor(Date.now() / 1000);

async function attemptUnder(attack: Tampering, callbackChange?: (callback: URL) => void) {
  tampering = attack;
  try {
    const visitor = new MconnectVisitor(app, provider.issuer);
    const start = await visitor.get(paths.mconnect.login());
    const callback = await visitor.answerAtMconnect(String(start.response.headers.location), sophie);
    callbackChange?.(callback);
    const result = await visitor.get(`${callback.pathname}${callback.search}`);
    return { ...result, visitor };
  } finally {
    tampering = {};
  }
}

async function assertNothingHappened(
  result: Awaited<ReturnType<typeof attemptUnder>>,
  status = 400,
  title = 'La connexion avec MConnect a échoué',
) {
  assert.equal(result.response.statusCode, status);
  assert.equal(heading1(result.page), title);
  assert.equal(result.visitor.jar.mg_session, undefined, 'no session');
  assert.equal(result.visitor.jar.mg_mconnect_attente, undefined, 'no pending first login');
  const pending = await db.selectFrom('mconnect_pending').select('id_hash').execute();
  const linked = await db.selectFrom('federated_identity').select('id').execute();
  const sessions = await db.selectFrom('session').select('id_hash').execute();
  assert.deepEqual([pending.length, linked.length, sessions.length], [0, 0, 0]);
}

test('the untouched answer goes through (the attacks below change one thing each)', async () => {
  const result = await attemptUnder({});
  assert.equal(result.response.statusCode, 303);
  assert.equal(result.response.headers.location, paths.mconnect.firstLogin());
  await db.deleteFrom('mconnect_pending').execute();
});

test('an ID token with another nonce is refused', async () => {
  await assertNothingHappened(
    await attemptUnder({ idToken: resigned((c) => ({ ...c, nonce: 'un-autre-nonce-que-celui-de-la-transaction' })) }),
  );
});

test('an ID token signed with another key is refused', async () => {
  const { privateKey } = await jose.generateKeyPair('ES256');
  await assertNothingHappened(await attemptUnder({ idToken: resigned((c) => c, privateKey) }));
});

test('an unsigned ID token (alg none) is refused', async () => {
  const unsigned = async (token: string) => {
    const [, payload] = token.split('.');
    return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
  };
  await assertNothingHappened(await attemptUnder({ idToken: unsigned }));
});

test('an ID token signed with HMAC, the provider’s public key as the secret, is refused', async () => {
  const { d: _private, ...publicJwk } = signingJwk as unknown as Record<string, string>;
  const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
  await assertNothingHappened(await attemptUnder({ idToken: resigned((c) => c, secret, 'HS256') }));
});

test('an ID token for another client (aud) is refused', async () => {
  await assertNothingHappened(await attemptUnder({ idToken: resigned((c) => ({ ...c, aud: 'autre-service' })) }));
});

test('an ID token from another issuer, or an answer naming another issuer (mix-up), is refused', async () => {
  await assertNothingHappened(
    await attemptUnder({ idToken: resigned((c) => ({ ...c, iss: 'https://faux-mconnect.example' })) }),
  );
  await assertNothingHappened(
    await attemptUnder({}, (callback) => callback.searchParams.set('iss', 'https://faux-mconnect.example')),
  );
});

test('an expired ID token, or one issued in the future beyond the tolerance, is refused', async () => {
  await assertNothingHappened(
    await attemptUnder({ idToken: resigned((c) => ({ ...c, iat: now() - 900, exp: now() - 300 })) }),
  );
  await assertNothingHappened(
    await attemptUnder({ idToken: resigned((c) => ({ ...c, iat: now() + 600, exp: now() + 900 })) }),
  );
});

test('UserInfo naming another subject than the ID token is refused', async () => {
  await assertNothingHappened(await attemptUnder({ userinfo: resigned((c) => ({ ...c, sub: 'un-autre-citoyen' })) }));
});

test('a token endpoint that does not answer ends, after the timeout, on the "MConnect ne répond pas" page', async () => {
  await assertNothingHappened(await attemptUnder({ hang: true }), 503, 'MConnect ne répond pas');
});
