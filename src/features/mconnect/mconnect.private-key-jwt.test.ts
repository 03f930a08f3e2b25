/**
 * Client authentication with private_key_jwt (as GOV.UK One Login asks): the portal signs its
 * assertion with MCONNECT_CLIENT_PRIVATE_KEY, the stand-in checks it with the public part, and a
 * login goes through; an assertion signed with another key is refused at the token endpoint.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
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

function newKey(kid: string): Record<string, string> {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' }) as Record<
    string,
    string
  >;
  return { ...jwk, kid, alg: 'ES256', use: 'sig' };
}

const key = newKey('portail-1');
const env = { MCONNECT_CLIENT_AUTH_METHOD: 'private_key_jwt', MCONNECT_CLIENT_PRIVATE_KEY: JSON.stringify(key) };
const provider = await startMconnectStandIn('http://localhost:3000', env);
const { app } = await buildTestApp({
  seed: false,
  mconnect: new MconnectClient(portalClientSettings(provider.issuer, {}, 'http://localhost:3000', env)),
});
const impostor = await buildTestApp({
  seed: false,
  mconnect: new MconnectClient(
    portalClientSettings(provider.issuer, {}, 'http://localhost:3000', {
      ...env,
      MCONNECT_CLIENT_PRIVATE_KEY: JSON.stringify(newKey('portail-1')),
    }),
  ),
});

test('with private_key_jwt, a login goes through with the registered key', async () => {
  const visitor = new MconnectVisitor(app, provider.issuer);
  const result = await visitor.logInWithMconnect(citizen('mc-citizen-0001'));
  assert.equal(result.response.statusCode, 303);
  assert.equal(result.response.headers.location, paths.mconnect.firstLogin());
});

test('an assertion signed with another key is refused, and no session opens', async () => {
  const visitor = new MconnectVisitor(impostor.app, provider.issuer);
  const result = await visitor.logInWithMconnect(citizen('mc-citizen-0001'));
  assert.equal(result.response.statusCode, 400);
  assert.equal(heading1(result.page), 'La connexion avec MConnect a échoué');
  assert.equal(visitor.jar.mg_session, undefined);
});
