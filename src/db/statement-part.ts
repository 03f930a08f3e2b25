/**
 * A write one room hands to another to be sent as a part (a `with`) of that room's statement, so
 * that writes of one transaction travel in one round trip: a Kysely insert, update or delete
 * builder, or a `sql` fragment, not yet executed. Data-modifying parts of a statement all run to
 * completion whether or not the statement reads them, in no set order, on the snapshot the
 * statement started with: a part must not depend on another part's effect or on when it runs.
 */
import { sql, type OperationNodeSource } from 'kysely';

export type StatementPart = OperationNodeSource;

/**
 * A statement another library wrote for pg (its values in `$1`, `$2`… placeholders), as a part:
 * its text kept, each placeholder bound to its value as a parameter of the statement it joins.
 * Quoted literals and identifiers are copied as they are; a `$` outside them that is not a
 * placeholder (dollar quoting) is refused rather than misread.
 */
export function textStatementPart(text: string, values: readonly unknown[]): StatementPart {
  const pieces: ReturnType<typeof sql.raw>[] = [];
  let start = 0;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      continue;
    }
    if (char !== '$') continue;
    const digits = /^\d+/.exec(text.slice(i + 1))?.[0];
    if (!digits) throw new Error(`textStatementPart: a "$" that is not a placeholder at ${i}`);
    const index = Number(digits) - 1;
    if (index < 0 || index >= values.length) throw new Error(`textStatementPart: no value for $${digits}`);
    pieces.push(sql.raw(text.slice(start, i)), sql`${values[index]}`);
    i += digits.length;
    start = i + 1;
  }
  if (quote) throw new Error('textStatementPart: an unterminated quote');
  pieces.push(sql.raw(text.slice(start)));
  return sql.join(pieces, sql.raw(''));
}
