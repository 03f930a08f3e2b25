/**
 * The sandbox's Lyra dialect beyond notifications (merchants with `dialect: 'vads'`): the signed
 * form a merchant's page posts to `/vads-payment/` opens a session (once per shop, transaction date
 * and transaction id), and a small REST API V4 (`Order/Get`, `Transaction/Get`,
 * `Transaction/Refund`, Basic auth `shopId:password`, answers in Lyra's `answer` envelope).
 * The error codes of this REST API are the sandbox's own (SANDBOX_…), not Lyra's.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SandboxMerchant } from './config.ts';
import type { Lang } from './messages.ts';
import { ApiError, VADS_STATUS, type PspSandbox } from './sandbox.ts';
import { sameSecret, vadsSignature } from './signing.ts';
import { idempotencyId, type Refund, type Session } from './store.ts';

export type VadsProblem =
  'missing' | 'invalid' | 'repeated' | 'signature' | 'unknown_shop' | 'not_test' | 'reused' | 'too_many';

export interface VadsFormIssue {
  readonly field: string;
  readonly problem: VadsProblem;
}

export type VadsFormResult =
  | { readonly ok: true; readonly session: Session; readonly replayed: boolean }
  | { readonly ok: false; readonly issues: readonly VadsFormIssue[]; readonly lang: Lang };

const httpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
};
const printable = (max: number) => (value: string) =>
  value.length <= max && !Array.from(value).some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** The fields the sandbox reads, with their rule; the other `vads_*` fields are only signed. */
const RULES: Readonly<Record<string, { required: boolean; valid: (value: string) => boolean }>> = {
  vads_site_id: { required: true, valid: (v) => /^[a-z0-9][a-z0-9-]{1,39}$/.test(v) },
  vads_ctx_mode: { required: true, valid: (v) => v === 'TEST' || v === 'PRODUCTION' },
  vads_trans_id: { required: true, valid: (v) => /^\d{6}$/.test(v) && Number(v) <= 899_999 },
  vads_trans_date: { required: true, valid: (v) => /^\d{14}$/.test(v) && dateOf(v) !== undefined },
  vads_amount: { required: true, valid: (v) => /^[1-9]\d{0,7}$/.test(v) },
  vads_currency: { required: true, valid: (v) => v === '978' },
  vads_action_mode: { required: true, valid: (v) => v === 'INTERACTIVE' },
  vads_page_action: { required: true, valid: (v) => v === 'PAYMENT' },
  vads_payment_config: { required: true, valid: (v) => v === 'SINGLE' },
  vads_version: { required: true, valid: (v) => v === 'V2' },
  // The sandbox has no back office where a shop's default URLs would be set: both are required.
  vads_url_return: { required: true, valid: (v) => v.length <= 2048 && httpUrl(v) },
  vads_url_check: { required: true, valid: (v) => v.length <= 2048 && httpUrl(v) },
  vads_order_id: { required: false, valid: (v) => /^[A-Za-z0-9_-]{1,64}$/.test(v) },
  vads_order_info: { required: false, valid: printable(255) },
  vads_language: { required: false, valid: (v) => /^[a-z]{2}$/.test(v) },
  vads_cust_email: { required: false, valid: (v) => v.length <= 150 && /^[^\s@]+@[^\s@]+$/.test(v) },
  vads_return_mode: { required: false, valid: (v) => ['NONE', 'GET', 'POST'].includes(v) },
};

function dateOf(stamp: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== iso.slice(0, 19) ? undefined : date;
}

/**
 * The form a merchant's page posted: every field once, the known ones valid, signed with the
 * merchant's key, in TEST mode; then the session of its shop, date and transaction id (the same
 * form posted again finds it; the same id with other fields is refused, as Lyra refuses a
 * transaction id used twice in a day).
 */
