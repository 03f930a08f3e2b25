/** The canteen's establishments (écoles, collège, lycées) and the creditor (régie) that bills each. */
export type EstablishmentKind = 'ecole' | 'college' | 'lycee';

export interface EstablishmentSummary {
  readonly slug: string;
  readonly name: string;
  readonly kind: EstablishmentKind;
  readonly address: string;
  /** The creditor (régie or caterer) that bills the establishment's meals. */
  readonly creditorName: string;
}

/** A procedure as the canteen routes need it: which kind, its title, and its establishment. */
export interface CanteenProcedureRef {
  readonly slug: string;
  readonly kind: 'canteen' | 'external';
  readonly title: Readonly<Record<'fr' | 'en', string>>;
  readonly establishment: EstablishmentSummary | null;
  /** The catalogue revision the reference was read at (keys the shared PDF cache). */
  readonly revision: string;
}

/** Invoice states (French labels in i18n `canteen.invoiceStatus`); transitions in invoice.states.ts. */
export type InvoiceStatus = 'draft' | 'to_pay' | 'partially_paid' | 'paid' | 'cancelled';

/** One problem of an operator's input: where (line and field of a file, or an option) and why. */
export interface InputProblem {
  /** 1-based line of the file, counting the header; absent for an option. */
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

/**
 * Thrown when an operator's input (a file, an option) is refused; nothing of it was written.
 * `message` lists every problem, one a line, in French.
 */
export class CanteenInputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(
      problems
        .slice(0, 50)
        .map((p) => (p.line === undefined ? `${p.field} : ${p.message}` : `ligne ${p.line}, ${p.field} : ${p.message}`))
        .concat(problems.length > 50 ? [`… et ${problems.length - 50} autre(s) erreur(s)`] : [])
        .join('\n'),
    );
    this.name = 'CanteenInputError';
  }
}

export interface BillLine {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly sharePercent: number;
  readonly totalCents: number;
}

/** An invoice as a parent or an operator reads it. Amounts in integer cents. */
export interface Bill {
  readonly id: string;
  readonly number: string | null;
  readonly month: string;
  readonly status: InvoiceStatus;
  readonly payerEmail: string;
  readonly establishmentSlug: string;
  readonly establishmentName: string;
  readonly creditorName: string;
  readonly totalCents: number;
  readonly netCents: number;
  readonly vatCents: number;
  readonly vatRateBasisPoints: number;
  readonly paidCents: number;
  readonly paymentReference: string | null;
  readonly issuedOn: string | null;
  readonly onlineDeadline: string | null;
  readonly dueDate: string | null;
  readonly lines: readonly BillLine[];
}

/** A pupil linked to a parent's account. */
export interface LinkedChild {
  readonly pupilId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly className: string;
  readonly schoolYear: string;
  readonly leftOn: string | null;
  readonly establishmentSlug: string;
  readonly establishmentName: string;
  readonly role: 'payer' | 'viewer';
  readonly sharePercent: number;
}

/** The canteen procedure of an establishment, as the catalogue lists it (`payer-la-cantine-<code>`). */
export function canteenProcedureSlug(establishmentSlug: string): string {
  return `payer-la-cantine-${establishmentSlug}`;
}
