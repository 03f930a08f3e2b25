/**
 * Queries built and compiled once, then executed with each call's values. Building a Kysely query
 * and compiling it to SQL costs tens of microseconds each time (about 27 µs for the session lookup
 * every signed-in request makes, 75 µs for a parent's bills), for a text that never changes: only
 * the values do. `compiledOnce` builds the query the first time with a placeholder object in each
 * argument's place, finds where each placeholder landed among the compiled parameters, and from
 * then on sends the same SQL with the call's values put there. The SQL is PostgreSQL's, which is
 * what both PGlite and PostgreSQL speak, so one compilation serves every database handle and
 * transaction.
 *
 * Only for hot queries whose arguments are single values used as parameters (`=`, `<`, `is`): an
 * argument spread into a list (`in`), inlined, or tested in JavaScript while building would not be
 * seen as a placeholder, and the first call throws rather than run a wrong query.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.ts';

/** Stands for the argument at `index` while the query is built. */
class Placeholder {
  constructor(readonly index: number) {}
}

type Builder<A extends readonly unknown[], R> = (db: Kysely<Database>, ...args: A) => Compilable<R>;

/**
 * `build(db, ...args)` compiled once; the returned function runs it with `args` and resolves to
 * its rows.
 */
export function compiledOnce<A extends readonly unknown[], R>(
  arity: A['length'],
  build: Builder<A, R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined;
  /** Per compiled parameter: the index of the argument it takes, or -1 for a constant of the query. */
  let slots: number[] = [];
  return async (db, ...args) => {
    if (!compiled) {
      const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
      const made = build(db, ...(placeholders as unknown as A)).compile();
      const found = made.parameters.map((p) => (p instanceof Placeholder ? p.index : -1));
      for (const placeholder of placeholders) {
        if (!found.includes(placeholder.index)) {
          throw new Error(`compiledOnce: argument ${placeholder.index} is not a parameter of the query: ${made.sql}`);
        }
      }
      compiled = made;
      slots = found;
    }
    const query = compiled;
    const parameters = query.parameters.map((constant, i) => {
      const slot = slots[i] ?? -1;
      return slot === -1 ? constant : args[slot];
    });
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
}
