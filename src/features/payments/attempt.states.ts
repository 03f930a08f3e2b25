/**
 * The payment attempt's state machine (research/payment-anchors §4.2, ADR 0012), pure: given an
 * attempt as stored and an outcome the provider vouched for, what happens. The service applies the
 * decision under a row lock with a compare-and-set on `state` and `version`.
 *
 * - A terminal success is never downgraded: a later failure or a stale "pending" is ignored.
 * - A soft failure (declined, cancelled, expired, errored, start failed) becomes SUCCEEDED_LATE on a
 *   verified success: the money is never lost.
 * - A success whose amount, currency, merchant or mode differs from the attempt's goes to
 *   NEEDS_REVIEW: nothing is paid, the money waits in the ledger's suspense account.
 */
import type { PaymentAttemptStateRow } from '../../db/database.ts';
import type { ProviderOutcome } from './provider.port.ts';

export type AttemptState = PaymentAttemptStateRow;

export const ATTEMPT_STATES: readonly AttemptState[] = [
  'CREATING',
  'START_FAILED',
  'START_UNKNOWN',
  'REDIRECTED',
  'PENDING',
  'UNKNOWN',
  'SUCCEEDED',
  'DECLINED',
  'CANCELLED',
  'ERRORED',
  'EXPIRED',
  'SUCCEEDED_LATE',
  'NEEDS_REVIEW',
];

/** Not finished: the provider may still take the money. */
export const OPEN_STATES: readonly AttemptState[] = ['CREATING', 'START_UNKNOWN', 'REDIRECTED', 'PENDING', 'UNKNOWN'];
/** Finished without money taken (as far as we know): a verified success may still correct them. */
export const SOFT_FAILURES: readonly AttemptState[] = ['START_FAILED', 'DECLINED', 'CANCELLED', 'ERRORED', 'EXPIRED'];
/** Money taken and applied. */
export const SUCCESS_STATES: readonly AttemptState[] = ['SUCCEEDED', 'SUCCEEDED_LATE'];
/**
 * Their attempt keeps its leases even past their time: money may be on its way, so no other
 * checkout takes them over and the basket shows them held.
 */
export const LEASE_HOLDING_STATES: readonly AttemptState[] = ['PENDING', 'UNKNOWN', 'START_UNKNOWN', 'NEEDS_REVIEW'];

export function isOpen(state: AttemptState): boolean {
  return OPEN_STATES.includes(state);
}

export function isSuccess(state: AttemptState): boolean {
  return SUCCESS_STATES.includes(state);
}

/** What the attempt says it is for. */
export interface AttemptFacts {
  readonly state: AttemptState;
  readonly amountCents: number;
  readonly currency: 'EUR';
  readonly merchantId: string;
  readonly testMode: boolean;
}

/** Who vouched for the outcome, when the notification names them (a status query is the merchant's own). */
export interface OutcomeContext {
  readonly merchantId?: string | undefined;
  readonly testMode?: boolean | undefined;
}

export type Decision =
  | {
      readonly kind: 'transition';
      readonly to: AttemptState;
      /** Money was taken: record it in the ledger and settle the payables (or put it in review). */
      readonly capture: 'apply' | 'review' | 'none';
      /** The payables are free again. */
      readonly releaseLeases: boolean;
      readonly reason?: string | undefined;
    }
  | { readonly kind: 'ignore'; readonly reason: string };

function mismatch(facts: AttemptFacts, outcome: ProviderOutcome, context: OutcomeContext): string | undefined {
  if (outcome.kind !== 'SUCCEEDED') return undefined;
  if (outcome.amount.currency !== facts.currency) return `currency ${String(outcome.amount.currency)}`;
  if (outcome.amount.cents !== facts.amountCents) return `amount ${outcome.amount.cents} ≠ ${facts.amountCents}`;
  if (context.merchantId !== undefined && context.merchantId !== facts.merchantId)
    return `merchant ${context.merchantId} ≠ ${facts.merchantId}`;
  if (context.testMode !== undefined && context.testMode !== facts.testMode)
    return `test mode ${String(context.testMode)} ≠ ${String(facts.testMode)}`;
  return undefined;
}

const FAILURE_STATE: Partial<Record<ProviderOutcome['kind'], AttemptState>> = {
  DECLINED: 'DECLINED',
  CANCELLED: 'CANCELLED',
  EXPIRED: 'EXPIRED',
  ERROR: 'ERRORED',
};

/** What a verified outcome does to an attempt in `facts.state`. */
export function decide(facts: AttemptFacts, outcome: ProviderOutcome, context: OutcomeContext = {}): Decision {
  const state = facts.state;
  if (state === 'NEEDS_REVIEW') return { kind: 'ignore', reason: 'under review' };
  if (outcome.kind === 'SUCCEEDED') {
    const wrong = mismatch(facts, outcome, context);
    if (wrong !== undefined) {
      if (isSuccess(state))
        return { kind: 'transition', to: 'NEEDS_REVIEW', capture: 'none', releaseLeases: false, reason: wrong };
      return { kind: 'transition', to: 'NEEDS_REVIEW', capture: 'review', releaseLeases: false, reason: wrong };
    }
    if (isSuccess(state)) return { kind: 'ignore', reason: 'already succeeded' };
    if (isOpen(state)) return { kind: 'transition', to: 'SUCCEEDED', capture: 'apply', releaseLeases: true };
    return { kind: 'transition', to: 'SUCCEEDED_LATE', capture: 'apply', releaseLeases: true };
  }
  if (isSuccess(state)) return { kind: 'ignore', reason: `a success is never downgraded (${outcome.kind})` };
  if (!isOpen(state)) return { kind: 'ignore', reason: `already final (${state})` };
  const failure = FAILURE_STATE[outcome.kind];
  if (failure !== undefined) {
    const reason =
      outcome.kind === 'DECLINED' || outcome.kind === 'ERROR'
        ? outcome.reason
        : outcome.kind === 'CANCELLED'
          ? outcome.by
          : undefined;
    return { kind: 'transition', to: failure, capture: 'none', releaseLeases: true, reason };
  }
  if (outcome.kind === 'PENDING' || outcome.kind === 'AUTHORISED') {
    if (state === 'REDIRECTED' || state === 'START_UNKNOWN' || state === 'UNKNOWN')
      return { kind: 'transition', to: 'PENDING', capture: 'none', releaseLeases: false };
    return { kind: 'ignore', reason: `still ${state}` };
  }
  // UNKNOWN: the provider could not say.
  if (outcome.kind === 'UNKNOWN' && (state === 'REDIRECTED' || state === 'PENDING'))
    return { kind: 'transition', to: 'UNKNOWN', capture: 'none', releaseLeases: false, reason: outcome.reason };
  return { kind: 'ignore', reason: `unknown while ${state}` };
}
