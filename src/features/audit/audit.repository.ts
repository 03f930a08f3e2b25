/** Every query on the audit log (`audit_event`). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export async function insertAuditEvent(
  db: Kysely<Database>,
  row: { event: string; accountId: string | null; ip: string | null; details: string },
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({ event: row.event, account_id: row.accountId, ip: row.ip, details: row.details })
    .execute();
}

/** The account's events, newest first. */
export async function selectAuditEvents(db: Kysely<Database>, accountId: string, limit: number) {
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'event', 'ip', 'details'])
    .where('account_id', '=', accountId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Housekeeping: security events that occurred at or before `before`; how many were deleted. */
export async function deleteAuditEventsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('audit_event').where('occurred_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
