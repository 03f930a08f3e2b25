/**
 * What the sandbox payment provider does, apart from HTTP: payment sessions and their states,
 * the magic cards' scenarios, refunds, signed notifications with retries, and the settlement
 * report. Time comes from an injectable clock; state lives in a SandboxStore.
 */
import { createHash, randomBytes } from 'node:crypto';
import { nextIsoDate } from '../../src/lib/dates.ts';
import { writeSandboxSettlementCsv } from '../../src/lib/sandbox-settlement-csv.ts';
import { scenarioOf, brandOf, type Scenario } from './cards.ts';
import type { Clock } from './clock.ts';
import type { PspSandboxOptions, SandboxMerchant } from './config.ts';
import { jsonSignature, sameSecret, vadsSignature, SIGNATURE_HEADER } from './signing.ts';
import {
  idempotencyId,
  type Delivery,
  type Refund,
  type SandboxStore,
  type Session,
  type SessionStatus,
} from './store.ts';
import { todayInMonaco } from '../../src/lib/dates.ts';

/** Waits after each failed delivery: 10 s, 1 min, 5 min, 30 min, 2 h; then the delivery has failed. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;
/** How long a refund stays `submitted` before it settles. */
export const REFUND_SETTLE_MS = 5_000;
/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Fees of the settlement report: 0,25 € plus 1,2 % (rounded half up to the cent). */
export function feeOf(grossMinor: number): number {
  return 25 + Math.floor((grossMinor * 12 + 500) / 1000);
}

export interface SessionInput {
  readonly merchantId: string;
  readonly amount: { readonly minor: number; readonly currency: 'EUR' };
  readonly merchantReference: string;
  readonly returnUrl: string;
  readonly notificationUrl: string;
  readonly language: 'fr' | 'en';
  readonly description: string;
}

export interface RefundInput {
  readonly sessionId: string;
  readonly amount: { readonly minor: number; readonly currency: 'EUR' };
  readonly expectedRefundable?: number | undefined;
  readonly reason?: string | undefined;
  /** The merchant's own key of the refund, shown back with it. */
  readonly reference?: string | undefined;
}

export interface CardDetails {
  readonly digits: string;
}

/** An API refusal: HTTP status, stable code, one line. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the browser goes after the card form, the 3-D Secure page or a cancellation. */
export type BrowserNext =
  | { readonly kind: 'return'; readonly url: string }
  | { readonly kind: 'three_d_secure' }
  | { readonly kind: 'close_tab' };

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

function canonicalHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((key) => [key, canonical((v as Record<string, unknown>)[key])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

export const VADS_STATUS: Readonly<Record<SessionStatus, { status: string; result: string }>> = {
  pending: { status: 'WAITING_AUTHORISATION', result: '00' },
  authorised: { status: 'AUTHORISED', result: '00' },
  succeeded: { status: 'CAPTURED', result: '00' },
  declined: { status: 'REFUSED', result: '05' },
  cancelled: { status: 'ABANDONED', result: '17' },
  expired: { status: 'EXPIRED', result: '00' },
  error: { status: 'REFUSED', result: '96' },
};

export function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export interface ReportLine {
  readonly date: string;
  readonly kind: 'payment' | 'refund';
  readonly sessionId: string;
  readonly refundId: string | null;
  readonly merchantReference: string;
  readonly grossMinor: number;
  readonly feesMinor: number;
  readonly netMinor: number;
}

export interface Report {
  readonly merchantId: string;
  readonly from: string;
  readonly to: string;
  readonly currency: 'EUR';
  readonly transactions: readonly ReportLine[];
  readonly days: readonly { date: string; grossMinor: number; feesMinor: number; netMinor: number; count: number }[];
  readonly totals: { grossMinor: number; feesMinor: number; netMinor: number; count: number };
}

export class PspSandbox {
  private readonly merchants: ReadonlyMap<string, SandboxMerchant>;
  private readonly inFlight = new Set<string>();

  constructor(
    readonly options: PspSandboxOptions,
    readonly clock: Clock,
    readonly store: SandboxStore,
  ) {
    this.merchants = new Map(options.merchants.map((merchant) => [merchant.id, merchant]));
  }

  merchant(id: string): SandboxMerchant | undefined {
    return this.merchants.get(id);
  }

  /** The merchant whose secret is the bearer token of `authorization`, if any. */
  authenticate(authorization: string | undefined): SandboxMerchant | undefined {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    const given = match[1];
    let found: SandboxMerchant | undefined;
    for (const merchant of this.merchants.values()) if (sameSecret(given, merchant.secret)) found = merchant;
    return found;
  }

  hostedPageUrl(session: Session): string {
    return `${this.options.publicUrl}/pay/${session.token}`;
  }

  // ------------------------------------------------------------------------------------------
  // Sessions

  createSession(
    merchant: SandboxMerchant,
    idempotencyKey: string,
    input: SessionInput,
  ): { session: Session; replayed: boolean } {
    this.advance();
    if (input.merchantId !== merchant.id)
      throw new ApiError(403, 'merchant_mismatch', 'merchantId is not the merchant of this API secret');
    const bodyHash = canonicalHash(input);
    const known = this.store.idempotency.get(idempotencyId(merchant.id, 'session', idempotencyKey));
    if (known) {
      const session = this.store.sessions.get(known.resultId);
      if (known.bodyHash !== bodyHash || !session)
        throw new ApiError(409, 'idempotency_key_reused', 'this Idempotency-Key was used with a different body');
      return { session, replayed: true };
    }
    const now = this.clock.now();
    const session: Session = {
      id: randomId('ps'),
      token: randomBytes(24).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      merchantId: merchant.id,
      amountMinor: input.amount.minor,
      currency: 'EUR',
      merchantReference: input.merchantReference,
      returnUrl: input.returnUrl,
      notificationUrl: input.notificationUrl,
      language: input.language,
      description: input.description,
      createdAt: now,
      expiresAt: now + this.options.sessionTtlSeconds * 1000,
      status: 'pending',
    };
    this.store.sessions.set(session.id, session);
    this.store.idempotency.set(idempotencyId(merchant.id, 'session', idempotencyKey), {
      merchantId: merchant.id,
      scope: 'session',
      key: idempotencyKey,
      bodyHash,
      resultId: session.id,
      createdAt: now,
    });
    this.store.save();
    return { session, replayed: false };
  }

  /** A merchant's own session (another merchant's is as unknown as a missing one). */
  sessionOf(merchant: SandboxMerchant, id: string): Session {
    this.advance();
    const session = this.store.sessions.get(id);
    if (!session || session.merchantId !== merchant.id) throw new ApiError(404, 'not_found', 'no such session');
    return session;
  }

  sessionView(session: Session): Record<string, unknown> {
    const captured = session.capturedMinor ?? session.amountMinor;
    const refunds = [...this.store.refunds.values()].filter((refund) => refund.sessionId === session.id);
    return {
      id: session.id,
      status: session.status,
      declineReason: session.declineReason ?? null,
      errorReason: session.errorReason ?? null,
      merchantId: session.merchantId,
      merchantReference: session.merchantReference,
      amount: { minor: session.status === 'succeeded' ? captured : session.amountMinor, currency: session.currency },
      createdAt: new Date(session.createdAt).toISOString(),
      expiresAt: new Date(session.expiresAt).toISOString(),
      paidAt: session.paidAt === undefined ? null : new Date(session.paidAt).toISOString(),
      card: session.card ?? null,
      refundable: session.status === 'succeeded' ? this.refundable(session) : 0,
      refunds: refunds.map((refund) => this.refundView(refund)),
      testMode: true,
    };
  }

  /** The session of a hosted page token, after time-driven changes. */
  sessionByToken(token: string): Session | undefined {
    this.advance();
    return this.store.sessionByToken(token);
  }

  /** True while the card form may still be submitted. */
  payable(session: Session): boolean {
    return session.status === 'pending' && session.submittedAt === undefined;
  }

  /** The card form was valid: lock the session, then play the card's scenario. */
  async submitCard(session: Session, card: CardDetails): Promise<BrowserNext> {
    const now = this.clock.now();
    const scenario: Scenario = scenarioOf(card.digits);
    session.submittedAt = now;
    session.card = { last4: card.digits.slice(-4), brand: brandOf(card.digits) };
    session.scenario = scenario.kind;
    this.store.save();
    switch (scenario.kind) {
      case 'three_d_secure':
        session.threeDS = 'challenge';
        this.store.save();
        return { kind: 'three_d_secure' };
      case 'authorisation_timeout':
        if (this.options.authorisationHangMs > 0)
          await new Promise((resolve) => setTimeout(resolve, this.options.authorisationHangMs));
        session.completesAt = this.clock.now() + 120_000;
        this.store.save();
        return { kind: 'return', url: this.returnUrl(session) };
      case 'late_success':
        session.completesAt = session.expiresAt + 120_000;
        this.store.save();
        return { kind: 'return', url: this.returnUrl(session) };
      case 'declined':
        this.finish(session, 'declined', { declineReason: scenario.reason });
        break;
      case 'error':
        this.finish(session, 'error', { errorReason: 'technical_error' });
        break;
      default:
        this.finish(session, 'succeeded', {});
    }
    await this.deliverDue(session.id);
    if (scenario.kind === 'browser_closed') return { kind: 'close_tab' };
    return { kind: 'return', url: this.returnUrl(session) };
  }

  /** The answer of the 3-D Secure challenge page. */
  async answerChallenge(session: Session, approve: boolean): Promise<BrowserNext> {
    session.threeDS = 'answered';
    if (approve) this.finish(session, 'succeeded', {});
    else this.finish(session, 'declined', { declineReason: '3ds_failed' });
    await this.deliverDue(session.id);
    return { kind: 'return', url: this.returnUrl(session) };
  }

  async cancel(session: Session): Promise<BrowserNext> {
    session.submittedAt = this.clock.now();
    this.finish(session, 'cancelled', {});
    await this.deliverDue(session.id);
    return { kind: 'return', url: this.returnUrl(session) };
  }

  /** The merchant's return URL with the session id (and, in the vads dialect, the signed fields). */
  returnUrl(session: Session): string {
    const url = new URL(session.returnUrl);
    const merchant = this.merchant(session.merchantId);
    if (merchant?.dialect === 'vads') {
      for (const [name, value] of Object.entries(this.vadsFields(session, merchant, 'PAY')))
        url.searchParams.set(name, value);
    } else {
      url.searchParams.set('session_id', session.id);
    }
    return url.toString();
  }

  private finish(
    session: Session,
    status: Exclude<SessionStatus, 'pending' | 'authorised'>,
    extra: { declineReason?: string; errorReason?: string },
  ): void {
    const now = this.clock.now();
    session.status = status;
    session.finishedAt = now;
    if (extra.declineReason) session.declineReason = extra.declineReason;
    if (extra.errorReason) session.errorReason = extra.errorReason;
    if (status === 'succeeded') {
      session.paidAt = now;
      session.capturedMinor = session.scenario === 'amount_mismatch' ? session.amountMinor - 1 : session.amountMinor;
      if (session.scenario === 'external_refund') session.externalRefundAt = now + 60_000;
    }
    this.notifyPayment(session);
    this.store.save();
  }

  // ------------------------------------------------------------------------------------------
  // Time-driven changes: expiry, delayed outcomes, back-office refunds, refund settlement.

  advance(): void {
    const now = this.clock.now();
    let changed = false;
    for (const session of this.store.sessions.values()) {
      const waitingForAuthorisation = session.scenario === 'authorisation_timeout' && session.completesAt !== undefined;
      if (session.status === 'pending' && now >= session.expiresAt && !waitingForAuthorisation) {
        session.status = 'expired';
        session.finishedAt = session.expiresAt;
        this.notifyPayment(session);
        changed = true;
      }
      if (
        session.completesAt !== undefined &&
        now >= session.completesAt &&
        (session.status === 'pending' || session.status === 'expired')
      ) {
        session.completesAt = undefined;
        this.finish(session, 'succeeded', {});
        changed = true;
      }
      if (session.externalRefundAt !== undefined && now >= session.externalRefundAt && session.status === 'succeeded') {
        session.externalRefundAt = undefined;
        const captured = session.capturedMinor ?? session.amountMinor;
        const amount = Math.min(Math.max(1, Math.floor(captured / 2)), this.refundable(session));
        if (amount > 0) {
          const refund: Refund = {
            id: randomId('re'),
            sessionId: session.id,
            merchantId: session.merchantId,
            amountMinor: amount,
            status: 'succeeded',
            origin: 'backoffice',
            reason: 'back-office refund',
            createdAt: now,
            settledAt: now,
          };
          this.store.refunds.set(refund.id, refund);
          this.notifyRefund(session, refund);
        }
        changed = true;
      }
    }
    for (const refund of this.store.refunds.values()) {
      if (refund.status !== 'submitted' || now < refund.createdAt + REFUND_SETTLE_MS) continue;
      const session = this.store.sessions.get(refund.sessionId);
      if (!session) continue;
      if (session.scenario === 'refund_failure') {
        refund.status = 'failed';
        refund.failureReason = 'refused_by_issuer';
      } else {
        refund.status = 'succeeded';
      }
      refund.settledAt = now;
      this.notifyRefund(session, refund);
      changed = true;
    }
    for (const [id, record] of this.store.idempotency) {
      if (now - record.createdAt > IDEMPOTENCY_TTL_MS) {
        this.store.idempotency.delete(id);
        changed = true;
      }
    }
    if (changed) this.store.save();
  }

  // ------------------------------------------------------------------------------------------
  // Refunds

  refundable(session: Session): number {
    if (session.status !== 'succeeded') return 0;
    let taken = 0;
    for (const refund of this.store.refunds.values())
      if (refund.sessionId === session.id && refund.status !== 'failed') taken += refund.amountMinor;
    return (session.capturedMinor ?? session.amountMinor) - taken;
  }

  createRefund(
    merchant: SandboxMerchant,
    idempotencyKey: string,
    input: RefundInput,
  ): { refund: Refund; replayed: boolean } {
    this.advance();
    const bodyHash = canonicalHash(input);
    const known = this.store.idempotency.get(idempotencyId(merchant.id, 'refund', idempotencyKey));
    if (known) {
      const refund = this.store.refunds.get(known.resultId);
      if (known.bodyHash !== bodyHash || !refund)
        throw new ApiError(409, 'idempotency_key_reused', 'this Idempotency-Key was used with a different body');
      return { refund, replayed: true };
    }
    const session = this.sessionOf(merchant, input.sessionId);
    if (session.status !== 'succeeded')
      throw new ApiError(409, 'not_refundable', `a ${session.status} payment cannot be refunded`);
    const refundable = this.refundable(session);
    if (input.expectedRefundable !== undefined && input.expectedRefundable !== refundable)
      throw new ApiError(
        409,
        'refundable_changed',
        `expectedRefundable is ${input.expectedRefundable}, refundable is ${refundable}`,
      );
    if (input.amount.minor > refundable)
      throw new ApiError(409, 'amount_exceeds_refundable', `only ${refundable} (minor units) remains refundable`);
    const now = this.clock.now();
    const refund: Refund = {
      id: randomId('re'),
      sessionId: session.id,
      merchantId: merchant.id,
      amountMinor: input.amount.minor,
      status: 'submitted',
      origin: 'api',
      createdAt: now,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.reference ? { reference: input.reference } : {}),
    };
    this.store.refunds.set(refund.id, refund);
    this.store.idempotency.set(idempotencyId(merchant.id, 'refund', idempotencyKey), {
      merchantId: merchant.id,
      scope: 'refund',
      key: idempotencyKey,
      bodyHash,
      resultId: refund.id,
      createdAt: now,
    });
    this.store.save();
    return { refund, replayed: false };
  }

  refundOf(merchant: SandboxMerchant, id: string): Refund {
    this.advance();
    const refund = this.store.refunds.get(id);
    if (!refund || refund.merchantId !== merchant.id) throw new ApiError(404, 'not_found', 'no such refund');
    return refund;
  }

  refundView(refund: Refund): Record<string, unknown> {
    return {
      id: refund.id,
      sessionId: refund.sessionId,
      status: refund.status,
      origin: refund.origin,
      amount: { minor: refund.amountMinor, currency: 'EUR' },
      failureReason: refund.failureReason ?? null,
      createdAt: new Date(refund.createdAt).toISOString(),
      settledAt: refund.settledAt === undefined ? null : new Date(refund.settledAt).toISOString(),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Notifications

  private paymentData(session: Session, status: SessionStatus, merchantId: string): Record<string, unknown> {
    return {
      sessionId: session.id,
      merchantReference: session.merchantReference,
      status,
      amount: {
        minor: status === 'succeeded' ? (session.capturedMinor ?? session.amountMinor) : session.amountMinor,
        currency: session.currency,
      },
      merchantId,
      testMode: true,
      ...(session.declineReason && status === 'declined' ? { declineReason: session.declineReason } : {}),
    };
  }

  /** Queues the notifications of a session's new status, shaped by its card's scenario. */
  private notifyPayment(session: Session): void {
    const merchant = this.merchant(session.merchantId);
    if (!merchant) return;
    const now = this.clock.now();
    const status = session.status;
    const scenario = status === 'succeeded' ? session.scenario : undefined;
    if (scenario === 'no_notification') return;
    const otherMerchant = [...this.merchants.keys()].find((id) => id !== merchant.id) ?? `${merchant.id}-autre`;
    const merchantId = scenario === 'wrong_merchant' ? otherMerchant : merchant.id;
    const event = (type: string, eventStatus: SessionStatus, created: number) =>
      merchant.dialect === 'vads'
        ? this.vadsBody(session, merchant, 'PAY', eventStatus, merchantId)
        : JSON.stringify({
            id: randomId('ev'),
            type,
            created: Math.floor(created / 1000),
            data: this.paymentData(session, eventStatus, merchantId),
          });
    const body = event(`payment.${status}`, status, now);
    const queue = (text: string, dueAt: number, more: Partial<Pick<Delivery, 'corruptSignature' | 'retry'>> = {}) =>
      this.queue(merchant, session, text, dueAt, more);
    switch (scenario) {
      case 'slow_notification':
        queue(body, now + 60_000);
        break;
      case 'duplicate_notifications':
        for (let i = 0; i < 3; i += 1) queue(body, now);
        queue(body, now + 600_000);
        break;
      case 'out_of_order':
        queue(body, now);
        queue(event('payment.pending', 'pending', session.createdAt), now);
        break;
      case 'bad_signature_first':
        queue(body, now, { corruptSignature: true, retry: false });
        queue(body, now + 30_000);
        break;
      default:
        queue(body, now);
    }
  }

  private notifyRefund(session: Session, refund: Refund): void {
    const merchant = this.merchant(session.merchantId);
    if (!merchant) return;
    const now = this.clock.now();
    const body =
      merchant.dialect === 'vads'
        ? this.vadsBody(
            session,
            merchant,
            refund.origin === 'backoffice' ? 'MERCH_BO' : 'BO',
            session.status,
            merchant.id,
            refund,
          )
        : JSON.stringify({
            id: randomId('ev'),
            type: `refund.${refund.status}`,
            created: Math.floor(now / 1000),
            data: {
              ...this.paymentData(session, session.status, merchant.id),
              refund: {
                id: refund.id,
                status: refund.status,
                origin: refund.origin,
                amount: { minor: refund.amountMinor, currency: 'EUR' },
              },
            },
          });
    this.queue(merchant, session, body, now);
  }

  private queue(
    merchant: SandboxMerchant,
    session: Session,
    body: string,
    dueAt: number,
    more: Partial<Pick<Delivery, 'corruptSignature' | 'retry'>> = {},
  ): void {
    const eventId =
      merchant.dialect === 'vads'
        ? createHash('sha256').update(body).digest('hex').slice(0, 24)
        : String((JSON.parse(body) as { id: string }).id);
    const delivery: Delivery = {
      id: randomId('dl'),
      eventId,
      merchantId: merchant.id,
      sessionId: session.id,
      url: session.notificationUrl,
      contentType: merchant.dialect === 'vads' ? 'application/x-www-form-urlencoded' : 'application/json',
      body,
      corruptSignature: more.corruptSignature ?? false,
      retry: more.retry ?? true,
      status: 'scheduled',
      dueAt,
      attempts: [],
    };
    this.store.deliveries.set(delivery.id, delivery);
  }

  /** The vads fields of a session (Lyra's names), signed. */
  vadsFields(
    session: Session,
    merchant: SandboxMerchant,
    source: string,
    status: SessionStatus = session.status,
    siteId: string = merchant.id,
    refund?: Refund,
  ): Record<string, string> {
    const mapped = VADS_STATUS[status];
    const fields: Record<string, string> = {
      vads_site_id: siteId,
      vads_ctx_mode: 'TEST',
      // A form's own transaction id and date; for a session of the JSON API, six digits of its id.
      vads_trans_id:
        session.vads?.transId ??
        String(
          Number.parseInt(createHash('sha256').update(session.id).digest('hex').slice(0, 8), 16) % 900_000,
        ).padStart(6, '0'),
      // A refund is a transaction of its own at Lyra (operation CREDIT), named by its own uuid.
      vads_trans_uuid: refund ? refund.id : session.id,
      vads_trans_date: session.vads?.transDate ?? utcStamp(session.createdAt),
      vads_amount: String(
        status === 'succeeded' ? (session.capturedMinor ?? session.amountMinor) : session.amountMinor,
      ),
      vads_currency: '978',
      vads_order_id: session.merchantReference,
      vads_trans_status: refund
        ? refund.status === 'succeeded'
          ? 'CAPTURED'
          : refund.status === 'failed'
            ? 'REFUSED'
            : 'WAITING_AUTHORISATION'
        : mapped.status,
      vads_result: mapped.result,
      vads_url_check_src: source,
      vads_operation_type: refund ? 'CREDIT' : 'DEBIT',
      vads_version: 'V2',
    };
    if (refund) fields.vads_amount = String(refund.amountMinor);
    if (session.declineReason) fields.vads_ext_info_decline_reason = session.declineReason;
    if (session.card) fields.vads_card_number = `XXXXXXXXXXXX${session.card.last4}`;
    fields.signature = vadsSignature(fields, merchant.secret);
    return fields;
  }

  private vadsBody(
    session: Session,
    merchant: SandboxMerchant,
    source: string,
    status: SessionStatus,
    siteId: string,
    refund?: Refund,
  ): string {
    return new URLSearchParams(this.vadsFields(session, merchant, source, status, siteId, refund)).toString();
  }

  /** Delivers every notification due now (all of them, or one session's). */
  async deliverDue(sessionId?: string): Promise<{ attempted: number; delivered: number; failed: number }> {
    const now = this.clock.now();
    const due = [...this.store.deliveries.values()].filter(
      (d) =>
        d.status === 'scheduled' &&
        d.dueAt <= now &&
        !this.inFlight.has(d.id) &&
        (!sessionId || d.sessionId === sessionId),
    );
    const counts = { attempted: 0, delivered: 0, failed: 0 };
    for (const delivery of due) {
      counts.attempted += 1;
      const ok = await this.deliver(delivery);
      if (ok) counts.delivered += 1;
      else if (delivery.status === 'failed') counts.failed += 1;
    }
    return counts;
  }

  /** The time-driven changes, then every due delivery. */
  async flush(): Promise<{ attempted: number; delivered: number; failed: number }> {
    this.advance();
    return this.deliverDue();
  }

  private async deliver(delivery: Delivery): Promise<boolean> {
    // The list of due deliveries is read before the first await: by the time this one's turn
    // comes, the background timer (or a flush) may have sent it, or be sending it now.
    if (delivery.status !== 'scheduled' || this.inFlight.has(delivery.id)) return false;
    const merchant = this.merchant(delivery.merchantId);
    if (!merchant) return false;
    this.inFlight.add(delivery.id);
    const headers: Record<string, string> = {
      'content-type': delivery.contentType,
      'user-agent': 'MonGuichet-PSP-Sandbox/1',
    };
    if (merchant.dialect === 'json') {
      const timestamp = Math.floor(this.clock.now() / 1000);
      const signature = jsonSignature(merchant.secret, timestamp, delivery.body);
      headers[SIGNATURE_HEADER] = delivery.corruptSignature
        ? signature.replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`)
        : signature;
    }
    let outcome: string;
    let ok = false;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.notificationTimeoutMs),
      });
      await response.body?.cancel();
      ok = response.status >= 200 && response.status < 300;
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'error';
    } finally {
      this.inFlight.delete(delivery.id);
    }
    const now = this.clock.now();
    delivery.attempts.push({ at: now, outcome });
    if (ok) delivery.status = 'delivered';
    else if (!delivery.retry) delivery.status = 'failed';
    else {
      const wait = RETRY_DELAYS_MS[delivery.attempts.length - 1];
      if (wait === undefined) delivery.status = 'failed';
      else delivery.dueAt = now + wait;
    }
    this.store.save();
    return ok;
  }

  deliveriesOf(merchant: SandboxMerchant): Delivery[] {
    return [...this.store.deliveries.values()].filter((d) => d.merchantId === merchant.id);
  }

  // ------------------------------------------------------------------------------------------
  // Settlement report

  report(merchant: SandboxMerchant, from: string, to: string): Report {
    this.advance();
    const lines: ReportLine[] = [];
    for (const session of this.store.sessions.values()) {
      if (session.merchantId !== merchant.id || session.status !== 'succeeded' || session.paidAt === undefined)
        continue;
      const date = todayInMonaco(session.paidAt);
      if (date < from || date > to) continue;
      const gross = session.capturedMinor ?? session.amountMinor;
      const fees = feeOf(gross);
      lines.push({
        date,
        kind: 'payment',
        sessionId: session.id,
        refundId: null,
        merchantReference: session.merchantReference,
        grossMinor: gross,
        feesMinor: fees,
        netMinor: gross - fees,
      });
    }
    for (const refund of this.store.refunds.values()) {
      if (refund.merchantId !== merchant.id || refund.status !== 'succeeded' || refund.settledAt === undefined)
        continue;
      const date = todayInMonaco(refund.settledAt);
      if (date < from || date > to) continue;
      const session = this.store.sessions.get(refund.sessionId);
      lines.push({
        date,
        kind: 'refund',
        sessionId: refund.sessionId,
        refundId: refund.id,
        merchantReference: session?.merchantReference ?? '',
        grossMinor: -refund.amountMinor,
        feesMinor: 0,
        netMinor: -refund.amountMinor,
      });
    }
    lines.sort((a, b) => a.date.localeCompare(b.date) || a.sessionId.localeCompare(b.sessionId));
    const days = new Map<
      string,
      { date: string; grossMinor: number; feesMinor: number; netMinor: number; count: number }
    >();
    // Every day of the period has its total, a day without transactions too: the report says
    // which days it covers.
    for (let day = from; day <= to; day = nextIsoDate(day))
      days.set(day, { date: day, grossMinor: 0, feesMinor: 0, netMinor: 0, count: 0 });
    const totals = { grossMinor: 0, feesMinor: 0, netMinor: 0, count: 0 };
    for (const line of lines) {
      const day = days.get(line.date) ?? { date: line.date, grossMinor: 0, feesMinor: 0, netMinor: 0, count: 0 };
      for (const sum of [day, totals]) {
        sum.grossMinor += line.grossMinor;
        sum.feesMinor += line.feesMinor;
        sum.netMinor += line.netMinor;
        sum.count += 1;
      }
      days.set(line.date, day);
    }
    return {
      merchantId: merchant.id,
      from,
      to,
      currency: 'EUR',
      transactions: lines,
      days: [...days.values()],
      totals,
    };
  }
}

/** The report as the CSV file of `GET /api/reports?format=csv` (its format: src/lib/sandbox-settlement-csv.ts). */
export function reportCsv(report: Report): string {
  const merchantId = report.merchantId;
  const total = (type: 'day_total' | 'total', date: string, sum: Report['totals']) => ({
    merchantId,
    date,
    type,
    sessionId: '',
    refundId: '',
    merchantReference: '',
    gross: sum.grossMinor,
    fees: sum.feesMinor,
    net: sum.netMinor,
  });
  return writeSandboxSettlementCsv([
    ...report.transactions.map((line) => ({
      merchantId,
      date: line.date,
      type: line.kind,
      sessionId: line.sessionId,
      refundId: line.refundId ?? '',
      merchantReference: line.merchantReference,
      gross: line.grossMinor,
      fees: line.feesMinor,
      net: line.netMinor,
    })),
    ...report.days.map((day) => total('day_total', day.date, day)),
    total('total', '', report.totals),
  ]);
}
