/**
 * The e-mails an app has queued (the `mail.send` jobs of pg-boss, written in the transaction of the
 * change that caused them), read straight from the job table: a route test checks what would be
 * sent without running a mail worker or waiting for one. Delivery itself is tested end to end once,
 * through a real SMTP server (test/account-mail.smtp.test.ts), and in mail.service.test.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { isBlankJob, mailOfJob } from '../../src/features/notifications/mail.service.ts';
import { JOB_SCHEMA } from '../../src/jobs/queue.ts';
import { jobQueues } from '../../src/jobs/queues.ts';

/** A queued e-mail, with the names of the development mailbox's columns. */
export interface QueuedMail {
  readonly id: string;
  readonly to_address: string;
  readonly subject: string;
  readonly text_body: string;
  readonly html_body: string;
  readonly created_at: Date;
}

/**
 * Every e-mail queued so far (to `address` only, compared case-insensitively, when given), oldest
 * first, as the mail worker would send it: a deferred template's job rendered with its data, a
 * blank job left out. A job the worker would refuse throws.
 */
export async function queuedMails(db: Kysely<Database>, address?: string): Promise<QueuedMail[]> {
  const to = address === undefined ? sql`true` : sql`lower(data->>'to') = ${address.toLowerCase()}`;
  const { rows } = await sql<{ id: string; data: unknown; created_at: Date }>`
    select id::text as id, data, created_on as created_at
    from ${sql.table(`${JOB_SCHEMA}.job`)}
    where name = ${jobQueues.mailSend.name} and ${to}
    order by created_on, id`.execute(db);
  return rows.flatMap(({ id, data, created_at }) => {
    // A blank job sends nothing; any other job the worker could not send is a defect, not "no e-mail".
    if (isBlankJob(data)) return [];
    const mail = mailOfJob(data);
    if (!mail) throw new Error(`mail job ${id} has data the mail worker would refuse`);
    return [{ id, to_address: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html, created_at }];
  });
}
