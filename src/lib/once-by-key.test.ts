import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { OnceByKey } from './once-by-key.ts';

/** A task that runs until it is told how to end, counting its runs. */
function gate() {
  let end!: (error?: Error) => void;
  let runs = 0;
  const ended = new Promise<void>((resolve, reject) => {
    end = (error) => (error ? reject(error) : resolve());
  });
  return {
    task: async () => {
      runs += 1;
      await ended;
    },
    end: (error?: Error) => end(error),
    runs: () => runs,
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a key whose task finished is not run again; another key is', async () => {
  const once = new OnceByKey(10);
  let runs = 0;
  const task = async () => {
    runs += 1;
  };
  assert.equal(await once.run('a', task), 'ran');
  assert.equal(once.has('a'), true);
  assert.equal(await once.run('a', task), 'done already');
  assert.equal(await once.run('b', task), 'ran');
  assert.equal(runs, 2);
});

test('copies that arrive while their key runs wait for it, and do not run', async () => {
  const once = new OnceByKey(10);
  const g = gate();
  const first = once.run('a', g.task);
  const copies = [once.run('a', g.task), once.run('a', g.task)];
  await tick();
  assert.equal(g.runs(), 1);
  let settled = false;
  void Promise.all(copies).then(() => (settled = true));
  await tick();
  assert.equal(settled, false, 'the copies wait for the first to finish');
  g.end();
  assert.equal(await first, 'ran');
  assert.deepEqual(await Promise.all(copies), ['done already', 'done already']);
  assert.equal(g.runs(), 1);
});

test('a task that failed is forgotten: its error goes to its caller, and a copy that waited for it runs its own', async () => {
  const once = new OnceByKey(10);
  const failing = gate();
  const first = once.run('a', failing.task);
  let copyRuns = 0;
  const copy = once.run('a', async () => {
    copyRuns += 1;
  });
  await tick();
  failing.end(new Error('connection lost'));
  await assert.rejects(first, /connection lost/);
  assert.equal(await copy, 'ran');
  assert.equal(copyRuns, 1);
  assert.equal(once.has('a'), true);
});

test('a task that throws before its promise is made is forgotten too', async () => {
  const once = new OnceByKey(10);
  await assert.rejects(
    once.run('a', () => {
      throw new Error('refused at once');
    }),
    /refused at once/,
  );
  assert.equal(once.has('a'), false);
  assert.equal(await once.run('a', async () => undefined), 'ran');
});

test('only the last keys are remembered: the oldest is forgotten first', async () => {
  const once = new OnceByKey(2);
  for (const key of ['a', 'b', 'c']) await once.run(key, async () => undefined);
  assert.deepEqual(
    ['a', 'b', 'c'].map((k) => once.has(k)),
    [false, true, true],
  );
  assert.throws(() => new OnceByKey(0), RangeError);
});

test('property: for any calls, each key runs once per success at most, never twice at once, and never after a success it remembers', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), fails: fc.boolean(), waits: fc.nat(3) }), {
        maxLength: 30,
      }),
      async (calls) => {
        const once = new OnceByKey(100);
        const runningNow = new Map<string, number>();
        const succeeded = new Map<string, number>();
        const results = await Promise.allSettled(
          calls.map(({ key, fails, waits }) =>
            once.run(key, async () => {
              assert.equal(succeeded.get(key) ?? 0, 0, `${key} ran after a success`);
              runningNow.set(key, (runningNow.get(key) ?? 0) + 1);
              assert.equal(runningNow.get(key), 1, `${key} ran twice at once`);
              for (let i = 0; i < waits; i += 1) await tick();
              runningNow.set(key, (runningNow.get(key) ?? 0) - 1);
              if (fails) throw new Error('failed');
              succeeded.set(key, (succeeded.get(key) ?? 0) + 1);
            }),
          ),
        );
        for (const [key, count] of succeeded) {
          assert.equal(count, 1);
          assert.equal(once.has(key), true);
        }
        // Every call either ran, found its key done, or failed with its own task's error.
        for (const result of results) if (result.status === 'rejected') assert.match(String(result.reason), /failed/);
      },
    ),
    { numRuns: 200 },
  );
});
