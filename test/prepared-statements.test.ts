/**
 * On PostgreSQL the portal sends each repeated query as a named prepared statement (src/db/connect.ts):
 * the same text is parsed once per connection. Checked here on one pinned connection: the statement
 * is prepared once and reused, its answers stay right, and a table changed under it (a migration by
 * a newer process) does not break it. PGlite runs in the process and prepares nothing.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { lastStatement } from '../src/db/last-statement.ts';
import { createTestDatabase, testDatabaseKind } from './helpers/database.ts';

const database = await createTestDatabase();
after(() => database.close());
const onPostgres = testDatabaseKind() === 'postgres';
/** What prepares and sends statements is the pg pool's: PGlite runs in the process and prepares nothing. */
const POSTGRES_ONLY = { skip: !onPostgres && 'PostgreSQL only' };

test('a repeated query is prepared once per connection, and survives its table changing', POSTGRES_ONLY, async () => {
  const db = database.db;
  await sql`create table prepared_probe (id int primary key, label text not null)`.execute(db);
  await sql`insert into prepared_probe values (1, 'un'), (2, 'deux')`.execute(db);
  await db.connection().execute(async (conn) => {
    const read = (id: number) =>
      conn
        .selectFrom('prepared_probe' as never)
        .selectAll()
        .where('id' as never, '=', id as never)
        .execute() as Promise<Record<string, unknown>[]>;
    assert.deepEqual(await read(1), [{ id: 1, label: 'un' }]);
    assert.deepEqual(await read(2), [{ id: 2, label: 'deux' }]);
    const prepared = await sql<{
      n: string;
    }>`select count(*) as n from pg_prepared_statements where statement like ${'select * from "prepared_probe"%'}`.execute(
      conn,
    );
    assert.equal(Number(prepared.rows[0]?.n), 1, 'one prepared statement for the two reads');
    // A column added under the prepared statement: the read still answers, with the new column.
    await sql`alter table prepared_probe add column note text`.execute(conn);
    assert.deepEqual(await read(1), [{ id: 1, label: 'un', note: null }]);
  });
});

test(
  'a prepared statement keeps its generic plan, even with an array of ids, instead of planning each execution',
  POSTGRES_ONLY,
  async () => {
    const db = database.db;
    await sql`create table plan_probe (id int primary key, label text not null)`.execute(db);
    await sql`insert into plan_probe select n, 'n' || n from generate_series(1, 500) as n`.execute(db);
    await sql`analyze plan_probe`.execute(db);
    await db.connection().execute(async (conn) => {
      const read = (ids: number[]) =>
        conn
          .selectFrom('plan_probe' as never)
          .selectAll()
          .where(sql<boolean>`id = any(${ids}::int[])`)
          .orderBy('id' as never)
          .execute() as Promise<Record<string, unknown>[]>;
      for (let i = 1; i <= 8; i++) assert.deepEqual(await read([i]), [{ id: i, label: `n${i}` }]);
      assert.deepEqual(await read([3, 400]), [
        { id: 3, label: 'n3' },
        { id: 400, label: 'n400' },
      ]);
      const plans = await sql<{ generic: string; custom: string }>`
        select generic_plans as generic, custom_plans as custom from pg_prepared_statements
        where statement like ${'select * from "plan_probe"%'}`.execute(conn);
      assert.deepEqual(
        plans.rows.map((row) => ({ generic: Number(row.generic), custom: Number(row.custom) })),
        [{ generic: 9, custom: 0 }],
        'nine executions of one generic plan, no custom planning',
      );
    });
  },
);

/** Counts the queries the pool's clients send (each one round trip: one Sync, one ReadyForQuery). */
async function countingQueries<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const prototype = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown };
  const original = prototype.query;
  const sent: string[] = [];
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    const text = typeof first === 'string' ? first : ((first as { text?: string; name?: string }).text ?? '?');
    sent.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
    return original.apply(this, args);
  };
  try {
    return { result: await work(), sent };
  } finally {
    prototype.query = original;
  }
}

test(
  'a transaction’s begin goes with its first statement, in one round trip; what that statement did is inside the transaction',
  POSTGRES_ONLY,
  async () => {
    const db = database.db;
    await sql`create table begin_probe (id int primary key, label text not null)`.execute(db);
    const insert = (trx: typeof db, id: number) =>
      trx
        .insertInto('begin_probe' as never)
        .values({ id, label: `n${id}` })
        .execute();
    const rows = async () =>
      (await sql<{ id: number }>`select id from begin_probe order by id`.execute(db)).rows.map((r) => r.id);
    // The first transaction on a connection prepares its begin; the later ones send it with their first statement.
    await db.transaction().execute((trx) => insert(trx, 1));
    const { sent } = await countingQueries(() =>
      db.transaction().execute(async (trx) => {
        await insert(trx, 2);
        // Not seen from another connection before the commit: the insert ran inside the transaction.
        assert.deepEqual(await rows(), [1]);
        await insert(trx, 3);
      }),
    );
    assert.deepEqual(await rows(), [1, 2, 3]);
    const own = sent.filter((text) => !text.startsWith('select id from'));
    assert.deepEqual(
      own,
      ['insert into "begin_probe"', 'insert into "begin_probe"', 'commit'],
      'begin sent with the first insert',
    );

    // Rolled back: the first statement's row is gone with the rest.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await insert(trx, 4);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.deepEqual(await rows(), [1, 2, 3]);
  },
);

