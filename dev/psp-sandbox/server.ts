/**
 * The sandbox payment provider: a hosted payment page on its own origin, with an API in the
 * style of GOV.UK Pay and Stripe (sessions with idempotency keys, status, refunds, a settlement
 * report), magic card numbers for every outcome and fault, and signed notifications retried until
 * acknowledged. For development and tests only: it refuses to start when NODE_ENV=production.
 * Its state is its own, kept in `$DATA_DIR/psp-sandbox/`.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isIsoDate } from '../../src/lib/dates.ts';
import { assertNotProduction } from '../stand-in.ts';
import { readCardForm } from './card-form.ts';
import {
  lyraEnvelope,
  lyraError,
  lyraMerchantOf,
  lyraRefund,
  openVadsSession,
  orderTransactions,
  transactionByUuid,
} from './lyra.ts';
import { AdjustableClock } from './clock.ts';
import type { PspSandboxOptions, SandboxMerchant } from './config.ts';
import { chooseLang, messagesFor, type Lang } from './messages.ts';
import { ChallengePage, HomePage, MessagePage, PaymentPage, renderPage, type PaymentSummary } from './pages.tsx';
import { sandboxRoutes } from './routes.ts';
import { ApiError, PspSandbox, reportCsv, type BrowserNext } from './sandbox.ts';
import { randomUUID } from 'node:crypto';
import { sameSecret } from './signing.ts';
import { SandboxStore, type Session } from './store.ts';
import { STYLESHEET } from './stylesheet.ts';

export { pspSandboxOptions } from './config.ts';

export const PSP_SANDBOX_NAME = 'Sandbox payment provider';

export interface PspSandboxDependencies {
  /** The clock the control API moves; real time by default. */
  readonly clock?: AdjustableClock;
}

declare module 'fastify' {
  interface FastifyRequest {
    merchant?: SandboxMerchant;
  }
}

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, '1 to 255 visible ASCII characters');
const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((value) => !new URL(value).username && !new URL(value).password, 'no credentials in the URL');
const money = z.object({
  minor: z.number().int().min(1).max(99_999_999),
  currency: z.literal('EUR'),
});
const printable = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (value) => !Array.from(value).some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
      'no control characters',
    );

const sessionBody = z.strictObject({
  merchantId: z.string().min(1).max(40),
  amount: money,
  merchantReference: printable(64).pipe(z.string().min(1)),
  returnUrl: httpUrl,
  notificationUrl: httpUrl,
  language: z.enum(['fr', 'en']).default('fr'),
  description: printable(255).default(''),
});

const refundBody = z.strictObject({
  sessionId: z.string().min(1).max(64),
  amount: money,
  expectedRefundable: z.number().int().min(0).optional(),
  reason: printable(255).optional(),
});

const lyraOrderBody = z.object({ orderId: z.string().min(1).max(64) });
const lyraUuidBody = z.object({ uuid: z.string().min(1).max(64) });
const lyraRefundBody = z.object({
  uuid: z.string().min(1).max(64),
  amount: z.number().int().min(1).max(99_999_999),
  currency: z.literal('EUR'),
  comment: printable(255).optional(),
  metadata: z.record(z.string().max(64), z.string().max(255)).optional(),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isIsoDate, 'not a date');
const reportQuery = z
  .object({ from: isoDate, to: isoDate, format: z.enum(['json', 'csv']).optional() })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine(
    (q) => Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) < 366 * 86_400_000,
    'a report covers 366 days at most',
  );

const clockBody = z.strictObject({
  advanceSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400),
});

