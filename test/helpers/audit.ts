/** What the audit log recorded, read back by tests. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

/** How many `event` entries the audit log holds for `accountId`. */
export async function auditCount(db: Kysely<Database>, accountId: string, event: string): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('event', '=', event)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
