/**
 * The throttle counters (failed logins and recovery requests per identifier and per address) are
 * an unlogged table: their writes, one or two on every login, go to no write-ahead log and a
 * transaction that changes only them commits without a flush. What this gives up: after a crash
 * of PostgreSQL, or on a standby promoted to primary, the counters start again from zero (a
 * guesser gets its first free attempts back; no account is opened by it). See ADR 0003.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table throttle set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table throttle set logged`.execute(db);
}
