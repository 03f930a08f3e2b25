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
  let split = splits.get(text);
  if (!split) {
    split = splitAtPlaceholders(text);
    if (splits.size < MAX_SPLITS) splits.set(text, split);
  }
  const pieces: ReturnType<typeof sql.raw>[] = [sql.raw(split.texts[0] ?? '')];
  split.slots.forEach((slot, i) => {
    if (slot >= values.length) throw new Error(`textStatementPart: no value for $${slot + 1}`);
    pieces.push(sql`${values[slot]}`, sql.raw(split.texts[i + 1] ?? ''));
  });
  return sql.join(pieces, sql.raw(''));
}

/** A text cut at its placeholders: `texts` around them, `slots` the index of each one's value. */
interface Split {
  readonly texts: readonly string[];
  readonly slots: readonly number[];
}

/** The splits of the texts seen, by text (a library sends the same few texts again and again). */
const splits = new Map<string, Split>();
const MAX_SPLITS = 100;

function splitAtPlaceholders(text: string): Split {
  const texts: string[] = [];
  const slots: number[] = [];
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
    if (Number(digits) < 1) throw new Error(`textStatementPart: no value for $${digits}`);
    texts.push(text.slice(start, i));
    slots.push(Number(digits) - 1);
    i += digits.length;
    start = i + 1;
  }
  if (quote) throw new Error('textStatementPart: an unterminated quote');
  texts.push(text.slice(start));
  return { texts, slots };
}
