/**
 * The port every payment service provider (PSP) adapter implements (research: payment-anchors §6).
 * Adapters stay thin: they speak one provider's protocol (create a session, verify a notification,
 * ask a status, refund) and translate it to these types. State, locking, idempotency and the ledger
 * live in the payments service, never in an adapter. Amounts are integer cents, in euros.
 */
import type { Cents } from '../../lib/money.ts';

export type Currency = 'EUR';

export interface Money {
  readonly cents: Cents;
  readonly currency: Currency;
}

/** What the provider says happened to a payment, in our words (payment-anchors §4.1). */
export type ProviderOutcome =
  | { readonly kind: 'PENDING' }
  | { readonly kind: 'AUTHORISED'; readonly amount: Money }
  | {
      readonly kind: 'SUCCEEDED';
      readonly amount: Money;
      readonly paidAt: Date;
      readonly authCode?: string | undefined;
    }
  | { readonly kind: 'DECLINED'; readonly reason: string }
  | { readonly kind: 'CANCELLED'; readonly by: 'payer' | 'merchant' | 'psp' }
  | { readonly kind: 'EXPIRED' }
  | { readonly kind: 'ERROR'; readonly reason: string }
  | { readonly kind: 'UNKNOWN'; readonly reason: string };

export interface ProviderCapabilities {
  readonly statusQuery: boolean;
  /** False: a notification is only a hint, confirmed by `getStatus`. */
  readonly signedNotifications: boolean;
  readonly refunds: 'none' | 'full' | 'partial';
  /** Sizes the bills' lease and the reconciler's threshold. */
  readonly sessionTtlSeconds: number;
}

export interface CreateSessionInput {
  /** Our opaque attempt id; also the provider's order reference where it allows one. */
  readonly attemptId: string;
  /** Sent unchanged on every retry of the same attempt. */
  readonly idempotencyKey: string;
  /** The merchant account at the provider (one per creditor). */
  readonly merchantId: string;
  readonly amount: Money;
  /** Shown on the hosted page, e.g. "Cantine — École de Fontvieille — octobre 2026". */
  readonly description: string;
  readonly payerEmail?: string | undefined;
  readonly locale: 'fr' | 'en';
  /** Absolute URL of the portal's return page; carries an unguessable token, never a plain ref. */
  readonly returnUrl: string;
  /** Absolute URL the provider notifies (routing only, never trust). */
  readonly notifyUrl: string;
  readonly expiresAt: Date;
}

export type Redirect =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'form'; readonly action: string; readonly fields: Readonly<Record<string, string>> };

export interface CreatedSession {
  /** The provider's id of the payment (session id, or `vads_trans_date`+`vads_trans_id`). */
  readonly providerRef: string;
  readonly redirect: Redirect;
  readonly expiresAt: Date;
}

/** What the web layer hands an adapter: the raw bytes, untouched, for the signature. */
export interface InboundHttp {
  readonly method: 'GET' | 'POST';
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly rawBody: Uint8Array;
  readonly receivedAt: Date;
}

export type RefundOutcome =
  | { readonly kind: 'SUBMITTED'; readonly providerRefundId?: string | undefined }
  | { readonly kind: 'SUCCEEDED'; readonly providerRefundId: string; readonly amount: Money }
  | { readonly kind: 'FAILED'; readonly reason: string }
  | { readonly kind: 'UNKNOWN'; readonly reason: string };

export interface VerifiedNotification {
  /** Unique per event: the provider's event id, or a hash of the signed content. */
  readonly dedupeKey: string;
  readonly attemptId?: string | undefined;
  readonly providerRef: string;
  readonly merchantId: string;
  readonly testMode: boolean;
  readonly outcome:
    | ProviderOutcome
    | { readonly kind: 'REFUND'; readonly refundId?: string | undefined; readonly refund: RefundOutcome };
  readonly occurredAt?: Date | undefined;
}

