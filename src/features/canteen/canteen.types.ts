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
