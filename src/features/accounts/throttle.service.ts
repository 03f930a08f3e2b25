/**
 * Throttling of login and recovery attempts, kept in the database so that every process sees the
 * same counters. Each key (an identifier, an IP address, an e-mail…) counts failures within a
 * window; from the `freeFailures`-th failure on, the key is blocked for a delay that doubles at
 * each further failure, up to `maxDelaySeconds` (a temporary lock, never a permanent one).
 *
 * A password check counts its attempt before the (slow) verification, in the statement that
 * checks the block (`reserveAttempt`), and the caller forgets the count when the password was
 * right: so parallel guesses cannot all pass the check before the first failure is recorded.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import * as repository from './throttle.repository.ts';

export interface ThrottlePolicy extends repository.CountingRule {
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

/**
 * Per IP address (a school, an office, a town behind one NAT may share one): 100 failures an
 * hour, then 15 minutes, doubling up to an hour. Never refuses a right password (see login.service.ts).
 */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 100,
  firstDelaySeconds: 900,
  maxDelaySeconds: 3600,
  windowSeconds: 3600,
};

/**
 * The network an address stands for in the counters: an IPv4 address itself, an IPv6 address's
 * /64 (one subscriber or host usually holds a whole /64, so its addresses count together).
 */
export function networkOf(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export type ThrottleCheck =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

function waitUntil(blocks: readonly Date[], now: Date): ThrottleCheck {
  const until = Math.max(0, ...blocks.map((end) => end.getTime()));
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
}

/** Whether every key may try now; if one is blocked, how long to wait (the longest block). */
export async function checkThrottle(
  db: Kysely<Database>,
  keys: readonly string[],
  now: Date = new Date(),
): Promise<ThrottleCheck> {
  if (keys.length === 0) return { allowed: true };
  return waitUntil(await repository.findBlocks(db, keys), now);
}

export type Reservation =
  | { readonly allowed: true; readonly attempts: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Counts an attempt on `key` as a failure before it is evaluated, unless the key is blocked, in
 * one statement; concurrent attempts each see the ones before them. The attempt that reaches the
 * policy's free failures already starts the block, so no further attempt passes while it runs.
 * A successful attempt must then be forgotten with `clearThrottle`.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  key: string,
  policy: ThrottlePolicy,
  now: Date = new Date(),
): Promise<Reservation> {
  return reservationOf(db, key, await repository.countAttemptUnlessBlocked(db, key, policy, now), now);
}

/**
 * The reservation that `attemptUpsert` (run by a caller inside a larger statement) made: the
 * count it returned, or, when it returned no row, how long the key is blocked (one more statement,
 * only then).
 */
export async function reservationOf(
  db: Kysely<Database>,
  key: string,
  counted: { readonly failures: number } | undefined,
  now: Date,
): Promise<Reservation> {
  if (counted) return { allowed: true, attempts: counted.failures };
  const check = waitUntil(await repository.findBlocks(db, [key]), now);
  // The block ended between the two statements: refuse this once, with the shortest wait.
  return check.allowed ? { allowed: false, retryAfterSeconds: 1 } : check;
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
    const row = await repository.countFailure(db, key, policy, now);
    if (row.failures > worst.failures)
      worst = { failures: row.failures, blockedSeconds: delayAfter(row.failures, policy) };
  }
  return worst;
}

/** Forgets the failures of these keys (after a successful login). */
export async function clearThrottle(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  await repository.deleteKeys(db, keys);
}
