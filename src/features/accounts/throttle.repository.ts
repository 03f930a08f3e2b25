/**
 * Every query on the `throttle` table: one row per key (an identifier, an IP address, an
 * e-mail…) with its failure count in the current window and the time its block ends. Each
 * change is one statement, so concurrent requests on any number of processes count exactly.
 */
import { sql, type Kysely, type QueryCreator, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

/** How a key's count turns into a block; see throttle.service.ts. */
export interface CountingRule {
  readonly freeFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly windowSeconds: number;
}

/** The count after this one, the window restarting when it is older than the rule's. */
function nextCount(windowStart: Date): RawBuilder<number> {
  return sql<number>`(case when throttle.window_started_at < ${windowStart} then 1 else throttle.failures + 1 end)`;
}

/** When a key with `count` failures is blocked until (null: not blocked), as throttle.service's delayAfter. */
function blockEnd(count: RawBuilder<number> | number, rule: CountingRule, now: Date): RawBuilder<Date | null> {
  return sql<Date | null>`(case when ${count} >= ${rule.freeFailures}::int then ${now}::timestamptz + make_interval(secs => least(${rule.firstDelaySeconds}::float8 * power(2::float8, least(${count} - ${rule.freeFailures}::int, 30)), ${rule.maxDelaySeconds}::float8)) else null end)`;
}

/** The block ends of these keys (rows without a block are left out). */
export async function findBlocks(db: Kysely<Database>, keys: readonly string[]): Promise<Date[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('throttle')
    .select('blocked_until')
    .where('key', 'in', [...keys])
    .where('blocked_until', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.blocked_until ? [row.blocked_until] : []));
}

/** Counts one failure for `key` and sets its block from the new count; returns the count and block. */
export async function countFailure(db: Kysely<Database>, key: string, rule: CountingRule, now: Date) {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  return db
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now, blocked_until: blockEnd(1, rule, now) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: nextCount(windowStart),
        window_started_at: sql<Date>`case when throttle.window_started_at < ${windowStart} then ${now}::timestamptz else throttle.window_started_at end`,
        blocked_until: blockEnd(nextCount(windowStart), rule, now),
      }),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
}

/**
 * Counts one attempt for `key` unless the key is blocked now, in one statement (the row is locked
 * by the upsert, so concurrent attempts queue on it and each sees the previous one's count).
 * Returns the count and block reached, or undefined when the key was blocked (nothing counted).
 */
export async function countAttemptUnlessBlocked(db: Kysely<Database>, key: string, rule: CountingRule, now: Date) {
  return attemptUpsert(db, key, rule, now).executeTakeFirst();
}

/**
 * The upsert of countAttemptUnlessBlocked, to be run as a part (a `with`) of a larger statement
 * that needs the attempt counted before anything else it does (the login reads the account in the
 * same round trip): it returns one row (`failures`, `blocked_until`) when the attempt was counted,
 * none when the key was blocked.
 */
export function attemptUpsert(qb: QueryCreator<Database>, key: string, rule: CountingRule, now: Date) {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  return qb
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now, blocked_until: blockEnd(1, rule, now) })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: nextCount(windowStart),
          window_started_at: sql<Date>`case when throttle.window_started_at < ${windowStart} then ${now}::timestamptz else throttle.window_started_at end`,
          blocked_until: blockEnd(nextCount(windowStart), rule, now),
        })
        .where((eb) => eb.or([eb('throttle.blocked_until', 'is', null), eb('throttle.blocked_until', '<=', now)])),
    )
    .returning(['failures', 'blocked_until']);
}

export async function deleteKeys(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await throttleKeysDelete(db, keys).execute();
}

/** The delete of deleteKeys (at least one key), on its own or as a part (a `with`) of a caller's statement. */
export function throttleKeysDelete(qb: QueryCreator<Database>, keys: readonly string[]) {
  return qb.deleteFrom('throttle').where('key', 'in', [...keys]);
}

/**
 * Housekeeping: counters whose window started at or before `windowStartedBefore` and whose block,
 * if any, has ended at `now`; how many were deleted.
 */
export async function deleteExpiredCounters(
  db: Kysely<Database>,
  now: Date,
  windowStartedBefore: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('throttle')
    .where('window_started_at', '<=', windowStartedBefore)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
