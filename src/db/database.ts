/**
 * The `Database` type: one interface per table, true to the migrations (checked by
 * `test/schema.test.ts` against the migrated schema). Row types for features live beside them.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** `timestamptz` comes back as a Date and may be written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CreditorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  invoice_prefix: string;
  vat_rate_basis_points: number;
  online_min_cents: number;
  online_max_cents: number;
  psp_merchant_id: string;
  created_at: Timestamp;
}

export interface EstablishmentTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: 'ecole' | 'college' | 'lycee';
  address: string;
  has_canteen: Generated<boolean>;
  creditor_id: number;
  created_at: Timestamp;
}

export interface ProcedureTable {
  id: Generated<number>;
  slug: string;
  theme: string;
  audiences: string[];
  popularity: Generated<number>;
  external_url: string;
  /** `{ fr: ProcedureContent, en: ProcedureContent }`, written as JSON text. */
  content: ColumnType<unknown, string, string>;
  published: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogueRevisionTable {
  id: number;
  /** bigint: returned as a string by both drivers. */
  revision: ColumnType<string, number, number>;
}

export interface Database {
  creditor: CreditorTable;
  establishment: EstablishmentTable;
  procedure: ProcedureTable;
  catalogue_revision: CatalogueRevisionTable;
}

export type CreditorRow = Selectable<CreditorTable>;
export type EstablishmentRow = Selectable<EstablishmentTable>;
export type ProcedureRow = Selectable<ProcedureTable>;
