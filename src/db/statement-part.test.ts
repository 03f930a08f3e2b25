/**
 * A statement written for pg's `$n` placeholders as a part of a Kysely statement: each placeholder
 * becomes a parameter numbered in the statement it joins, quoted text is left alone, and what
 * cannot be read safely is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import type { Database } from './database.ts';
import { textStatementPart } from './statement-part.ts';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

test('placeholders become the parameters of the statement the part joins, numbered there', () => {
  const part = textStatementPart(`insert into t (a, b, c) select $2, $1::json, $2 where 'it''s $1' <> "col$3"`, [
    'one',
    'two',
  ]);
  const compiled = sql`with x as (${sql`${'before'}`}), p as (${part}) select ${'after'}`.compile(db);
  assert.equal(
    compiled.sql,
    `with x as ($1), p as (insert into t (a, b, c) select $2, $3::json, $4 where 'it''s $1' <> "col$3") select $5`,
  );
  assert.deepEqual(compiled.parameters, ['before', 'two', 'one', 'two', 'after']);
});

test('a dollar that is not a placeholder, a placeholder without its value and an open quote are refused', () => {
  assert.throws(() => textStatementPart('select $$text$$', []), /not a placeholder/);
  assert.throws(() => textStatementPart('select $tag$text$tag$', []), /not a placeholder/);
  assert.throws(() => textStatementPart('select $2', ['one']), /no value for \$2/);
  assert.throws(() => textStatementPart('select $0', ['one']), /no value for \$0/);
  assert.throws(() => textStatementPart("select 'open", []), /unterminated quote/);
});
