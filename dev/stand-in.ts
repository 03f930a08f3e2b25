/**
 * Shared start-up of the development stand-ins (MConnect, sandbox payment provider): each is a
 * separate Fastify server on its own origin, and none may ever run in production.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface StandInOptions {
  readonly name: string;
  /** What the home page says, in French (the page's language) and in English. Plain text. */
  readonly description: { readonly fr: string; readonly en: string };
  readonly nodeEnv: string;
}

export function assertNotProduction(name: string, nodeEnv: string): void {
  if (nodeEnv === 'production') {
    throw new Error(`${name} is a development stand-in and refuses to start when NODE_ENV=production`);
  }
}

export function createStandIn({ name, description, nodeEnv }: StandInOptions): FastifyInstance {
  assertNotProduction(name, nodeEnv);
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok', service: name }));
  app.get('/', async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${name}</title></head><body><h1>${name}</h1><p>${description.fr}</p><p lang="en">${description.en}</p></body></html>`,
      ),
  );
  return app;
}
