/**
 * The payments service (ADR 0012): checkouts at the provider, the outcome of each attempt through
 * one function (`applyToLocked`, behind `applyOutcome`) whichever path brings it (notification,
 * browser return, reconciler), the notification inbox, refunds and the ledger. It knows nothing of what is paid: a feature
 * registers a `PayableHandler` per payable kind, called in the transaction of the outcome.
 *
 * Rules: every transition is a compare-and-set on (state, version) under `forUpdate()`; a payable
 * belongs to one live attempt at a time (its lease); money taken is always in the ledger (applied,
 * overpaid and refunded, or in review); nothing is applied without a verified outcome.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Expression, Kysely, RawBuilder, Transaction } from 'kysely';
import { z } from 'zod';
import { DEFAULT_PAYMENT_NOTIFICATIONS_AT_ONCE } from '../../config.ts';
import type { Database, PaymentEventSource } from '../../db/database.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import { withDeadline } from '../../lib/deadline.ts';
import { Limiter, LimiterFull } from '../../lib/limiter.ts';
import { OnceByKey } from '../../lib/once-by-key.ts';
import { cents, type Cents } from '../../lib/money.ts';
import { paths } from '../../paths.ts';
import {
  LEASE_HOLDING_STATES,
  decide,
  isOpen,
  isSuccess,
  type AttemptState,
  type OutcomeContext,
} from './attempt.states.ts';
import {
  NotificationRejected,
  ProviderCallFailed,
  type Ack,
  type InboundHttp,
  type PaymentProvider,
  type ProviderOutcome,
  type Redirect,
  type RefundOutcome,
  type VerifiedNotification,
} from './provider.port.ts';
import * as repository from './payments.repository.ts';
import type { LiveLeaseJson } from './payments.repository.ts';
import {
  openDossier,
  recordOnDossier,
  recordOnDossiers,
  type DossierRecord,
  type DossierState,
} from '../dossiers/dossiers.service.ts';
import type {
  AttemptView,
  CheckoutAnswer,
  CheckoutRequest,
  PayableHandler,
  PayableItem,
  PayableLease,
  PaymentReceiptView,
  SettledPaymentSummary,
  ReturnView,
} from './payments.types.ts';

export type * from './payments.types.ts';
import { LyraProvider, type LyraProviderSettings } from './providers/lyra.ts';
import { SandboxProvider } from './providers/sandbox.ts';
import { SettlementService } from './settlement.service.ts';

export { SandboxProvider, SettlementService };
export type { ImportAnswer, MismatchView } from './settlement.service.ts';
export type { PaymentProvider } from './provider.port.ts';
export type { LiveLeaseJson } from './payments.repository.ts';

/** The handlers of the payable kinds, registered at start-up (src/app.ts). */
export class PayableRegistry {
  private readonly handlers = new Map<string, PayableHandler>();
  /** Set once the state change's statement was built from the handlers: none may be added after. */
  private sealed = false;

  register(handler: PayableHandler): this {
    if (this.sealed) throw new Error(`payable kind ${handler.kind} is registered after payments started`);
    if (this.handlers.has(handler.kind)) throw new Error(`payable kind ${handler.kind} is registered twice`);
    this.handlers.set(handler.kind, handler);
    return this;
  }

  /**
   * The handlers that read their rows to settle within the attempt's state change. The statement
   * is built from them once, so the registry takes no handler after this.
   */
  settleReaders(): repository.SettleReader[] {
    this.sealed = true;
    return [...this.handlers.values()].flatMap((handler): repository.SettleReader[] =>
      handler.settleRows ? [{ kind: handler.kind, select: handler.settleRows }] : [],
    );
  }

  get(kind: string): PayableHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for payable kind ${kind}`);
    return handler;
  }
}

export interface PaymentsLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
  /** Alerts: what an operator must look at (the logs' `error` level). */
  error(details: object, message: string): void;
}

export interface PaymentsDeps {
  readonly db: Kysely<Database>;
  readonly provider: PaymentProvider;
  readonly registry: PayableRegistry;
  /** The portal's public URL: return and notification URLs start with it. */
  readonly publicUrl: string;
  /** Derives each attempt's return token (the session secret). */
  readonly tokenSecret: string;
  readonly logger?: PaymentsLogger | undefined;
  readonly now?: () => Date;
  /** How long the return page waits for the provider's status (default 3 s). */
  readonly returnStatusTimeoutMs?: number;
  /**
   * Notifications applied at the same time (default NOTIFICATIONS_AT_ONCE); the others wait their
   * turn, at most `waiting` of them (default NOTIFICATIONS_WAITING), and a notification beyond that
   * is answered 503 for its provider to send again later.
   */
  readonly notificationsAtOnce?: { readonly running: number; readonly waiting?: number };
}

/** Notifications applied at the same time by default (the configuration's default). */
export const NOTIFICATIONS_AT_ONCE = DEFAULT_PAYMENT_NOTIFICATIONS_AT_ONCE;
/** Notifications waiting for their turn beyond which a new one is refused (503): about 2 s of work. */
export const NOTIFICATIONS_WAITING = 500;
/**
 * Notifications this process remembers having written to the inbox (by provider and dedupe key):
 * a copy of one of them is acknowledged without a transaction. A megabyte or two.
 */
export const NOTIFICATIONS_REMEMBERED = 10_000;
/** The answer to a notification refused for want of room: not acknowledged, so sent again. */
const BUSY_ACK: Ack = { status: 503, contentType: 'text/plain; charset=utf-8', body: 'busy, send again later' };

/** How long a basket holds its payables before its first session starts (DESIGN §5: 60 minutes). */
const BASKET_HOLD_MS = 60 * 60_000;
/** After the provider's session ends, the lease stays this much longer (late answers). */
const LEASE_GRACE_MS = 5 * 60_000;
/**
 * The largest card payment (999 999.99 €): providers' amount fields hold eight digits of cents. An
 * item's amount is a whole number of cents, at least one.
 */
export const MAX_PAYMENT_CENTS = 99_999_999;
/** The reconciler asks about attempts quiet for this long. */
export const RECONCILE_AFTER_MS = 5 * 60_000;
/**
 * After failing to get an attempt's status `failures` times in a row, the reconciler waits this
 * long before asking again: 1, 2, 4 … minutes, at most an hour.
 */
export function reconcileBackoffMs(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, Math.min(failures, 7) - 1)) * 60_000;
}
/** The failures in a row after which each failure is also an alert (`error`). */
export const RECONCILE_ALERT_AFTER = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dossier a payable asked for at checkout (`payment_attempt.dossier_request`). */
const dossierRequest = z.object({
  procedureSlug: z.string().min(1).max(200),
  title: z.object({ fr: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
});

/** How an attempt's outcome shows on its dossier: the event, and the dossier's state. */
const OUTCOME_ON_DOSSIER: Partial<Record<AttemptState, { readonly kind: string; readonly to?: DossierState }>> = {
  SUCCEEDED: { kind: 'payment_succeeded', to: 'terminee' },
  SUCCEEDED_LATE: { kind: 'payment_succeeded', to: 'terminee' },
  DECLINED: { kind: 'payment_declined', to: 'echouee' },
  ERRORED: { kind: 'payment_errored', to: 'echouee' },
  // Not final: a verified success may still correct them (then the dossier is done after all).
  CANCELLED: { kind: 'payment_cancelled', to: 'echouee' },
  EXPIRED: { kind: 'payment_expired', to: 'echouee' },
  NEEDS_REVIEW: { kind: 'payment_review' },
};

export class BusyError extends Error {
  constructor(
    readonly until: Date,
    readonly refs: readonly string[],
  ) {
    super('payable busy');
  }
}

export type ApplyResult =
  | { readonly kind: 'applied'; readonly from: AttemptState; readonly to: AttemptState }
  | { readonly kind: 'ignored'; readonly state: AttemptState; readonly reason: string }
  | { readonly kind: 'unknown_attempt' };

export type RefundAnswer =
  | { readonly kind: 'requested'; readonly refundId: string }
  | { readonly kind: 'exceeds'; readonly refundableCents: Cents }
  | { readonly kind: 'not_refundable'; readonly state: AttemptState }
  | { readonly kind: 'not_found' };

function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  return `PAY-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function viewOf(row: repository.AttemptRow): AttemptView {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    amountCents: cents(row.amount_cents),
    description: row.description,
    failureReason: row.failure_reason,
    paidAt: row.paid_at,
    position: row.position,
  };
}

