/** The development mailbox's table (`dev_mail`): every query of the dev mailbox, returning rows. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, DevMailTable } from '../../db/database.ts';
import type { OutgoingMail } from './mail.types.ts';

export type DevMailRow = Selectable<DevMailTable>;
export type DevMailSummary = Pick<DevMailRow, 'id' | 'to_address' | 'subject' | 'created_at'>;

/** The list shows the most recent messages only. */
export const DEV_MAILBOX_LIST_LIMIT = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isDevMailId(value: string): boolean {
  return UUID.test(value);
}

export async function insertDevMail(db: Kysely<Database>, mail: OutgoingMail): Promise<string> {
  const row = await db
    .insertInto('dev_mail')
    .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Newest first. */
export async function listDevMail(db: Kysely<Database>, limit = DEV_MAILBOX_LIST_LIMIT): Promise<DevMailSummary[]> {
  return db
    .selectFrom('dev_mail')
    .select(['id', 'to_address', 'subject', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The message, or undefined for an unknown or malformed id. */
export async function findDevMail(db: Kysely<Database>, id: string): Promise<DevMailRow | undefined> {
  if (!isDevMailId(id)) return undefined;
  return db.selectFrom('dev_mail').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Housekeeping: messages written at or before `before`; how many were deleted. */
export async function deleteDevMailBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('dev_mail').where('created_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
