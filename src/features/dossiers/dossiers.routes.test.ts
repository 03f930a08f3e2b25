import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { all, bodyText, heading1, linkHref, parsePage, text } from '../../../test/helpers/html.ts';
import { addSignInDoor, signIn } from '../../../test/helpers/session.ts';
import { DossierTransitionError, findDossier, moveDossier } from './dossiers.service.ts';

const { app, database } = await buildTestApp({ seed: false, routes: addSignInDoor });

function signedIn(accountId: string): Promise<string> {
  return signIn(app, accountId);
}

const TITLE = { fr: 'Payer la cantine en ligne pour l’École du Parc', en: 'Pay the canteen online for École du Parc' };

test('"Mes démarches" asks an anonymous visitor to log in, and brings them back afterwards', async () => {
  const response = await app.inject('/mes-demarches');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/connexion?retour=%2Fmes-demarches');
});

test('a new user sees that they have no procedure yet, with a link to the catalogue', async () => {
  const account = await buildAccount(database.db);
  const response = await app.inject({ url: '/mes-demarches', headers: { cookie: await signedIn(account.id) } });
  assert.equal(response.statusCode, 200);
  const page = parsePage(response.body);
  assert.equal(heading1(page), 'Mes démarches');
  assert.match(bodyText(page), /Vous n’avez pas encore de démarche/);
  assert.equal(linkHref(page, 'Voir toutes les démarches'), '/demarches');
  assert.equal(response.headers['cache-control'], 'no-store');
});

test('the list shows each dossier with its status, most recent first, and its page shows the timeline', async () => {
  const account = await buildAccount(database.db);
  const first = await buildDossier(database.db, { accountId: account.id, title: TITLE });
  await database.db.transaction().execute((trx) => moveDossier(trx, first.id, 'en_cours'));
  await database.db.transaction().execute((trx) => moveDossier(trx, first.id, 'terminee'));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await buildDossier(database.db, {
    accountId: account.id,
    procedureSlug: 'payer-la-cantine-ecole-des-carmes',
    title: {
      fr: 'Payer la cantine en ligne pour l’École des Carmes',
      en: 'Pay the canteen online for École des Carmes',
    },
  });
  const cookie = await signedIn(account.id);
  const page = parsePage((await app.inject({ url: '/mes-demarches', headers: { cookie } })).body);
  const rows = all(page, 'tbody tr').map((row) => all(row, 'td').map((cell) => text(cell)));
  assert.equal(rows.length, 2);
  assert.deepEqual(
    rows.map((r) => r[1]),
    [second.reference, first.reference],
  );
  assert.deepEqual(
    rows.map((r) => r[2]),
    ['Brouillon', 'Terminée'],
  );

  const detail = parsePage((await app.inject({ url: `/mes-demarches/${first.reference}`, headers: { cookie } })).body);
  assert.equal(heading1(detail), TITLE.fr);
  const timeline = all(detail, '.timeline__title').map((item) => text(item));
  assert.deepEqual(timeline, ['Démarche commencée', 'Changement d’état : En cours', 'Changement d’état : Terminée']);
  assert.match(bodyText(detail), new RegExp(first.reference));

  const english = parsePage(
    (await app.inject({ url: `/mes-demarches/${first.reference}`, headers: { cookie: `${cookie}; lang=en` } })).body,
  );
  assert.equal(heading1(english), TITLE.en);
});

test('a user never sees another user’s dossier: it is "not found", like a reference that does not exist', async () => {
  const owner = await buildAccount(database.db);
  const other = await buildAccount(database.db);
  const dossier = await buildDossier(database.db, { accountId: owner.id, procedureSlug: 'x', title: TITLE });
  const cookie = await signedIn(other.id);
  for (const reference of [
    dossier.reference,
    'MG-2026-AAAA-BBBB',
    '../../etc/passwd',
    `${'A'.repeat(150)}`,
    "MG' OR 1=1 --",
  ]) {
    const response = await app.inject({ url: `/mes-demarches/${encodeURIComponent(reference)}`, headers: { cookie } });
    assert.equal(response.statusCode, 404, reference.slice(0, 30));
  }
  const list = parsePage((await app.inject({ url: '/mes-demarches', headers: { cookie } })).body);
  assert.doesNotMatch(bodyText(list), new RegExp(dossier.reference));
});

test('a transition the state machine refuses changes nothing', async () => {
  const account = await buildAccount(database.db);
  const dossier = await buildDossier(database.db, { accountId: account.id, procedureSlug: 'x', title: TITLE });
  await assert.rejects(
    database.db.transaction().execute((trx) => moveDossier(trx, dossier.id, 'terminee')),
    DossierTransitionError,
  );
  const found = await findDossier(database.db, account.id, dossier.reference);
  assert.equal(found?.dossier.status, 'brouillon');
  assert.equal(found?.events.length, 1);
});

test('the header of a signed-in user links to "Mes démarches"', async () => {
  const account = await buildAccount(database.db);
  const page = parsePage((await app.inject({ url: '/', headers: { cookie: await signedIn(account.id) } })).body);
  assert.equal(linkHref(page, 'Mes démarches'), '/mes-demarches');
});
