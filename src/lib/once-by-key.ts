/**
 * Work done once per key, as far as this process can tell: `run(key, task)` runs `task` unless a
 * task of the same key finished without error lately, and a call that finds a task of its key
 * running waits for it instead of starting its own. At most `capacity` keys are remembered; when
 * full, the one not asked about for the longest goes first (`SecondChanceMap`). A task that failed
 * is forgotten: the next call of its key runs again.
 *
 * Only a shortcut: what must happen once is guarded elsewhere (a unique key in the database), and a
 * key this process forgot, or never saw (another process's), runs and meets that guard.
 */
import { SecondChanceMap } from './second-chance.ts';

export class OnceByKey {
  /** Keys whose task finished without error. */
  private readonly done: SecondChanceMap<string, true>;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.done = new SecondChanceMap(capacity);
  }

  /** Whether a task of `key` finished without error and is still remembered. */
  has(key: string): boolean {
    return this.done.get(key) === true;
  }

  /**
   * Runs `task` for `key`, or not: `'ran'` once it finished, `'done already'` when a task of `key`
   * had finished (or finished while this call waited for it). Rejects as `task` does.
   */
  async run(key: string, task: () => Promise<void>): Promise<'ran' | 'done already'> {
    for (;;) {
      if (this.has(key)) return 'done already';
      const running = this.running.get(key);
      if (!running) break;
      await running.then(
        () => undefined,
        () => undefined,
      );
    }
    const running = task();
    this.running.set(key, running);
    try {
      await running;
      this.done.set(key, true);
      return 'ran';
    } finally {
      if (this.running.get(key) === running) this.running.delete(key);
    }
  }
}
