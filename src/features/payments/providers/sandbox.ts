/**
 * The adapter of the sandbox payment provider's JSON dialect (dev/psp-sandbox): sessions created
 * with `Idempotency-Key` = our attempt id and the merchant's bearer secret, notifications signed
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`, a status
 * query per session, refunds. Thin: it speaks the protocol and translates; state lives in the
 * payments service.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { cents } from '../../../lib/money.ts';
import {
  NotificationRejected,
  ProviderCallFailed,
  type Ack,
  type CreateSessionInput,
  type CreatedSession,
  type InboundHttp,
  type PaymentProvider,
  type ProviderOutcome,
  type RefundOutcome,
  type RefundRequest,
  type SettlementReport,
  type VerifiedNotification,
} from '../provider.port.ts';
import { callProvider } from './http.ts';
import { parseSandboxSettlement } from './sandbox-settlement.ts';

export interface SandboxProviderSettings {
  /** Base URL of its API, e.g. http://localhost:3002. */
  readonly apiUrl: string;
  /** Merchant id → bearer secret (also the key of the merchant's notifications). */
  readonly merchantSecrets: Readonly<Record<string, string>>;
  /** Longest wait for one API call. */
  readonly timeoutMs: number;
  /** How far a notification's timestamp may be from its arrival (default 300 s). */
  readonly toleranceSeconds?: number;
  /** Largest notification body accepted (default 16 KiB). */
  readonly maxBodyBytes?: number;
}

export const SIGNATURE_HEADER = 'sandbox-signature';

const money = z.object({ minor: z.number().int().min(0), currency: z.string() });

const sessionView = z.object({
  id: z.string(),
  status: z.enum(['pending', 'authorised', 'succeeded', 'declined', 'cancelled', 'expired', 'error']),
  declineReason: z.string().nullable().optional(),
  errorReason: z.string().nullable().optional(),
  merchantId: z.string(),
  merchantReference: z.string(),
  amount: money,
  paidAt: z.string().nullable().optional(),
  testMode: z.boolean().optional(),
});

const notificationBody = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  created: z.number().int(),
  data: z.object({
    sessionId: z.string().min(1).max(100),
    merchantReference: z.string().min(1).max(100),
    status: sessionView.shape.status,
    amount: money,
    merchantId: z.string().min(1).max(40),
    testMode: z.boolean(),
    declineReason: z.string().max(100).optional(),
    refund: z
      .object({
        id: z.string(),
        status: z.enum(['submitted', 'succeeded', 'failed']),
        origin: z.string(),
        amount: money,
      })
      .optional(),
  }),
});

const refundView = z.object({
  id: z.string(),
  status: z.enum(['submitted', 'succeeded', 'failed']),
  amount: money,
  failureReason: z.string().nullable().optional(),
});

const createdSession = z.object({ id: z.string(), hostedPageUrl: z.string(), expiresAt: z.string() });

