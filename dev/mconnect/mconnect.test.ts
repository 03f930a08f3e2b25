/**
 * The MConnect stand-in end to end, over real HTTP: openid-client v6 is the relying party
 * (discovery, PKCE S256, state, nonce, acr_values, signature checks), and plain fetch with a
 * cookie jar plays the citizen's browser on the login pages.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { loadConfig } from '../../src/config.ts';
import { bodyText, fieldByLabel, heading1, parsePage, text, type Page } from '../../test/helpers/html.ts';
import { Browser, submitForm as submit } from '../../test/helpers/http-browser.ts';
import { claimsOf, findCitizen, testCitizens, type TestCitizen } from './citizens.ts';
import { COOKIE_NAMES, type MconnectClient } from './provider.ts';
import { buildMconnectStandIn, mconnectStandInOptions, type MconnectStandInOptions } from './server.ts';
import { COLOURS } from './stylesheet.ts';

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-mconnect-test-'));
  temporaryDirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  assert.ok(address && typeof address === 'object');
  return address.port;
}

// ---------------------------------------------------------------------------------------------
// The stand-in under test and its relying parties.

const PORTAL = 'http://127.0.0.1:4000';
const OTHER_SERVICE: MconnectClient = {
  clientId: 'autre-service',
  clientSecret: 'another-service-secret-000000',
  clientName: 'Autre service',
  redirectUris: ['http://127.0.0.1:4100/retour'],
  postLogoutRedirectUris: ['http://127.0.0.1:4100/au-revoir'],
  tokenEndpointAuthMethod: 'client_secret_post',
  idTokenSignedResponseAlg: 'RS256',
};

interface StandIn {
  readonly app: FastifyInstance;
  readonly issuer: string;
  readonly options: MconnectStandInOptions;
}

async function startStandIn(dataDir: string, port?: number): Promise<StandIn> {
  const listenPort = port ?? (await freePort());
  const issuer = `http://127.0.0.1:${listenPort}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: PORTAL, MCONNECT_DEV_ISSUER: issuer });
  const base = mconnectStandInOptions(config);
  const options = { ...base, clients: [...base.clients, OTHER_SERVICE] };
  const app = buildMconnectStandIn(options);
  await app.listen({ host: '127.0.0.1', port: listenPort });
  return { app, issuer, options };
}

interface RelyingParty {
  readonly config: oidc.Configuration;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

async function relyingParty(standIn: StandIn, client: MconnectClient): Promise<RelyingParty> {
  const auth =
    client.tokenEndpointAuthMethod === 'client_secret_basic'
      ? oidc.ClientSecretBasic(client.clientSecret)
      : oidc.ClientSecretPost(client.clientSecret);
  const metadata: Partial<oidc.ClientMetadata> = { id_token_signed_response_alg: client.idTokenSignedResponseAlg };
  if (client.userinfoSignedResponseAlg) metadata.userinfo_signed_response_alg = client.userinfoSignedResponseAlg;
  const config = await oidc.discovery(new URL(standIn.issuer), client.clientId, metadata, auth, {
    execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
  });
  return {
    config,
    redirectUri: client.redirectUris[0] ?? '',
    postLogoutRedirectUri: client.postLogoutRedirectUris[0] ?? '',
  };
}

interface Started {
  readonly browser: Browser;
  readonly page: Page;
  readonly pageUrl: URL;
  readonly status: number;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
}

/** Sends the browser to MConnect with a fresh authorization request; lands on the login page. */
async function startLogin(
  rp: RelyingParty,
  {
    acr = 'eidas2',
    scope = 'openid profile email phone address',
    browser,
    extra = {},
  }: { acr?: string; scope?: string; browser?: Browser; extra?: Record<string, string> } = {},
): Promise<Started> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope,
    state,
    nonce,
    ...(acr ? { acr_values: acr } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  const visitor = browser ?? new Browser(new URL(rp.config.serverMetadata().issuer).origin);
  const { response, url: pageUrl } = await visitor.follow(url);
  return {
    browser: visitor,
    page: parsePage(await response.text()),
    pageUrl,
    status: response.status,
    verifier,
    state,
    nonce,
  };
}

/** The redirect back to the service after a form, as the URL the service receives. */
function callbackOf(response: Response, rp: RelyingParty): URL {
  assert.equal(response.status, 303, 'a redirect back to the service');
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, rp.redirectUri);
  return location;
}