function invalid(error: z.ZodError): ApiError & { issues: { path: string; message: string }[] } {
  const apiError = new ApiError(400, 'invalid_request', 'the request is not valid') as ApiError & {
    issues: { path: string; message: string }[];
  };
  apiError.issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return apiError;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

function requireIdempotencyKey(request: FastifyRequest): string {
  const header = request.headers['idempotency-key'];
  const result = idempotencyKey.safeParse(header);
  if (!result.success) throw new ApiError(400, 'idempotency_key_required', 'send an Idempotency-Key header');
  return result.data;
}

function merchantOf(request: FastifyRequest): SandboxMerchant {
  if (!request.merchant) throw new ApiError(401, 'unauthenticated', 'send the merchant secret as a bearer token');
  return request.merchant;
}

/** Headers of every page; `formTarget` adds the origin a form's redirect may land on. */
function pageHeaders(formTarget?: string): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formTarget ? ` ${new URL(formTarget).origin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

function timeInMonaco(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-MC' : 'en-GB', {
    timeZone: 'Europe/Monaco',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
}

function errorLine(message: string, error: unknown): void {
  process.stderr.write(
    `${PSP_SANDBOX_NAME}: ${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

function asRecord(body: unknown): Readonly<Record<string, unknown>> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function buildPspSandbox(options: PspSandboxOptions, deps: PspSandboxDependencies = {}): FastifyInstance {
  assertNotProduction(PSP_SANDBOX_NAME, options.nodeEnv);
  const clock = deps.clock ?? new AdjustableClock();
  const sandbox = new PspSandbox(options, clock, new SandboxStore(options.stateDir));
  // 64 kB: room for a 10 kB field to be refused with a message rather than a bare 413.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

  if (options.background) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      sandbox
        .flush()
        .catch((error: unknown) => errorLine('delivering notifications', error))
        .finally(() => {
          running = false;
        });
    }, 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  const html = (reply: FastifyReply, status: number, page: Parameters<typeof renderPage>[0], formTarget?: string) =>
    reply.code(status).headers(pageHeaders(formTarget)).type('text/html; charset=utf-8').send(renderPage(page));

  app.setErrorHandler(async (error: unknown, request, reply) => {
    const status =
      error instanceof ApiError
        ? error.status
        : typeof (error as { statusCode?: unknown }).statusCode === 'number'
          ? (error as { statusCode: number }).statusCode
          : 500;
    if (status >= 500) errorLine(`${request.method} ${request.url.split('?', 1)[0] ?? ''}`, error);
    if (request.url.startsWith('/api/')) {
      const body =
        error instanceof ApiError
          ? { code: error.code, message: error.message, ...('issues' in error ? { issues: error.issues } : {}) }
          : status < 500 && error instanceof Error
            ? { code: 'bad_request', message: error.message }
            : { code: 'internal_error', message: 'the sandbox could not handle the request' };
      return reply.code(status).send({ error: body });
    }
    const m = messagesFor('fr');
    return html(
      reply,
      status >= 500 ? 500 : status,
      MessagePage({ lang: 'fr', title: m.states.errorTitle, body: m.states.errorBody }),
    );
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/'))
      return reply.code(404).send({ error: { code: 'not_found', message: 'no such path' } });
    const m = messagesFor('fr');
    return html(reply, 404, MessagePage({ lang: 'fr', title: m.states.notFoundTitle, body: m.states.notFoundBody }));
  });

  void app.register(formbody);

  // ---------------------------------------------------------------------------------------------
  // Pages

  app.get(sandboxRoutes.healthz.pattern, async () => ({ status: 'ok', service: PSP_SANDBOX_NAME }));
  app.get(sandboxRoutes.stylesheet.pattern, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
  app.get<{ Querystring: { lang?: string } }>(sandboxRoutes.home.pattern, async (request, reply) =>
    html(reply, 200, HomePage({ lang: chooseLang(request.query.lang), publicUrl: options.publicUrl })),
  );

  const summaryOf = (session: Session, lang: Lang): PaymentSummary => ({
    merchantName: sandbox.merchant(session.merchantId)?.name ?? session.merchantId,
    amountMinor: session.amountMinor,
    description: session.description,
    merchantReference: session.merchantReference,
    expiresAt: timeInMonaco(lang, session.expiresAt),
  });

  /** The page of a session that no longer takes the card form. */
  const statePage = (reply: FastifyReply, session: Session, lang: Lang, status: number) => {
    const m = messagesFor(lang);
    const back = sandbox.returnUrl(session);
    if (session.status === 'expired')
      return html(
        reply,
        status === 200 ? 200 : 410,
        MessagePage({ lang, title: m.states.expiredTitle, body: m.states.expiredBody, backHref: back }),
      );
    // A second submission, whatever became of the first, is told the payment was already sent.
    if (session.status === 'pending' || status === 409)
      return html(
        reply,
        status,
        MessagePage({ lang, title: m.states.inProgressTitle, body: m.states.inProgressBody, backHref: back }),
      );
    return html(
      reply,
      status,
      MessagePage({ lang, title: m.states.finishedTitle, body: m.states.finishedBody, backHref: back }),
    );
  };

  const notFound = (reply: FastifyReply, lang: Lang) => {
    const m = messagesFor(lang);
    return html(reply, 404, MessagePage({ lang, title: m.states.notFoundTitle, body: m.states.notFoundBody }));
  };

  const forbidden = (reply: FastifyReply, session: Session, lang: Lang) => {
    const m = messagesFor(lang);
    return html(
      reply,
      403,
      MessagePage({ lang, title: m.states.forbiddenTitle, body: m.states.forbiddenBody }),
      session.returnUrl,
    );
  };

  const goNext = (reply: FastifyReply, session: Session, lang: Lang, next: BrowserNext) => {
    if (next.kind === 'three_d_secure')
      return reply.code(303).headers(pageHeaders()).redirect(sandboxRoutes.threeDS.url(session.token, lang), 303);
    if (next.kind === 'close_tab') {
      const m = messagesFor(lang);
      return html(reply, 200, MessagePage({ lang, title: m.states.closeTabTitle, body: m.states.closeTabBody }));
    }
    return reply.headers(pageHeaders(next.url)).redirect(next.url, 303);
  };

  const csrfOk = (body: Readonly<Record<string, unknown>>, session: Session) =>
    typeof body.csrf === 'string' && sameSecret(body.csrf, session.csrf);

  type TokenRequest = { Params: { token: string }; Querystring: { lang?: string } };

  app.get<TokenRequest>(sandboxRoutes.pay.pattern, async (request, reply) => {
    const session = sandbox.sessionByToken(request.params.token);
    if (!session) return notFound(reply, chooseLang(request.query.lang));
    const lang = chooseLang(request.query.lang, session.language);
    if (session.status === 'pending' && session.threeDS === 'challenge')
      return reply.headers(pageHeaders()).redirect(sandboxRoutes.threeDS.url(session.token, lang), 303);
    if (!sandbox.payable(session)) return statePage(reply, session, lang, 200);
    return html(
      reply,
      200,
      PaymentPage({ lang, token: session.token, csrf: session.csrf, summary: summaryOf(session, lang) }),
      session.returnUrl,
    );
  });

  app.post<TokenRequest>(sandboxRoutes.pay.pattern, async (request, reply) => {
    const body = asRecord(request.body);
    const session = sandbox.sessionByToken(request.params.token);
    if (!session) return notFound(reply, chooseLang(body.lang ?? request.query.lang));
    const lang = chooseLang(body.lang ?? request.query.lang, session.language);
    if (!sandbox.payable(session)) return statePage(reply, session, lang, 409);
    if (!csrfOk(body, session)) return forbidden(reply, session, lang);
    if (body.action === 'annuler') return goNext(reply, session, lang, await sandbox.cancel(session));
    const form = readCardForm(body, messagesFor(lang), clock.now());
    if (!form.ok)
      return html(
        reply,
        400,
        PaymentPage({
          lang,
          token: session.token,
          csrf: session.csrf,
          summary: summaryOf(session, lang),
          errors: form.errors,
          kept: form.kept,
        }),
        session.returnUrl,
      );
    return goNext(reply, session, lang, await sandbox.submitCard(session, { digits: form.digits }));
  });

  const inChallenge = (session: Session) => session.status === 'pending' && session.threeDS === 'challenge';

  app.get<TokenRequest>(sandboxRoutes.threeDS.pattern, async (request, reply) => {
    const session = sandbox.sessionByToken(request.params.token);
    if (!session || session.threeDS === undefined) return notFound(reply, chooseLang(request.query.lang));
    const lang = chooseLang(request.query.lang, session.language);
    if (!inChallenge(session)) return statePage(reply, session, lang, 200);
    return html(
      reply,
      200,
      ChallengePage({
        lang,
        token: session.token,
        csrf: session.csrf,
        merchantName: summaryOf(session, lang).merchantName,
        amountMinor: session.amountMinor,
        last4: session.card?.last4 ?? '',
      }),
      session.returnUrl,
    );
  });

  app.post<TokenRequest>(sandboxRoutes.threeDS.pattern, async (request, reply) => {
    const body = asRecord(request.body);
    const session = sandbox.sessionByToken(request.params.token);
    if (!session || session.threeDS === undefined) return notFound(reply, chooseLang(body.lang ?? request.query.lang));
    const lang = chooseLang(body.lang ?? request.query.lang, session.language);
    if (!inChallenge(session)) return statePage(reply, session, lang, 409);
    if (!csrfOk(body, session)) return forbidden(reply, session, lang);
    if (body.action !== 'approuver' && body.action !== 'refuser') {
      const m = messagesFor(lang);
      return html(reply, 400, MessagePage({ lang, title: m.states.errorTitle, body: m.states.errorBody }));
    }
    return goNext(reply, session, lang, await sandbox.answerChallenge(session, body.action === 'approuver'));
  });

  // ---------------------------------------------------------------------------------------------
  // Lyra's form entry (vads dialect): a signed form posted by the parent's browser.

  app.post(sandboxRoutes.vadsPayment.pattern, async (request, reply) => {
    const result = openVadsSession(sandbox, request.body);
    if (!result.ok) {
      const m = messagesFor(result.lang);
      return html(
        reply,
        400,
        MessagePage({
          lang: result.lang,
          title: m.states.formRejectedTitle,
          body: m.states.formRejectedBody,
          details: result.issues.map((issue) => `${issue.field} : ${m.vadsProblems[issue.problem]}`),
        }),
      );
    }
    const { session } = result;
    return reply.headers(pageHeaders()).redirect(sandboxRoutes.pay.url(session.token, session.language), 303);
  });

  // Lyra's REST API V4 (vads dialect): Basic auth `shopId:password`, answers in an `answer` envelope.
  void app.register(async (lyra) => {
    lyra.addHook('onRequest', async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const merchant = lyraMerchantOf(sandbox, request.headers.authorization);
      if (!merchant) {
        void reply.header('www-authenticate', 'Basic realm="psp-sandbox"');
        throw new ApiError(401, 'unauthenticated', 'send the shop id and REST password (Basic auth)');
      }
      request.merchant = merchant;
    });
    lyra.setErrorHandler(async (error: unknown, request, reply) => {
      const webService = request.url.replace(/^\/api-payment\/V4\//, '').split('?', 1)[0] ?? '';
      if (error instanceof ApiError) {
        // Lyra answers a refused call with HTTP 200 and status ERROR; a bad login with 401.
        return reply.code(error.status === 401 ? 401 : 200).send(lyraError(webService, error));
      }
      const status = (error as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && status < 500)
        return reply.code(200).send(lyraError(webService, new ApiError(400, 'invalid_request', 'not valid JSON')));
      errorLine(`${request.method} ${request.url}`, error);
      return reply.code(500).send(lyraError(webService, new ApiError(500, 'internal_error', 'sandbox error')));
    });

    lyra.post(sandboxRoutes.lyraOrderGet.pattern, async (request) => {
      const { orderId } = parse(lyraOrderBody, request.body);
      return lyraEnvelope('Order/Get', {
        orderId,
        transactions: orderTransactions(sandbox, merchantOf(request), orderId),
        _type: 'V4/OrderTransactions',
      });
    });

    lyra.post(sandboxRoutes.lyraTransactionGet.pattern, async (request) => {
      const { uuid } = parse(lyraUuidBody, request.body);
      return lyraEnvelope('Transaction/Get', transactionByUuid(sandbox, merchantOf(request), uuid));
    });

    lyra.post(sandboxRoutes.lyraTransactionRefund.pattern, async (request) => {
      const merchant = merchantOf(request);
      const input = parse(lyraRefundBody, request.body);
      const reference = input.metadata?.refundKey;
      const { refund } = sandbox.createRefund(merchant, reference ?? randomUUID(), {
        sessionId: input.uuid,
        amount: { minor: input.amount, currency: 'EUR' },
        reason: input.comment,
        reference,
      });
      const session = sandbox.sessionOf(merchant, refund.sessionId);
      return lyraEnvelope('Transaction/Refund', lyraRefund(session, refund));
    });
  });

  // ---------------------------------------------------------------------------------------------
  // API (JSON; each call authenticated by its merchant's secret as a bearer token)

  void app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const merchant = sandbox.authenticate(request.headers.authorization);
      if (!merchant) {
        void reply.header('www-authenticate', 'Bearer realm="psp-sandbox"');
        throw new ApiError(401, 'unauthenticated', 'send the merchant secret as a bearer token');
      }
      request.merchant = merchant;
    });

    api.post(sandboxRoutes.sessions.pattern, async (request, reply) => {
      const merchant = merchantOf(request);
      const key = requireIdempotencyKey(request);
      const input = parse(sessionBody, request.body);
      const { session, replayed } = sandbox.createSession(merchant, key, input);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({
        id: session.id,
        status: session.status,
        hostedPageUrl: sandbox.hostedPageUrl(session),
        expiresAt: new Date(session.expiresAt).toISOString(),
      });
    });

    api.get<{ Params: { id: string } }>(sandboxRoutes.session.pattern, async (request) =>
      sandbox.sessionView(sandbox.sessionOf(merchantOf(request), request.params.id)),
    );

    api.post(sandboxRoutes.refunds.pattern, async (request, reply) => {
      const merchant = merchantOf(request);
      const key = requireIdempotencyKey(request);
      const input = parse(refundBody, request.body);
      const { refund, replayed } = sandbox.createRefund(merchant, key, input);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(sandbox.refundView(refund));
    });

    api.get<{ Params: { id: string } }>(sandboxRoutes.refund.pattern, async (request) =>
      sandbox.refundView(sandbox.refundOf(merchantOf(request), request.params.id)),
    );

    api.get(sandboxRoutes.reports.pattern, async (request, reply) => {
      const query = parse(reportQuery, request.query);
      const report = sandbox.report(merchantOf(request), query.from, query.to);
      const csv =
        query.format === 'csv' || (query.format === undefined && /text\/csv/.test(request.headers.accept ?? ''));
      if (!csv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="releve-${report.merchantId}-${query.from}-${query.to}.csv"`,
        )
        .send(reportCsv(report));
    });

    api.get(sandboxRoutes.notifications.pattern, async (request) =>
      sandbox.deliveriesOf(merchantOf(request)).map((delivery) => ({
        id: delivery.id,
        eventId: delivery.eventId,
        sessionId: delivery.sessionId,
        status: delivery.status,
        nextAttemptAt: delivery.status === 'scheduled' ? new Date(delivery.dueAt).toISOString() : null,
        attempts: delivery.attempts.map((attempt) => ({
          at: new Date(attempt.at).toISOString(),
          outcome: attempt.outcome,
        })),
      })),
    );

    // Test controls: move the clock forward, deliver what is due now.
    api.post(sandboxRoutes.controlClock.pattern, async (request) => {
      const { advanceSeconds } = parse(clockBody, request.body);
      clock.advance(advanceSeconds * 1000);
      sandbox.advance();
      return { now: new Date(clock.now()).toISOString() };
    });
    api.post(sandboxRoutes.controlFlush.pattern, async () => sandbox.flush());
  });

  return app;
}
