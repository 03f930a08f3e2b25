/**
 * What MConnect hands to the accounts feature through its account hooks, seen through the real
 * app: the section of "Mon profil", and what closing an account does to the link.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { bodyText } from '../../../test/helpers/html.ts';
import {
  MconnectVisitor,
  citizen,
  portalClientSettings,
  startMconnectStandIn,
} from '../../../test/helpers/mconnect.ts';
import { paths } from '../../paths.ts';
import { hashPassword } from '../accounts/credentials.ts';
import { MconnectClient } from './mconnect.client.ts';

const provider = await startMconnectStandIn();
const { app, database } = await buildTestApp({
  seed: false,
  jobs: true,
  mconnect: new MconnectClient(portalClientSettings(provider.issuer)),
});
const db = database.db;
const giulia = citizen('mc-citizen-0002');

async function rowsOf(accountId: string) {
  const identities = await db
    .selectFrom('federated_identity')
    .select('subject')
    .where('account_id', '=', accountId)
    .execute();
  const pending = await db
    .selectFrom('mconnect_pending')
    .select('id_hash')
    .where('account_id', '=', accountId)
    .execute();
  return { identities: identities.length, pending: pending.length };
}

test('closing an account linked to MConnect deletes the link and the first logins that proved it, so the identity starts a first login again', async () => {
  const password = 'un voilier rentre au port de Fontvieille';
  const local = await buildAccount(db, { passwordHash: await hashPassword(password) });
  const person = new MconnectVisitor(app, provider.issuer);
  const login = await person.post(paths.accounts.login(), { identifiant: local.identifier, mot_de_passe: password });
  assert.equal(login.response.statusCode, 303);
  const start = await person.post(paths.mconnect.link(), { mot_de_passe: password });
  assert.equal(start.response.statusCode, 303);
  const callback = await person.answerAtMconnect(String(start.response.headers.location), giulia);
  const linked = await person.get(`${callback.pathname}${callback.search}`);
  assert.equal(linked.response.headers.location, paths.accounts.profile('mconnect-associe'));
  const profile = await person.get(paths.accounts.profile());
  assert.match(bodyText(profile.page), /Votre compte est associé à MConnect depuis le/);

  // Another browser's first login of an unknown identity, proven with this account's password.
  const other = new MconnectVisitor(app, provider.issuer);
  await other.logInWithMconnect(citizen('mc-citizen-0003'));
  await other.post(paths.mconnect.firstLogin(), { choix: 'compte' });
  await other.post(paths.mconnect.prove(), { identifiant: local.identifier, mot_de_passe: password });
  assert.deepEqual(await rowsOf(local.id), { identities: 1, pending: 1 });

  const closed = await person.post(paths.accounts.profileClose(), { mot_de_passe: password, confirmation: 'oui' });
  assert.equal(closed.response.statusCode, 303);
  assert.equal(closed.response.headers.location, paths.accounts.closed());
  assert.deepEqual(await rowsOf(local.id), { identities: 0, pending: 0 });

  const again = new MconnectVisitor(app, provider.issuer);
  const answer = await again.logInWithMconnect(giulia);
  assert.equal(answer.response.headers.location, paths.mconnect.firstLogin());
});

test('"Mon profil" of an account without MConnect offers to link it while MConnect is on, and the data download says nothing of MConnect', async () => {
  const password = 'la digue du port Hercule au petit matin';
  const local = await buildAccount(db, { passwordHash: await hashPassword(password) });
  const person = new MconnectVisitor(app, provider.issuer);
  await person.post(paths.accounts.login(), { identifiant: local.identifier, mot_de_passe: password });
  const profile = await person.get(paths.accounts.profile());
  assert.match(bodyText(profile.page), /Mon identité numérique MConnect/);
  assert.match(bodyText(profile.page), /Votre compte n’est pas associé à MConnect/);
  const link = profile.page.querySelector(`main a[href="${paths.mconnect.link()}"]`);
  assert.ok(link, 'a link to the MConnect page of the profile');
  const data = await person.get(paths.accounts.profileData());
  assert.equal(data.response.statusCode, 200);
  assert.deepEqual(Object.keys(data.response.json<Record<string, unknown>>()), [
    'exportedAt',
    'account',
    'sessions',
    'dossiers',
    'securityEvents',
  ]);
});
