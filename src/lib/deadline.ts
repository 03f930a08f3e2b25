/**
 * A call with a deadline: `run` gets a signal that aborts after `ms` milliseconds, with the same
 * `TimeoutError` as `AbortSignal.timeout`, or as soon as `outer` aborts. Unlike
 * `AbortSignal.timeout`, whose timer runs to its end and then builds its error whether or not the
 * call is still going, the timer is cleared when the call ends: a portal that calls a provider
 * often keeps no timer per past call.
 */
export async function withDeadline<T>(
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  // As AbortSignal.timeout's: a pending call's deadline does not keep the process alive.
  timer.unref();
  try {
    return await run(outer ? AbortSignal.any([outer, controller.signal]) : controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