function redirectOf(value: unknown): Redirect | undefined {
  if (typeof value === 'string') return redirectOf(JSON.parse(value) as unknown);
  if (!value || typeof value !== 'object') return undefined;
  const r = value as { kind?: unknown; url?: unknown; action?: unknown; fields?: unknown };
  if (r.kind === 'url' && typeof r.url === 'string') return { kind: 'url', url: r.url };
  if (r.kind === 'form' && typeof r.action === 'string' && r.fields && typeof r.fields === 'object')
    return { kind: 'form', action: r.action, fields: r.fields as Record<string, string> };
  return undefined;
}

/** A live lease as the account sees it, or undefined when it no longer holds its payable. */
function leaseHeld(
  accountId: string,
  now: Date,
  ref: string,
  lease: Omit<LiveLeaseJson, 'until'> & { readonly until: Date },
): PayableLease | undefined {
  if (!(lease.until > now || LEASE_HOLDING_STATES.includes(lease.state))) return undefined;
  const own = lease.account_id === accountId;
  return { ref, until: lease.until, own, basketId: own ? lease.basket_id : undefined };
}

/**
 * The live lease of the payable `ref` of `kind`, as a column (a subquery, to select `.as(name)`)
 * for a statement of the payable's room: a page that reads its payables with its session reads
 * their leases with them, and `leaseFromColumn` says whether each is held. Null when none.
 */
export function liveLeaseColumn(kind: string, ref: Expression<string>): RawBuilder<LiveLeaseJson | null> {
  return repository.liveLeaseColumn(kind, ref);
}

export class PaymentsService {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;

  constructor(private readonly deps: PaymentsDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.notifications = new Limiter(
      deps.notificationsAtOnce?.running ?? NOTIFICATIONS_AT_ONCE,
      deps.notificationsAtOnce?.waiting ?? NOTIFICATIONS_WAITING,
    );
  }

  /** Notifications applied at once, the others in line (NOTIFICATIONS_AT_ONCE). */
  private readonly notifications: Limiter;
  /**
   * The notifications this process wrote to the inbox lately, and those it is writing: a copy of
   * one waits for it if needed, then is acknowledged without a transaction. What keeps a
   * notification applied once is the inbox's unique key; this only spares a copy its round trips
   * (providers send copies: a retry whose first acknowledgement was lost, a duplicate) and keeps it
   * from taking a place among the NOTIFICATIONS_AT_ONCE to wait on its original's row lock.
   */
  private readonly received = new OnceByKey(NOTIFICATIONS_REMEMBERED);

  private moveStatement: ReturnType<typeof repository.moveAttemptStatement> | undefined;

  /** The attempt's state change, with the registered kinds' rows to settle (built at first use). */
  private get moveAttempt(): ReturnType<typeof repository.moveAttemptStatement> {
    this.moveStatement ??= repository.moveAttemptStatement(this.deps.registry.settleReaders());
    return this.moveStatement;
  }

  get provider(): PaymentProvider {
    return this.deps.provider;
  }

  /** Reconciliation with the provider's settlement reports. */
  settlements(): SettlementService {
    return new SettlementService({ db: this.db, provider: this.deps.provider, now: this.now });
  }

  /** The unguessable token of an attempt's return URL (only its hash is stored). */
  returnToken(attemptId: string): string {
    return createHmac('sha256', this.deps.tokenSecret).update(`payment-return:${attemptId}`).digest('base64url');
  }

  // ----------------------------------------------------------------------------------------------
  // Checkout

