/** Every query on dossiers and their events. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DossierState } from './dossier.states.ts';

export async function insertDossier(
  trx: Kysely<Database>,
  row: {
    reference: string;
    accountId: string;
    procedureSlug: string;
    title: { fr: string; en: string };
    status: DossierState;
  },
) {
  return trx
    .insertInto('dossier')
    .values({
      reference: row.reference,
      account_id: row.accountId,
      procedure_slug: row.procedureSlug,
      title: JSON.stringify(row.title),
      status: row.status,
    })
    .returning(['id', 'reference', 'status'])
    .executeTakeFirstOrThrow();
}

export async function insertEvent(
  trx: Kysely<Database>,
  dossierId: string,
  kind: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .insertInto('dossier_event')
    .values({ dossier_id: dossierId, kind, details: JSON.stringify(details) })
    .execute();
}

export async function lockDossier(trx: Transaction<Database>, dossierId: string) {
  return trx.selectFrom('dossier').select(['id', 'status']).where('id', '=', dossierId).forUpdate().executeTakeFirst();
}

/** Locks dossiers, in the order of their ids (two transactions locking the same ones cannot deadlock). */
export async function lockDossiers(trx: Transaction<Database>, dossierIds: readonly string[]) {
  if (dossierIds.length === 0) return [];
  return trx
    .selectFrom('dossier')
    .select(['id', 'status'])
    .where('id', 'in', dossierIds)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * New states of locked dossiers and events (inserted in their order, which is their timeline's),
 * in one statement.
 */
export async function writeChanges(
  trx: Transaction<Database>,
  states: ReadonlyMap<string, DossierState>,
  events: readonly { dossierId: string; kind: string; details: Record<string, unknown> }[],
): Promise<void> {
  const rows = events.map((e) => ({ dossier_id: e.dossierId, kind: e.kind, details: JSON.stringify(e.details) }));
  if (states.size === 0) {
    if (rows.length > 0) await trx.insertInto('dossier_event').values(rows).execute();
    return;
  }
  const query = trx.with('moved', (db) =>
    db
      .updateTable('dossier')
      // Each dossier's new state, by id: one statement for all of them.
      .set({
        status: sql<DossierState>`(${JSON.stringify(Object.fromEntries(states))}::jsonb ->> id::text)`,
        updated_at: new Date(),
      })
      .where('id', 'in', [...states.keys()])
      .returning('id'),
  );
  if (rows.length > 0) await query.insertInto('dossier_event').values(rows).execute();
  else await query.selectFrom('moved').select('id').execute();
}

export async function updateStatus(trx: Kysely<Database>, dossierId: string, status: DossierState): Promise<void> {
  await trx.updateTable('dossier').set({ status, updated_at: new Date() }).where('id', '=', dossierId).execute();
}

export async function listForAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'procedure_slug', 'title', 'status', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .orderBy('updated_at', 'desc')
    .orderBy('reference')
    .execute();
}

export async function findForAccount(db: Kysely<Database>, accountId: string, reference: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'procedure_slug', 'title', 'status', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function listEvents(db: Kysely<Database>, dossierId: string) {
  return db
    .selectFrom('dossier_event')
    .select(['occurred_at', 'kind', 'details'])
    .where('dossier_id', '=', dossierId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** How many of the account's dossiers are under way. */
export async function countInProgress(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'en_cours')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
