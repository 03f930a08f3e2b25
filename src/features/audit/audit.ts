/**
 * The audit log of security events, readable later by the back office. One row per event; details
 * never hold a password, a token or a message body.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export const AUDIT_EVENTS = [
  'account.created',
  'account.closed',
  'email.verified',
  'email.change_requested',
  'email.change_cancelled',
  'email.changed',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'logout',
  'password.changed',
  'password.reset_requested',
  'password.reset_used',
  'identifier.reminder_requested',
  'sessions.ended',
  'profile.updated',
  'reauth.failed',
  'mconnect.login',
  'mconnect.failed',
  'mconnect.linked',
  'mconnect.unlinked',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly accountId: string | null;
  readonly ip: string | null;
  readonly details?: Record<string, string | number | boolean | null>;
}

export async function recordAuditEvent(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      event: entry.event,
      account_id: entry.accountId,
      ip: entry.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAuditEvents(db: Kysely<Database>, accountId: string, limit = 100) {
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'event', 'ip', 'details'])
    .where('account_id', '=', accountId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
