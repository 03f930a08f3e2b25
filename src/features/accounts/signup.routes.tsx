/** "Créer mon compte": not opened yet; the page says the service is coming. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { routes } from '../../paths.ts';
import { ComingSoonPage } from '../portal/views/coming-soon.page.tsx';

export interface SignUpRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
}

export async function signUpRoutes(app: FastifyInstance, _options: SignUpRoutesOptions): Promise<void> {
  app.get(routes.signUp.pattern, async (request, reply) => reply.page(<ComingSoonPage which="signUp" />));
}
