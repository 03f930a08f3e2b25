/**
 * A real HTTP proxy between a provider adapter and the sandbox, to play the provider's faults the
 * sandbox cannot: per route ("METHOD /path-prefix"), pass the request through, answer 500 without
 * passing it, hang without passing it, or pass it and then never answer (the provider did the work,
 * its answer is lost), or refuse it (422). Every request is logged with the upstream's answer.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type FaultMode = 'pass' | '422' | '500' | 'hang' | 'lose-answer';

export interface ProxiedCall {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly mode: FaultMode;
  /** The upstream's status and body, when the request was passed on. */
  readonly upstream?: { readonly status: number; readonly body: string };
}

export interface FaultProxy {
  readonly url: string;
  readonly calls: ProxiedCall[];
  /** Sets the mode of every request starting with `route` ("POST /api/sessions"); `pass` clears it. */
  set(route: string, mode: FaultMode): void;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const rules = new Map<string, FaultMode>();
  const calls: ProxiedCall[] = [];
  const hanging = new Set<ServerResponse>();
  const modeOf = (method: string, path: string): FaultMode => {
    for (const [route, mode] of rules) if (`${method} ${path}`.startsWith(route)) return mode;
    return 'pass';
  };
  const server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const body = await bodyOf(request);
      const mode = modeOf(method, path);
      const key = request.headers['idempotency-key'];
      const idempotencyKey = typeof key === 'string' ? key : undefined;
      if (mode === '422' || mode === '500' || mode === 'hang') {
        calls.push({ method, path, idempotencyKey, mode });
        if (mode === '422') response.writeHead(422, { 'content-type': 'text/plain' }).end('refused');
        else if (mode === '500') response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        else hanging.add(response);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      const upstream = await fetch(`${target}${path}`, {
        method,
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        redirect: 'manual',
      });
      const text = await upstream.text();
      calls.push({ method, path, idempotencyKey, mode, upstream: { status: upstream.status, body: text } });
      if (mode === 'lose-answer') {
        hanging.add(response);
        return;
      }
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
      response.end(text);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(502).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    set(route, mode) {
      rules.delete(route);
      if (mode !== 'pass') rules.set(route, mode);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