  /**
   * Starts (or, with the same key, finds again) a basket: one attempt per group, the leases of
   * every payable taken in one transaction, then the first card payment's session at the provider.
   */
  async startCheckout(request: CheckoutRequest): Promise<CheckoutAnswer> {
    // Refused before anything is written or sent: an amount that is not whole cents, not positive,
    // or more than a card payment can be.
    const validAmounts = request.groups.every((group) => {
      const amounts = group.items.map((item) => item.amountCents as number);
      const total = amounts.reduce((sum, amount) => sum + amount, 0);
      return (
        amounts.length > 0 &&
        amounts.every((amount) => Number.isSafeInteger(amount) && amount >= 1) &&
        total <= MAX_PAYMENT_CENTS
      );
    });
    if (!validAmounts) return { kind: 'failed', reason: 'invalid_amount' };
    const now = this.now();
    let basketId: string;
    try {
      basketId = await this.db.transaction().execute(async (trx) => {
        const inserted = await repository.insertBasket(trx, {
          account_id: request.accountId,
          idempotency_key: request.idempotencyKey,
          return_path: request.returnPath,
        });
        if (!inserted) return '';
        const payables = request.groups.flatMap((g) => g.items.map((i) => ({ kind: i.kind, ref: i.ref })));
        await repository.releaseStaleLeases(trx, payables, now);
        const until = new Date(now.getTime() + BASKET_HOLD_MS);
        let position = 0;
        const leases: { payable_kind: string; payable_ref: string; attempt_id: string; until: Date }[] = [];
        for (const group of request.groups) {
          const id = randomUUID();
          const reference = newReference();
          const amount = group.items.reduce((sum, item) => sum + item.amountCents, 0);
          await repository.insertAttempt(trx, {
            id,
            reference,
            dossier_request: group.dossier
              ? JSON.stringify({
                  procedureSlug: group.dossier.procedureSlug,
                  title: {
                    fr: `${group.dossier.title.fr} (${reference})`,
                    en: `${group.dossier.title.en} (${reference})`,
                  },
                })
              : null,
            basket_id: inserted.id,
            position,
            account_id: request.accountId,
            provider: this.deps.provider.id,
            merchant_id: group.merchantId,
            amount_cents: amount,
            description: group.description,
            locale: request.locale,
            return_token_hash: sha256(this.returnToken(id)),
            test_mode: this.deps.provider.testMode,
            expires_at: until,
          });
          position += 1;
          await repository.insertItems(
            trx,
            group.items.map((item) => ({
              attempt_id: id,
              payable_kind: item.kind,
              payable_ref: item.ref,
              amount_cents: item.amountCents,
              label: item.label,
            })),
          );
          leases.push(
            ...group.items.map((item) => ({ payable_kind: item.kind, payable_ref: item.ref, attempt_id: id, until })),
          );
          await repository.insertEvent(trx, {
            attempt_id: id,
            kind: 'created',
            source: 'checkout',
            to_state: 'CREATING',
            detail: `${group.items.length} item(s)`,
          });
        }
        // Every lease of the basket in one statement, in one order (two baskets never deadlock).
        leases.sort(
          (a, b) => a.payable_kind.localeCompare(b.payable_kind) || a.payable_ref.localeCompare(b.payable_ref),
        );
        const got = await repository.takeLeases(trx, leases);
        if (got.length < leases.length) {
          const taken = new Set(got.map((g) => `${g.payable_kind}\u0000${g.payable_ref}`));
          const missing = leases.filter((l) => !taken.has(`${l.payable_kind}\u0000${l.payable_ref}`));
          const kind = missing[0]?.payable_kind ?? '';
          const holders = await repository.liveLeases(
            trx,
            kind,
            missing.filter((m) => m.payable_kind === kind).map((m) => m.payable_ref),
          );
          const latest = holders.reduce((max, h) => (h.until > max ? h.until : max), now);
          throw new BusyError(
            latest,
            missing.map((m) => m.payable_ref),
          );
        }
        return inserted.id;
      });
    } catch (error) {
      if (error instanceof BusyError) return { kind: 'busy', until: error.until, refs: error.refs };
      throw error;
    }
    if (basketId === '') {
      const existing = await repository.findBasket(this.db, request.accountId, request.idempotencyKey);
      if (!existing) throw new Error('basket vanished');
      basketId = existing.id;
    }
    return this.continueBasket(request.accountId, basketId, request.payerEmail);
  }

  /**
   * The basket's next card payment: the stored redirect of an attempt already at the provider,
   * else a new session for the first attempt not started (once the ones before it succeeded).
   */
  async continueBasket(accountId: string, basketId: string, payerEmail?: string): Promise<CheckoutAnswer> {
    if (!UUID.test(basketId)) return { kind: 'failed', reason: 'not_found' };
    const basket = await repository.basketById(this.db, basketId);
    if (!basket || basket.account_id !== accountId) return { kind: 'failed', reason: 'not_found' };
    for (const attempt of await repository.attemptsOfBasket(this.db, basketId)) {
      if (isSuccess(attempt.state)) continue;
      if (attempt.state === 'REDIRECTED' || attempt.state === 'PENDING') {
        const redirect = redirectOf(attempt.redirect);
        if (redirect) return { kind: 'redirect', basketId, attemptId: attempt.id, redirect };
      }
      if (attempt.state === 'CREATING' && !(await this.holdPayables(attempt)))
        return { kind: 'failed', reason: 'lease_lost' };
      if (attempt.state === 'CREATING' || attempt.state === 'START_UNKNOWN')
        return this.startSession(attempt, payerEmail);
      return { kind: 'failed', reason: attempt.failure_reason ?? attempt.state };
    }
    return { kind: 'done', basketId };
  }

