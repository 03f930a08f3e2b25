/** What operators and developers reach: the health checks (features/health), the development mailbox (features/notifications). */
import { enc, fixed, route } from './route.ts';

export const health = {
  /** Liveness: the process answers. */
  live: fixed('/healthz'),
  /** Readiness: the database answers. */
  ready: fixed('/readyz'),
} as const;

/** Development only (no SMTP relay, never in production): the e-mails the portal would have sent. */
export const devMailbox = {
  mailbox: fixed('/dev/mailbox'),
  message: route('/dev/mailbox/:id', (id: string) => `/dev/mailbox/${enc(id)}`),
  html: route('/dev/mailbox/:id/html', (id: string) => `/dev/mailbox/${enc(id)}/html`),
} as const;
