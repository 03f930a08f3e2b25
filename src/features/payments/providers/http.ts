/**
 * One HTTP call of an adapter to its provider: the answer's body, read before `timeoutMs` ends or
 * `signal` aborts (`withDeadline`: the timer goes with the call). Redirects are refused. It fails
 * with a `ProviderCallFailed`:
 * - not certain (the provider may have acted on it) when no answer came (the network, the
 *   deadline) or the provider answered 5xx;
 * - certain (nothing was done) when it answered 4xx; `quoteRefusal` puts the start of that answer's
 *   body in the reason (the sandbox's; Lyra's may hold the order's details).
 */
import { withDeadline } from '../../../lib/deadline.ts';
import { ProviderCallFailed } from '../provider.port.ts';

export async function callProvider(
  url: string,
  init: Omit<RequestInit, 'redirect' | 'signal'>,
  timeoutMs: number,
  signal: AbortSignal,
  quoteRefusal = false,
): Promise<string> {
  const { status, text } = await withDeadline(
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
  if (status >= 500) throw new ProviderCallFailed(false, `HTTP ${status}`);
  if (status >= 400)
    throw new ProviderCallFailed(true, quoteRefusal ? `HTTP ${status} ${text.slice(0, 200)}` : `HTTP ${status}`);
  return text;
}