async function chooseCitizen(started: Started, citizen: TestCitizen) {
  return submit(started.browser, started.pageUrl, started.page, '/citoyen', { citoyen: citizen.id });
}

async function exchange(rp: RelyingParty, started: Started, callback: URL) {
  return oidc.authorizationCodeGrant(rp.config, callback, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
    idTokenExpected: true,
  });
}

/** A complete login of `citizen` from the list; the tokens and the ID token's claims. */
async function logIn(rp: RelyingParty, citizen: TestCitizen, options: Parameters<typeof startLogin>[1] = {}) {
  const started = await startLogin(rp, options);
  assert.equal(started.status, 200, bodyText(started.page));
  const { response } = await chooseCitizen(started, citizen);
  const tokens = await exchange(rp, started, callbackOf(response, rp));
  const claims = tokens.claims();
  assert.ok(claims);
  return { started, tokens, claims };
}

function citizen(id: string): TestCitizen {
  const found = findCitizen(id);
  assert.ok(found, id);
  return found;
}

const marco = citizen('mc-citizen-0001');
const giulia = citizen('mc-citizen-0002');
const sophie = citizen('mc-citizen-0003');
const louis = citizen('mc-citizen-0004');
const camille = citizen('mc-citizen-0005');
const thomas = citizen('mc-citizen-0006');
const anna = citizen('mc-citizen-0007');

function headerOf(jws: string): { alg: string; kid: string } {
  return JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg: string; kid: string };
}

/** Verifies a compact JWS with the stand-in's published keys, by hand (node:crypto). */
async function verifiedBy(issuer: string, jws: string): Promise<boolean> {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const { alg, kid } = headerOf(jws);
  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk) return false;
  assert.equal(jwk.d, undefined, 'the JWKS publishes public keys only');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const data = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  return alg === 'ES256'
    ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)
    : verify('sha256', data, key, sig);
}

let standIn: StandIn;
let portal: RelyingParty;
let other: RelyingParty;

before(async () => {
  standIn = await startStandIn(temporaryDir());
  const [portalClient] = standIn.options.clients;
  assert.ok(portalClient);
  portal = await relyingParty(standIn, portalClient);
  other = await relyingParty(standIn, OTHER_SERVICE);
});

