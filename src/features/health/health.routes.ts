/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../db/connect.ts';
import { paths } from '../../paths.ts';

export async function healthRoutes(app: FastifyInstance, { database }: { database: DatabaseHandle }): Promise<void> {
  app.get(paths.health.live.pattern, { logLevel: 'warn' }, async (request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get(paths.health.ready.pattern, { logLevel: 'warn' }, async (request, reply) => {
    const ready = await database.ping();
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', database: ready ? 'ok' : 'unreachable' });
  });
}
