/**
 * The sandbox's state: payment sessions, refunds, notification deliveries and idempotency keys,
 * held in memory and written whole to `state.json` in its own directory after every change
 * (atomically: a temporary file, then a rename). Nothing here ever holds more of a card than its
 * last four digits.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SESSION_STATUSES = [
  'pending',
  'authorised',
  'succeeded',
  'declined',
  'cancelled',
  'expired',
  'error',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const sessionSchema = z.object({
  id: z.string(),
  /** The one-time token of the hosted page URL (and of its 3-D Secure page). */
  token: z.string(),
  /** The hosted page form's anti-forgery token. */
  csrf: z.string(),
  merchantId: z.string(),
  amountMinor: z.number().int(),
  currency: z.literal('EUR'),
  merchantReference: z.string(),
  returnUrl: z.string(),
  notificationUrl: z.string(),
  language: z.enum(['fr', 'en']),
  description: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  status: z.enum(SESSION_STATUSES),
  declineReason: z.string().optional(),
  errorReason: z.string().optional(),
  /** Set when the card form was accepted: from then on, the page takes no other submission. */
  submittedAt: z.number().optional(),
  card: z.object({ last4: z.string().regex(/^\d{4}$/), brand: z.string() }).optional(),
  /** The magic card's scenario (its `kind`), or `success`. */
  scenario: z.string().optional(),
  /** 3-D Secure: `challenge` while the challenge page waits for an answer. */
  threeDS: z.enum(['challenge', 'answered']).optional(),
  /** When a delayed outcome lands (authorisation timeout, late success). */
  completesAt: z.number().optional(),
  /** When a back-office refund is made (external refund card). */
  externalRefundAt: z.number().optional(),
  paidAt: z.number().optional(),
  /** What was captured (one cent less than asked for the amount-mismatch card). */
  capturedMinor: z.number().int().optional(),
  finishedAt: z.number().optional(),
  /** A session opened by a vads form: the form's transaction id and date (UTC YYYYMMDDHHMMSS). */
  vads: z.object({ transId: z.string(), transDate: z.string() }).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export const REFUND_STATUSES = ['submitted', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

const refundSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  merchantId: z.string(),
  amountMinor: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  /** `api` when the merchant asked for it, `backoffice` when made outside the API. */
  origin: z.enum(['api', 'backoffice']),
  reason: z.string().optional(),
  /** The merchant's own key of the refund (a REST refund's `metadata.refundKey`). */
  reference: z.string().optional(),
  failureReason: z.string().optional(),
  createdAt: z.number(),
  settledAt: z.number().optional(),
});
export type Refund = z.infer<typeof refundSchema>;

const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  merchantId: z.string(),
  sessionId: z.string(),
  url: z.string(),
  contentType: z.string(),
  /** The exact bytes sent (UTF-8). */
  body: z.string(),
  /** Sign the JSON dialect's header with a wrong value (bad-signature card, first delivery). */
  corruptSignature: z.boolean(),
  /** Retry after a failure, on the schedule; false for a delivery meant to be tried once. */
  retry: z.boolean(),
  status: z.enum(['scheduled', 'delivered', 'failed']),
  dueAt: z.number(),
  attempts: z.array(z.object({ at: z.number(), outcome: z.string() })),
});
export type Delivery = z.infer<typeof deliverySchema>;

const idempotencySchema = z.object({
  merchantId: z.string(),
  scope: z.enum(['session', 'refund', 'vads-form']),
  key: z.string(),
  bodyHash: z.string(),
  resultId: z.string(),
  createdAt: z.number(),
});
export type IdempotencyRecord = z.infer<typeof idempotencySchema>;

const stateSchema = z.object({
  version: z.literal(1),
  sessions: z.array(sessionSchema),
  refunds: z.array(refundSchema),
  deliveries: z.array(deliverySchema),
  idempotency: z.array(idempotencySchema),
});

export interface SandboxState {
  readonly sessions: Map<string, Session>;
  readonly refunds: Map<string, Refund>;
  readonly deliveries: Map<string, Delivery>;
  readonly idempotency: Map<string, IdempotencyRecord>;
}

export function idempotencyId(merchantId: string, scope: string, key: string): string {
  return `${merchantId}\u0000${scope}\u0000${key}`;
}

export class SandboxStore implements SandboxState {
  readonly sessions = new Map<string, Session>();
  readonly refunds = new Map<string, Refund>();
  readonly deliveries = new Map<string, Delivery>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly file: string | undefined;

  /** Reads `dir/state.json` when it exists; without `dir`, state lives in memory only. */
  constructor(dir: string | undefined) {
    this.file = dir ? path.join(dir, 'state.json') : undefined;
    if (!this.file || !existsSync(this.file)) return;
    let stored: z.infer<typeof stateSchema>;
    try {
      stored = stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(
        `The sandbox payment provider cannot read its state in ${this.file} (${reason}). Delete the file to start afresh.`,
        { cause: error },
      );
    }
    for (const session of stored.sessions) this.sessions.set(session.id, session);
    for (const refund of stored.refunds) this.refunds.set(refund.id, refund);
    for (const delivery of stored.deliveries) this.deliveries.set(delivery.id, delivery);
    for (const record of stored.idempotency)
      this.idempotency.set(idempotencyId(record.merchantId, record.scope, record.key), record);
  }

  /** Writes the whole state (called after every change). */
  save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const content: z.infer<typeof stateSchema> = {
      version: 1,
      sessions: [...this.sessions.values()],
      refunds: [...this.refunds.values()],
      deliveries: [...this.deliveries.values()],
      idempotency: [...this.idempotency.values()],
    };
    writeFileSync(temporary, `${JSON.stringify(content)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  sessionByToken(token: string): Session | undefined {
    for (const session of this.sessions.values()) if (session.token === token) return session;
    return undefined;
  }
}
