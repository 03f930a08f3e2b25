/**
 * Hot queries are built and compiled once, then run with each call's values (src/db/compiled.ts):
 * the answers are those of the query built anew, on one handle or in a transaction, and a query
 * whose argument does not end up as a parameter is refused at its first call instead of running
 * with the first call's value baked in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { compiledOnce } from '../src/db/compiled.ts';
import { createTestDatabase } from './helpers/database.ts';

const database = await createTestDatabase();
after(() => database.close());

before(async () => {
  await sql`create table compiled_probe (id int primary key, label text not null, kind text not null)`.execute(
    database.db,
  );
  await sql`insert into compiled_probe values (1, 'un', 'a'), (2, 'deux', 'b'), (3, 'trois', 'a')`.execute(database.db);
});

type Probe = { id: number; label: string };

const byKindAbove = compiledOnce(2, (db, kind: string, above: number) =>
  db
    .selectFrom('compiled_probe' as never)
    .select(['id', 'label'] as never[])
    .where('kind' as never, '=', kind as never)
    .where('id' as never, '>', above as never)
    // A constant of the query between the two arguments: kept as it was compiled.
    .where('label' as never, '<>', 'jamais' as never)
    .orderBy('id' as never),
);

test('a compiled query answers with each call’s values, as the query built anew does', async () => {
  const rows = (kind: string, above: number) => byKindAbove(database.db, kind, above) as unknown as Promise<Probe[]>;
  assert.deepEqual(await rows('a', 0), [
    { id: 1, label: 'un' },
    { id: 3, label: 'trois' },
  ]);
  assert.deepEqual(await rows('a', 1), [{ id: 3, label: 'trois' }]);
  assert.deepEqual(await rows('b', 0), [{ id: 2, label: 'deux' }]);
  assert.deepEqual(await rows('c', 0), []);
  // A value that looks like SQL stays a value.
  assert.deepEqual(await rows("a' or '1'='1", 0), []);
  // In a transaction, compiled with another handle.
  await database.db.transaction().execute(async (trx) => {
    assert.deepEqual(await byKindAbove(trx, 'b', 1), [{ id: 2, label: 'deux' }]);
  });
});

test('an argument that is not a parameter of the query is refused at the first call', async () => {
  const ignoresItsArgument = compiledOnce(1, (db, _id: number) =>
    db
      .selectFrom('compiled_probe' as never)
      .select('id' as never)
      .where('id' as never, '=', 1 as never),
  );
  await assert.rejects(ignoresItsArgument(database.db, 2), /argument 0 is not a parameter of the query/);
});
