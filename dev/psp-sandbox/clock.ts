/**
 * The sandbox's clock: real time plus an offset that the control API moves forward, so that tests
 * reach a session's expiry or a notification's next retry without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }
}
