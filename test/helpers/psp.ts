/**
 * The sandbox payment provider for tests, running in the test process on a real port (the portal's
 * adapter speaks HTTP to it, and it notifies the portal over HTTP), its clock in the test's hands,
 * its notifications sent when the test flushes them. The parent's steps on its hosted page go
 * through `inject`, as a browser would post them. No mock of the provider.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { AdjustableClock } from '../../dev/psp-sandbox/clock.ts';
import { DEVELOPMENT_MERCHANTS, DEVELOPMENT_VADS_MERCHANTS } from '../../dev/psp-sandbox/config.ts';
import { buildPspSandbox } from '../../dev/psp-sandbox/server.ts';
import { futureExpiry } from '../../dev/psp-sandbox/test-support.ts';

/** A free TCP port on 127.0.0.1 (to know the portal's public URL before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

export interface TestPsp {
  readonly app: FastifyInstance;
  readonly clock: AdjustableClock;
  /** Its API's base URL (PAYMENT_PSP_URL). */
  readonly url: string;
  /** Delivers every notification due now (after time-driven changes). */
  flush(): Promise<{ attempted: number; delivered: number; failed: number }>;
  /** Moves its clock forward. */
  advance(seconds: number): Promise<void>;
  /** Opens the hosted page at `url` and pays with `card` ("Payer"); returns the sandbox's answer. */
  pay(url: string, card: string): Promise<LightMyRequestResponse>;
  /** "Annuler" on the hosted page. */
  cancel(url: string): Promise<LightMyRequestResponse>;
  /** Posts a Lyra-style signed form to its form entry, as the browser sends it; the hosted page's URL. */
  postVadsForm(
    fields: Readonly<Record<string, string>>,
  ): Promise<{ response: LightMyRequestResponse; hosted?: string }>;
  close(): Promise<void>;
}

export interface TestPspOptions {
  /**
   * Hosted pages on the sandbox's own address, for a real browser to open. By default they start
   * with a fixed origin (http://127.0.0.1:3902) that only `pay` and `cancel` (through `inject`) use.
   */
  readonly ownOrigin?: boolean;
}

/** The sandbox listening on 127.0.0.1 (a free port), its hosted pages at `publicUrl`. */
async function listenSandbox(clock: AdjustableClock, ownOrigin: boolean): Promise<FastifyInstance> {
  for (let attempt = 1; ; attempt++) {
    const port = ownOrigin ? await freePort() : 0;
    const app = buildPspSandbox(
      {
        nodeEnv: 'test',
        publicUrl: ownOrigin ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:3902',
        stateDir: undefined,
        merchants: [...DEVELOPMENT_MERCHANTS, ...DEVELOPMENT_VADS_MERCHANTS],
        sessionTtlSeconds: 900,
        authorisationHangMs: 0,
        notificationTimeoutMs: 5000,
        background: false,
      },
      { clock },
    );
    try {
      await app.listen({ port, host: '127.0.0.1' });
      return app;
    } catch (error) {
      await app.close();
      // The free port was taken in between: another one.
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

export async function startTestPsp({ ownOrigin = false }: TestPspOptions = {}): Promise<TestPsp> {
  const clock = new AdjustableClock();
  const app = await listenSandbox(clock, ownOrigin);
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  const url = `http://127.0.0.1:${address.port}`;
  const secret = DEVELOPMENT_MERCHANTS[0]?.secret ?? '';
  const control = async (path: string, body?: unknown) => {
    const response = await app.inject({
      method: 'POST',
      url: path,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    assert.equal(response.statusCode, 200, response.body);
    return response;
  };
  const pagePath = (hosted: string) => new URL(hosted).pathname;
  const submit = async (hosted: string, fields: Record<string, string>) => {
    const page = await app.inject(pagePath(hosted));
    assert.equal(page.statusCode, 200, page.body);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf, 'the hosted page has its csrf field');
    return app.inject({
      method: 'POST',
      url: pagePath(hosted),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf, ...fields }).toString(),
    });
  };
  return {
    app,
    clock,
    url,
    async flush() {
      return (await control('/api/_control/flush')).json();
    },
    async advance(seconds) {
      await control('/api/_control/clock', { advanceSeconds: seconds });
    },
    pay: (hosted, card) =>
      submit(hosted, {
        numero: card,
        expiration: futureExpiry(),
        cryptogramme: '123',
        titulaire: 'Camille Rossi',
        action: 'payer',
      }),
    cancel: (hosted) => submit(hosted, { action: 'annuler' }),
    async postVadsForm(fields) {
      const response = await app.inject({
        method: 'POST',
        url: '/vads-payment/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
      const location = response.headers.location;
      return typeof location === 'string' ? { response, hosted: new URL(location, url).toString() } : { response };
    },
    close: () => app.close(),
  };
}
