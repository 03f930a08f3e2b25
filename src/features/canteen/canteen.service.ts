/**
 * The canteen: establishments with a canteen and the creditor that bills each. The catalogue asks
 * it for the establishments to derive one "Payer la cantine" procedure from each.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import * as repository from './canteen.repository.ts';
import type { EstablishmentKind, EstablishmentSummary } from './canteen.types.ts';

export type { CanteenProcedureRef, EstablishmentKind, EstablishmentSummary } from './canteen.types.ts';

const ESTABLISHMENT_KIND_ORDER: Record<EstablishmentKind, number> = { ecole: 0, college: 1, lycee: 2 };

export class CanteenService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Establishments with a canteen: schools, then the collège, then the lycées, by name within each. */
  async establishmentsWithCanteen(): Promise<EstablishmentSummary[]> {
    const rows = await repository.listEstablishmentsWithCanteen(this.db);
    return rows
      .map((row) => ({
        slug: row.slug,
        name: row.name,
        kind: row.kind,
        address: row.address,
        creditorName: row.creditor_name,
      }))
      .sort(
        (a, b) =>
          ESTABLISHMENT_KIND_ORDER[a.kind] - ESTABLISHMENT_KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'fr'),
      );
  }
}
