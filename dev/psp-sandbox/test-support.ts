/**
 * What the sandbox's tests share: a sandbox on a temporary directory with its clock in the test's
 * hands, a real HTTP server on 127.0.0.1 that receives its notifications, and the browser's steps
 * on the hosted page (Fastify `inject`, no sleeping).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { AdjustableClock } from './clock.ts';
import { DEVELOPMENT_MERCHANTS, type PspSandboxOptions, type SandboxMerchant } from './config.ts';
import { buildPspSandbox } from './server.ts';

export const MERCHANT: SandboxMerchant = DEVELOPMENT_MERCHANTS[0] as SandboxMerchant;
export const OTHER_MERCHANT: SandboxMerchant = DEVELOPMENT_MERCHANTS[1] as SandboxMerchant;
export const PUBLIC_URL = 'http://127.0.0.1:3902';

/** A card expiry two years ahead, as MM/YY. */
export function futureExpiry(): string {
  const date = new Date();
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String((date.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A merchant's notification endpoint: records every request and answers with the next status. */
export class Receiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: Received[],
    /** Statuses to answer, in order; 200 once they run out. */
    readonly answers: number[],
  ) {}

  static async start(): Promise<Receiver> {
    const received: Received[] = [];
    const answers: number[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.statusCode = answers.shift() ?? 200;
        response.end('ok');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    return new Receiver(server, `http://127.0.0.1:${address.port}/notifications`, received, answers);
  }

  /** The JSON bodies received, parsed. */
  events(): NotificationEvent[] {
    return this.received.map((request) => JSON.parse(request.body) as NotificationEvent);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface NotificationEvent {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly data: {
    readonly sessionId: string;
    readonly merchantReference: string;
    readonly status: string;
    readonly amount: { readonly minor: number; readonly currency: string };
    readonly merchantId: string;
    readonly testMode: boolean;
    readonly declineReason?: string;
    readonly refund?: {
      readonly id: string;
      readonly status: string;
      readonly origin: string;
      readonly amount: { readonly minor: number };
    };
  };
}

export interface CreatedSession {
  readonly id: string;
  readonly status: string;
  readonly hostedPageUrl: string;
  readonly expiresAt: string;
}

export interface SessionStatusView {
  readonly id: string;
  readonly status: string;
  readonly declineReason: string | null;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly card: { readonly last4: string; readonly brand: string } | null;
  readonly refundable: number;
}

export class Harness {
  private constructor(
    readonly app: FastifyInstance,
    readonly clock: AdjustableClock,
    readonly dir: string,
    readonly receiver: Receiver,
    readonly options: PspSandboxOptions,
  ) {}

  static async start(overrides: Partial<PspSandboxOptions> = {}): Promise<Harness> {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-psp-test-'));
    const receiver = await Receiver.start();
    const options: PspSandboxOptions = {
      nodeEnv: 'test',
      publicUrl: PUBLIC_URL,
      stateDir: dir,
      merchants: [MERCHANT, OTHER_MERCHANT],
      sessionTtlSeconds: 900,
      authorisationHangMs: 0,
      notificationTimeoutMs: 2000,
      background: false,
      ...overrides,
    };
    const clock = new AdjustableClock();
    return new Harness(buildPspSandbox(options, { clock }), clock, dir, receiver, options);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.receiver.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  api(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    { merchant = MERCHANT, key }: { merchant?: SandboxMerchant; key?: string } = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${merchant.secret}`,
        ...(key ? { 'idempotency-key': key } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      merchantId: MERCHANT.id,
      amount: { minor: 1114, currency: 'EUR' },
      merchantReference: 'FACT-2026-0042',
      returnUrl: 'http://127.0.0.1:4000/paiement/retour?tentative=abc',
      notificationUrl: this.receiver.url,
      language: 'fr',
      description: 'Cantine — École du Parc — mars 2026',
      ...overrides,
    };
  }

  async createSession(
    overrides: Record<string, unknown> = {},
    merchant: SandboxMerchant = MERCHANT,
  ): Promise<CreatedSession & { token: string }> {
    const response = await this.api('POST', '/api/sessions', this.sessionBody(overrides), {
      key: randomUUID(),
      merchant,
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json<CreatedSession>();
    const token = new URL(created.hostedPageUrl).pathname.split('/').pop() ?? '';
    return { ...created, token };
  }

  async status(id: string, merchant: SandboxMerchant = MERCHANT): Promise<SessionStatusView> {
    const response = await this.api('GET', `/api/sessions/${id}`, undefined, { merchant });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<SessionStatusView>();
  }

  /** The hosted page's CSRF token (read from the form, as a browser would post it). */
  async csrfOf(token: string): Promise<string> {
    const page = await this.app.inject(`/pay/${token}`);
    const match = /name="csrf" value="([^"]+)"/.exec(page.body);
    assert.ok(match?.[1], 'the page has a csrf field');
    return match[1];
  }

  postForm(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
    return this.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
  }

  /** Fills in the card form and presses "Payer". */
  async pay(token: string, card: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const csrf = await this.csrfOf(token);
    return this.postForm(`/pay/${token}`, {
      csrf,
      numero: card,
      expiration: futureExpiry(),
      cryptogramme: '123',
      titulaire: 'Camille Rossi',
      action: 'payer',
      ...fields,
    });
  }

  async advance(seconds: number): Promise<void> {
    const response = await this.api('POST', '/api/_control/clock', { advanceSeconds: seconds });
    assert.equal(response.statusCode, 200, response.body);
  }

  async flush(): Promise<{ attempted: number; delivered: number; failed: number }> {
    const response = await this.api('POST', '/api/_control/flush');
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }
}
