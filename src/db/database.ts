/**
 * The `Database` type: one interface per table, true to the migrations (checked by
 * `test/schema.test.ts` against the migrated schema). Row types for features live beside them.
 */
import type { ColumnType, Generated, GeneratedAlways, Selectable } from 'kysely';

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
  /** Legal details printed on bills (null when unknown). */
  address: string | null;
  registration: string | null;
  vat_number: string | null;
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

/** `date` columns travel as 'YYYY-MM-DD' strings (parsed so by connect.ts on both drivers). */
type DateOnly = string;

export interface AccountTable {
  id: Generated<string>;
  kind: 'particulier' | 'professionnel';
  identifier: string;
  /** lower(identifier): unique, so identifiers are unique whatever their case. */
  identifier_key: string;
  email: string;
  /** lower(email): one e-mail may hold several accounts. */
  email_key: string;
  email_verified_at: Date | null;
  civility: 'madame' | 'monsieur' | null;
  first_name: string;
  last_name: string;
  birth_date: DateOnly | null;
  phone: string | null;
  company_name: string | null;
  company_rci: string | null;
  company_nis: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  language: Generated<'fr' | 'en'>;
  terms_accepted_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Date | null;
}

export interface SessionTable {
  /** sha256 of the cookie's random id: a database leak does not hand out sessions. */
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
  /** How this session was opened: a password, or MConnect (at the level `auth_acr`). */
  auth_method: Generated<'password' | 'mconnect'>;
  auth_acr: string | null;
  /** The ID token of an MConnect login, for the logout at MConnect (`id_token_hint`). */
  mconnect_id_token: string | null;
}

/** An MConnect identity linked to an account: one per account, and one account per (issuer, subject). */
export interface FederatedIdentityTable {
  id: Generated<string>;
  account_id: string;
  issuer: string;
  subject: string;
  last_acr: string | null;
  linked_at: Timestamp;
  last_login_at: Date | null;
}

/** A login at MConnect under way: what checks its answer; single use, a few minutes. */
export interface OidcTransactionTable {
  /** sha256 of the random id in the browser's transaction cookie. */
  id_hash: string;
  purpose: 'login' | 'link';
  /** For `link`: the signed-in account that asked. */
  account_id: string | null;
  state: string;
  nonce: string;
  code_verifier: string;
  acr: string;
  max_age: number | null;
  return_to: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: Date | null;
}

/** A first MConnect login waiting for the citizen's choice (link an account, create one, cancel). */
export interface MconnectPendingTable {
  /** sha256 of the random id in the browser's cookie: bound to that browser. */
  id_hash: string;
  issuer: string;
  subject: string;
  acr: string;
  id_token: string;
  claims: ColumnType<Record<string, unknown>, string, string>;
  return_to: string | null;
  /** Set once the citizen proved a local account with its password. */
  account_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: Date | null;
}

