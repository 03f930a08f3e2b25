/** Valid dossiers ("Mes démarches") for tests, opened through the dossiers service; each test builds its own. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { openDossier } from '../../src/features/dossiers/dossiers.service.ts';

export interface DossierOverrides {
  /** The account the dossier belongs to. */
  readonly accountId: string;
  readonly procedureSlug?: string;
  readonly title?: { readonly fr: string; readonly en: string };
}

/** Opens a dossier (state `brouillon`, with its "created" event) for `accountId`, in its own transaction. */
export async function buildDossier(db: Kysely<Database>, overrides: DossierOverrides) {
  return db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: overrides.accountId,
      procedureSlug: overrides.procedureSlug ?? 'payer-la-cantine-ecole-du-parc',
      title: overrides.title ?? { fr: 'Cantine', en: 'Canteen' },
    }),
  );
}
