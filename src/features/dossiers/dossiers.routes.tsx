/** "Mes démarches" and a dossier's page: signed-in users only, each sees only their own dossiers. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { paths } from '../../paths.ts';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import { accountRowsOf } from '../../plugins/session.ts';
import { dossiersFromRows, findDossier, myDossiersRows } from './dossiers.service.ts';
import { DossierPage } from './views/dossier.page.tsx';
import { MyProceduresPage } from './views/my-procedures.page.tsx';

/** A dossier reference as newReference() makes them; anything else cannot exist. */
const REFERENCE_PATTERN = /^MG-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

export async function dossiersRoutes(app: FastifyInstance, { db }: { db: Kysely<Database> }): Promise<void> {
  app.addHook('preHandler', requireSession);

  // The dossiers are read with the session, in one statement.
  app.get(paths.dossiers.mine.pattern, { config: { accountRows: myDossiersRows } }, async (request, reply) => {
    const dossiers = dossiersFromRows(accountRowsOf(request, myDossiersRows));
    return reply.page(<MyProceduresPage dossiers={dossiers} />);
  });

  app.get<{ Params: { reference: string } }>(paths.dossiers.dossier.pattern, async (request, reply) => {
    const reference = request.params.reference;
    // Another account's dossier is "not found", exactly like a dossier that does not exist.
    const found = REFERENCE_PATTERN.test(reference)
      ? await findDossier(db, sessionOf(request).accountId, reference)
      : undefined;
    if (!found) throw new NotFoundError('No such dossier for this account');
    return reply.page(<DossierPage dossier={found.dossier} events={found.events} />);
  });
}
