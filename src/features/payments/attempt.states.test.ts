/**
 * The attempt's state machine, pure: each rule of research/payment-anchors §4.2, then properties
 * over any sequence of outcomes (duplicates, any order): a success is never downgraded, money is
 * captured at most once and only on a verified success of the right amount.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cents } from '../../lib/money.ts';
import { ATTEMPT_STATES, decide, isSuccess, OPEN_STATES, SOFT_FAILURES, type AttemptFacts } from './attempt.states.ts';
import type { ProviderOutcome } from './provider.port.ts';

const facts = (state: AttemptFacts['state']): AttemptFacts => ({
  state,
  amountCents: 1114,
  currency: 'EUR',
  merchantId: 'mairie-cantine',
  testMode: true,
});
const paid = (amount = 1114): ProviderOutcome => ({
  kind: 'SUCCEEDED',
  amount: { cents: cents(amount), currency: 'EUR' },
  paidAt: new Date('2026-11-03T09:00:00Z'),
});

test('a verified success of the right amount settles an open attempt, and corrects a soft failure to SUCCEEDED_LATE', () => {
  for (const state of OPEN_STATES)
    assert.deepEqual(decide(facts(state), paid()), {
      kind: 'transition',
      to: 'SUCCEEDED',
      capture: 'apply',
      releaseLeases: true,
    });
  for (const state of SOFT_FAILURES) {
    const decision = decide(facts(state), paid());
    assert.equal(decision.kind === 'transition' && decision.to, 'SUCCEEDED_LATE', state);
  }
});

test('a success is never downgraded, and a second success changes nothing', () => {
  const others: ProviderOutcome[] = [
    { kind: 'DECLINED', reason: 'card_declined' },
    { kind: 'CANCELLED', by: 'payer' },
    { kind: 'EXPIRED' },
    { kind: 'ERROR', reason: 'x' },
    { kind: 'PENDING' },
    { kind: 'UNKNOWN', reason: 'timeout' },
    paid(),
  ];
  for (const state of ['SUCCEEDED', 'SUCCEEDED_LATE'] as const)
    for (const outcome of others)
      assert.equal(decide(facts(state), outcome).kind, 'ignore', `${state} ${outcome.kind}`);
});

test('a wrong amount, merchant or mode goes to review, money in suspense, nothing paid', () => {
  assert.deepEqual(decide(facts('REDIRECTED'), paid(1113)), {
    kind: 'transition',
    to: 'NEEDS_REVIEW',
    capture: 'review',
    releaseLeases: false,
    reason: 'amount 1113 ≠ 1114',
  });
  const otherMerchant = decide(facts('PENDING'), paid(), { merchantId: 'dense-periscolaire' });
  assert.equal(otherMerchant.kind === 'transition' && otherMerchant.capture, 'review');
  const liveMode = decide(facts('PENDING'), paid(), { testMode: false });
  assert.equal(liveMode.kind === 'transition' && liveMode.to, 'NEEDS_REVIEW');
  // Under review, nothing moves it but a person.
  assert.equal(decide(facts('NEEDS_REVIEW'), paid()).kind, 'ignore');
});

test('failures free the payables; a pending answer keeps them; a final failure is not changed by another failure', () => {
  const declined = decide(facts('REDIRECTED'), { kind: 'DECLINED', reason: 'insufficient_funds' });
  assert.deepEqual(declined, {
    kind: 'transition',
    to: 'DECLINED',
    capture: 'none',
    releaseLeases: true,
    reason: 'insufficient_funds',
  });
  const pending = decide(facts('REDIRECTED'), { kind: 'PENDING' });
  assert.deepEqual(pending, { kind: 'transition', to: 'PENDING', capture: 'none', releaseLeases: false });
  assert.equal(decide(facts('PENDING'), { kind: 'PENDING' }).kind, 'ignore');
  assert.equal(decide(facts('DECLINED'), { kind: 'CANCELLED', by: 'payer' }).kind, 'ignore');
  assert.equal(decide(facts('EXPIRED'), { kind: 'PENDING' }).kind, 'ignore');
  const unknown = decide(facts('PENDING'), { kind: 'UNKNOWN', reason: 'timeout' });
  assert.equal(unknown.kind === 'transition' && unknown.to, 'UNKNOWN');
});

const outcome = fc.oneof(
  fc.constant<ProviderOutcome>({ kind: 'PENDING' }),
  fc.constant<ProviderOutcome>({ kind: 'DECLINED', reason: 'card_declined' }),
  fc.constant<ProviderOutcome>({ kind: 'CANCELLED', by: 'payer' }),
  fc.constant<ProviderOutcome>({ kind: 'EXPIRED' }),
  fc.constant<ProviderOutcome>({ kind: 'ERROR', reason: 'x' }),
  fc.constant<ProviderOutcome>({ kind: 'UNKNOWN', reason: 'timeout' }),
  fc.constant(paid()),
  fc.constant(paid(1113)),
);

test('over any sequence of outcomes: at most one capture, success only from a right-amount success, never downgraded', () => {
  fc.assert(
    fc.property(fc.constantFrom(...OPEN_STATES), fc.array(outcome, { maxLength: 12 }), (start, sequence) => {
      let state = start;
      let captures = 0;
      let sawRightSuccess = false;
      let succeededAt = -1;
      sequence.forEach((o, i) => {
        const before = state;
        const decision = decide(facts(state), o);
        if (o.kind === 'SUCCEEDED' && o.amount.cents === 1114 && before !== 'NEEDS_REVIEW') sawRightSuccess = true;
        if (decision.kind === 'ignore') return;
        assert.ok(ATTEMPT_STATES.includes(decision.to));
        if (decision.capture !== 'none') captures += 1;
        if (decision.capture === 'apply') assert.ok(o.kind === 'SUCCEEDED' && o.amount.cents === 1114);
        assert.ok(!isSuccess(before) || decision.to === 'NEEDS_REVIEW', `${before} → ${decision.to}`);
        state = decision.to;
        if (isSuccess(state) && succeededAt < 0) succeededAt = i;
      });
      assert.ok(captures <= 1, `captured ${captures} times`);
      if (isSuccess(state)) assert.ok(sawRightSuccess);
      if (sawRightSuccess) assert.ok(isSuccess(state) || state === 'NEEDS_REVIEW', `${state} after a success`);
    }),
    { numRuns: 500 },
  );
});
