/** "Identifiant oublié" and "Mot de passe oublié": not opened yet; the pages say the service is coming. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { routes } from '../../paths.ts';
import { ComingSoonPage } from '../portal/views/coming-soon.page.tsx';

export interface RecoveryRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
}

export async function recoveryRoutes(app: FastifyInstance, _options: RecoveryRoutesOptions): Promise<void> {
  app.get(routes.forgottenIdentifier.pattern, async (request, reply) => reply.page(<ComingSoonPage which="forgottenIdentifier" />));
  app.get(routes.forgottenPassword.pattern, async (request, reply) => reply.page(<ComingSoonPage which="forgottenPassword" />));
}
