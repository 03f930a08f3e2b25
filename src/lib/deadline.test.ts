import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { withDeadline } from './deadline.ts';

/** A call that ends only when its signal aborts, with the signal's reason. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

test('a call still going at its deadline is aborted with a TimeoutError, as AbortSignal.timeout does', async () => {
  const started = Date.now();
  await assert.rejects(
    withDeadline(30, untilAborted),
    (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError',
  );
  assert.ok(Date.now() - started >= 25, 'not before its deadline');
});

test("a call that ends in time gives its result, and its deadline's timer is cleared", async () => {
  let seen: AbortSignal | undefined;
  const result = await withDeadline(30, async (signal) => {
    seen = signal;
    return 42;
  });
  assert.equal(result, 42);
  await sleep(60);
  assert.equal(seen?.aborted, false, 'the signal of a finished call never aborts');
});

test("a call that fails keeps its error, and its deadline's timer is cleared", async () => {
  let seen: AbortSignal | undefined;
  await assert.rejects(
    withDeadline(30, async (signal) => {
      seen = signal;
      throw new Error('refused');
    }),
    /refused/,
  );
  await sleep(60);
  assert.equal(seen?.aborted, false);
});

test('the outer signal aborts the call at once, with its own reason', async () => {
  const outer = new AbortController();
  const call = withDeadline(10_000, untilAborted, outer.signal);
  outer.abort(new Error('shutting down'));
  await assert.rejects(call, /shutting down/);
});

test('an outer signal already aborted aborts the call before it starts waiting', async () => {
  await assert.rejects(withDeadline(10_000, untilAborted, AbortSignal.abort(new Error('gone'))), /gone/);
});