export function openVadsSession(sandbox: PspSandbox, body: unknown): VadsFormResult {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const issues: VadsFormIssue[] = [];
  const fields = Object.create(null) as Record<string, string>;
  const names = Object.keys(raw);
  if (names.length > 200) return { ok: false, issues: [{ field: '-', problem: 'too_many' }], lang: 'fr' };
  for (const name of names) {
    const value = raw[name];
    if (typeof value === 'string') fields[name] = value;
    else issues.push({ field: name, problem: 'repeated' });
  }
  const lang: Lang = fields.vads_language === 'en' ? 'en' : 'fr';
  for (const [field, rule] of Object.entries(RULES)) {
    const value = fields[field];
    if (value === undefined || value === '') {
      if (rule.required) issues.push({ field, problem: 'missing' });
    } else if (!rule.valid(value)) issues.push({ field, problem: 'invalid' });
  }
  if (!fields.signature) issues.push({ field: 'signature', problem: 'missing' });
  if (issues.length > 0) return { ok: false, issues, lang };

  const merchant = sandbox.merchant(fields.vads_site_id ?? '');
  if (!merchant || merchant.dialect !== 'vads')
    return { ok: false, issues: [{ field: 'vads_site_id', problem: 'unknown_shop' }], lang };
  if (!sameSecret(fields.signature ?? '', vadsSignature(fields, merchant.secret)))
    return { ok: false, issues: [{ field: 'signature', problem: 'signature' }], lang };
  if (fields.vads_ctx_mode !== 'TEST')
    return { ok: false, issues: [{ field: 'vads_ctx_mode', problem: 'not_test' }], lang };

  sandbox.advance();
  const transDate = fields.vads_trans_date ?? '';
  const transId = fields.vads_trans_id ?? '';
  const signed = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => `${name}=${fields[name] ?? ''}`)
    .join('\n');
  const bodyHash = createHash('sha256').update(signed).digest('hex');
  const key = idempotencyId(merchant.id, 'vads-form', `${transDate.slice(0, 8)}_${transId}`);
  const known = sandbox.store.idempotency.get(key);
  if (known) {
    const session = sandbox.store.sessions.get(known.resultId);
    if (known.bodyHash !== bodyHash || !session)
      return { ok: false, issues: [{ field: 'vads_trans_id', problem: 'reused' }], lang };
    return { ok: true, session, replayed: true };
  }
  const now = sandbox.clock.now();
  const session: Session = {
    id: randomBytes(16).toString('hex'),
    token: randomBytes(24).toString('base64url'),
    csrf: randomBytes(24).toString('base64url'),
    merchantId: merchant.id,
    amountMinor: Number(fields.vads_amount),
    currency: 'EUR',
    merchantReference: fields.vads_order_id ?? '',
    returnUrl: fields.vads_url_return ?? '',
    notificationUrl: fields.vads_url_check ?? '',
    language: lang,
    description: fields.vads_order_info ?? '',
    createdAt: now,
    expiresAt: now + sandbox.options.sessionTtlSeconds * 1000,
    status: 'pending',
    vads: { transId, transDate },
  };
  sandbox.store.sessions.set(session.id, session);
  sandbox.store.idempotency.set(key, {
    merchantId: merchant.id,
    scope: 'vads-form',
    key: `${transDate.slice(0, 8)}_${transId}`,
    bodyHash,
    resultId: session.id,
    createdAt: now,
  });
  sandbox.store.save();
  return { ok: true, session, replayed: false };
}

/** The vads merchant of a REST call's `authorization: Basic base64(shopId:password)`, if any. */
export function lyraMerchantOf(sandbox: PspSandbox, authorization: string | undefined): SandboxMerchant | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]{1,700})$/.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  const merchant = sandbox.merchant(decoded.slice(0, colon));
  if (!merchant || merchant.dialect !== 'vads') return undefined;
  return sameSecret(decoded.slice(colon + 1), merchant.restPassword ?? merchant.secret) ? merchant : undefined;
}

/** Lyra's REST answer around `answer`. */
export function lyraEnvelope(webService: string, answer: unknown, error = false): Record<string, unknown> {
  return {
    webService,
    version: 'V4',
    applicationVersion: 'sandbox',
    status: error ? 'ERROR' : 'SUCCESS',
    answer,
    mode: 'TEST',
    _type: 'V4/WebService',
  };
}

