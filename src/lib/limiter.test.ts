import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Limiter, LimiterFull } from './limiter.ts';

/** A task that runs until `finish()` is called, recording when it started. */
function gate(started: number[], id: number) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      started.push(id);
      await done;
      return id;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('at most the bound run at once; the others start in arrival order as places free up', async () => {
  const limiter = new Limiter(2, 10);
  const started: number[] = [];
  const gates = [0, 1, 2, 3].map((id) => gate(started, id));
  const results = gates.map((g) => limiter.run(g.task));
  await tick();
  assert.deepEqual(started, [0, 1]);
  assert.equal(limiter.active, 2);
  assert.equal(limiter.queued, 2);
  gates[1]?.finish();
  await tick();
  assert.deepEqual(started, [0, 1, 2]);
  gates[0]?.finish();
  await tick();
  assert.deepEqual(started, [0, 1, 2, 3]);
  for (const g of gates) g.finish();
  assert.deepEqual(await Promise.all(results), [0, 1, 2, 3]);
  assert.equal(limiter.active, 0);
  assert.equal(limiter.queued, 0);
});

test('a task beyond the waiting line is refused at once and never run; a failed task frees its place', async () => {
  const limiter = new Limiter(1, 1);
  const started: number[] = [];
  const first = gate(started, 1);
  const running = limiter.run(first.task);
  const waiting = limiter.run(async () => {
    started.push(2);
    throw new Error('the task failed');
  });
  await assert.rejects(
    limiter.run(async () => started.push(3)),
    LimiterFull,
  );
  first.finish();
  assert.equal(await running, 1);
  await assert.rejects(waiting, /the task failed/);
  assert.deepEqual(started, [1, 2]);
  assert.equal(limiter.active, 0);
  assert.equal(await limiter.run(async () => 'free again'), 'free again');
});

test('bounds must be whole numbers: at least one running, none or more waiting', () => {
  for (const [running, waiting] of [
    [0, 1],
    [1.5, 1],
    [2, -1],
    [2, 0.5],
    [Number.NaN, 1],
  ] as const)
    assert.throws(() => new Limiter(running, waiting));
  assert.doesNotThrow(() => new Limiter(1, 0));
});

test('for any arrivals and finishing orders: never more than the bound at once, the line served in order, refusals only when it is full', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 5 }),
      fc.array(fc.oneof(fc.constant('arrive' as const), fc.nat({ max: 7 })), { maxLength: 40 }),
      async (maxRunning, maxWaiting, steps) => {
        const limiter = new Limiter(maxRunning, maxWaiting);
        const started: number[] = [];
        const open = new Map<number, () => void>();
        const admitted: number[] = [];
        const settled: Promise<unknown>[] = [];
        let next = 0;
        for (const step of steps) {
          if (step === 'arrive') {
            const id = next++;
            const expectRefusal = limiter.active === maxRunning && limiter.queued === maxWaiting;
            const g = gate(started, id);
            const run = limiter.run(g.task);
            if (expectRefusal) await assert.rejects(run, LimiterFull);
            else {
              admitted.push(id);
              open.set(id, g.finish);
              settled.push(run);
            }
          } else {
            // Finish one of the running tasks (chosen by the step's number).
            const running = started.filter((id) => open.has(id));
            const id = running[step % Math.max(1, running.length)];
            if (id !== undefined) {
              open.get(id)?.();
              open.delete(id);
            }
          }
          await tick();
          assert.ok(limiter.active <= maxRunning);
          assert.ok(limiter.queued <= maxWaiting);
          assert.equal(started.filter((id) => open.has(id)).length, limiter.active);
          assert.deepEqual(started, admitted.slice(0, started.length));
        }
        for (const finish of open.values()) finish();
        await Promise.all(settled);
        assert.deepEqual(started, admitted);
        assert.equal(limiter.active, 0);
      },
    ),
  );
});
