/**
 * On PostgreSQL the portal sends each repeated query as a named prepared statement (src/db/connect.ts):
 * the same text is parsed once per connection. Checked here on one pinned connection: the statement
 * is prepared once and reused, its answers stay right, and a table changed under it (a migration by
 * a newer process) does not break it. PGlite runs in the process and prepares nothing.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKind } from './helpers/database.ts';

const database = await createTestDatabase();
after(() => database.close());
const onPostgres = testDatabaseKind() === 'postgres';

test(
  'a repeated query is prepared once per connection, and survives its table changing',
  { skip: !onPostgres && 'PostgreSQL only' },
  async () => {
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
  },
);

test(
  'a prepared statement keeps its generic plan, even with an array of ids, instead of planning each execution',
  { skip: !onPostgres && 'PostgreSQL only' },
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
