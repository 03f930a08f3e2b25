/**
 * The canteen: establishments with a canteen and the creditor that bills each. The catalogue asks
 * it for the establishments to derive one "Payer la cantine" procedure from each.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { addCents, cents, type Cents } from '../../lib/money.ts';
import * as repository from './canteen.repository.ts';
import type { EstablishmentKind, EstablishmentSummary, LinkedChild } from './canteen.types.ts';
import { childrenOfAccount } from './family.service.ts';
import { isPayable } from './invoice.states.ts';
import { billSummariesForAccount } from './parent.service.ts';

export type { CanteenProcedureRef, EstablishmentKind, EstablishmentSummary, LinkedChild } from './canteen.types.ts';

/** What an account's home page says of the canteen: the children linked to it and what is left to pay. */
export interface CanteenSummary {
  readonly children: readonly LinkedChild[];
  /** Bills still to pay, in full or in part. */
  readonly billsToPay: number;
  /** What is left to pay on them. */
  readonly dueCents: Cents;
}

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

  /** The children linked to the account and the bills it pays that are not paid yet. */
  async summaryOf(accountId: string): Promise<CanteenSummary> {
    const [children, bills] = await Promise.all([
      childrenOfAccount(this.db, accountId),
      billSummariesForAccount(this.db, accountId),
    ]);
    const due = bills.filter((bill) => isPayable(bill.status)).map((bill) => cents(bill.totalCents - bill.paidCents));
    const toPay = due.filter((amount) => amount > 0);
    return { children, billsToPay: toPay.length, dueCents: addCents(...toPay) };
  }
}