after(async () => {
  await standIn.app.close();
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

test('discovery describes a national eID: code flow with PKCE S256, pairwise subjects, eIDAS levels, ES256', () => {
  const metadata = portal.config.serverMetadata();
  assert.equal(metadata.issuer, standIn.issuer);
  assert.deepEqual(metadata.response_types_supported, ['code']);
  assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(metadata.subject_types_supported, ['pairwise']);
  assert.deepEqual(metadata.acr_values_supported, ['eidas1', 'eidas2', 'eidas3']);
  assert.deepEqual(metadata.id_token_signing_alg_values_supported, ['ES256', 'RS256']);
  assert.deepEqual(metadata.token_endpoint_auth_methods_supported, [
    'client_secret_basic',
    'client_secret_post',
    'private_key_jwt',
  ]);
  assert.deepEqual(metadata.scopes_supported, ['openid', 'profile', 'email', 'phone', 'address']);
  assert.ok(metadata.end_session_endpoint);
  assert.equal(metadata.revocation_endpoint, undefined);
});

test('a citizen chosen from the list comes back with a code, a signed ID token and their identity in UserInfo', async () => {
  const startedAt = Math.floor(Date.now() / 1000);
  const { started, tokens, claims } = await logIn(portal, marco, { acr: 'eidas2' });
  assert.equal(heading1(started.page), 'Connexion avec votre identité numérique');

  assert.equal(claims.iss, standIn.issuer);
  assert.equal(claims.aud, 'monguichet-dev');
  assert.equal(claims.nonce, started.nonce);
  assert.equal(claims.acr, 'eidas3', 'the level reached by a card and its PIN');
  assert.deepEqual(claims.amr, ['pin', 'hwk']);
  assert.ok(
    typeof claims.auth_time === 'number' &&
      claims.auth_time >= startedAt - 1 &&
      claims.auth_time <= Date.now() / 1000 + 1,
  );
  assert.equal(claims.exp - claims.iat, 300, 'an ID token lives five minutes');
  assert.equal(claims.given_name, undefined, 'identity claims come from UserInfo, not the ID token');
  assert.match(claims.sub, /^[0-9a-f]{64}$/);
  assert.notEqual(claims.sub, marco.id);
  assert.ok(
    tokens.id_token && (await verifiedBy(standIn.issuer, tokens.id_token)),
    'the ID token verifies with the published key',
  );
  assert.equal(headerOf(tokens.id_token).alg, 'ES256');

  // UserInfo is a signed JWT for the portal (userinfo_signed_response_alg ES256), checked by openid-client.
  const signed = await fetch(`${standIn.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.match(signed.headers.get('content-type') ?? '', /^application\/jwt/);
  assert.ok(await verifiedBy(standIn.issuer, await signed.text()));
  const userinfo = await oidc.fetchUserInfo(portal.config, tokens.access_token, claims.sub);
  const { sub, ...identity } = userinfo;
  assert.equal(sub, claims.sub);
  for (const name of ['iss', 'aud', 'iat', 'exp']) delete (identity as Record<string, unknown>)[name];
  assert.deepEqual(identity, claimsOf(marco));
  assert.deepEqual(userinfo.address, {
    formatted: '7 boulevard des Moulins\n98000 Monaco',
    street_address: '7 boulevard des Moulins',
    postal_code: '98000',
    locality: 'Monaco',
    country: 'MC',
  });
});

test('a card number and its PIN log the citizen in too, and each scope releases only its claims', async () => {
  const started = await startLogin(other, { scope: 'openid profile' });
  const page = started.page;
  assert.equal(fieldByLabel(page, 'Numéro de la carte d’identité ou du titre de séjour').getAttribute('name'), 'carte');
  assert.equal(fieldByLabel(page, 'Code PIN').getAttribute('type'), 'password');
  const { response } = await submit(started.browser, started.pageUrl, page, '/carte', {
    carte: '100 000 033',
    pin: sophie.card.pin,
  });
  const tokens = await exchange(other, started, callbackOf(response, other));
  const claims = tokens.claims();
  assert.ok(claims && tokens.id_token);
  assert.equal(headerOf(tokens.id_token).alg, 'RS256');
  assert.ok(await verifiedBy(standIn.issuer, tokens.id_token));
  const plain = await fetch(`${standIn.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.match(
    plain.headers.get('content-type') ?? '',
    /^application\/json/,
    'UserInfo is plain JSON for a client that asks no signature',
  );
  const userinfo = (await plain.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(userinfo).sort(), [
    'birthdate',
    'birthplace',
    'family_name',
    'gender',
    'given_name',
    'nationality',
    'sub',
  ]);
  assert.equal(userinfo.family_name, 'Bianchi');
  assert.equal(userinfo.birthdate, '1988-02-29');
});

test('the sub is pairwise: the same at every login to one service, different at another service', async () => {
  const first = await logIn(portal, giulia);
  const browser = first.started.browser;
  const again = await logIn(portal, giulia, { browser });
  assert.equal(again.started.status, 200, 'the same browser is asked to log in again (no single sign-on)');
  assert.equal(again.claims.sub, first.claims.sub);
  assert.equal(again.claims.acr, 'eidas2');
  assert.deepEqual(again.claims.amr, ['pin', 'swk']);
  const elsewhere = await logIn(other, giulia);
  assert.match(elsewhere.claims.sub, /^[0-9a-f]{64}$/);
  assert.notEqual(elsewhere.claims.sub, first.claims.sub);
  const otherCitizen = await logIn(portal, sophie);
  assert.notEqual(otherCitizen.claims.sub, first.claims.sub);
});

test('prompt=none gets login_required: MConnect identifies the citizen at every authorization request', async () => {
  const first = await logIn(portal, marco);
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(portal.config, {
    redirect_uri: portal.redirectUri,
    scope: 'openid',
    state,
    nonce: oidc.randomNonce(),
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    prompt: 'none',
  });
  const { response } = await first.started.browser.follow(url);
  const callback = callbackOf(response, portal);
  assert.equal(callback.searchParams.get('error'), 'login_required');
  assert.equal(callback.searchParams.get('state'), state);
});

test('an authorization code works once', async () => {
  const started = await startLogin(portal);
  const { response } = await chooseCitizen(started, marco);
  const callback = callbackOf(response, portal);
  const tokens = await exchange(portal, started, callback);
  await assert.rejects(
    exchange(portal, started, callback),
    (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant',
  );
  // Replaying the code also revokes what it gave.
  const userinfo = await fetch(`${standIn.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(userinfo.status, 401);
});

test('"Annuler" sends access_denied back to the service with its state, and no code', async () => {
  const started = await startLogin(portal);
  const { response } = await submit(started.browser, started.pageUrl, started.page, '/annuler', {});
  const callback = callbackOf(response, portal);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  assert.equal(callback.searchParams.get('state'), started.state);
  assert.equal(callback.searchParams.get('iss'), standIn.issuer);
  assert.equal(callback.searchParams.get('code'), null);
  await assert.rejects(
    exchange(portal, started, callback),
    (error: unknown) => error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied',
  );
});

test('a simulated MConnect error reaches the service', async () => {
  for (const code of ['temporarily_unavailable', 'server_error']) {
    const started = await startLogin(portal);
    assert.ok(fieldByLabel(started.page, 'Erreur renvoyée au service'));
    const { response } = await submit(started.browser, started.pageUrl, started.page, '/erreur', { erreur: code });
    const callback = callbackOf(response, portal);
    assert.equal(callback.searchParams.get('error'), code);
    assert.equal(callback.searchParams.get('state'), started.state);
    await assert.rejects(
      exchange(portal, started, callback),
      (error: unknown) => error instanceof oidc.AuthorizationResponseError && error.error === code,
    );
  }
});

test('an expired card is refused with a clear message, and no code is issued', async () => {
  const started = await startLogin(portal);
  const picked = await chooseCitizen(started, anna);
  assert.equal(picked.response.status, 400);
  let page = parsePage(await picked.response.text());
  const summary = page.querySelector('.error-summary');
  assert.ok(summary);
  assert.match(text(summary), /Cette carte a expiré le 30 juin 2025 : MConnect refuse la connexion/);
  assert.equal(summary.querySelector('a')?.getAttribute('href'), '#champ-citoyen');
  assert.ok(page.getElementById('champ-citoyen'));
  assert.match(page.title, /^Erreur : /);

  const typed = await submit(started.browser, started.pageUrl, page, '/carte', {
    carte: anna.card.number,
    pin: anna.card.pin,
  });
  assert.equal(typed.response.status, 400);
  page = parsePage(await typed.response.text());
  assert.match(bodyText(page), /Cette carte a expiré le 30 juin 2025/);
  assert.equal(typed.response.headers.get('location'), null);
});

test('a citizen without e-mail has no email claim, and an unverified address says so', async () => {
  const withoutEmail = await logIn(other, louis);
  const info = await oidc.fetchUserInfo(other.config, withoutEmail.tokens.access_token, withoutEmail.claims.sub);
  assert.equal(info.email, undefined);
  assert.equal(info.email_verified, undefined);
  assert.equal(info.family_name, 'Fontana');

  const unverified = await logIn(other, camille);
  const claims = await oidc.fetchUserInfo(other.config, unverified.tokens.access_token, unverified.claims.sub);
  assert.equal(claims.email, 'camille.marchetti@example.org');
  assert.equal(claims.email_verified, false);
});

test('a wrong PIN says how many tries remain, and three wrong PINs block the card even for the right PIN', async () => {
  const started = await startLogin(portal);
  let page = started.page;
  const expectations = [
    /Code PIN incorrect\. Il vous reste 2 essais avant le blocage de la carte/,
    /Code PIN incorrect\. Il vous reste 1 essai avant le blocage de la carte/,
    /Cette carte est bloquée après plusieurs codes PIN incorrects/,
  ];
  for (const expected of expectations) {
    const { response } = await submit(started.browser, started.pageUrl, page, '/carte', {
      carte: camille.card.number,
      pin: '00000',
    });
    assert.equal(response.status, 400);
    page = parsePage(await response.text());
    assert.match(text(page.querySelector('.error-summary')), expected);
  }
  assert.equal(page.querySelector('.error-summary a')?.getAttribute('href'), '#champ-carte');
  assert.equal(
    fieldByLabel(page, 'Numéro de la carte d’identité ou du titre de séjour').getAttribute('value'),
    camille.card.number,
    'the card number typed is kept',
  );

  const right = await submit(started.browser, started.pageUrl, page, '/carte', {
    carte: camille.card.number,
    pin: camille.card.pin,
  });
  assert.equal(right.response.status, 400);
  assert.match(bodyText(parsePage(await right.response.text())), /bloquée/);
  const picked = await chooseCitizen(started, camille);
  assert.equal(picked.response.status, 400, 'a blocked card cannot be chosen from the list either');

  for (const [fields, message] of [
    [{ carte: '', pin: '' }, /Saisissez le numéro de la carte/],
    [{ carte: '999999999', pin: '12345' }, /Aucune carte de test ne porte ce numéro/],
    [{ carte: marco.card.number, pin: '12' }, /Le code PIN compte exactement 5 chiffres/],
  ] as const) {
    const { response } = await submit(started.browser, started.pageUrl, page, '/carte', fields);
    assert.equal(response.status, 400);
    assert.match(bodyText(parsePage(await response.text())), message);
  }
});

test('a citizen whose means reach only the low level comes back with eidas1 when eidas2 was asked', async () => {
  const { claims } = await logIn(portal, thomas, { acr: 'eidas2' });
  assert.equal(claims.acr, 'eidas1');
  assert.deepEqual(claims.amr, ['pwd']);
});

test('an authorization request without PKCE, or with the plain method, is refused', async () => {
  const state = oidc.randomState();
  const base = { redirect_uri: portal.redirectUri, scope: 'openid', state, nonce: oidc.randomNonce() };
  const browser = new Browser(new URL(standIn.issuer).origin);
  const withoutPkce: Record<string, string>[] = [
    {},
    { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
  ];
  for (const extra of withoutPkce) {
    const { response } = await browser.follow(oidc.buildAuthorizationUrl(portal.config, { ...base, ...extra }));
    const callback = callbackOf(response, portal);
    assert.equal(callback.searchParams.get('error'), 'invalid_request');
    assert.equal(callback.searchParams.get('state'), state);
  }
});

test('end-session with id_token_hint signs the citizen out and returns to the post-logout URI with the state', async () => {
  const { started, tokens } = await logIn(portal, marco);
  const browser = started.browser;
  assert.ok(browser.cookieNames().includes(COOKIE_NAMES.session));
  const state = oidc.randomState();
  const endSession = oidc.buildEndSessionUrl(portal.config, {
    id_token_hint: tokens.id_token ?? '',
    post_logout_redirect_uri: portal.postLogoutRedirectUri,
    state,
  });
  const { response, url } = await browser.follow(endSession);
  assert.equal(response.status, 200);
  const page = parsePage(await response.text());
  assert.equal(heading1(page), 'Se déconnecter de MConnect');
  assert.match(bodyText(page), /Le service « MonGuichet » vous déconnecte/);
  const confirm = [...page.querySelectorAll('form')][0];
  assert.ok(confirm);
  const action = new URL(confirm.getAttribute('action') ?? '', url);
  const { response: done } = await submit(browser, url, page, action.pathname, {});
  assert.equal(done.status, 303);
  const back = new URL(done.headers.get('location') ?? '');
  assert.equal(`${back.origin}${back.pathname}`, portal.postLogoutRedirectUri);
  assert.equal(back.searchParams.get('state'), state);
  assert.ok(!browser.cookieNames().includes(COOKIE_NAMES.session), 'the MConnect session cookie is gone');
});

test('pages are French by default, English with ui_locales or the switch, and carry no inline script or style', async () => {
  const french = await startLogin(portal);
  assert.equal(french.page.documentElement.getAttribute('lang'), 'fr');
  const switchLink = french.page.querySelector('a[hreflang="en"]');
  assert.equal(text(switchLink), 'English');

  const english = await startLogin(portal, { extra: { ui_locales: 'en-GB fr' } });
  assert.equal(english.page.documentElement.getAttribute('lang'), 'en');
  assert.equal(heading1(english.page), 'Sign in with your digital identity');
  assert.match(bodyText(english.page), /Demonstration: the identities on this page are fictitious/);
  const switched = await french.browser.follow(new URL(switchLink?.getAttribute('href') ?? '', french.pageUrl));
  const switchedPage = parsePage(await switched.response.text());
  assert.equal(heading1(switchedPage), 'Sign in with your digital identity');

  const raw = await french.browser.request(french.pageUrl);
  const html = await raw.text();
  assert.match(
    raw.headers.get('content-security-policy') ?? '',
    /default-src 'none'.*form-action 'self' http:\/\/127\.0\.0\.1:4000 http:\/\/127\.0\.0\.1:4100/,
  );
  assert.doesNotMatch(html, /<script|<style|\sstyle=/i);
  assert.equal([...french.page.querySelectorAll('h1')].length, 1);
  for (const citizenShown of testCitizens)
    assert.match(bodyText(french.page), new RegExp(`${citizenShown.card.number}, code PIN ${citizenShown.card.pin}`));
  const css = await fetch(`${standIn.issuer}/assets/mconnect.css`);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
});

test('a login page whose request expired, or that belongs to another browser, says so', async () => {
  const browser = new Browser(new URL(standIn.issuer).origin);
  const response = await browser.request(`${standIn.issuer}/interaction/unknown-request`);
  assert.equal(response.status, 400);
  assert.equal(heading1(parsePage(await response.text())), 'Cette demande de connexion n’est plus valable');
});

test('keys persist: after a restart on the same directory, a token signed before verifies and the sub is unchanged', async () => {
  const dir = temporaryDir();
  const first = await startStandIn(dir);
  const port = Number(new URL(first.issuer).port);
  const rpBefore = await relyingParty(first, OTHER_SERVICE);
  const beforeRestart = await logIn(rpBefore, marco);
  const keysFile = path.join(dir, 'mconnect-dev-keys.json');
  assert.ok(existsSync(keysFile));
  const stored = JSON.parse(readFileSync(keysFile, 'utf8')) as { jwks: { keys: { kty: string; d?: string }[] } };
  assert.deepEqual(stored.jwks.keys.map((key) => key.kty).sort(), ['EC', 'RSA']);
  await first.app.close();
  await sleep(100); // lets fetch's pool see that the old server closed its kept-alive sockets

  const second = await startStandIn(dir, port);
  try {
    assert.ok(beforeRestart.tokens.id_token && (await verifiedBy(second.issuer, beforeRestart.tokens.id_token)));
    const rpAfter = await relyingParty(second, OTHER_SERVICE);
    const afterRestart = await logIn(rpAfter, marco);
    assert.equal(afterRestart.claims.sub, beforeRestart.claims.sub);
  } finally {
    await second.app.close();
  }
  const elsewhere = await startStandIn(temporaryDir());
  try {
    assert.equal(
      beforeRestart.tokens.id_token && (await verifiedBy(elsewhere.issuer, beforeRestart.tokens.id_token)),
      false,
      'another directory has other keys',
    );
  } finally {
    await elsewhere.app.close();
  }
});

test('the stand-in refuses to start in production, before writing any key', () => {
  const dir = temporaryDir();
  const options = mconnectStandInOptions(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir }));
  assert.throws(
    () => buildMconnectStandIn({ ...options, nodeEnv: 'production' }),
    /refuses to start when NODE_ENV=production/,
  );
  assert.equal(existsSync(options.keysFile), false);
});

test('another citizen can log in from the same browser: the previous MConnect session ends on the way', async () => {
  const first = await logIn(portal, marco);
  const second = await logIn(portal, sophie, { browser: first.started.browser, acr: '' });
  assert.notEqual(second.claims.sub, first.claims.sub);
  assert.equal(second.claims.acr, 'eidas3', 'acr is in the ID token even when the service asked for no level');
  const info = await oidc.fetchUserInfo(portal.config, second.tokens.access_token, second.claims.sub);
  assert.equal(info.family_name, 'Bianchi');
});

test('the colours of the pages reach WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for focus and borders)', () => {
  const luminance = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
  };
  const white = '#ffffff';
  const text: [string, string, string][] = [
    ['text on page', COLOURS.text, COLOURS.background],
    ['text on panels', COLOURS.text, COLOURS.panel],
    ['text on the demonstration banner', COLOURS.text, COLOURS.banner],
    ['hints on page', COLOURS.muted, COLOURS.background],
    ['hints on panels', COLOURS.muted, COLOURS.panel],
    ['links and error messages on page', COLOURS.red, COLOURS.background],
    ['error messages on panels', COLOURS.error, COLOURS.panel],
    ['header and buttons', white, COLOURS.red],
    ['buttons hovered', white, COLOURS.redDark],
    ['the error-simulation button', white, COLOURS.warning],
    ['focused links', COLOURS.text, COLOURS.focus],
  ];
  for (const [what, foreground, background] of text)
    assert.ok(contrast(foreground, background) >= 4.5, `${what}: ${contrast(foreground, background).toFixed(2)}`);
  assert.ok(contrast(COLOURS.border, COLOURS.background) >= 3, 'field borders');
  assert.ok(contrast(COLOURS.focus, COLOURS.text) >= 3, 'focus ring against its dark outline');
});
