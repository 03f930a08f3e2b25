/**
 * The development mailbox: /dev/mailbox lists the e-mails kept in `dev_mail`, /dev/mailbox/:id shows
 * one, /dev/mailbox/:id/html serves its HTML version alone under a strict CSP. Registered only when
 * mail goes to the dev mailbox (no SMTP_URL) and never in production: otherwise these URLs are 404.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { NotFoundError } from '../../errors.ts';
import { messagesFor } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { findDevMail, listDevMail } from './dev-mailbox.repository.ts';
import { MailMessagePage } from './views/mail-message.page.tsx';
import { MailboxPage } from './views/mailbox.page.tsx';

export interface DevMailboxRoutesOptions {
  readonly config: Config;
  readonly database: DatabaseHandle;
}

/**
 * The HTML body of a kept e-mail is whatever a template produced: shown on its own, with no script,
 * no frame, no form and nothing fetched from anywhere but inline styles and data: images.
 */
export const DEV_MAIL_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

export function devMailboxEnabled(config: Config): boolean {
  return config.mail.transport === 'dev-mailbox' && !config.isProduction;
}

export async function devMailboxRoutes(
  app: FastifyInstance,
  { config, database }: DevMailboxRoutesOptions,
): Promise<void> {
  if (!devMailboxEnabled(config)) return;

  app.get(paths.devMailbox.mailbox.pattern, async (request, reply) => {
    const messages = await listDevMail(database.db);
    return reply
      .header('x-robots-tag', 'noindex')
      .page(<MailboxPage t={messagesFor(request.lang).devMailbox} lang={request.lang} messages={messages} />);
  });

  app.get<{ Params: { id: string } }>(paths.devMailbox.message.pattern, async (request, reply) => {
    const message = await findDevMail(database.db, request.params.id);
    if (!message) throw new NotFoundError('Unknown development mail');
    return reply
      .header('x-robots-tag', 'noindex')
      .page(<MailMessagePage t={messagesFor(request.lang).devMailbox} lang={request.lang} message={message} />);
  });

  app.get<{ Params: { id: string } }>(paths.devMailbox.html.pattern, async (request, reply) => {
    const message = await findDevMail(database.db, request.params.id);
    if (!message) throw new NotFoundError('Unknown development mail');
    return reply
      .header('content-security-policy', DEV_MAIL_HTML_CSP)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(message.html_body);
  });
}
