/** Every query on the audit log (`audit_event`). */
import type { Kysely, QueryCreator } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface AuditEventRow {
  readonly event: string;
  readonly accountId: string | null;
  readonly ip: string | null;
  readonly details: string;
}

export async function insertAuditEvent(db: Kysely<Database>, row: AuditEventRow): Promise<void> {
  await auditEventInsert(db, row).execute();
}

/** The insert of one event, on its own (insertAuditEvent) or as a part (a `with`) of a caller's statement. */
export function auditEventInsert(qb: QueryCreator<Database>, row: AuditEventRow) {
  return qb
    .insertInto('audit_event')
    .values({ event: row.event, account_id: row.accountId, ip: row.ip, details: row.details });
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
