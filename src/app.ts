/**
 * buildApp(deps): registers the cross-cutting plugins, then every feature with its prefix, and
 * returns the app without listening. server.ts listens; tests call buildApp and `inject`.
 */
import path from 'node:path';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { LazyChildLogger } from './lib/lazy-logger.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { PROJECT_ROOT } from './lib/project-root.ts';
import { paths } from './paths.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { CatalogueService, findEntry } from './features/catalogue/catalogue.service.ts';
import { siteRoutes } from './features/site/site.routes.tsx';
import { catalogueRoutes } from './features/catalogue/catalogue.routes.tsx';
import { CanteenService } from './features/canteen/canteen.service.ts';
import { canteenRoutes } from './features/canteen/canteen.routes.tsx';
import { parentRoutes } from './features/canteen/parent.routes.tsx';
import { canteenInvoiceHandler, type CanteenPaymentDeps } from './features/canteen/payment.service.ts';
import {
  PayableRegistry,
  PaymentsService,
  paymentProviderFrom,
  type PaymentProvider,
} from './features/payments/payments.service.ts';
import { paymentsRoutes } from './features/payments/payments.routes.tsx';
import { AccountHookRegistry, databaseSessionStore } from './features/accounts/accounts.service.ts';
import { sessionRoutes } from './features/accounts/session.routes.tsx';
import { loginRoutes } from './features/accounts/login.routes.tsx';
import { dossierAccountHooks } from './features/dossiers/dossiers.account-hooks.ts';
import { dossiersRoutes } from './features/dossiers/dossiers.routes.tsx';
import { profileLinkRoutes, profileRoutes } from './features/accounts/profile.routes.tsx';
import { recoveryRoutes } from './features/accounts/recovery.routes.tsx';
import { signUpRoutes } from './features/accounts/signup.routes.tsx';
import { mconnectAccountHooks } from './features/mconnect/mconnect.account-hooks.tsx';
import type { MconnectClient } from './features/mconnect/mconnect.client.ts';
import { mconnectRoutes } from './features/mconnect/mconnect.routes.tsx';
import { mconnectClientFrom } from './features/mconnect/mconnect.settings.ts';
import { devMailboxRoutes } from './features/notifications/dev-mailbox.routes.tsx';
import { MailService } from './features/notifications/mail.service.ts';
import type { JobQueue } from './jobs/queue.ts';
import { errorsPlugin, frameworkErrorHandler } from './plugins/errors.tsx';
import { i18nPlugin, LANG_COOKIE } from './plugins/i18n.ts';
import { EarlyAnswers, serverWithEarlyAnswers } from './plugins/early-answers.ts';
import { renderPlugin } from './plugins/render.ts';
import { PageCache } from './lib/page-cache.ts';
import { answerHeaders, newRequestId, securityPlugin } from './plugins/security.ts';
import { sessionCookieName, sessionPlugin } from './plugins/session.ts';
import { csrfPlugin } from './plugins/csrf.ts';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');

export interface AppDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  /** Fastify's logger settings; tests pass `false`. */
  readonly logger?: NonNullable<FastifyServerOptions['logger']>;
  /**
   * The job queue (jobs/queue.ts): features enqueue e-mails through it. Optional so that tests
   * that send no mail need none; `app.mail.enqueue` then throws rather than lose a message.
   */
  readonly jobs?: JobQueue | undefined;
  /**
   * The MConnect client: by default built from the configuration (none when MConnect is off);
   * tests pass one that talks to the stand-in or to a hostile provider, or null.
   */
  readonly mconnect?: MconnectClient | null;
  /** The payment provider: by default the one of the configuration (the sandbox's API). */
  readonly paymentProvider?: PaymentProvider;
}

/** The payable kinds and their handlers: what the portal sells (the canteen's bills for now). */
export function payableRegistry(deps: CanteenPaymentDeps): PayableRegistry {
  return new PayableRegistry().register(canteenInvoiceHandler(deps));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Outgoing mail, written to the job queue in the caller's transaction. */
    mail: MailService;
  }
}

export function loggerOptions(config: Config): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.logLevel,
    // Never log cookies, credentials or query strings (they may carry tokens or personal data).
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

