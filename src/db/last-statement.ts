/**
 * A transaction's last statement, marked so that on PostgreSQL the pool sends the `commit` with
 * it, in the same round trip (src/db/connect.ts, ADR 0002); the transaction's own `commit` then
 * has nothing left to send. Only for a statement after which the transaction's callback sends
 * nothing and cannot fail: once it has run, the transaction is committed, a statement after it is
 * refused, and an error thrown after it rolls nothing back. A marked statement that fails (or whose
 * commit fails) leaves the transaction to be rolled back as usual. On PGlite the mark is a comment,
 * and the transaction commits on its own.
 */
import { sql } from 'kysely';

export const LAST_STATEMENT_MARK = '/* last statement */';

/** Put at the head of the statement's SQL. */
export const lastStatement = sql.raw(`${LAST_STATEMENT_MARK} `);
