/**
 * At most `maxRunning` tasks at once, the others waiting in arrival order, at most `maxWaiting`
 * of them: a task that finds the line full is refused at once (`LimiterFull`) rather than kept
 * waiting behind a backlog it would not get through in time.
 */
export class LimiterFull extends Error {
  constructor() {
    super('too many tasks waiting');
  }
}

export class Limiter {
  private running = 0;
  /** The waiting tasks' starts, oldest first. */
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(maxRunning) || maxRunning < 1) throw new Error(`at most ${maxRunning} tasks at once`);
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) throw new Error(`at most ${maxWaiting} tasks waiting`);
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a place is free; rejects with `LimiterFull`, `task` not run, when the line is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.maxRunning) this.running += 1;
    else if (this.waiting.length < this.maxWaiting) await new Promise<void>((start) => this.waiting.push(start));
    else throw new LimiterFull();
    try {
      return await task();
    } finally {
      // The place goes to the oldest waiting task (the count stays), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
