/**
 * The PGlite dialect on its own in-memory instance (whatever MG_TEST_DB says): PGlite is a single
 * session, so the driver must hand it to one transaction at a time and make other queries wait.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Insertable, Kysely } from 'kysely';
import { connectDatabase } from './connect.ts';
import type { CreditorTable, Database } from './database.ts';
import { migrateToLatest } from './migrator.ts';

const pglite = await PGlite.create();
const database = await connectDatabase({ kind: 'pglite-instance', pglite });
const { db } = database;
await migrateToLatest(db);
after(async () => {
  await database.close();
  await pglite.close();
});

let sequence = 0;
function buildCreditor(overrides: Partial<Insertable<CreditorTable>> = {}): Insertable<CreditorTable> {
  sequence += 1;
  return {
    slug: `creancier-${sequence}`,
    name: `Créancier ${sequence}`,
    invoice_prefix: `C${sequence}`,
    vat_rate_basis_points: 1000,
    online_min_cents: 100,
    online_max_cents: 150_000,
    psp_merchant_id: `sandbox-${sequence}`,
    ...overrides,
  };
}

async function creditorNames(executor: Kysely<Database>, slugs: readonly string[]): Promise<string[]> {
  const rows = await executor
    .selectFrom('creditor')
    .select('name')
    .where('slug', 'in', slugs)
    .orderBy('slug')
    .execute();
  return rows.map((r) => r.name);
}

async function revision(executor: Kysely<Database>): Promise<number> {
  const row = await executor
    .selectFrom('catalogue_revision')
    .select('revision')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.revision);
}

/** Resolves when `resolve` is called: lets a test hold a transaction open at a chosen point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

test('a transaction that throws is rolled back and leaves nothing behind', async () => {
  const creditor = buildCreditor();
  const revisionBefore = await revision(db);
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('creditor').values(creditor).execute();
      assert.deepEqual(
        await creditorNames(trx, [creditor.slug]),
        [creditor.name],
        'the transaction sees its own write',
      );
      throw new Error('abandon');
    }),
    /abandon/,
  );
  assert.deepEqual(await creditorNames(db, [creditor.slug]), []);
  assert.equal(await revision(db), revisionBefore);
  // The session is usable again, outside any transaction.
  await db.insertInto('creditor').values(buildCreditor()).execute();
});

test('two transactions started at the same time do not interleave: 2 × 20 read-increment-writes add 40', async () => {
  const start = await revision(db);
  const events: string[] = [];
  const incrementTwentyTimes = (name: string) =>
    db.transaction().execute(async (trx) => {
      events.push(`${name} begins`);
      for (let i = 0; i < 20; i += 1) {
        const current = await revision(trx);
        await nextTurn();
        await trx
          .updateTable('catalogue_revision')
          .set({ revision: current + 1 })
          .where('id', '=', 1)
          .execute();
      }
      events.push(`${name} ends`);
    });
  await Promise.all([incrementTwentyTimes('A'), incrementTwentyTimes('B')]);
  assert.equal(await revision(db), start + 40);
  const [firstName, , secondName] = events.map((event) => event.split(' ')[0]);
  assert.deepEqual(events, [`${firstName} begins`, `${firstName} ends`, `${secondName} begins`, `${secondName} ends`]);
  assert.notEqual(firstName, secondName);
});

test('a transaction does not see the uncommitted writes of another one started at the same time', async () => {
  const first = buildCreditor();
  const second = buildCreditor();
  const firstWrote = gate();
  const seenBySecond: string[][] = [];
  const firstTransaction = db.transaction().execute(async (trx) => {
    await trx.insertInto('creditor').values(first).execute();
    firstWrote.open();
    for (let i = 0; i < 5; i += 1) await nextTurn();
    await trx.deleteFrom('creditor').where('slug', '=', first.slug).execute();
  });
  await firstWrote.promise;
  const secondTransaction = db.transaction().execute(async (trx) => {
    seenBySecond.push(await creditorNames(trx, [first.slug, second.slug]));
    await trx.insertInto('creditor').values(second).execute();
    seenBySecond.push(await creditorNames(trx, [first.slug, second.slug]));
  });
  await Promise.all([firstTransaction, secondTransaction]);
  assert.deepEqual(seenBySecond, [[], [second.name]]);
});

test('a query issued outside a transaction waits for it to end, then sees what it committed', async () => {
  const creditor = buildCreditor({ name: 'brouillon' });
  const inserted = gate();
  const queryIssued = gate();
  let outsideSettled = false;
  const transaction = db.transaction().execute(async (trx) => {
    await trx.insertInto('creditor').values(creditor).execute();
    inserted.open();
    await queryIssued.promise;
    for (let i = 0; i < 5; i += 1) await nextTurn();
    await trx.updateTable('creditor').set({ name: 'définitif' }).where('slug', '=', creditor.slug).execute();
    assert.equal(outsideSettled, false, 'the outside query has not run during the transaction');
  });
  await inserted.promise;
  const outside = creditorNames(db, [creditor.slug]).finally(() => {
    outsideSettled = true;
  });
  queryIssued.open();
  await transaction;
  assert.deepEqual(await outside, ['définitif']);
});

test('numAffectedRows counts the rows an update, an insert and a delete changed', async () => {
  const creditors = [buildCreditor(), buildCreditor(), buildCreditor()];
  const inserted = await db.insertInto('creditor').values(creditors).executeTakeFirstOrThrow();
  assert.equal(inserted.numInsertedOrUpdatedRows, 3n);

  const slugs = creditors.map((c) => c.slug);
  const updated = await db
    .updateTable('creditor')
    .set({ online_max_cents: 200_000 })
    .where('slug', 'in', slugs.slice(0, 2))
    .executeTakeFirstOrThrow();
  assert.equal(updated.numUpdatedRows, 2n);

  const none = await db
    .updateTable('creditor')
    .set({ name: 'personne' })
    .where('slug', '=', 'aucun-creancier')
    .executeTakeFirstOrThrow();
  assert.equal(none.numUpdatedRows, 0n);

  const deleted = await db.deleteFrom('creditor').where('slug', 'in', slugs).executeTakeFirstOrThrow();
  assert.equal(deleted.numDeletedRows, 3n);
  assert.deepEqual(await creditorNames(db, slugs), []);
});
