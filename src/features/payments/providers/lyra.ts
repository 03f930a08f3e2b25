/**
 * The adapter of Lyra's hosted payment form ("vads" form: PayZen, Systempay, Sogecommerce, Scellius),
 * research: payment-anchors §2.1.
 *
 * - A payment starts as a signed form the parent's browser posts to Lyra (`vads_*` fields plus
 *   `signature` = Base64(HMAC-SHA-256(key, the values of the `vads_*` fields sorted by name, joined
 *   with "+", then "+" and the key)), with the TEST or PRODUCTION key of the shop.
 * - The outcome arrives as an IPN: a form POST of the signed `vads_*` fields, checked with the key of
 *   its own `vads_ctx_mode` (TEST is refused when the portal runs in PRODUCTION).
 * - Status and refunds go through the REST API V4 (Basic auth `shopId:password`, JSON, an `answer`
 *   envelope with `status` SUCCESS or ERROR): `Order/Get` finds the transactions of our order (a
 *   transaction's uuid exists only once the parent has paid), `Transaction/Refund` refunds one.
 *
 * The provider reference of an attempt is `<vads_trans_date>_<vads_trans_id>_<vads_order_id>`: known
 * before the parent posts the form, rebuilt from the signed fields of each IPN, and enough for a
 * status query (the order) and to tell when an unposted form has expired (the date).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { cents } from '../../../lib/money.ts';
import { attemptIdOfOrder, orderIdOfAttempt } from './lyra-order.ts';
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
import { parseLyraSettlement } from './lyra-settlement.ts';

export type LyraMode = 'TEST' | 'PRODUCTION';

/** One shop at Lyra: the merchant account of one creditor. */
export interface LyraShop {
  /** `vads_site_id` (8 digits at Lyra), also the REST API's user name. */
  readonly shopId: string;
  /** The signing keys of the forms and IPNs, one per mode (the one of the portal's mode is required). */
  readonly keyTest?: string | undefined;
  readonly keyProduction?: string | undefined;
  /** The REST API password of the portal's mode. */
  readonly restPassword: string;
}

export interface LyraProviderSettings {
  readonly mode: LyraMode;
  /** Where the browser posts the form, e.g. https://secure.lyra.com/vads-payment/. */
  readonly formUrl: string;
  /** Base URL of the REST API, e.g. https://api.lyra.com (paths /api-payment/V4/…). */
  readonly restUrl: string;
  /** Our merchant id (one per creditor) → its shop. */
  readonly shops: Readonly<Record<string, LyraShop>>;
  /** Longest wait for one REST call. */
  readonly timeoutMs: number;
  /** How long the parent has to post and finish the form (default 900 s). */
  readonly sessionTtlSeconds?: number;
  /** Largest IPN body accepted (default 16 KiB). */
  readonly maxBodyBytes?: number;
  readonly now?: () => Date;
}

/** Lyra's signature of a set of fields: only the `vads_*` ones count, sorted by name. */
export function lyraSigningString(fields: Readonly<Record<string, string>>, key: string): string {
  const values = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => fields[name] ?? '');
  return [...values, key].join('+');
}

export function lyraSignature(fields: Readonly<Record<string, string>>, key: string): string {
  return createHmac('sha256', key).update(lyraSigningString(fields, key), 'utf8').digest('base64');
}

