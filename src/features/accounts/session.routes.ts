/** Logging out: a POST (with the form's anti-forgery token) that ends the session, then home. */
import type { FastifyInstance } from 'fastify';
import { routes } from '../../paths.ts';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.post(routes.logout.pattern, async (request, reply) => {
    await reply.endSession();
    return reply.redirect(routes.home.url(), 303);
  });
}