test(
  'a first statement that fails fails its transaction alone; an empty transaction sends nothing; one that starts with DDL begins first',
  POSTGRES_ONLY,
  async () => {
    const db = database.db;
    await sql`create table begin_fail_probe (id int primary key)`.execute(db);
    await sql`insert into begin_fail_probe values (1)`.execute(db);
    for (let i = 0; i < 3; i++)
      await assert.rejects(
        db.transaction().execute((trx) =>
          trx
            .insertInto('begin_fail_probe' as never)
            .values({ id: 1 } as never)
            .execute(),
        ),
        (error: unknown) => (error as { code?: string }).code === '23505',
      );
    // The connections are whole again: a transaction right after works and commits.
    await db.transaction().execute((trx) =>
      trx
        .insertInto('begin_fail_probe' as never)
        .values({ id: 2 } as never)
        .execute(),
    );
    assert.equal(
      Number((await sql<{ n: string }>`select count(*) as n from begin_fail_probe`.execute(db)).rows[0]?.n),
      2,
    );

    const { sent } = await countingQueries(() => db.transaction().execute(async () => 'nothing to do'));
    assert.deepEqual(sent, [], 'an empty transaction costs no round trip');

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`create table begin_ddl_probe (id int)`.execute(trx);
        throw new Error('undo the table');
      }),
      /undo the table/,
    );
    const table = await sql<{ name: string | null }>`select to_regclass('begin_ddl_probe')::text as name`.execute(db);
    assert.equal(table.rows[0]?.name, null, 'the DDL was inside the transaction, and rolled back with it');
  },
);

test(
  'a transaction’s marked last statement takes the commit with it; it fails, or its commit does, and all is rolled back; a statement after it is refused',
  POSTGRES_ONLY,
  async () => {
    const db = database.db;
    await sql`create table last_probe (id int primary key)`.execute(db);
    await sql`create table last_deferred_probe (id int, constraint last_deferred_once unique (id) deferrable initially deferred)`.execute(
      db,
    );
    const ids = async (table: string) =>
      (await sql<{ id: number }>`select id from ${sql.table(table)} order by id`.execute(db)).rows.map((r) => r.id);
    const insert = (trx: typeof db, id: number) => sql`insert into last_probe values (${id})`.execute(trx);
    const last = (trx: typeof db, id: number, table = 'last_probe') =>
      sql`${lastStatement}insert into ${sql.table(table)} values (${id})`.execute(trx);
    // A connection's first commit prepares it (the pool hands back the connection it was given last).
    await db.transaction().execute((trx) => insert(trx, 1));

    const both = await countingQueries(() =>
      db.transaction().execute(async (trx) => {
        await insert(trx, 2);
        await last(trx, 3);
      }),
    );
    assert.deepEqual(await ids('last_probe'), [1, 2, 3]);
    assert.deepEqual(
      both.sent,
      ['insert into last_probe', '/* last statement'],
      'the commit went with the last statement',
    );
    const alone = await countingQueries(() => db.transaction().execute((trx) => last(trx, 4)));
    assert.deepEqual(await ids('last_probe'), [1, 2, 3, 4]);
    assert.deepEqual(alone.sent, ['/* last statement'], 'begin, the statement and commit in one round trip');

    // The last statement fails: nothing was committed, the transaction's earlier insert is gone too.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await insert(trx, 5);
        await last(trx, 1);
      }),
      (error: unknown) => (error as { code?: string }).code === '23505',
    );
    assert.deepEqual(await ids('last_probe'), [1, 2, 3, 4]);
    // Its commit fails (a deferred unique key is checked then): the same.
    await sql`insert into last_deferred_probe values (1)`.execute(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await insert(trx, 6);
        await last(trx, 1, 'last_deferred_probe');
      }),
      (error: unknown) => (error as { code?: string }).code === '23505',
    );
    assert.deepEqual(await ids('last_probe'), [1, 2, 3, 4]);
    assert.deepEqual(await ids('last_deferred_probe'), [1]);

    // A statement after the last one is refused: the transaction was committed with the last.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await last(trx, 7);
        await insert(trx, 8);
      }),
      /after the last statement of a transaction/,
    );
    assert.deepEqual(await ids('last_probe'), [1, 2, 3, 4, 7]);

    // The connection is whole again, and a marked statement outside a transaction simply runs.
    await db.transaction().execute((trx) => insert(trx, 9));
    await last(db, 10);
    assert.deepEqual(await ids('last_probe'), [1, 2, 3, 4, 7, 9, 10]);
  },
);
