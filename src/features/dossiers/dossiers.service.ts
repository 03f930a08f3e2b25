/**
 * Dossiers: what "Mes démarches" lists. A feature opens a dossier when a user starts one of its
 * procedures and moves it along the transitions of dossier.states.ts; each change is an event of
 * the dossier's timeline. A user only ever reads their own dossiers.
 */
import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AccountRowsOf } from '../../db/account-rows.ts';
import type { Database } from '../../db/database.ts';
import type { StatementPart } from '../../db/statement-part.ts';
import { DOSSIER_STATES, canTransition, pathBetween, type DossierState } from './dossier.states.ts';

export type { DossierState };
import * as repository from './dossiers.repository.ts';

/** Thrown when a service asks for a transition that dossier.states.ts does not allow. */
export class DossierTransitionError extends Error {
  constructor(
    readonly from: DossierState,
    readonly to: DossierState,
  ) {
    super(`A dossier cannot go from ${from} to ${to}`);
    this.name = 'DossierTransitionError';
  }
}

export interface Dossier {
  readonly id: string;
  readonly reference: string;
  readonly procedureSlug: string;
  readonly title: { readonly fr: string; readonly en: string };
  readonly status: DossierState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface DossierEvent {
  readonly occurredAt: Date;
  readonly kind: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Letters and digits that cannot be mistaken for one another when read over the phone. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference to quote to the help desk: `MG-2026-7KQ4-X9PA`. Unique by a database constraint. */
export function newReference(now: Date = new Date()): string {
  const chars = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  return `MG-${now.getUTCFullYear()}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function dossierFromRow(row: Awaited<ReturnType<typeof repository.listForAccount>>[number]): Dossier {
  return {
    id: row.id,
    reference: row.reference,
    procedureSlug: row.procedure_slug,
    title: row.title,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function openDossier(
  trx: Kysely<Database>,
  input: { accountId: string; procedureSlug: string; title: { fr: string; en: string }; status?: DossierState },
): Promise<{ id: string; reference: string }> {
  const row = await repository.insertDossier(trx, {
    ...input,
    reference: newReference(),
    status: input.status ?? 'brouillon',
  });
  await repository.insertEvent(trx, row.id, 'created', { status: row.status });
  return { id: row.id, reference: row.reference };
}

/** Moves a dossier to `to` (row locked first); a transition the state machine refuses throws. */
export async function moveDossier(
  trx: Transaction<Database>,
  dossierId: string,
  to: DossierState,
  details: Record<string, unknown> = {},
  kind = 'status_changed',
): Promise<void> {
  const current = await repository.lockDossier(trx, dossierId);
  if (!current) throw new Error(`No dossier ${dossierId}`);
  if (current.status === to) return;
  if (!canTransition(current.status, to)) throw new DossierTransitionError(current.status, to);
  await repository.updateStatus(trx, dossierId, to);
  await repository.insertEvent(trx, dossierId, kind, { from: current.status, to, ...details });
}

/**
 * Records what happened to a dossier, as an event of kind `kind` (row locked first), and moves it
 * to `to` when given, by the allowed transitions (a declined payment paid after all goes back in
 * progress, then done). When the state machine has no way there (a dossier already done), the
 * event is recorded and the state left as it is: what happened is never lost.
 */
export async function recordOnDossier(
  trx: Transaction<Database>,
  dossierId: string,
  kind: string,
  details: Record<string, unknown>,
  to?: DossierState,
): Promise<void> {
  await recordOnDossiers(trx, [{ dossierId, kind, details, to }]);
}

/** What happened to one dossier, for `recordOnDossiers`. */
export interface DossierRecord {
  readonly dossierId: string;
  readonly kind: string;
  readonly details: Record<string, unknown>;
  readonly to?: DossierState | undefined;
}

/**
 * `recordOnDossier` for several records at once, in their order (two records of one dossier apply
 * one after the other), in one statement whatever their number. The state machine stays here: for
 * each dossier and each state it may be found in, the states and events the records lead to are
 * worked out beforehand; the statement locks the dossiers (in the order of their ids), then writes,
 * for each, what its locked state leads to. A record of a dossier that does not exist is dropped,
 * as `recordOnDossier` does.
 *
 * `alongside`: writes of other rooms in the same transaction (src/db/statement-part.ts), sent as
 * parts of this statement rather than in round trips of their own; they are made even when there
 * is no record. `last`: the caller sends nothing after this statement, which may then commit the
 * transaction (src/db/last-statement.ts).
 */
export async function recordOnDossiers(
  trx: Transaction<Database>,
  records: readonly DossierRecord[],
  alongside: readonly StatementPart[] = [],
  last = false,
): Promise<void> {
  if (records.length === 0 && alongside.length === 0) return;
  const plans: repository.DossierPlan[] = [];
  for (const dossierId of new Set(records.map((r) => r.dossierId))) {
    const mine = records.filter((r) => r.dossierId === dossierId);
    for (const start of DOSSIER_STATES) {
      const { state, moved, events } = playRecords(start, mine);
      plans.push({ dossierId, from: start, to: moved ? state : null, events });
    }
  }
  await repository.applyPlans(trx, plans, alongside, last);
}

/** The events `records` give a dossier found in state `start`, the state it ends in and whether it moved. */
function playRecords(
  start: DossierState,
  records: readonly DossierRecord[],
): { state: DossierState; moved: boolean; events: { kind: string; details: Record<string, unknown> }[] } {
  let state = start;
  let moved = false;
  const events: { kind: string; details: Record<string, unknown> }[] = [];
  for (const record of records) {
    const path = record.to === undefined ? [] : (pathBetween(state, record.to) ?? []);
    if (path.length === 0) {
      events.push({ kind: record.kind, details: record.details });
      continue;
    }
    for (const [index, next] of path.entries()) {
      events.push({
        kind: index === path.length - 1 ? record.kind : 'status_changed',
        details: { ...record.details, from: state, to: next },
      });
      state = next;
      moved = true;
    }
  }
  return { state, moved, events };
}

export async function listDossiers(db: Kysely<Database>, accountId: string): Promise<Dossier[]> {
  return (await repository.listForAccount(db, accountId)).map(dossierFromRow);
}

/** The account's dossiers as "Mes démarches" reads them with the session (a route's `accountRows`). */
export const myDossiersRows = repository.dossiersOfAccountRows;

/** Those rows as dossiers, in the order of listDossiers. */
export function dossiersFromRows(rows: AccountRowsOf<typeof myDossiersRows>): Dossier[] {
  return rows.map((row) =>
    dossierFromRow({ ...row, created_at: new Date(row.created_at), updated_at: new Date(row.updated_at) }),
  );
}

/** The account's own dossier with this reference and its timeline, or undefined. */
export async function findDossier(
  db: Kysely<Database>,
  accountId: string,
  reference: string,
): Promise<{ dossier: Dossier; events: DossierEvent[] } | undefined> {
  const row = await repository.findForAccount(db, accountId, reference);
  if (!row) return undefined;
  const events = await repository.listEvents(db, row.id);
  return {
    dossier: dossierFromRow(row),
    events: events.map((e) => ({ occurredAt: e.occurred_at, kind: e.kind, details: e.details })),
  };
}
