/**
 * The payments service on a test database against the real sandbox provider (in this process, on
 * a real port; its notifications reach a recording receiver and are handed to the service byte for
 * byte), with a parent to pay: what the payments feature's service tests share. Each file registers
 * its own payable kind; everything is closed after the file.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { Kysely } from 'kysely';
import { Receiver } from '../../dev/psp-sandbox/test-support.ts';
import { DEVELOPMENT_MERCHANT_SECRETS } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import type { InboundHttp } from '../../src/features/payments/provider.port.ts';
import {
  PaymentsService,
  SandboxProvider,
  type CheckoutAnswer,
  type PayableRegistry,
  type PaymentsDeps,
} from '../../src/features/payments/payments.service.ts';
import { buildAccount } from '../factories/accounts.ts';
import { createTestDatabase } from './database.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { startTestPsp, type TestPsp } from './psp.ts';

export interface PaymentsBenchOptions {
  /** The payable kinds the tests pay for. */
  readonly registry: PayableRegistry;
  /** Speak to the provider through an HTTP fault proxy (`bench.proxy`). */
  readonly throughFaultProxy?: boolean;
  /** The provider calls' timeout (5 s unless told). */
  readonly providerTimeoutMs?: number;
  readonly tokenSecret?: string;
  readonly logger?: PaymentsDeps['logger'];
  readonly returnStatusTimeoutMs?: number;
}

export interface PaymentsBench {
  readonly database: DatabaseHandle;
  readonly db: Kysely<Database>;
  readonly psp: TestPsp;
  readonly receiver: Receiver;
  /** Between the service and the provider, when asked for. */
  readonly proxy: FaultProxy | undefined;
  /** The service, its clock the provider's (tests move both forward together). */
  readonly payments: PaymentsService;
  /** A parent's account, to pay with. */
  readonly account: { readonly id: string };
  /** The notifications the provider sent since `from` (an index in `receiver.received`), as the portal's endpoint receives them. */
  readonly notificationsSince: (from: number) => InboundHttp[];
  /**
   * Hands the notifications sent since `from` to the service; the HTTP status of each answer, or
   * of those about `attemptId` only (all are handed over either way).
   */
  readonly deliver: (from: number, attemptId?: string) => Promise<number[]>;
  /** The attempt's row. */
  readonly attempt: (id: string) => ReturnType<typeof selectAttempt>;
}

function selectAttempt(db: Kysely<Database>, id: string) {
  return db.selectFrom('payment_attempt').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function startPaymentsBench(options: PaymentsBenchOptions): Promise<PaymentsBench> {
  const database = await createTestDatabase();
  const db = database.db;
  const psp = await startTestPsp();
  const proxy = options.throughFaultProxy ? await startFaultProxy(psp.url) : undefined;
  const receiver = await Receiver.start();
  after(async () => {
    await proxy?.close();
    await psp.close();
    await receiver.close();
    await database.close();
  });
  const payments = new PaymentsService({
    db,
    provider: new SandboxProvider({
      apiUrl: proxy?.url ?? psp.url,
      merchantSecrets: DEVELOPMENT_MERCHANT_SECRETS,
      timeoutMs: options.providerTimeoutMs ?? 5000,
    }),
    registry: options.registry,
    publicUrl: new URL(receiver.url).origin,
    tokenSecret: options.tokenSecret ?? 'test-secret-'.repeat(4),
    logger: options.logger,
    now: () => new Date(psp.clock.now()),
    ...(options.returnStatusTimeoutMs === undefined ? {} : { returnStatusTimeoutMs: options.returnStatusTimeoutMs }),
  });
  const account = await buildAccount(db);
  const notificationsSince = (from: number): InboundHttp[] =>
    receiver.received.slice(from).map((r) => ({
      method: 'POST' as const,
      headers: {
        'content-type': String(r.headers['content-type']),
        'sandbox-signature': String(r.headers['sandbox-signature']),
      },
      query: new URLSearchParams(),
      rawBody: new TextEncoder().encode(r.body),
      receivedAt: new Date(psp.clock.now()),
    }));
  return {
    database,
    db,
    psp,
    receiver,
    proxy,
    payments,
    account,
    notificationsSince,
    deliver: async (from, attemptId) => {
      const statuses: number[] = [];
      for (const n of notificationsSince(from)) {
        const { status } = await payments.handleNotification('sandbox', n);
        if (!attemptId || new TextDecoder().decode(n.rawBody).includes(attemptId)) statuses.push(status);
      }
      return statuses;
    },
    attempt: (id) => selectAttempt(db, id),
  };
}

/** The checkout's answer when it sends the parent to the provider's page: the attempt and the page's URL. */
export function redirected(answer: CheckoutAnswer) {
  assert.equal(answer.kind, 'redirect', JSON.stringify(answer));
  assert.ok(answer.kind === 'redirect' && answer.redirect.kind === 'url');
  return { attemptId: answer.attemptId, url: answer.redirect.url, basketId: answer.basketId };
}