  /**
   * Before a basket's later payment starts: it must still hold every payable (its hour may have
   * passed and another payment taken one). Renews its leases; otherwise cancels it (no session was
   * ever made) and frees the rest.
   */
  private async holdPayables(attempt: repository.AttemptRow): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await repository.lockAttempt(trx, attempt.id);
      if (!row || row.state !== 'CREATING') return row !== undefined;
      const now = this.now();
      const items = await repository.itemsOf(trx, row.id);
      const held = await repository.liveLeasesOf(trx, row.id);
      if (held.length === items.length) {
        await repository.extendLeases(trx, row.id, new Date(now.getTime() + BASKET_HOLD_MS));
        return true;
      }
      await repository.setState(trx, row, 'CANCELLED', now, { failure_reason: 'lease_lost' });
      await repository.insertEvent(trx, {
        attempt_id: row.id,
        kind: 'cancelled',
        source: 'basket',
        from_state: 'CREATING',
        to_state: 'CANCELLED',
        detail: 'a payable was taken by another payment before this one started',
      });
      await this.onDossier(trx, row, 'payment_cancelled', {}, 'annulee');
      await this.releaseAfterFailure(trx, row, now);
      return false;
    });
  }

  /** The stored redirect of the basket's payment at the provider now, if any (reads only). */
  async currentRedirect(
    accountId: string,
    basketId: string,
  ): Promise<Extract<CheckoutAnswer, { kind: 'redirect' }> | undefined> {
    if (!UUID.test(basketId)) return undefined;
    const basket = await repository.basketById(this.db, basketId);
    if (!basket || basket.account_id !== accountId) return undefined;
    for (const attempt of await repository.attemptsOfBasket(this.db, basketId)) {
      if (attempt.state !== 'REDIRECTED' && attempt.state !== 'PENDING') continue;
      const redirect = redirectOf(attempt.redirect);
      if (redirect) return { kind: 'redirect', basketId, attemptId: attempt.id, redirect };
    }
    return undefined;
  }

  private async startSession(attempt: repository.AttemptRow, payerEmail?: string): Promise<CheckoutAnswer> {
    const provider = this.deps.provider;
    const base = this.deps.publicUrl;
    try {
      const session = await withDeadline(15_000, (deadline) =>
        provider.createSession(
          {
            attemptId: attempt.id,
            idempotencyKey: attempt.id,
            merchantId: attempt.merchant_id,
            amount: { cents: cents(attempt.amount_cents), currency: 'EUR' },
            description: attempt.description,
            payerEmail,
            locale: attempt.locale,
            returnUrl: `${base}${paths.payments.return(this.returnToken(attempt.id))}`,
            notifyUrl: `${base}${paths.payments.notify(provider.id)}`,
            expiresAt: new Date(this.now().getTime() + provider.capabilities.sessionTtlSeconds * 1000),
          },
          deadline,
        ),
      );
      const stored = await this.db.transaction().execute(async (trx) => {
        const row = await repository.lockAttempt(trx, attempt.id);
        if (!row) throw new Error('attempt vanished');
        if (row.state === 'CREATING' || row.state === 'START_UNKNOWN') {
          const now = this.now();
          await repository.setState(trx, row, 'REDIRECTED', now, {
            provider_ref: session.providerRef,
            redirect: JSON.stringify(session.redirect),
          });
          await trx
            .updateTable('payment_attempt')
            .set({ expires_at: session.expiresAt })
            .where('id', '=', row.id)
            .execute();
          await repository.extendLeases(trx, row.id, new Date(session.expiresAt.getTime() + LEASE_GRACE_MS));
          await repository.insertEvent(trx, {
            attempt_id: row.id,
            kind: 'redirected',
            source: 'checkout',
            from_state: row.state,
            to_state: 'REDIRECTED',
          });
          await this.openAttemptDossier(trx, row);
          return { state: 'REDIRECTED' as AttemptState, redirect: session.redirect };
        }
        return { state: row.state, redirect: redirectOf(row.redirect) };
      });
      if (stored.redirect && (stored.state === 'REDIRECTED' || stored.state === 'PENDING'))
        return { kind: 'redirect', basketId: attempt.basket_id, attemptId: attempt.id, redirect: stored.redirect };
      return { kind: 'failed', reason: stored.state };
    } catch (error) {
      if (!(error instanceof ProviderCallFailed)) throw error;
      const to: AttemptState = error.certain ? 'START_FAILED' : 'START_UNKNOWN';
      await this.db.transaction().execute(async (trx) => {
        const row = await repository.lockAttempt(trx, attempt.id);
        if (!row || (row.state !== 'CREATING' && row.state !== 'START_UNKNOWN') || row.state === to) return;
        const now = this.now();
        await repository.setState(trx, row, to, now, { failure_reason: error.reason.slice(0, 200) });
        await repository.insertEvent(trx, {
          attempt_id: row.id,
          kind: error.certain ? 'start_failed' : 'start_unknown',
          source: 'checkout',
          from_state: row.state,
          to_state: to,
          detail: error.reason.slice(0, 200),
        });
        if (error.certain) {
          await this.onDossier(trx, row, 'payment_not_started', {}, 'echouee');
          await this.releaseAfterFailure(trx, row, now);
        }
      });
      this.deps.logger?.warn({ attemptId: attempt.id, reason: error.reason }, 'payment session not started');
      return error.certain ? { kind: 'failed', reason: 'start_failed' } : { kind: 'unknown' };
    }
  }

  /** The live leases of these payables: who holds them (this account or another) and until when. */
  async leases(accountId: string, kind: string, refs: readonly string[]): Promise<PayableLease[]> {
    const now = this.now();
    return (await repository.liveLeases(this.db, kind, refs)).flatMap((lease) => {
      const held = leaseHeld(accountId, now, lease.payable_ref, lease);
      return held ? [held] : [];
    });
  }

  /**
   * The same as `leases` for one payable, from what `liveLeaseColumn` read with another statement
   * (a page's rows read with its session): undefined when nothing holds it.
   */
  leaseFromColumn(accountId: string, ref: string, column: LiveLeaseJson | null | undefined): PayableLease | undefined {
    if (!column) return undefined;
    return leaseHeld(accountId, this.now(), ref, { ...column, until: new Date(column.until) });
  }

  // ----------------------------------------------------------------------------------------------
  // Outcomes

  /** Applies a verified outcome to an attempt, in a transaction of its own. */
  async applyOutcome(
    attemptId: string,
    outcome: ProviderOutcome,
    source: PaymentEventSource,
    context: OutcomeContext = {},
  ): Promise<ApplyResult> {
    const refunds: string[] = [];
    const result = await this.db
      .transaction()
      .execute((trx) => this.applyOutcomeIn(trx, attemptId, outcome, source, context, refunds));
    await this.submitRefunds(refunds);
    return result;
  }

  /**
   * The one place an outcome changes an attempt: the row locked, the decision of the state
   * machine, a compare-and-set, the ledger, the leases and the payables' handlers, all in `trx`.
   * Refunds to submit once committed are pushed on `refunds`.
   */
  async applyOutcomeIn(
    trx: Transaction<Database>,
    attemptId: string,
    outcome: ProviderOutcome,
    source: PaymentEventSource,
    context: OutcomeContext,
    refunds: string[],
  ): Promise<ApplyResult> {
    if (!UUID.test(attemptId)) return { kind: 'unknown_attempt' };
    const attempt = await repository.lockAttempt(trx, attemptId);
    if (!attempt) return { kind: 'unknown_attempt' };
    return this.applyToLocked(trx, attempt, outcome, source, context, refunds, null, false);
  }

  /**
   * `applyOutcomeIn` on an attempt already locked in `trx`. `inboxId`: the inbox row of the
   * notification that brought the outcome, marked applied with the state change. `ends`: the
   * caller sends nothing after it in `trx` when it settles, so that its last statement takes the
   * transaction's commit with it (src/db/last-statement.ts).
   *
   * Each statement is a round trip inside the payment's transaction, so they are few: the state's
   * compare-and-set writes the event, releases the leases, marks the notification and reads the
   * items in the same statement; the payables' handlers settle; the ledger entries go in one
   * insert; the dossiers' records (the payment's and the payables') are written together at the end.
   */
  private async applyToLocked(
    trx: Transaction<Database>,
    attempt: repository.AttemptRow,
    outcome: ProviderOutcome,
    source: PaymentEventSource,
    context: OutcomeContext,
    refunds: string[],
    inboxId: string | null,
    ends: boolean,
  ): Promise<ApplyResult> {
    const decision = decide(
      {
        state: attempt.state,
        amountCents: attempt.amount_cents,
        currency: 'EUR',
        merchantId: attempt.merchant_id,
        testMode: attempt.test_mode,
      },
      outcome,
      context,
    );
    if (decision.kind === 'ignore') {
      await repository.insertEvent(trx, {
        attempt_id: attempt.id,
        kind: `ignored_${outcome.kind.toLowerCase()}`,
        source,
        from_state: attempt.state,
        detail: decision.reason.slice(0, 200),
      });
      return { kind: 'ignored', state: attempt.state, reason: decision.reason };
    }
    const now = this.now();
    const paid = outcome.kind === 'SUCCEEDED' && decision.capture !== 'none';
    const settle = paid && decision.capture === 'apply';
    const { moved, items, settleRows } = await this.moveAttempt(
      trx,
      attempt,
      decision.to,
      now,
      {
        ...(decision.reason !== undefined ? { failure_reason: decision.reason.slice(0, 200) } : {}),
        ...(paid ? { paid_cents: outcome.amount.cents, paid_at: outcome.paidAt } : {}),
      },
      {
        kind: decision.to === 'SUCCEEDED_LATE' ? 'corrected_to_paid' : decision.to.toLowerCase(),
        source,
        detail: decision.reason?.slice(0, 200) ?? null,
      },
      { releaseLeases: decision.releaseLeases && isSuccess(decision.to), inboxId, items: settle },
    );
    // Locked above: the compare-and-set cannot lose; if it did, nothing else may happen.
    if (!moved) throw new Error(`attempt ${attempt.id} changed under its lock`);
    const dossierRecords: DossierRecord[] = [];
    const onDossier = OUTCOME_ON_DOSSIER[decision.to];
    if (onDossier && attempt.dossier_id)
      dossierRecords.push({
        dossierId: attempt.dossier_id,
        kind: onDossier.kind,
        details: {
          payment: attempt.reference,
          ...(paid
            ? { amountCents: outcome.amount.cents }
            : decision.reason !== undefined
              ? { reason: decision.reason.slice(0, 200) }
              : {}),
        },
        to: onDossier.to,
      });
    // Without a settlement, the payment's dossier is told at once; a settlement's records wait for
    // the payables' own, to be written with them.
    if (!settle) await recordOnDossiers(trx, dossierRecords.splice(0));
    if (decision.releaseLeases && !isSuccess(decision.to)) await this.releaseAfterFailure(trx, attempt, now);
    if (paid && decision.capture === 'review') {
      if (outcome.amount.cents > 0)
        await repository.insertLedger(trx, {
          merchant_id: attempt.merchant_id,
          attempt_id: attempt.id,
          kind: 'review',
          debit_account: 'collected',
          credit_account: 'suspense',
          amount_cents: outcome.amount.cents,
        });
      this.deps.logger?.warn({ attemptId: attempt.id, reason: decision.reason }, 'payment needs review');
    }
    if (settle) {
      const byKind = new Map<string, PayableItem[]>();
      for (const item of items) {
        const list = byKind.get(item.payable_kind) ?? [];
        list.push({
          kind: item.payable_kind,
          ref: item.payable_ref,
          amountCents: cents(item.amount_cents),
          label: item.label,
        });
        byKind.set(item.payable_kind, list);
      }
      let unapplied = 0;
      // The payables' writes and the ledger's entries go with the dossiers' statement (one round trip).
      const writes: StatementPart[] = [];
      for (const [kind, list] of byKind) {
        const answer = await this.deps.registry.get(kind).onPaid(
          trx,
          list,
          {
            attemptId: attempt.id,
            reference: attempt.reference,
            accountId: attempt.account_id,
            merchantId: attempt.merchant_id,
            paidAt: outcome.paidAt,
            amountCents: outcome.amount.cents,
            providerRef: attempt.provider_ref,
          },
          settleRows.get(kind),
        );
        unapplied += answer.unappliedCents;
        dossierRecords.push(...(answer.dossierRecords ?? []));
        writes.push(...(answer.writes ?? []));
      }
      const applied = attempt.amount_cents - unapplied;
      const ledger: repository.LedgerValues[] = [];
      if (applied > 0)
        ledger.push({
          merchant_id: attempt.merchant_id,
          attempt_id: attempt.id,
          kind: 'capture',
          debit_account: 'collected',
          credit_account: 'due',
          amount_cents: applied,
        });
      if (unapplied > 0)
        ledger.push({
          merchant_id: attempt.merchant_id,
          attempt_id: attempt.id,
          kind: 'overpayment',
          debit_account: 'collected',
          credit_account: 'overpaid',
          amount_cents: unapplied,
        });
      if (ledger.length > 0) writes.push(repository.ledgerInsert(trx, ledger));
      if (unapplied > 0) {
        const refundId = randomUUID();
        const inserted = await repository.insertRefund(trx, {
          id: refundId,
          attempt_id: attempt.id,
          amount_cents: unapplied,
          reason: 'overpayment',
          origin: 'overpayment',
          idempotency_key: `overpayment-${attempt.id}`,
        });
        if (inserted) refunds.push(inserted.id);
        await repository.insertEvent(trx, {
          attempt_id: attempt.id,
          kind: 'overpaid',
          source,
          detail: `${unapplied} cents to refund`,
        });
        if (attempt.dossier_id)
          dossierRecords.push({
            dossierId: attempt.dossier_id,
            kind: 'payment_overpaid',
            details: { payment: attempt.reference, amountCents: unapplied },
          });
        this.deps.logger?.warn({ attemptId: attempt.id, unapplied }, 'payment overpaid: refund queued');
      }
      await recordOnDossiers(trx, dossierRecords, writes, ends);
    }
    return { kind: 'applied', from: attempt.state, to: decision.to };
  }

  /**
   * The payment reached the provider's page: its dossier opens in "Mes démarches" (when its payable
   * asked for one), in progress, and says so. A payment that never got there has none.
   */
  private async openAttemptDossier(trx: Transaction<Database>, attempt: repository.AttemptRow): Promise<void> {
    if (attempt.dossier_id) return;
    const request = dossierRequest.safeParse(
      typeof attempt.dossier_request === 'string' ? JSON.parse(attempt.dossier_request) : attempt.dossier_request,
    );
    if (!request.success) return;
    const dossier = await openDossier(trx, {
      accountId: attempt.account_id,
      procedureSlug: request.data.procedureSlug,
      title: request.data.title,
      status: 'en_cours',
    });
    await repository.setAttemptDossier(trx, attempt.id, dossier.id);
    await recordOnDossier(trx, dossier.id, 'payment_redirected', { payment: attempt.reference });
  }

  /** What happened to the attempt, on its dossier's timeline (when it has one), and its state there. */
  private async onDossier(
    trx: Transaction<Database>,
    attempt: { readonly dossier_id: string | null; readonly reference: string },
    kind: string,
    details: Record<string, unknown>,
    to?: DossierState,
  ): Promise<void> {
    if (attempt.dossier_id)
      await recordOnDossier(trx, attempt.dossier_id, kind, { payment: attempt.reference, ...details }, to);
  }

  /** A failed attempt frees its payables, and the basket's later payments never started. */
  private async releaseAfterFailure(trx: Transaction<Database>, attempt: repository.AttemptRow, now: Date) {
    await repository.releaseLeasesOf(trx, attempt.id, now);
    for (const sibling of await repository.unstartedSiblings(trx, attempt.basket_id, attempt.position)) {
      await repository.setState(trx, sibling, 'CANCELLED', now, { failure_reason: 'basket_stopped' });
      await repository.releaseLeasesOf(trx, sibling.id, now);
      await repository.insertEvent(trx, {
        attempt_id: sibling.id,
        kind: 'cancelled',
        source: 'basket',
        from_state: 'CREATING',
        to_state: 'CANCELLED',
        detail: 'an earlier payment of the basket failed',
      });
      await this.onDossier(trx, sibling, 'payment_cancelled', {}, 'annulee');
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Notifications

  /**
   * A provider's notification: verified first (nothing of an unverified one is trusted or kept
   * beyond a log line), then written to the inbox under its unique dedupe key and applied in the
   * same transaction, so that fifty copies at once apply once. A verified copy of a notification
   * this process has written to the inbox lately is acknowledged without touching the database
   * (`received`). Answers the provider's ack.
   */
  async handleNotification(providerId: string, request: InboundHttp): Promise<Ack> {
    const provider = this.deps.provider;
    if (providerId !== provider.id) return provider.rejectAck();
    let verified: ReturnType<PaymentProvider['verifyNotification']>;
    try {
      verified = provider.verifyNotification(request);
    } catch (error) {
      if (!(error instanceof NotificationRejected)) throw error;
      this.deps.logger?.warn({ provider: providerId, reason: error.reason }, 'payment notification rejected');
      return provider.rejectAck();
    }
    const { notification, ack } = verified;
    const refunds: string[] = [];
    try {
      await this.received.run(`${providerId}\n${notification.dedupeKey}`, () =>
        this.notifications.run(() => this.applyNotification(providerId, request, notification, refunds)),
      );
    } catch (error) {
      if (!(error instanceof LimiterFull)) throw error;
      this.deps.logger?.warn(
        { provider: providerId, waiting: this.notifications.queued },
        'payment notification refused: too many waiting, the provider sends it again later',
      );
      return BUSY_ACK;
    }
    await this.submitRefunds(refunds);
    return ack;
  }

  /** The verified notification written to the inbox and applied, in one transaction. */
  private async applyNotification(
    providerId: string,
    request: InboundHttp,
    notification: VerifiedNotification,
    refunds: string[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const values = {
        provider: providerId,
        dedupe_key: notification.dedupeKey.slice(0, 200),
        raw_body: Buffer.from(request.rawBody).toString('utf8'),
        status: 'RECEIVED' as const,
      };
      const outcome = notification.outcome;
      const attemptId = notification.attemptId;
      // The inbox row and the attempt (locked, unless a refund's outcome: its refund is locked
      // first) in one statement; a copy already received stops there, nothing read.
      let received: { inboxId: string; attempt: repository.AttemptRow | undefined } | undefined;
      if (attemptId && UUID.test(attemptId))
        received = await repository.receiveNotification(trx, values, attemptId, outcome.kind !== 'REFUND');
      else {
        const inbox = await repository.insertNotification(trx, values);
        received = inbox && { inboxId: inbox.id, attempt: undefined };
      }
      if (!received) return; // DUPLICATE: already received (and applied, or being applied).
      const { inboxId, attempt } = received;
      if (!attempt || (attempt.provider_ref !== null && attempt.provider_ref !== notification.providerRef)) {
        await repository.setNotificationStatus(trx, inboxId, 'PARKED', null, 'unknown attempt');
        this.deps.logger?.warn(
          { provider: providerId, providerRef: notification.providerRef },
          'payment notification for an unknown attempt: parked',
        );
        return;
      }
      if (outcome.kind === 'REFUND') {
        const status = await this.applyRefundOutcome(trx, attempt, outcome.refundId, outcome.refund);
        await repository.setNotificationStatus(trx, inboxId, status, attempt.id, null);
        return;
      }
      const result = await this.applyToLocked(
        trx,
        attempt,
        outcome,
        'notification',
        { merchantId: notification.merchantId, testMode: notification.testMode },
        refunds,
        inboxId,
        // A settled payment's notification ends here: its last statement commits.
        true,
      );
      // An applied outcome marked its notification with the state change.
      if (result.kind !== 'applied')
        await repository.setNotificationStatus(
          trx,
          inboxId,
          'IGNORED_STALE',
          attempt.id,
          result.kind === 'ignored' ? result.reason.slice(0, 200) : null,
        );
    });
  }

  // ----------------------------------------------------------------------------------------------
  // The browser's return

  /**
   * The return page: reads the attempt of the token, which must be the signed-in account's. If it
   * is not final yet, asks the provider once (a short wait) and applies what it says.
   */
  async handleReturn(accountId: string, token: string): Promise<ReturnView | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    let attempt = await repository.attemptByTokenHash(this.db, sha256(token));
    if (!attempt || attempt.account_id !== accountId) return undefined;
    if (isOpen(attempt.state) && attempt.provider_ref) {
      try {
        const { merchant_id: merchantId, provider_ref: providerRef } = attempt;
        const outcome = await withDeadline(this.deps.returnStatusTimeoutMs ?? 3000, (deadline) =>
          this.deps.provider.getStatus(merchantId, providerRef, deadline),
        );
        if (outcome.kind !== 'PENDING') await this.applyOutcome(attempt.id, outcome, 'return');
        attempt = (await repository.attemptById(this.db, attempt.id)) ?? attempt;
      } catch (error) {
        if (!(error instanceof ProviderCallFailed)) throw error;
      }
    }
    return this.basketView(attempt);
  }

  private async basketView(attempt: repository.AttemptRow): Promise<ReturnView> {
    const basket = await repository.basketById(this.db, attempt.basket_id);
    const attempts = (await repository.attemptsOfBasket(this.db, attempt.basket_id)).map(viewOf);
    const next = isSuccess(attempt.state)
      ? attempts.find((a) => a.position > attempt.position && !isSuccess(a.state))
      : undefined;
    const kind = isSuccess(attempt.state)
      ? (await repository.itemsOf(this.db, attempt.id))[0]?.payable_kind
      : undefined;
    const receiptPath = kind ? this.deps.registry.get(kind).receiptPath?.(attempt.reference) : undefined;
    return {
      attempt: viewOf(attempt),
      basketId: attempt.basket_id,
      returnPath: basket?.return_path ?? '/',
      attempts,
      next:
        next && (next.state === 'CREATING' || next.state === 'START_UNKNOWN' || next.state === 'REDIRECTED')
          ? next
          : undefined,
      receiptPath,
    };
  }

  /** Where a basket of this account's sends the parent back to, if it is theirs. */
  async basketReturnPath(accountId: string, basketId: string): Promise<string | undefined> {
    if (!UUID.test(basketId)) return undefined;
    const basket = await repository.basketById(this.db, basketId);
    return basket && basket.account_id === accountId ? basket.return_path : undefined;
  }

  /** An attempt's timeline (oldest first). */
  /**
   * A settled payment of `accountId`, by its reference, for its receipt; undefined when there is
   * none (unknown, another account's, or not paid).
   */
  async receipt(accountId: string, reference: string): Promise<PaymentReceiptView | undefined> {
    const attempt = await repository.attemptByReference(this.db, reference);
    if (!attempt || attempt.account_id !== accountId || !isSuccess(attempt.state)) return undefined;
    if (attempt.paid_cents === null || attempt.paid_at === null) return undefined;
    const [items, refunded] = await Promise.all([
      repository.itemsOf(this.db, attempt.id),
      repository.refundsSucceeded(this.db, attempt.id),
    ]);
    return {
      attemptId: attempt.id,
      reference: attempt.reference,
      accountId: attempt.account_id,
      merchantId: attempt.merchant_id,
      paidAt: attempt.paid_at,
      amountCents: cents(attempt.paid_cents),
      providerRef: attempt.provider_ref,
      items: items.map((item) => ({
        kind: item.payable_kind,
        ref: item.payable_ref,
        amountCents: cents(item.amount_cents),
        label: item.label,
      })),
      refundedCents: cents(refunded),
    };
  }

  /** The account's settled payments, newest first (at most 500). */
  async settledPayments(accountId: string): Promise<SettledPaymentSummary[]> {
    return (await repository.settledAttemptsOf(this.db, accountId)).flatMap((row) =>
      row.paid_at === null || row.paid_cents === null
        ? []
        : [
            {
              reference: row.reference,
              description: row.description,
              amountCents: cents(row.paid_cents),
              paidAt: row.paid_at,
              merchantId: row.merchant_id,
            },
          ],
    );
  }

  /** An attempt by its public reference (`PAY-…`), for the operators. */
  async findByReference(reference: string): Promise<{ readonly id: string; readonly state: AttemptState } | undefined> {
    const attempt = await repository.attemptByReference(this.db, reference);
    return attempt ? { id: attempt.id, state: attempt.state } : undefined;
  }

  /** Where a refund stands: requested, submitted, succeeded or failed. */
  async refundState(refundId: string): Promise<string | undefined> {
    return (await repository.refundById(this.db, refundId))?.state;
  }

  /** A day's (Europe/Monaco) payments per merchant account, from the ledger. */
  async dayReport(
    day: string,
  ): Promise<{ merchantId: string; captures: number; collectedCents: number; refundedCents: number }[]> {
    const rows = await repository.ledgerOfDay(this.db, day);
    const byMerchant = new Map<
      string,
      { merchantId: string; captures: number; collectedCents: number; refundedCents: number }
    >();
    for (const row of rows) {
      const entry = byMerchant.get(row.merchant_id) ?? {
        merchantId: row.merchant_id,
        captures: 0,
        collectedCents: 0,
        refundedCents: 0,
      };
      if (row.kind === 'capture') {
        entry.captures += Number(row.entries);
        entry.collectedCents += Number(row.cents);
      } else entry.refundedCents += Number(row.cents);
      byMerchant.set(row.merchant_id, entry);
    }
    return [...byMerchant.values()];
  }

  async timeline(attemptId: string) {
    return repository.eventsOf(this.db, attemptId);
  }

  // ----------------------------------------------------------------------------------------------
  // Refunds

  /**
   * Asks for a refund of `amountCents` of a settled attempt: under the attempt's row lock, the
   * amount must fit in what was captured minus every refund not failed, so two refunds at once
   * cannot refund the same euro twice. The same `idempotencyKey` gives the same refund.
   */
  async requestRefund(input: {
    attemptId: string;
    amountCents: Cents;
    reason: string;
    idempotencyKey: string;
  }): Promise<RefundAnswer> {
    if (!UUID.test(input.attemptId)) return { kind: 'not_found' };
    const answer = await this.db.transaction().execute(async (trx): Promise<RefundAnswer> => {
      const attempt = await repository.lockAttempt(trx, input.attemptId);
      if (!attempt) return { kind: 'not_found' };
      const existing = await repository.refundByKey(trx, input.idempotencyKey);
      if (existing) return { kind: 'requested', refundId: existing.id };
      if (!isSuccess(attempt.state) || attempt.paid_cents === null)
        return { kind: 'not_refundable', state: attempt.state };
      const refundable = attempt.paid_cents - (await repository.refundsTaken(trx, attempt.id));
      if (input.amountCents <= 0 || input.amountCents > refundable)
        return { kind: 'exceeds', refundableCents: cents(Math.max(0, refundable)) };
      const id = randomUUID();
      await repository.insertRefund(trx, {
        id,
        attempt_id: attempt.id,
        amount_cents: input.amountCents,
        reason: input.reason.slice(0, 255),
        origin: 'agent',
        idempotency_key: input.idempotencyKey,
      });
      await repository.insertEvent(trx, {
        attempt_id: attempt.id,
        kind: 'refund_requested',
        source: 'refund',
        detail: `${input.amountCents} cents: ${input.reason.slice(0, 150)}`,
      });
      return { kind: 'requested', refundId: id };
    });
    if (answer.kind === 'requested') await this.submitRefunds([answer.refundId]);
    return answer;
  }

  private async submitRefunds(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.submitRefund(id);
      } catch (error) {
        // The reconciler submits it later (same idempotency key).
        this.deps.logger?.warn({ refundId: id, error: String(error) }, 'refund not submitted yet');
      }
    }
  }

  /** Sends a requested refund to the provider (same idempotency key on every try). */
  async submitRefund(refundId: string): Promise<void> {
    const refund = await repository.refundById(this.db, refundId);
    if (!refund || refund.state !== 'requested') return;
    const attempt = await repository.attemptById(this.db, refund.attempt_id);
    if (!attempt?.provider_ref || !this.deps.provider.refund) return;
    const refundAtProvider = this.deps.provider.refund.bind(this.deps.provider);
    const providerRef = attempt.provider_ref;
    const outcome = await withDeadline(15_000, (deadline) =>
      refundAtProvider(
        {
          refundId: refund.id,
          idempotencyKey: refund.idempotency_key,
          merchantId: attempt.merchant_id,
          providerRef,
          amount: { cents: cents(refund.amount_cents), currency: 'EUR' },
          reason: refund.reason,
        },
        deadline,
      ),
    );
    if (outcome.kind === 'UNKNOWN') return;
    await this.db.transaction().execute(async (trx) => {
      const locked = await repository.lockRefund(trx, refund.id);
      if (!locked || locked.state !== 'requested') return;
      const now = this.now();
      if (outcome.kind === 'FAILED') {
        await repository.updateRefund(
          trx,
          locked.id,
          { state: 'failed', failure_reason: outcome.reason.slice(0, 200) },
          now,
        );
        return;
      }
      await repository.updateRefund(
        trx,
        locked.id,
        { state: 'submitted', provider_refund_id: outcome.providerRefundId ?? null },
        now,
      );
      if (outcome.kind === 'SUCCEEDED') await this.settleRefund(trx, { ...locked, state: 'submitted' }, attempt, now);
    });
  }

  private async settleRefund(
    trx: Transaction<Database>,
    refund: { id: string; amount_cents: number; origin: 'agent' | 'overpayment' | 'provider'; state: string },
    attempt: repository.AttemptRow,
    now: Date,
  ) {
    await repository.updateRefund(trx, refund.id, { state: 'succeeded' }, now);
    await repository.insertLedger(trx, {
      merchant_id: attempt.merchant_id,
      attempt_id: attempt.id,
      refund_id: refund.id,
      kind: 'refund',
      debit_account: refund.origin === 'overpayment' ? 'overpaid' : 'refunded',
      credit_account: 'collected',
      amount_cents: refund.amount_cents,
    });
    await repository.insertEvent(trx, {
      attempt_id: attempt.id,
      kind: 'refunded',
      source: 'refund',
      detail: `${refund.amount_cents} cents`,
    });
    await this.onDossier(trx, attempt, 'payment_refunded', { amountCents: refund.amount_cents });
    if (refund.origin !== 'overpayment') {
      const items = (await repository.itemsOf(trx, attempt.id)).map((item) => ({
        kind: item.payable_kind,
        ref: item.payable_ref,
        amountCents: cents(item.amount_cents),
        label: item.label,
      }));
      for (const kind of new Set(items.map((i) => i.kind))) {
        await this.deps.registry.get(kind).onRefunded?.(
          trx,
          items.filter((i) => i.kind === kind),
          { attemptId: attempt.id, amountCents: cents(refund.amount_cents) },
        );
      }
    }
  }

  /** A refund's news from the provider: ours settles or fails; one made elsewhere is recorded. */
  private async applyRefundOutcome(
    trx: Transaction<Database>,
    attempt: repository.AttemptRow,
    providerRefundId: string | undefined,
    outcome: RefundOutcome,
  ): Promise<'APPLIED' | 'IGNORED_STALE'> {
    if (!providerRefundId) return 'IGNORED_STALE';
    const now = this.now();
    let refund = await repository.lockRefundByProviderId(trx, providerRefundId);
    if (!refund && outcome.kind === 'SUCCEEDED') {
      // Made in the provider's back office: recorded, so the ledger matches the money.
      const id = randomUUID();
      await repository.insertRefund(trx, {
        id,
        attempt_id: attempt.id,
        amount_cents: outcome.amount.cents,
        reason: 'refund made at the provider',
        origin: 'provider',
        idempotency_key: `provider-${providerRefundId}`,
        state: 'submitted',
        provider_refund_id: providerRefundId,
      });
      refund = await repository.lockRefund(trx, id);
      this.deps.logger?.warn({ attemptId: attempt.id }, 'refund made at the provider recorded');
    }
    if (!refund || refund.state === 'succeeded' || refund.state === 'failed') return 'IGNORED_STALE';
    if (outcome.kind === 'SUCCEEDED') {
      await this.settleRefund(trx, refund, attempt, now);
      return 'APPLIED';
    }
    if (outcome.kind === 'FAILED') {
      await repository.updateRefund(
        trx,
        refund.id,
        { state: 'failed', failure_reason: outcome.reason.slice(0, 200) },
        now,
      );
      this.deps.logger?.warn({ attemptId: attempt.id, refundId: refund.id }, 'refund failed');
      return 'APPLIED';
    }
    return 'IGNORED_STALE';
  }

  // ----------------------------------------------------------------------------------------------
  // Reconciler

  /**
   * Asks the provider about attempts still open after a few minutes and applies what it says: an
   * attempt expires only when the provider says so; a late success is recorded. Also submits the
   * refunds left requested. Returns how many attempts changed.
   */
  async reconcile(limit = 50): Promise<{ checked: number; changed: number }> {
    const now = this.now();
    let checked = 0;
    let changed = 0;
    for (const attempt of await repository.staleOpenAttempts(
      this.db,
      new Date(now.getTime() - RECONCILE_AFTER_MS),
      now,
      limit,
    )) {
      checked += 1;
      try {
        if (!attempt.provider_ref) {
          // START_UNKNOWN: the same key finds the session if the provider made one.
          await this.startSession(attempt);
          continue;
        }
        const providerRef = attempt.provider_ref;
        const outcome = await withDeadline(10_000, (deadline) =>
          this.deps.provider.getStatus(attempt.merchant_id, providerRef, deadline),
        );
        if (attempt.reconcile_failures > 0) await repository.clearReconcileFailures(this.db, attempt.id);
        if (outcome.kind === 'PENDING' || outcome.kind === 'AUTHORISED') {
          await this.db
            .updateTable('payment_attempt')
            .set({ updated_at: now })
            .where('id', '=', attempt.id)
            .where('version', '=', attempt.version)
            .execute();
          continue;
        }
        const result = await this.applyOutcome(attempt.id, outcome, 'reconciler');
        if (result.kind === 'applied') changed += 1;
      } catch (error) {
        // The attempt and its lease stay as they are; the next question waits longer each time.
        const failures = attempt.reconcile_failures + 1;
        const after = new Date(this.now().getTime() + reconcileBackoffMs(failures));
        await repository.recordReconcileFailure(this.db, attempt.id, after).catch(() => undefined);
        const details = { attemptId: attempt.id, failures, nextTryAt: after.toISOString(), error: String(error) };
        this.deps.logger?.warn(details, 'reconciliation failed');
        if (failures >= RECONCILE_ALERT_AFTER)
          this.deps.logger?.error(details, 'payment status unknown: reconciliation keeps failing');
      }
    }
    for (const refund of await repository.requestedRefunds(this.db, limit)) await this.submitRefunds([refund.id]);
    return { checked, changed };
  }
}

/** The provider of the configuration (`PAYMENT_PROVIDER`): the sandbox's JSON API, or Lyra's form. */
export function paymentProviderFrom(
  settings:
    | {
        readonly provider: 'sandbox';
        readonly apiUrl: string;
        readonly merchantSecrets: Readonly<Record<string, string>>;
        readonly timeoutMs: number;
      }
    | ({ readonly provider: 'lyra' } & LyraProviderSettings),
): PaymentProvider {
  return settings.provider === 'lyra' ? new LyraProvider(settings) : new SandboxProvider(settings);
}