export interface AccountTokenTable {
  id: Generated<string>;
  account_id: string;
  purpose: 'email_verification' | 'password_reset' | 'email_change';
  token_hash: string;
  email: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface ThrottleTable {
  key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  blocked_until: Date | null;
}

export interface AuditEventTable {
  /** bigint: a string from both drivers. */
  id: Generated<string>;
  occurred_at: Timestamp;
  account_id: string | null;
  event: string;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface DossierTable {
  id: Generated<string>;
  reference: string;
  account_id: string;
  procedure_slug: string;
  /** `{ fr, en }` title of the procedure when the dossier was opened. */
  title: ColumnType<{ fr: string; en: string }, string, string>;
  status: 'brouillon' | 'en_cours' | 'terminee' | 'echouee' | 'annulee';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierEventTable {
  id: Generated<string>;
  dossier_id: string;
  occurred_at: Timestamp;
  kind: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface DevMailTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: Timestamp;
}

/** A school year, `2026-2027`: the dates meals may be eaten on. */
export interface SchoolYearTable {
  id: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
}

/** A pupil of an establishment's roll; `pupil_ref` is unique within the establishment. */
export interface PupilTable {
  id: Generated<string>;
  establishment_id: number;
  pupil_ref: string;
  school_year_id: string;
  last_name: string;
  first_name: string;
  birth_date: DateOnly;
  class_name: string;
  /** The code a parent types, with the birth date, to link the pupil to their account. */
  link_code: string;
  /** Set when a later roll no longer lists the pupil. */
  left_on: DateOnly | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A guardian of a pupil, named by the roll's e-mail, and the account once linked. */
export interface GuardianLinkTable {
  id: Generated<string>;
  pupil_id: string;
  position: 1 | 2;
  email: string;
  email_key: string;
  role: 'payer' | 'viewer';
  /** Per cent of the pupil's meals this payer pays (0 for a viewer). */
  share_percent: number;
  account_id: string | null;
  linked_at: Date | null;
}

export interface TariffTable {
  id: Generated<number>;
  establishment_id: number;
  valid_from: DateOnly;
  unit_price_cents: number;
  created_at: Timestamp;
}

export interface MealTable {
  pupil_id: string;
  eaten_on: DateOnly;
  quantity: number;
}

/** The last invoice number given per creditor and year (gap-free numbering). */
export interface InvoiceCounterTable {
  creditor_id: number;
  year: number;
  last_number: number;
}

export type InvoiceStatusRow = 'draft' | 'to_pay' | 'partially_paid' | 'paid' | 'cancelled';

export interface InvoiceTable {
  id: Generated<string>;
  creditor_id: number;
  establishment_id: number;
  /** `YYYY-MM`. */
  month: string;
  payer_email: string;
  payer_email_key: string;
  status: Generated<InvoiceStatusRow>;
  total_cents: number;
  net_cents: number;
  vat_cents: number;
  vat_rate_basis_points: number;
  paid_cents: Generated<number>;
  year: number | null;
  sequence: number | null;
  number: string | null;
  payment_reference: string | null;
  issued_on: DateOnly | null;
  online_deadline: DateOnly | null;
  due_date: DateOnly | null;
  published_at: Date | null;
  dossier_id: string | null;
  created_at: Timestamp;
  /**
   * Computed by the database from `status` (false once cancelled): the predicate of the
   * one-bill-per-payer-and-month index, which a payment leaves as it is (heap-only updates).
   */
  in_force: GeneratedAlways<boolean>;
}

export interface InvoiceLineTable {
  id: Generated<string>;
  invoice_id: string;
  position: number;
  pupil_id: string;
  pupil_name: string;
  period_start: DateOnly;
  period_end: DateOnly;
  quantity: number;
  unit_price_cents: number;
  share_percent: number;
  total_cents: number;
}

/** Payments (features/payments, ADR 0012). States in payments/attempt.states.ts. */
export type PaymentAttemptStateRow =
  | 'CREATING'
  | 'START_FAILED'
  | 'START_UNKNOWN'
  | 'REDIRECTED'
  | 'PENDING'
  | 'UNKNOWN'
  | 'SUCCEEDED'
  | 'DECLINED'
  | 'CANCELLED'
  | 'ERRORED'
  | 'EXPIRED'
  | 'SUCCEEDED_LATE'
  | 'NEEDS_REVIEW';

export interface PaymentBasketTable {
  id: Generated<string>;
  account_id: string;
  idempotency_key: string;
  /** Where the parent goes back to (the payable's own page), a path on this site. */
  return_path: string;
  created_at: Timestamp;
}

export interface PaymentAttemptTable {
  id: string;
  reference: string;
  basket_id: string;
  position: number;
  account_id: string;
  provider: string;
  merchant_id: string;
  amount_cents: number;
  currency: Generated<'EUR'>;
  description: string;
  /** The language of the provider's page: the same on every retry of the session (same body, same key). */
  locale: 'fr' | 'en';
  state: Generated<PaymentAttemptStateRow>;
  version: Generated<number>;
  provider_ref: string | null;
  /** The provider's redirect (`Redirect` of the port), JSON. */
  redirect: ColumnType<unknown, string | null | undefined, string | null>;
  return_token_hash: string;
  failure_reason: string | null;
  paid_cents: number | null;
  paid_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  test_mode: boolean;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The dossier the payable asked for (procedure slug and title), JSON; opened once redirected. */
  dossier_request: ColumnType<unknown, string | null | undefined, string | null>;
  /** Its dossier in "Mes démarches", once the payment reached the provider's page. */
  dossier_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The reconciler's failures in a row to get this attempt's status; reset by a status read. */
  reconcile_failures: Generated<number>;
  /** After failures, the reconciler asks again no sooner than this (back-off). */
  reconcile_after: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PaymentItemTable {
  id: Generated<string>;
  attempt_id: string;
  payable_kind: string;
  payable_ref: string;
  amount_cents: number;
  label: string;
}

export type PaymentEventSource = 'checkout' | 'notification' | 'return' | 'reconciler' | 'refund' | 'basket';

export interface PaymentEventTable {
  id: Generated<string>;
  attempt_id: string;
  kind: string;
  source: PaymentEventSource;
  from_state: string | null;
  to_state: string | null;
  detail: string | null;
  created_at: Timestamp;
}

export type PaymentNotificationStatus = 'RECEIVED' | 'APPLIED' | 'DUPLICATE' | 'PARKED' | 'REJECTED' | 'IGNORED_STALE';

export interface PaymentNotificationTable {
  id: Generated<string>;
  provider: string;
  dedupe_key: string;
  raw_body: string;
  status: PaymentNotificationStatus;
  attempt_id: string | null;
  detail: string | null;
  received_at: Timestamp;
}

export interface PaymentLeaseTable {
  id: Generated<string>;
  payable_kind: string;
  payable_ref: string;
  attempt_id: string;
  until: Timestamp;
  released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export type PaymentRefundState = 'requested' | 'submitted' | 'succeeded' | 'failed';

export interface PaymentRefundTable {
  id: string;
  attempt_id: string;
  amount_cents: number;
  reason: string;
  origin: 'agent' | 'overpayment' | 'provider';
  state: Generated<PaymentRefundState>;
  idempotency_key: string;
  provider_refund_id: string | null;
  failure_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type LedgerAccount = 'collected' | 'due' | 'overpaid' | 'suspense' | 'refunded';

export interface PaymentLedgerEntryTable {
  id: Generated<string>;
  merchant_id: string;
  attempt_id: string;
  refund_id: string | null;
  kind: 'capture' | 'overpayment' | 'review' | 'refund';
  debit_account: LedgerAccount;
  credit_account: LedgerAccount;
  amount_cents: number;
  created_at: Timestamp;
}

export interface SettlementImportTable {
  id: Generated<string>;
  provider: string;
  merchant_id: string;
  period_from: DateOnly;
  period_to: DateOnly;
  file_sha256: string;
  file_name: string;
  lines: number;
  gross_cents: ColumnType<string, number, number>;
  fee_cents: ColumnType<string, number, number>;
  net_cents: ColumnType<string, number, number>;
  imported_at: Timestamp;
}

export interface SettlementLineTable {
  id: Generated<string>;
  import_id: string;
  provider: string;
  kind: 'capture' | 'refund';
  provider_ref: string;
  provider_refund_ref: Generated<string>;
  day: DateOnly;
  gross_cents: number;
  fee_cents: number;
  net_cents: number;
  attempt_id: string | null;
  refund_id: string | null;
}

export type SettlementMismatchKind =
  'unknown_transaction' | 'amount_difference' | 'merchant_difference' | 'not_paid_here' | 'missing_settlement';

export interface SettlementMismatchTable {
  id: Generated<string>;
  import_id: string;
  kind: SettlementMismatchKind;
  merchant_id: string;
  provider_ref: string;
  provider_refund_ref: Generated<string>;
  attempt_id: string | null;
  expected_cents: number | null;
  settled_cents: number | null;
  detail: string;
  found_at: Timestamp;
  resolved_at: Timestamp | null;
  resolution: string | null;
}

export interface Database {
  account: AccountTable;
  session: SessionTable;
  federated_identity: FederatedIdentityTable;
  oidc_transaction: OidcTransactionTable;
  mconnect_pending: MconnectPendingTable;
  account_token: AccountTokenTable;
  throttle: ThrottleTable;
  audit_event: AuditEventTable;
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  dev_mail: DevMailTable;
  creditor: CreditorTable;
  establishment: EstablishmentTable;
  procedure: ProcedureTable;
  catalogue_revision: CatalogueRevisionTable;
  school_year: SchoolYearTable;
  pupil: PupilTable;
  guardian_link: GuardianLinkTable;
  tariff: TariffTable;
  meal: MealTable;
  invoice_counter: InvoiceCounterTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
  payment_basket: PaymentBasketTable;
  payment_attempt: PaymentAttemptTable;
  payment_item: PaymentItemTable;
  payment_event: PaymentEventTable;
  payment_notification: PaymentNotificationTable;
  payment_lease: PaymentLeaseTable;
  payment_refund: PaymentRefundTable;
  payment_ledger_entry: PaymentLedgerEntryTable;
  settlement_import: SettlementImportTable;
  settlement_line: SettlementLineTable;
  settlement_mismatch: SettlementMismatchTable;
}

export type CreditorRow = Selectable<CreditorTable>;
export type EstablishmentRow = Selectable<EstablishmentTable>;
export type ProcedureRow = Selectable<ProcedureTable>;
export type AccountRow = Selectable<AccountTable>;
export type SessionRow = Selectable<SessionTable>;