/**
 * Fastify's trust-proxy option from `TRUST_PROXY` (never `true`: see docs/security.md). A hop count
 * trusts that many addresses from the right of X-Forwarded-For, the connection's peer first
 * (Fastify's own number option trusts nothing); a list trusts only those proxies.
 */
function trustProxyOption(
  setting: Config['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return [...setting];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, logger = loggerOptions(config), jobs } = deps;
  const headers = answerHeaders(config);
  const canteen = new CanteenService(database.db);
  const catalogue = new CatalogueService(database.db, canteen, config.catalogueRefreshSeconds);
  // The anonymous pages kept in memory, answered before routing where nothing can change them.
  const pageCache = new PageCache();
  const early = new EarlyAnswers({
    pages: pageCache,
    headers,
    currentRevision: () => catalogue.freshRevision(),
    // A shared page depends on these cookies only (signed in or not, and the language).
    routedCookies: [sessionCookieName(config), LANG_COOKIE],
  });
  const app = Fastify({
    logger,
    serverFactory: serverWithEarlyAnswers(early),
    genReqId: newRequestId,
    requestIdHeader: false,
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 64 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler(headers),
    // A request's child logger is made when the request first writes a line, not for every request.
    childLoggerFactory: (parent, bindings, options) => new LazyChildLogger(parent, bindings, options),
  });

  // The security headers and the request's reference, put on the reply when a request arrives.
  await app.register(securityPlugin, { config, headers });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(sessionPlugin, { config, store: databaseSessionStore(database.db) });
  await app.register(csrfPlugin, { config });
  await app.register(i18nPlugin);
  await app.register(renderPlugin, { pageCache });
  await app.register(errorsPlugin);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: paths.site.staticFile.pattern,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '1h',
  });

  app.decorate('mail', new MailService(jobs));

  await app.register(healthRoutes, { database });
  await app.register(siteRoutes, { config, db: database.db, catalogue, canteen });
  await app.register(catalogueRoutes, { config, catalogue });
  await app.register(canteenRoutes, {
    config,
    // The canteen reads its procedures from the catalogue, which derives them from its establishments.
    findProcedure: async (slug) => {
      const snapshot = await catalogue.snapshot();
      const entry = findEntry(snapshot, slug);
      return {
        slug: entry.slug,
        kind: entry.kind,
        title: { fr: entry.content.fr.title, en: entry.content.en.title },
        establishment: entry.establishment,
        revision: snapshot.revision,
      };
    },
  });
  const mconnect = deps.mconnect === undefined ? mconnectClientFrom(config) : deps.mconnect;
  // What other features attach to an account: closing it, its data download, "Mon profil".
  const accountHooks = new AccountHookRegistry();
  accountHooks.register(mconnectAccountHooks({ enabled: mconnect !== null }));
  accountHooks.register(dossierAccountHooks);
  await app.register(sessionRoutes, {
    db: database.db,
    mconnectLogoutUrl: mconnect ? (idToken) => mconnect.endSessionUrl(idToken) : undefined,
  });
  await app.register(loginRoutes, { config, db: database.db, mconnect: mconnect !== null });
  if (mconnect) await app.register(mconnectRoutes, { config, db: database.db, client: mconnect });
  await app.register(signUpRoutes, { config, db: database.db, mconnect: mconnect !== null });
  await app.register(recoveryRoutes, { config, db: database.db });
  await app.register(dossiersRoutes, { db: database.db });
  const payments = new PaymentsService({
    db: database.db,
    provider: deps.paymentProvider ?? paymentProviderFrom(config.payments),
    registry: payableRegistry({ mail: app.mail, publicUrl: config.publicUrl, logger: app.log }),
    publicUrl: config.publicUrl,
    tokenSecret: config.sessionSecret,
    logger: app.log,
    notificationsAtOnce: { running: config.paymentNotificationsAtOnce },
  });
  await app.register(parentRoutes, { db: database.db, payments });
  await app.register(paymentsRoutes, { payments });
  await app.register(profileRoutes, { config, db: database.db, hooks: accountHooks });
  await app.register(profileLinkRoutes, { config, db: database.db, hooks: accountHooks });
  // Development only: without SMTP_URL, and never in production (the routes are not registered).
  await app.register(devMailboxRoutes, { config, database });
  early.start(app.log);
  // While the app closes, Fastify answers every request (503, and closes the connection).
  app.addHook('preClose', (done) => {
    early.stop();
    done();
  });
  return app;
}
