/**
 * A procedure that requires a level of assurance (CANTEEN_MINIMUM_ACR): a password login is sent
 * to MConnect at that level, a weaker MConnect login is refused, and a strong enough one starts it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { heading1 } from '../../../test/helpers/html.ts';
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
  // The job queue holds the welcome e-mail of an account created from the identity.
  jobs: true,
  env: { CANTEEN_MINIMUM_ACR: 'eidas3' },
  mconnect: new MconnectClient(portalClientSettings(provider.issuer)),
});
const CANTEEN = 'payer-la-cantine-ecole-de-fontvieille';
const start = paths.canteen.start(CANTEEN);

test('after a password login, starting the procedure asks for MConnect at the level it requires', async () => {
  const password = 'un cheval bleu mange des pommes';
  const local = await buildAccount(database.db, { passwordHash: await hashPassword(password) });
  const person = new MconnectVisitor(app, provider.issuer);
  assert.equal(
    (await person.post(paths.accounts.login(), { identifiant: local.identifier, mot_de_passe: password })).response
      .statusCode,
    303,
  );
  const { response, page } = await person.get(start);
  assert.equal(response.statusCode, 403);
  assert.equal(heading1(page), 'Identifiez-vous avec MConnect');
  const link = page.querySelector('main a.mconnect-button')?.getAttribute('href') ?? '';
  assert.equal(link, paths.mconnect.login(start, 'eidas3'));
  const redirect = await person.get(link);
  assert.equal(new URL(String(redirect.response.headers.location)).searchParams.get('acr_values'), 'eidas3');
});

test('an MConnect login below the level is refused; one at the level starts the procedure', async () => {
  const weak = new MconnectVisitor(app, provider.issuer);
  const low = await weak.get(paths.mconnect.login(start, 'eidas3'));
  const callback = await weak.answerAtMconnect(String(low.response.headers.location), citizen('mc-citizen-0002')); // eidas2
  const refused = await weak.get(`${callback.pathname}${callback.search}`);
  assert.equal(refused.response.statusCode, 403);
  assert.equal(heading1(refused.page), 'Niveau de sécurité insuffisant');

  const strong = new MconnectVisitor(app, provider.issuer);
  const begin = await strong.get(paths.mconnect.login(start, 'eidas3'));
  const answer = await strong.answerAtMconnect(String(begin.response.headers.location), citizen('mc-citizen-0001')); // eidas3
  assert.equal(
    (await strong.get(`${answer.pathname}${answer.search}`)).response.headers.location,
    paths.mconnect.firstLogin(),
  );
  await strong.post(paths.mconnect.firstLogin(), { choix: 'nouveau' });
  const created = await strong.post(paths.mconnect.create(), { conditions: 'oui' });
  assert.equal(created.response.headers.location, paths.mconnect.created(start), 'the account created, then…');
  const done = await strong.get(paths.mconnect.created(start));
  assert.ok(done.page, 'the confirmation page');
  assert.match(done.response.body, new RegExp(`href="${start}"`), '…back to the procedure');
  const started = await strong.get(start);
  assert.equal(started.response.statusCode, 303);
  assert.equal(
    started.response.headers.location,
    paths.canteen.invoices('ecole-de-fontvieille'),
    'past the level check, on to the bills there',
  );
});

test('a level lower than the configured minimum cannot be asked through the address', async () => {
  const person = new MconnectVisitor(app, provider.issuer);
  const redirect = await person.get(paths.mconnect.login(undefined, 'eidas1'));
  assert.equal(new URL(String(redirect.response.headers.location)).searchParams.get('acr_values'), 'eidas2');
});