/** UTC YYYYMMDDHHMMSS. */
export function lyraDate(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const PROVIDER_REF = /^(\d{14})_(\d{6})_([A-Za-z0-9-]{1,64})$/;

function dateOfLyra(stamp: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a Lyra transaction status (`vads_trans_status`, REST `detailedStatus`) means for us. */
export function outcomeOfStatus(
  status: string,
  result: string | undefined,
  amountMinor: number,
  currency: string,
  paidAt: Date,
): ProviderOutcome {
  const amount = { cents: cents(amountMinor), currency: 'EUR' as const };
  switch (status) {
    case 'CAPTURED':
    case 'AUTHORISED':
    case 'ACCEPTED':
      // AUTHORISED: captured automatically after the capture delay (payment-anchors §4.1).
      if (currency !== 'EUR') return { kind: 'UNKNOWN', reason: `currency ${currency}` };
      if (result !== undefined && result !== '00')
        return { kind: 'UNKNOWN', reason: `${status} with result ${result}` };
      return { kind: 'SUCCEEDED', amount, paidAt };
    case 'AUTHORISED_TO_VALIDATE':
      return { kind: 'AUTHORISED', amount };
    case 'INITIAL':
    case 'WAITING_AUTHORISATION':
    case 'WAITING_AUTHORISATION_TO_VALIDATE':
    case 'UNDER_VERIFICATION':
    case 'PRE_AUTHORISED':
      return { kind: 'PENDING' };
    case 'REFUSED':
      if (result === '30' || result === '96') return { kind: 'ERROR', reason: `result ${result}` };
      return { kind: 'DECLINED', reason: result ? `result ${result}` : 'refused' };
    case 'ABANDONED':
      return { kind: 'CANCELLED', by: 'payer' };
    case 'CANCELLED':
      return { kind: 'CANCELLED', by: 'merchant' };
    case 'EXPIRED':
      return { kind: 'EXPIRED' };
    case 'NOT_CREATED':
      return { kind: 'ERROR', reason: 'not created' };
    default:
      return { kind: 'UNKNOWN', reason: `status ${status.slice(0, 40)}` };
  }
}

/** The IPN fields we read (after the signature): anything else signed is kept in the raw body. */
const ipnFields = z.object({
  vads_site_id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  vads_ctx_mode: z.enum(['TEST', 'PRODUCTION']),
  vads_trans_id: z.string().regex(/^\d{6}$/),
  vads_trans_date: z.string().regex(/^\d{14}$/),
  vads_trans_uuid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  vads_order_id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  vads_amount: z.string().regex(/^\d{1,12}$/),
  vads_currency: z.string().regex(/^\d{3}$/),
  vads_trans_status: z.string().regex(/^[A-Z_]{1,40}$/),
  vads_result: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  vads_operation_type: z.enum(['DEBIT', 'CREDIT']).optional(),
  vads_url_check_src: z.string().max(20).optional(),
});

const transaction = z.object({
  uuid: z.string(),
  shopId: z.string().optional(),
  amount: z.number().int().min(0),
  currency: z.string(),
  detailedStatus: z.string(),
  operationType: z.enum(['DEBIT', 'CREDIT']),
  creationDate: z.string().optional(),
  orderDetails: z.object({ orderId: z.string().nullable().optional() }).optional(),
  transactionDetails: z
    .object({ cardDetails: z.object({ legacyTransId: z.string().nullable().optional() }).optional() })
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});
type Transaction = z.infer<typeof transaction>;

const envelope = z.object({
  status: z.enum(['SUCCESS', 'ERROR']),
  answer: z.unknown(),
});
const errorAnswer = z.object({ errorCode: z.string(), errorMessage: z.string().nullable().optional() });
const orderAnswer = z.object({ transactions: z.array(transaction) });

const MAX_FIELDS = 200;

export class LyraProvider implements PaymentProvider {
  readonly id = 'lyra';
  readonly capabilities;
  readonly testMode: boolean;
  private readonly now: () => Date;
  /** The last `vads_trans_id` given out today (ids are tenths of a second of the UTC day). */
  private last = { day: '', id: -1 };

  constructor(private readonly settings: LyraProviderSettings) {
    this.capabilities = {
      statusQuery: true,
      signedNotifications: true,
      refunds: 'partial',
      sessionTtlSeconds: settings.sessionTtlSeconds ?? 900,
    } as const;
    this.testMode = settings.mode === 'TEST';
    this.now = settings.now ?? (() => new Date());
  }

  private shopOf(merchantId: string): LyraShop {
    const shop = this.settings.shops[merchantId];
    if (!shop) throw new ProviderCallFailed(true, `no Lyra shop for merchant ${merchantId}`);
    return shop;
  }

  private merchantOfShop(shopId: string): string | undefined {
    for (const [merchantId, shop] of Object.entries(this.settings.shops)) if (shop.shopId === shopId) return merchantId;
    return undefined;
  }

  private keyOf(shop: LyraShop, mode: LyraMode): string | undefined {
    return mode === 'TEST' ? shop.keyTest : shop.keyProduction;
  }

  /**
   * `vads_trans_id`: six digits, unique per shop and day. The tenth of a second of the UTC day
   * (000000 to 863999), moved on by one when the previous id of this process is not smaller: no
   * two forms of one day share an id, unlike a hash of the attempt (which collides by the birthday
   * bound within a few hundred payments). The form is stored with the attempt, so posting it again
   * sends the same id.
   */
  private transId(at: Date): string {
    const day = at.toISOString().slice(0, 10);
    let id = Math.floor((at.getTime() % 86_400_000) / 100);
    if (this.last.day === day && id <= this.last.id) id = this.last.id + 1;
    if (id > 899_999) throw new ProviderCallFailed(true, 'no transaction id left today');
    this.last = { day, id };
    return String(id).padStart(6, '0');
  }

  async createSession(input: CreateSessionInput): Promise<CreatedSession> {
    const shop = this.shopOf(input.merchantId);
    const key = this.keyOf(shop, this.settings.mode);
    if (!key) throw new ProviderCallFailed(true, `no ${this.settings.mode} key for ${shop.shopId}`);
    const at = this.now();
    const orderId = orderIdOfAttempt(input.attemptId);
    const fields: Record<string, string> = {
      vads_action_mode: 'INTERACTIVE',
      vads_amount: String(input.amount.cents),
      vads_ctx_mode: this.settings.mode,
      vads_currency: '978',
      vads_language: input.locale,
      vads_order_id: orderId,
      vads_order_info: Array.from(input.description, (ch) =>
        ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch,
      )
        .join('')
        .slice(0, 255),
      vads_page_action: 'PAYMENT',
      vads_payment_config: 'SINGLE',
      vads_return_mode: 'GET',
      vads_site_id: shop.shopId,
      vads_trans_date: lyraDate(at),
      vads_trans_id: this.transId(at),
      vads_url_check: input.notifyUrl,
      vads_url_return: input.returnUrl,
      vads_version: 'V2',
    };
    if (input.payerEmail) fields.vads_cust_email = input.payerEmail.slice(0, 150);
    fields.signature = lyraSignature(fields, key);
    return {
      providerRef: `${fields.vads_trans_date}_${fields.vads_trans_id}_${orderId}`,
      redirect: { kind: 'form', action: this.settings.formUrl, fields },
      expiresAt: input.expiresAt,
    };
  }

  /**
   * The `vads_*` fields of a form body or query, once each, with a signature that matches the key
   * of their mode; otherwise NotificationRejected.
   */
  private verifiedFields(params: URLSearchParams): {
    fields: Record<string, string>;
    merchantId: string;
    mode: LyraMode;
  } {
    // No prototype: a field named __proto__ is a field like any other.
    const fields = Object.create(null) as Record<string, string>;
    let count = 0;
    for (const [name, value] of params) {
      count += 1;
      if (count > MAX_FIELDS) throw new NotificationRejected('too many fields');
      if (Object.hasOwn(fields, name)) throw new NotificationRejected(`repeated field ${name.slice(0, 40)}`);
      fields[name] = value;
    }
    const signature = fields.signature;
    if (!signature) throw new NotificationRejected('no signature');
    const mode = fields.vads_ctx_mode;
    if (mode !== 'TEST' && mode !== 'PRODUCTION') throw new NotificationRejected('vads_ctx_mode');
    if (mode === 'TEST' && this.settings.mode === 'PRODUCTION')
      throw new NotificationRejected('a TEST message to a PRODUCTION shop');
    const merchantId = this.merchantOfShop(fields.vads_site_id ?? '');
    if (merchantId === undefined) throw new NotificationRejected('unknown shop');
    const key = this.keyOf(this.shopOf(merchantId), mode);
    if (!key) throw new NotificationRejected(`no ${mode} key`);
    if (!sameText(signature, lyraSignature(fields, key))) throw new NotificationRejected('signature');
    return { fields, merchantId, mode };
  }

  parseReturn(request: InboundHttp): { attemptId?: string | undefined; providerRef?: string | undefined } {
    try {
      const params =
        request.method === 'POST'
          ? new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody))
          : request.query;
      const { fields } = this.verifiedFields(params);
      const parsed = ipnFields.safeParse(fields);
      if (!parsed.success) return {};
      const f = parsed.data;
      return {
        attemptId: attemptIdOfOrder(f.vads_order_id),
        providerRef: `${f.vads_trans_date}_${f.vads_trans_id}_${f.vads_order_id}`,
      };
    } catch {
      return {};
    }
  }

  verifyNotification(request: InboundHttp): { notification: VerifiedNotification; ack: Ack } {
    const maxBytes = this.settings.maxBodyBytes ?? 16 * 1024;
    if (request.method !== 'POST') throw new NotificationRejected('method');
    if (request.rawBody.byteLength === 0 || request.rawBody.byteLength > maxBytes)
      throw new NotificationRejected('size');
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new NotificationRejected('content type');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody);
    } catch {
      throw new NotificationRejected('not UTF-8');
    }
    const { fields, merchantId, mode } = this.verifiedFields(new URLSearchParams(text));
    const parsed = ipnFields.safeParse(fields);
    if (!parsed.success) throw new NotificationRejected('malformed');
    const f = parsed.data;
    const currency = f.vads_currency === '978' ? 'EUR' : f.vads_currency;
    const amountMinor = Number(f.vads_amount);
    const outcome: VerifiedNotification['outcome'] =
      f.vads_operation_type === 'CREDIT'
        ? {
            kind: 'REFUND',
            refundId: f.vads_trans_uuid,
            refund: refundOutcomeOf(f.vads_trans_status, f.vads_trans_uuid, amountMinor),
          }
        : outcomeOfStatus(f.vads_trans_status, f.vads_result, amountMinor, currency, request.receivedAt);
    // The dedupe key: a hash of everything signed (the same message twice is one event).
    const signed = Object.keys(fields)
      .filter((name) => name.startsWith('vads_'))
      .sort()
      .map((name) => `${name}=${fields[name] ?? ''}`)
      .join('\n');
    return {
      notification: {
        dedupeKey: createHash('sha256').update(signed, 'utf8').digest('hex'),
        attemptId: attemptIdOfOrder(f.vads_order_id),
        providerRef: `${f.vads_trans_date}_${f.vads_trans_id}_${f.vads_order_id}`,
        merchantId,
        testMode: mode === 'TEST',
        outcome,
        occurredAt: request.receivedAt,
      },
      ack: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' },
    };
  }

  rejectAck(): Ack {
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'rejected' };
  }

  /** One REST call: the `answer` of a SUCCESS; ProviderCallFailed(certain) for an ERROR answer. */
  private async rest(merchantId: string, path: string, body: unknown, signal: AbortSignal): Promise<unknown> {
    const shop = this.shopOf(merchantId);
    const credentials = Buffer.from(`${shop.shopId}:${shop.restPassword}`, 'utf8').toString('base64');
    const text = await callProvider(
      `${this.settings.restUrl}/api-payment/V4/${path}`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      this.settings.timeoutMs,
      signal,
    );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProviderCallFailed(false, 'the answer is not JSON');
    }
    const parsed = envelope.safeParse(json);
    if (!parsed.success) throw new ProviderCallFailed(false, 'unexpected answer');
    if (parsed.data.status === 'ERROR') {
      const error = errorAnswer.safeParse(parsed.data.answer);
      throw new ProviderCallFailed(true, error.success ? error.data.errorCode : 'ERROR');
    }
    return parsed.data.answer;
  }

  private async transactionsOf(
    merchantId: string,
    orderId: string,
    signal: AbortSignal,
  ): Promise<readonly Transaction[]> {
    const answer = orderAnswer.safeParse(await this.rest(merchantId, 'Order/Get', { orderId }, signal));
    if (!answer.success) throw new ProviderCallFailed(false, 'unexpected order answer');
    return answer.data.transactions.filter((t) => (t.orderDetails?.orderId ?? orderId) === orderId);
  }

  /** The payment of the attempt among the order's transactions: a paid one first, else the latest. */
  private paymentOf(transactions: readonly Transaction[], transId: string): Transaction | undefined {
    const debits = transactions.filter(
      (t) => t.operationType === 'DEBIT' && (t.transactionDetails?.cardDetails?.legacyTransId ?? transId) === transId,
    );
    const paid = debits.find((t) => ['CAPTURED', 'AUTHORISED', 'ACCEPTED'].includes(t.detailedStatus));
    return paid ?? debits.toSorted((a, b) => (a.creationDate ?? '').localeCompare(b.creationDate ?? '')).at(-1);
  }

  /** Lyra's bank reconciliation report (JRB), of one of our shops: providers/lyra-settlement.ts. */
  parseSettlementReport(file: Uint8Array, fileName: string): SettlementReport {
    const shops = new Map(Object.entries(this.settings.shops).map(([merchantId, shop]) => [shop.shopId, merchantId]));
    return parseLyraSettlement(file, fileName, shops, this.testMode);
  }

  async getStatus(merchantId: string, providerRef: string, signal: AbortSignal): Promise<ProviderOutcome> {
    const ref = PROVIDER_REF.exec(providerRef);
    if (!ref?.[1] || !ref[2] || !ref[3]) return { kind: 'UNKNOWN', reason: 'not a Lyra reference' };
    const payment = this.paymentOf(await this.transactionsOf(merchantId, ref[3], signal), ref[2]);
    if (!payment) {
      // The form was never posted (or not yet): expired once its time is over.
      const startedAt = dateOfLyra(ref[1]);
      const ttl = this.capabilities.sessionTtlSeconds * 1000;
      return startedAt && this.now().getTime() > startedAt.getTime() + ttl ? { kind: 'EXPIRED' } : { kind: 'PENDING' };
    }
    if (payment.shopId !== undefined && payment.shopId !== this.shopOf(merchantId).shopId)
      return { kind: 'UNKNOWN', reason: 'another shop' };
    const paidAt = payment.creationDate ? new Date(payment.creationDate) : this.now();
    return outcomeOfStatus(
      payment.detailedStatus,
      undefined,
      payment.amount,
      payment.currency,
      Number.isNaN(paidAt.getTime()) ? this.now() : paidAt,
    );
  }

  async refund(request: RefundRequest, signal: AbortSignal): Promise<RefundOutcome> {
    const ref = PROVIDER_REF.exec(request.providerRef);
    if (!ref?.[2] || !ref[3]) return { kind: 'FAILED', reason: 'not a Lyra reference' };
    try {
      const transactions = await this.transactionsOf(request.merchantId, ref[3], signal);
      // A retry after a lost answer: the refund made the first time is found by its metadata.
      const made = transactions.find(
        (t) => t.operationType === 'CREDIT' && t.metadata?.refundKey === request.idempotencyKey,
      );
      if (made) return refundOutcomeOf(made.detailedStatus, made.uuid, made.amount);
      const payment = this.paymentOf(transactions, ref[2]);
      if (!payment || !['CAPTURED', 'AUTHORISED', 'ACCEPTED'].includes(payment.detailedStatus))
        return { kind: 'FAILED', reason: 'no paid transaction to refund' };
      const answer = transaction.safeParse(
        await this.rest(
          request.merchantId,
          'Transaction/Refund',
          {
            uuid: payment.uuid,
            amount: request.amount.cents,
            currency: request.amount.currency,
            comment: request.reason.slice(0, 255),
            metadata: { refundKey: request.idempotencyKey },
          },
          signal,
        ),
      );
      if (!answer.success) return { kind: 'UNKNOWN', reason: 'unexpected refund answer' };
      return refundOutcomeOf(answer.data.detailedStatus, answer.data.uuid, answer.data.amount);
    } catch (error) {
      if (error instanceof ProviderCallFailed && error.certain) return { kind: 'FAILED', reason: error.reason };
      return { kind: 'UNKNOWN', reason: error instanceof Error ? error.message : 'error' };
    }
  }
}

/** A refund transaction's status (CREDIT operation) in our words. */
function refundOutcomeOf(status: string, uuid: string, amountMinor: number): RefundOutcome {
  if (status === 'CAPTURED' || status === 'ACCEPTED')
    return { kind: 'SUCCEEDED', providerRefundId: uuid, amount: { cents: cents(amountMinor), currency: 'EUR' } };
  if (['REFUSED', 'CANCELLED', 'EXPIRED', 'ABANDONED', 'NOT_CREATED'].includes(status))
    return { kind: 'FAILED', reason: `refund ${status.toLowerCase()}` };
  return { kind: 'SUBMITTED', providerRefundId: uuid };
}
