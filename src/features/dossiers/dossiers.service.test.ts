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
import { updatesOf } from '../../../test/helpers/hot-updates.ts';
import { findDossier, listDossiers, recordOnDossiers } from './dossiers.service.ts';

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

test('writes of other rooms sent alongside the records are made in the same statement, with or without records, or not at all', async () => {
  const account = await buildAccount(db);
  const dossier = await buildDossier(db, { accountId: account.id });
  const note = (event: string, accountId: string = account.id) =>
    db.insertInto('audit_event').values({ event, account_id: accountId, ip: null });
  // Parts of one statement run in no set order: compared in the order of their names.
  const notes = async () =>
    (
      await db
        .selectFrom('audit_event')
        .select('event')
        .where('event', 'like', 'alongside.%')
        .orderBy('event')
        .execute()
    ).map((row) => row.event);

  await db
    .transaction()
    .execute((trx) =>
      recordOnDossiers(
        trx,
        [{ dossierId: dossier.id, kind: 'finished', details: {}, to: 'terminee' }],
        [note('alongside.one'), note('alongside.two')],
      ),
    );
  assert.equal((await findDossier(db, account.id, dossier.reference))?.dossier.status, 'terminee');
  assert.deepEqual(await notes(), ['alongside.one', 'alongside.two']);

  // No record: the writes are still made.
  await db.transaction().execute((trx) => recordOnDossiers(trx, [], [note('alongside.three')]));
  assert.deepEqual(await notes(), ['alongside.one', 'alongside.three', 'alongside.two']);

  // A write that fails (an account that does not exist) fails the whole statement: nothing of it stays.
  const other = await buildDossier(db, { accountId: account.id });
  await assert.rejects(
    db
      .transaction()
      .execute((trx) =>
        recordOnDossiers(
          trx,
          [{ dossierId: other.id, kind: 'finished', details: {}, to: 'terminee' }],
          [note('alongside.four'), note('alongside.five', randomUUID())],
        ),
      ),
  );
  const untouched = await findDossier(db, account.id, other.reference);
  assert.notEqual(untouched?.dossier.status, 'terminee');
  assert.ok(!untouched?.events.some((e) => e.kind === 'finished'));
  assert.deepEqual(await notes(), ['alongside.one', 'alongside.three', 'alongside.two']);
});

test("a dossier's move changes no indexed column: it is written as a heap-only tuple, and the account's list keeps its order", async () => {
  const account = await buildAccount(db);
  const older = await buildDossier(db, { accountId: account.id });
  const newer = await buildDossier(db, { accountId: account.id });
  const hotUpdates = await updatesOf(db, 'dossier', (trx) =>
    recordOnDossiers(trx, [{ dossierId: older.id, kind: 'finished', details: {}, to: 'terminee' }]),
  );
  assert.deepEqual(hotUpdates, { updated: 1, hot: 1 });
  // The dossier moved last comes first in "Mes démarches", whatever the order of creation.
  assert.deepEqual(
    (await listDossiers(db, account.id)).map((d) => d.reference),
    [older.reference, newer.reference],
  );
});
