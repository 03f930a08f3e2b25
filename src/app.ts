/**
 * buildApp(deps): registers the cross-cutting plugins, then every feature with its prefix, and
 * returns the app without listening. server.ts listens; tests call buildApp and `inject`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { PROJECT_ROOT } from './lib/project-root.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { CatalogueService } from './features/portal/catalogue.service.ts';
import { portalRoutes } from './features/portal/portal.routes.tsx';
import { errorsPlugin, frameworkErrorHandler } from './plugins/errors.tsx';
import { i18nPlugin } from './plugins/i18n.ts';
import { renderPlugin } from './plugins/render.ts';
import { securityPlugin } from './plugins/security.ts';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');

export interface AppDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  /** Fastify's logger settings; tests pass `false`. */
  readonly logger?: FastifyServerOptions['logger'];
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
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

export async function buildApp({ config, database, logger = loggerOptions(config) }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(securityPlugin, { config });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(i18nPlugin);
  await app.register(renderPlugin);
  await app.register(errorsPlugin);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/public/',
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '1h',
  });

  const catalogue = new CatalogueService(database.db, config.catalogueRefreshSeconds);

  await app.register(healthRoutes, { database });
  await app.register(portalRoutes, { config, catalogue });
  return app;
}
