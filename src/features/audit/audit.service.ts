/**
 * The audit log of security events, readable later by the back office. One row per event; details
 * never hold a password, a token or a message body. The queries are in audit.repository.ts.
 */
import type { Kysely, QueryCreator } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PurgeCounts } from '../../jobs/housekeeping.ts';
import * as repository from './audit.repository.ts';

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

function auditRow(entry: AuditEntry): repository.AuditEventRow {
  return {
    event: entry.event,
    accountId: entry.accountId,
    ip: entry.ip,
    details: JSON.stringify(entry.details ?? {}),
  };
}

export async function recordAuditEvent(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await repository.insertAuditEvent(db, auditRow(entry));
}

/**
 * The event's insert as a part of the caller's own statement (`db.with('audit', auditEventPart(entry))`),
 * so that a change and the event that records it are written in one round trip and one commit (the
 * login writes its event with the new session). PostgreSQL runs such a part even when the rest of
 * the statement does not read it.
 */
export function auditEventPart(entry: AuditEntry) {
  return (qb: QueryCreator<Database>) => repository.auditEventInsert(qb, auditRow(entry));
}

/** An event as the log keeps it. */
export interface RecordedAuditEvent {
  readonly occurredAt: Date;
  readonly event: string;
  readonly ip: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The account's events, newest first. */
export async function listAuditEvents(
  db: Kysely<Database>,
  accountId: string,
  limit = 100,
): Promise<RecordedAuditEvent[]> {
  const rows = await repository.selectAuditEvents(db, accountId, limit);
  return rows.map((row) => ({ occurredAt: row.occurred_at, event: row.event, ip: row.ip, details: row.details }));
}

/** Security events are kept one year, as the personal-data page states. */
export const AUDIT_RETENTION_MS = 365 * 24 * 60 * 60_000;

/** The housekeeping job's hook (registered in src/jobs/workers.ts): deletes the events older than a year. */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeCounts> {
  return { auditEvents: await repository.deleteAuditEventsBefore(db, new Date(now.getTime() - AUDIT_RETENTION_MS)) };
}