function outcomeOf(
  view: {
    status: z.infer<typeof sessionView>['status'];
    amount: { minor: number; currency: string };
    declineReason?: string | null | undefined;
    errorReason?: string | null | undefined;
    paidAt?: string | null | undefined;
  },
  fallbackPaidAt: Date,
): ProviderOutcome {
  switch (view.status) {
    case 'pending':
      return { kind: 'PENDING' };
    case 'authorised':
      return { kind: 'AUTHORISED', amount: { cents: cents(view.amount.minor), currency: 'EUR' } };
    case 'succeeded':
      if (view.amount.currency !== 'EUR') return { kind: 'UNKNOWN', reason: `currency ${view.amount.currency}` };
      return {
        kind: 'SUCCEEDED',
        amount: { cents: cents(view.amount.minor), currency: 'EUR' },
        paidAt: view.paidAt ? new Date(view.paidAt) : fallbackPaidAt,
      };
    case 'declined':
      return { kind: 'DECLINED', reason: view.declineReason ?? 'declined' };
    case 'cancelled':
      return { kind: 'CANCELLED', by: 'payer' };
    case 'expired':
      return { kind: 'EXPIRED' };
    case 'error':
      return { kind: 'ERROR', reason: view.errorReason ?? 'error' };
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export class SandboxProvider implements PaymentProvider {
  readonly id = 'sandbox';
  readonly capabilities = {
    statusQuery: true,
    signedNotifications: true,
    refunds: 'partial',
    sessionTtlSeconds: 900,
  } as const;
  readonly testMode = true;

  constructor(private readonly settings: SandboxProviderSettings) {}

  private secretOf(merchantId: string): string {
    const secret = this.settings.merchantSecrets[merchantId];
    if (!secret) throw new ProviderCallFailed(true, `no secret for merchant ${merchantId}`);
    return secret;
  }

  private async call(
    merchantId: string,
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretOf(merchantId)}` };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const text = await callProvider(
      `${this.settings.apiUrl}${path}`,
      { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      this.settings.timeoutMs,
      signal,
      true,
    );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProviderCallFailed(false, 'the answer is not JSON');
    }
  }

  async createSession(input: CreateSessionInput, signal: AbortSignal): Promise<CreatedSession> {
    const answer = createdSession.safeParse(
      await this.call(
        input.merchantId,
        'POST',
        '/api/sessions',
        signal,
        {
          merchantId: input.merchantId,
          amount: { minor: input.amount.cents, currency: input.amount.currency },
          merchantReference: input.attemptId,
          returnUrl: input.returnUrl,
          notificationUrl: input.notifyUrl,
          language: input.locale,
          description: input.description.slice(0, 255),
        },
        input.idempotencyKey,
      ),
    );
    if (!answer.success) throw new ProviderCallFailed(false, 'unexpected session answer');
    return {
      providerRef: answer.data.id,
      redirect: { kind: 'url', url: answer.data.hostedPageUrl },
      expiresAt: new Date(answer.data.expiresAt),
    };
  }

  parseReturn(request: InboundHttp): { attemptId?: string | undefined; providerRef?: string | undefined } {
    const sessionId = request.query.get('session_id');
    return sessionId ? { providerRef: sessionId.slice(0, 100) } : {};
  }

  verifyNotification(request: InboundHttp): { notification: VerifiedNotification; ack: Ack } {
    const maxBytes = this.settings.maxBodyBytes ?? 16 * 1024;
    if (request.method !== 'POST') throw new NotificationRejected('method');
    if (request.rawBody.byteLength === 0 || request.rawBody.byteLength > maxBytes)
      throw new NotificationRejected('size');
    const header = request.headers[SIGNATURE_HEADER] ?? '';
    const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
    if (!match?.[1] || !match[2]) throw new NotificationRejected('signature header');
    const timestamp = Number(match[1]);
    const tolerance = this.settings.toleranceSeconds ?? 300;
    if (Math.abs(request.receivedAt.getTime() / 1000 - timestamp) > tolerance) throw new NotificationRejected('stale');
    const given = Buffer.from(match[2], 'hex');
    // Which merchant signed it: every key is tried, in constant time each.
    let signer: string | undefined;
    for (const [merchantId, secret] of Object.entries(this.settings.merchantSecrets)) {
      const expected = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(request.rawBody).digest();
      if (sameBytes(given, expected)) signer = merchantId;
    }
    if (signer === undefined) throw new NotificationRejected('signature');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody));
    } catch {
      throw new NotificationRejected('malformed');
    }
    const parsed = notificationBody.safeParse(json);
    if (!parsed.success) throw new NotificationRejected('malformed');
    const event = parsed.data;
    if (event.data.merchantId !== signer) throw new NotificationRejected('merchant');
    const occurredAt = new Date(event.created * 1000);
    const refund = event.data.refund;
    const outcome: VerifiedNotification['outcome'] = refund
      ? {
          kind: 'REFUND',
          refundId: refund.id,
          refund:
            refund.status === 'succeeded'
              ? {
                  kind: 'SUCCEEDED',
                  providerRefundId: refund.id,
                  amount: { cents: cents(refund.amount.minor), currency: 'EUR' },
                }
              : refund.status === 'failed'
                ? { kind: 'FAILED', reason: 'refused by the provider' }
                : { kind: 'SUBMITTED', providerRefundId: refund.id },
        }
      : outcomeOf(event.data, occurredAt);
    return {
      notification: {
        dedupeKey: event.id,
        attemptId: event.data.merchantReference,
        providerRef: event.data.sessionId,
        merchantId: event.data.merchantId,
        testMode: event.data.testMode,
        outcome,
        occurredAt,
      },
      ack: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' },
    };
  }

  rejectAck(): Ack {
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'rejected' };
  }

  async getStatus(merchantId: string, providerRef: string, signal: AbortSignal): Promise<ProviderOutcome> {
    const view = sessionView.safeParse(
      await this.call(merchantId, 'GET', `/api/sessions/${encodeURIComponent(providerRef)}`, signal),
    );
    if (!view.success) return { kind: 'UNKNOWN', reason: 'unexpected status answer' };
    if (view.data.merchantId !== merchantId) return { kind: 'UNKNOWN', reason: 'another merchant' };
    return outcomeOf(view.data, new Date());
  }

  async refund(request: RefundRequest, signal: AbortSignal): Promise<RefundOutcome> {
    let answer: unknown;
    try {
      answer = await this.call(
        request.merchantId,
        'POST',
        '/api/refunds',
        signal,
        {
          sessionId: request.providerRef,
          amount: { minor: request.amount.cents, currency: request.amount.currency },
          reason: request.reason.slice(0, 255),
        },
        request.idempotencyKey,
      );
    } catch (error) {
      if (error instanceof ProviderCallFailed && error.certain) return { kind: 'FAILED', reason: error.reason };
      return { kind: 'UNKNOWN', reason: error instanceof Error ? error.message : 'error' };
    }
    const view = refundView.safeParse(answer);
    if (!view.success) return { kind: 'UNKNOWN', reason: 'unexpected refund answer' };
    if (view.data.status === 'failed') return { kind: 'FAILED', reason: view.data.failureReason ?? 'failed' };
    if (view.data.status === 'succeeded')
      return {
        kind: 'SUCCEEDED',
        providerRefundId: view.data.id,
        amount: { cents: cents(view.data.amount.minor), currency: 'EUR' },
      };
    return { kind: 'SUBMITTED', providerRefundId: view.data.id };
  }

  parseSettlementReport(file: Uint8Array): SettlementReport {
    return parseSandboxSettlement(file);
  }
}
