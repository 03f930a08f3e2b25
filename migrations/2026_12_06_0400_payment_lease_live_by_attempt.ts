/**
 * The live leases of one attempt, by their own index. A payment's state change, its release after
 * a failure, the extension of its hold and the lock of its leases all look for `attempt_id = …
 * and released_at is null`; with the generic plans of prepared statements (ADR 0002), PostgreSQL
 * read them through the index of every live lease (`payment_lease_one_live`) and the attempt's
 * index together, so that each notification scanned all the payments in progress (1,000 in the
 * notifications bench). This index holds only the live leases, by attempt: one entry to read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index payment_lease_live_by_attempt on payment_lease (attempt_id) where released_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index payment_lease_live_by_attempt`.execute(db);
}