export function lyraError(webService: string, error: ApiError): Record<string, unknown> {
  return lyraEnvelope(
    webService,
    {
      errorCode: `SANDBOX_${error.code.toUpperCase()}`,
      errorMessage: error.message,
      _type: 'V4/WebService/WebServiceError',
    },
    true,
  );
}

/** A payment session as a Lyra transaction (operation DEBIT). */
export function lyraPayment(sandbox: PspSandbox, session: Session): Record<string, unknown> {
  const view = sandbox.sessionView(session) as { amount: { minor: number } };
  return {
    shopId: session.merchantId,
    uuid: session.id,
    amount: view.amount.minor,
    currency: 'EUR',
    paymentMethodType: 'CARD',
    status:
      session.status === 'succeeded'
        ? 'PAID'
        : session.status === 'pending' || session.status === 'authorised'
          ? 'RUNNING'
          : 'UNPAID',
    detailedStatus: VADS_STATUS[session.status].status,
    operationType: 'DEBIT',
    creationDate: new Date(session.createdAt).toISOString(),
    orderDetails: { orderId: session.merchantReference || null },
    transactionDetails: {
      cardDetails: {
        legacyTransId: session.vads?.transId ?? null,
        pan: session.card ? `XXXXXXXXXXXX${session.card.last4}` : null,
      },
    },
    metadata: null,
    _type: 'V4/PaymentTransaction',
  };
}

/** A refund as a Lyra transaction of its own (operation CREDIT). */
export function lyraRefund(session: Session, refund: Refund): Record<string, unknown> {
  return {
    shopId: session.merchantId,
    uuid: refund.id,
    amount: refund.amountMinor,
    currency: 'EUR',
    paymentMethodType: 'CARD',
    status: refund.status === 'failed' ? 'UNPAID' : refund.status === 'succeeded' ? 'PAID' : 'RUNNING',
    detailedStatus:
      refund.status === 'succeeded' ? 'CAPTURED' : refund.status === 'failed' ? 'REFUSED' : 'WAITING_AUTHORISATION',
    operationType: 'CREDIT',
    creationDate: new Date(refund.createdAt).toISOString(),
    orderDetails: { orderId: session.merchantReference || null },
    transactionDetails: { cardDetails: { legacyTransId: session.vads?.transId ?? null } },
    metadata: refund.reference ? { refundKey: refund.reference } : null,
    _type: 'V4/PaymentTransaction',
  };
}

/** Every transaction of a merchant's order: its payments and their refunds (none: an empty list). */
export function orderTransactions(
  sandbox: PspSandbox,
  merchant: SandboxMerchant,
  orderId: string,
): Record<string, unknown>[] {
  sandbox.advance();
  const sessions = [...sandbox.store.sessions.values()].filter(
    (s) => s.merchantId === merchant.id && s.merchantReference === orderId && orderId !== '',
  );
  const list: Record<string, unknown>[] = [];
  for (const session of sessions) {
    list.push(lyraPayment(sandbox, session));
    for (const refund of sandbox.store.refunds.values())
      if (refund.sessionId === session.id) list.push(lyraRefund(session, refund));
  }
  return list;
}

/** One transaction by uuid (a payment or a refund) of the merchant's. */
export function transactionByUuid(
  sandbox: PspSandbox,
  merchant: SandboxMerchant,
  uuid: string,
): Record<string, unknown> {
  sandbox.advance();
  const session = sandbox.store.sessions.get(uuid);
  if (session && session.merchantId === merchant.id) return lyraPayment(sandbox, session);
  const refund = sandbox.store.refunds.get(uuid);
  const owner = refund ? sandbox.store.sessions.get(refund.sessionId) : undefined;
  if (refund && owner && refund.merchantId === merchant.id) return lyraRefund(owner, refund);
  throw new ApiError(404, 'not_found', 'no such transaction');
}
