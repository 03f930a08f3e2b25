/**
 * Where the mail worker delivers: a real SMTP relay (nodemailer), or the development mailbox (the
 * `dev_mail` table, shown at /dev/mailbox). Chosen by `config.mail`; production always has SMTP.
 * Either writes the service's configured name (`brandedTransport`).
 */
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import { DEFAULT_SERVICE_NAME, type Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { insertDevMail } from './dev-mailbox.repository.ts';
import type { OutgoingMail } from './mail.types.ts';

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  /** Resolves once the relay accepted the message (or the mailbox stored it); rejects otherwise. */
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpTimeouts {
  /** To open the TCP (or TLS) connection. */
  readonly connectionMs: number;
  /** For the server's greeting once connected. */
  readonly greetingMs: number;
  /** Of inactivity on an open connection. */
  readonly socketMs: number;
}

/** A slow or silent relay fails the attempt within seconds; the job queue retries it later. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 5_000, greetingMs: 5_000, socketMs: 15_000 };

/** Thrown when the relay did not take a message; says why without the message or its addresses. */
export class MailDeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly responseCode: number | undefined,
  ) {
    super(`Mail delivery failed: ${reason}${responseCode === undefined ? '' : ` (SMTP ${responseCode})`}`);
    this.name = 'MailDeliveryError';
  }
}

/**
 * SMTP through a pool of up to `maxConnections` connections to the relay, each reused for up to a
 * hundred messages: the mail worker delivers that many messages at the same time.
 */
export function smtpTransport(
  smtpUrl: string,
  from: string,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
  maxConnections = 1,
): MailTransport {
  // nodemailer is loaded on the first message, not with the app (a tenth of a second).
  let transporter: Promise<Transporter> | undefined;
  const open = (): Promise<Transporter> =>
    (transporter ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections,
        maxMessages: 100,
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
        // Messages carry only text and HTML: never let a message make the server read a file or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
      }),
    ));
  return {
    kind: 'smtp',
    async deliver(mail) {
      try {
        await (await open()).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (error) {
        const details = error as { code?: unknown; responseCode?: unknown };
        throw new MailDeliveryError(
          typeof details.code === 'string' ? details.code : 'unknown error',
          typeof details.responseCode === 'number' ? details.responseCode : undefined,
        );
      }
    },
    close() {
      void transporter?.then((opened) => opened.close());
    },
  };
}

export function devMailboxTransport(db: Kysely<Database>): MailTransport {
  return {
    kind: 'dev-mailbox',
    async deliver(mail) {
      await insertDevMail(db, mail);
    },
    close() {},
  };
}

/**
 * A transport that writes the service's own name (`SERVICE_NAME`) wherever the catalogues write the
 * default brand, in the subject, the text and the HTML of every e-mail, whichever process queued it
 * (the portal, or the operator's CLI). SERVICE_NAME holds only letters, digits, spaces, dots,
 * apostrophes and dashes; its apostrophes are escaped in the HTML.
 */
export function brandedTransport(transport: MailTransport, serviceName: string): MailTransport {
  if (serviceName === DEFAULT_SERVICE_NAME) return transport;
  const brand = (text: string, name: string) => text.split(DEFAULT_SERVICE_NAME).join(name);
  const inHtml = serviceName.replace(/'/g, '&#39;').replace(/’/g, '&rsquo;');
  return {
    kind: transport.kind,
    deliver: (mail) =>
      transport.deliver({
        ...mail,
        subject: brand(mail.subject, serviceName),
        text: brand(mail.text, serviceName),
        html: brand(mail.html, inHtml),
      }),
    close: () => transport.close(),
  };
}

/** The transport `config.mail` names, writing the service's name (`config.serviceName`). */
export function mailTransportFor(config: Pick<Config, 'mail' | 'serviceName'>, db: Kysely<Database>): MailTransport {
  const { mail } = config;
  const transport =
    mail.transport === 'smtp'
      ? smtpTransport(mail.smtpUrl, mail.from, DEFAULT_SMTP_TIMEOUTS, mail.concurrency)
      : devMailboxTransport(db);
  return brandedTransport(transport, config.serviceName);
}
