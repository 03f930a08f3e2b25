/**
 * One HTTP call of an adapter to its provider: the answer's status and body, read before
 * `timeoutMs` ends or `signal` aborts (`withDeadline`: the timer goes with the call). A call that
 * gets no answer (the network, the deadline) fails with a `ProviderCallFailed` that is not
 * certain: the provider may have acted on it. Redirects are refused.
 */
import { withDeadline } from '../../../lib/deadline.ts';
import { ProviderCallFailed } from '../provider.port.ts';

export async function callProvider(
  url: string,
  init: Omit<RequestInit, 'redirect' | 'signal'>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ readonly status: number; readonly text: string }> {
  return withDeadline(
    timeoutMs,
    async (deadline) => {
      let response: Response;
      try {
        response = await fetch(url, { ...init, redirect: 'error', signal: deadline });
      } catch (error) {
        throw new ProviderCallFailed(false, error instanceof Error ? error.name : 'network error');
      }
      return { status: response.status, text: await response.text() };
    },
    signal,
  );
}
