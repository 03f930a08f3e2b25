/** Every query on dossiers and their events. */
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type { AccountRef } from '../../db/account-rows.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { Database } from '../../db/database.ts';
import { lastStatement } from '../../db/last-statement.ts';
import type { StatementPart } from '../../db/statement-part.ts';
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

/**
 * What records lead a dossier to when it is found in state `from`: its new state (`null`: it stays)
 * and the events of its timeline, in order.
 */
export interface DossierPlan {
  readonly dossierId: string;
  readonly from: DossierState;
  readonly to: DossierState | null;
  readonly events: readonly { kind: string; details: Record<string, unknown> }[];
}

/**
 * One statement: the plans' dossiers locked (`for update`, in the order of their ids), then, for
 * each, the plan of the state it was locked in: its new state and its events (inserted in their
 * order, which is their timeline's). Plans of a dossier that does not exist do nothing. The update
 * joins the locked rows, so it writes the state the lock read (PostgreSQL re-reads a row changed
 * meanwhile before updating it). `alongside`: other rooms' writes of the same transaction, sent as
 * parts of this statement (and on their own when there is no plan). `last`: the statement is the
 * transaction's last (src/db/last-statement.ts).
 */
export async function applyPlans(
  trx: Transaction<Database>,
  plans: readonly DossierPlan[],
  alongside: readonly StatementPart[] = [],
  last = false,
): Promise<void> {
  // Writes of other rooms sent with this statement (see src/db/statement-part.ts).
  const others = alongside.map((part, index) => sql`${sql.id(`alongside_${index}`)} as (${part})`);
  const mark = last ? lastStatement : sql``;
  if (plans.length === 0) {
    if (others.length > 0) await sql`${mark}with ${sql.join(others)} select 1`.execute(trx);
    return;
  }
  const ids = [...new Set(plans.map((p) => p.dossierId))];
  const rows = plans.map((p, position) => ({
    dossier_id: p.dossierId,
    from_status: p.from,
    to_status: p.to,
    events: p.events,
    position,
  }));
  await sql`${mark}
    with ${others.length > 0 ? sql`${sql.join(others)},` : sql``}
    locked as (
      select id, status from dossier where id in (${sql.join(ids)}) order by id for update
    ),
    chosen as (
      select plan.* from locked
      join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as plan(dossier_id uuid, from_status text, to_status text, events jsonb, position integer)
        on plan.dossier_id = locked.id and plan.from_status = locked.status
    ),
    moved as (
      update dossier set status = chosen.to_status, updated_at = ${new Date()}
      from chosen
      where dossier.id = chosen.dossier_id and chosen.to_status is not null
    )
    insert into dossier_event (dossier_id, kind, details)
    select chosen.dossier_id, event.kind, event.details
    from chosen
    cross join lateral rows from (jsonb_to_recordset(chosen.events) as (kind text, details jsonb))
      with ordinality as event(kind, details, n)
    order by chosen.position, event.n`.execute(trx);
}

export async function updateStatus(trx: Kysely<Database>, dossierId: string, status: DossierState): Promise<void> {
  await trx.updateTable('dossier').set({ status, updated_at: new Date() }).where('id', '=', dossierId).execute();
}

/** An account's dossiers, newest first. */
function dossiersOf(db: Kysely<Database>, accountId: string | Expression<string>) {
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'procedure_slug', 'title', 'status', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .orderBy('updated_at', 'desc')
    .orderBy('reference');
}

/** The same, compiled once (src/db/compiled.ts). */
const listForAccountQuery = compiledOnce(1, (db, accountId: string) => dossiersOf(db, accountId));

/** "Mes démarches"'s dossiers, read with the session (src/db/account-rows.ts). */
export function dossiersOfAccountRows(db: Kysely<Database>, account: AccountRef) {
  return dossiersOf(db, account.id);
}

export async function listForAccount(db: Kysely<Database>, accountId: string) {
  return listForAccountQuery(db, accountId);
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
