/**
 * Recording what happened to dossiers, several at once (`recordOnDossiers`): each record applies
 * after the previous ones, every step of a path is an event of the timeline, in order; a dossier
 * with no way to the state asked keeps its state and still gets its event.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { findDossier, recordOnDossiers } from './dossiers.service.ts';

const database = await createTestDatabase();
const db = database.db;
after(() => database.close());

test('records of several dossiers in one call: each in its order, states moved along the allowed paths', async () => {
  const account = await buildAccount(db);
  const paid = await buildDossier(db, { accountId: account.id });
  const done = await buildDossier(db, { accountId: account.id });
  await db
    .transaction()
    .execute((trx) => recordOnDossiers(trx, [{ dossierId: done.id, kind: 'finished', details: {}, to: 'terminee' }]));
  await db.transaction().execute((trx) =>
    recordOnDossiers(trx, [
      { dossierId: paid.id, kind: 'payment_declined', details: { payment: 'P1' }, to: 'echouee' },
      { dossierId: done.id, kind: 'payment_declined', details: { payment: 'P1' }, to: 'echouee' },
      { dossierId: paid.id, kind: 'payment_succeeded', details: { payment: 'P1' }, to: 'terminee' },
      { dossierId: randomUUID(), kind: 'lost', details: {} },
      { dossierId: paid.id, kind: 'payment_overpaid', details: { amountCents: 100 } },
    ]),
  );

  const first = await findDossier(db, account.id, paid.reference);
  assert.equal(first?.dossier.status, 'terminee');
  assert.deepEqual(
    first?.events.map((e) => [e.kind, e.details.from ?? null, e.details.to ?? null]),
    [
      ['created', null, null],
      ['status_changed', 'brouillon', 'en_cours'],
      ['payment_declined', 'en_cours', 'echouee'],
      ['status_changed', 'echouee', 'en_cours'],
      ['payment_succeeded', 'en_cours', 'terminee'],
      ['payment_overpaid', null, null],
    ],
  );
  assert.equal(first?.events[4]?.details.payment, 'P1');

  // A finished dossier has no way to `echouee`: its state stays, what happened is recorded.
  const second = await findDossier(db, account.id, done.reference);
  assert.equal(second?.dossier.status, 'terminee');
  assert.deepEqual(
    second?.events.map((e) => e.kind),
    ['created', 'status_changed', 'finished', 'payment_declined'],
  );
});