/** The answer the provider expects to a notification (status, type, body). */
export interface Ack {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Thrown by `verifyNotification` for a bad signature, a stale timestamp or a malformed body. */
export class NotificationRejected extends Error {
  constructor(readonly reason: string) {
    super(`Notification rejected: ${reason}`);
    this.name = 'NotificationRejected';
  }
}

/**
 * Thrown by an adapter when a call to the provider fails. `certain`: the provider answered that it
 * did nothing (a 4xx); otherwise (timeout, 5xx, network) the outcome is unknown and the call may be
 * retried with the same idempotency key.
 */
export class ProviderCallFailed extends Error {
  constructor(
    readonly certain: boolean,
    readonly reason: string,
  ) {
    super(`Payment provider call failed: ${reason}`);
    this.name = 'ProviderCallFailed';
  }
}

export interface RefundRequest {
  readonly refundId: string;
  readonly idempotencyKey: string;
  readonly merchantId: string;
  readonly providerRef: string;
  readonly amount: Money;
  readonly reason: string;
}

/** One settled transaction of a provider's settlement report (a refund's amounts are negative). */
export interface SettlementLine {
  readonly providerRef: string;
  /**
   * Our attempt's id, when the report names the payment by our own order reference rather than
   * by the provider's transaction id (Lyra's report): the attempt is then found by it.
   */
  readonly attemptId?: string | undefined;
  /** The provider's refund id, for a refund line. */
  readonly providerRefundRef?: string | undefined;
  readonly day: string;
  readonly kind: 'capture' | 'refund';
  readonly gross: Cents;
  readonly fee: Cents;
  readonly net: Cents;
}

/** A settlement report of one merchant account over a period of days (Europe/Monaco). */
export interface SettlementReport {
  readonly merchantId: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly SettlementLine[];
  readonly totals: { readonly gross: Cents; readonly fee: Cents; readonly net: Cents };
}

/** Thrown by `parseSettlementReport` for a file that is not a whole, consistent report. */
export class SettlementReportRejected extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Settlement report rejected: ${problems.join('; ')}`);
    this.name = 'SettlementReportRejected';
  }
}

/** Largest settlement report read (a year of a busy merchant is well under this). */
export const SETTLEMENT_FILE_LIMIT = 20 * 1024 * 1024;

/** Refuses an empty settlement report, or one over SETTLEMENT_FILE_LIMIT, before reading it. */
export function refuseEmptyOrOversizedReport(file: Uint8Array): void {
  if (file.byteLength === 0) throw new SettlementReportRejected(['le fichier est vide']);
  if (file.byteLength > SETTLEMENT_FILE_LIMIT)
    throw new SettlementReportRejected([`le fichier dépasse ${SETTLEMENT_FILE_LIMIT / 1024 / 1024} Mo`]);
}

export interface PaymentProvider {
  /** 'sandbox' | 'lyra' | … (stored on every attempt). */
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  /** True when no real money moves (the sandbox, a provider's test mode); stored on every attempt. */
  readonly testMode: boolean;
  createSession(input: CreateSessionInput, signal: AbortSignal): Promise<CreatedSession>;
  /** The browser's return: a hint of which attempt, never a trusted outcome. */
  parseReturn(request: InboundHttp): {
    readonly attemptId?: string | undefined;
    readonly providerRef?: string | undefined;
  };
  /** Verify first (raw bytes, constant time, timestamp window), then parse. Throws NotificationRejected. */
  verifyNotification(request: InboundHttp): { readonly notification: VerifiedNotification; readonly ack: Ack };
  /** The answer to a notification that failed verification (never echoes a secret). */
  rejectAck(): Ack;
  getStatus(merchantId: string, providerRef: string, signal: AbortSignal): Promise<ProviderOutcome>;
  refund?(request: RefundRequest, signal: AbortSignal): Promise<RefundOutcome>;
  /**
   * Reads the provider's settlement report file (its own format; `fileName` as given, which some
   * providers' reports need: Lyra's names its shop only there), checking that its lines add up to
   * its totals. Throws SettlementReportRejected with every problem found.
   */
  parseSettlementReport?(file: Uint8Array, fileName: string): SettlementReport;
}
