/**
 * Throttling of login and recovery attempts, kept in the database so that every process sees the
 * same counters. Each key (an identifier, an IP address, an e-mail…) counts failures within a
 * window; from the `freeFailures`-th failure on, the key is blocked for a delay that doubles at
 * each further failure, up to `maxDelaySeconds` (a temporary lock, never a permanent one).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface ThrottlePolicy {
  /** Failures allowed before the first delay. */
  readonly freeFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** Failures older than this are forgotten. */
  readonly windowSeconds: number;
}

/** Login: 5 failures, then 30 s, 60 s, 120 s… up to 15 minutes; counters reset after an hour. */
export const LOGIN_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  firstDelaySeconds: 30,
  maxDelaySeconds: 900,
  windowSeconds: 3600,
};

export type ThrottleCheck =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

/** Whether every key may try now; if one is blocked, how long to wait (the longest block). */
export async function checkThrottle(
  db: Kysely<Database>,
  keys: readonly string[],
  now: Date = new Date(),
): Promise<ThrottleCheck> {
  if (keys.length === 0) return { allowed: true };
  const rows = await db
    .selectFrom('throttle')
    .select(['blocked_until'])
    .where('key', 'in', [...keys])
    .execute();
  const until = Math.max(0, ...rows.map((row) => row.blocked_until?.getTime() ?? 0));
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
}

/**
 * Counts one failure for each key (atomically, whatever the number of processes) and returns the
 * highest count reached, so the caller can tell the owner when a lock starts.
 */
export async function recordFailure(
  db: Kysely<Database>,
  keys: readonly string[],
  policy: ThrottlePolicy,
  now: Date = new Date(),
): Promise<{ readonly failures: number; readonly blockedSeconds: number }> {
  let worst = { failures: 0, blockedSeconds: 0 };
  for (const key of keys) {
    const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
    const row = await db
      .insertInto('throttle')
      .values({ key, failures: 1, window_started_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when throttle.window_started_at < ${windowStart} then 1 else throttle.failures + 1 end`,
          window_started_at: sql<Date>`case when throttle.window_started_at < ${windowStart} then ${now} else throttle.window_started_at end`,
        }),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow();
    const blockedSeconds = delayAfter(row.failures, policy);
    if (blockedSeconds > 0) {
      await db
        .updateTable('throttle')
        .set({ blocked_until: new Date(now.getTime() + blockedSeconds * 1000) })
        .where('key', '=', key)
        .execute();
    }
    if (row.failures > worst.failures) worst = { failures: row.failures, blockedSeconds };
  }
  return worst;
}

/** Forgets the failures of these keys (after a successful login). */
export async function clearThrottle(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('throttle')
    .where('key', 'in', [...keys])
    .execute();
}
