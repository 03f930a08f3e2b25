/**
 * The `Database` type stays true to the migrations: the compiler checks that each list below is
 * exactly the columns of its table's interface, and the test checks the lists against the schema
 * of the migrated database.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { createTestDatabase } from './helpers/database.ts';

/** `true` only when A and B are the same set of names (no distribution over unions). */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const creditorColumns = [
  'id',
  'slug',
  'name',
  'invoice_prefix',
  'vat_rate_basis_points',
  'online_min_cents',
  'online_max_cents',
  'psp_merchant_id',
  'address',
  'registration',
  'vat_number',
  'created_at',
] as const;
const _creditorColumnsAreExact: Exact<(typeof creditorColumns)[number], keyof Database['creditor']> = true;

const establishmentColumns = [
  'id',
  'slug',
  'name',
  'kind',
  'address',
  'has_canteen',
  'creditor_id',
  'created_at',
] as const;
const _establishmentColumnsAreExact: Exact<(typeof establishmentColumns)[number], keyof Database['establishment']> =
  true;

const procedureColumns = [
  'id',
  'slug',
  'theme',
  'audiences',
  'popularity',
  'external_url',
  'content',
  'published',
  'created_at',
  'updated_at',
] as const;
const _procedureColumnsAreExact: Exact<(typeof procedureColumns)[number], keyof Database['procedure']> = true;

const catalogueRevisionColumns = ['id', 'revision'] as const;
const _catalogueRevisionColumnsAreExact: Exact<
  (typeof catalogueRevisionColumns)[number],
  keyof Database['catalogue_revision']
> = true;

const accountColumns = [
  'id',
  'kind',
  'identifier',
  'identifier_key',
  'email',
  'email_key',
  'email_verified_at',
  'civility',
  'first_name',
  'last_name',
  'birth_date',
  'phone',
  'company_name',
  'company_rci',
  'company_nis',
  'password_hash',
  'password_changed_at',
  'language',
  'terms_accepted_at',
  'created_at',
  'updated_at',
  'closed_at',
] as const;
const _accountColumnsAreExact: Exact<(typeof accountColumns)[number], keyof Database['account']> = true;

const sessionColumns = [
  'id_hash',
  'account_id',
  'csrf_token',
  'created_at',
  'last_seen_at',
  'expires_at',
  'user_agent',
  'ip',
  'auth_method',
  'auth_acr',
  'mconnect_id_token',
] as const;
const _sessionColumnsAreExact: Exact<(typeof sessionColumns)[number], keyof Database['session']> = true;

const accountTokenColumns = [
  'id',
  'account_id',
  'purpose',
  'token_hash',
  'email',
  'created_at',
  'expires_at',
  'used_at',
] as const;
const _accountTokenColumnsAreExact: Exact<(typeof accountTokenColumns)[number], keyof Database['account_token']> = true;

const throttleColumns = ['key', 'failures', 'window_started_at', 'blocked_until'] as const;
const _throttleColumnsAreExact: Exact<(typeof throttleColumns)[number], keyof Database['throttle']> = true;

const auditEventColumns = ['id', 'occurred_at', 'account_id', 'event', 'ip', 'details'] as const;
const _auditEventColumnsAreExact: Exact<(typeof auditEventColumns)[number], keyof Database['audit_event']> = true;

const dossierColumns = [
  'id',
  'reference',
  'account_id',
  'procedure_slug',
  'title',
  'status',
  'created_at',
  'updated_at',
] as const;
const _dossierColumnsAreExact: Exact<(typeof dossierColumns)[number], keyof Database['dossier']> = true;

const dossierEventColumns = ['id', 'dossier_id', 'occurred_at', 'kind', 'details'] as const;
const _dossierEventColumnsAreExact: Exact<(typeof dossierEventColumns)[number], keyof Database['dossier_event']> = true;

const federatedIdentityColumns = [
  'id',
  'account_id',
  'issuer',
  'subject',
  'last_acr',
  'linked_at',
  'last_login_at',
] as const;
const _federatedIdentityColumnsAreExact: Exact<
  (typeof federatedIdentityColumns)[number],
  keyof Database['federated_identity']
> = true;

const oidcTransactionColumns = [
  'id_hash',
  'purpose',
  'account_id',
  'state',
  'nonce',
  'code_verifier',
  'acr',
  'max_age',
  'return_to',
  'created_at',
  'expires_at',
  'consumed_at',
] as const;
const _oidcTransactionColumnsAreExact: Exact<
  (typeof oidcTransactionColumns)[number],
  keyof Database['oidc_transaction']
> = true;

const mconnectPendingColumns = [
  'id_hash',
  'issuer',
  'subject',
  'acr',
  'id_token',
  'claims',
  'return_to',
  'account_id',
  'created_at',
  'expires_at',
  'consumed_at',
] as const;
const _mconnectPendingColumnsAreExact: Exact<
  (typeof mconnectPendingColumns)[number],
  keyof Database['mconnect_pending']
> = true;

const devMailColumns = ['id', 'to_address', 'subject', 'text_body', 'html_body', 'created_at'] as const;
const _devMailColumnsAreExact: Exact<(typeof devMailColumns)[number], keyof Database['dev_mail']> = true;

const schoolYearColumns = ['id', 'starts_on', 'ends_on'] as const;
const _schoolYearColumnsAreExact: Exact<(typeof schoolYearColumns)[number], keyof Database['school_year']> = true;

const pupilColumns = [
  'id',
  'establishment_id',
  'pupil_ref',
  'school_year_id',
  'last_name',
  'first_name',
  'birth_date',
  'class_name',
  'link_code',
  'left_on',
  'created_at',
  'updated_at',
] as const;
const _pupilColumnsAreExact: Exact<(typeof pupilColumns)[number], keyof Database['pupil']> = true;

const guardianLinkColumns = [
  'id',
  'pupil_id',
  'position',
  'email',
  'email_key',
  'role',
  'share_percent',
  'account_id',
  'linked_at',
] as const;
const _guardianLinkColumnsAreExact: Exact<(typeof guardianLinkColumns)[number], keyof Database['guardian_link']> = true;

const tariffColumns = ['id', 'establishment_id', 'valid_from', 'unit_price_cents', 'created_at'] as const;
const _tariffColumnsAreExact: Exact<(typeof tariffColumns)[number], keyof Database['tariff']> = true;

const mealColumns = ['pupil_id', 'eaten_on', 'quantity'] as const;
const _mealColumnsAreExact: Exact<(typeof mealColumns)[number], keyof Database['meal']> = true;

const invoiceCounterColumns = ['creditor_id', 'year', 'last_number'] as const;
const _invoiceCounterColumnsAreExact: Exact<(typeof invoiceCounterColumns)[number], keyof Database['invoice_counter']> =
  true;

const invoiceColumns = [
  'id',
  'creditor_id',
  'establishment_id',
  'month',
  'payer_email',
  'payer_email_key',
  'status',
  'total_cents',
  'net_cents',
  'vat_cents',
  'vat_rate_basis_points',
  'paid_cents',
  'year',
  'sequence',
  'number',
  'payment_reference',
  'issued_on',
  'online_deadline',
  'due_date',
  'published_at',
  'dossier_id',
  'created_at',
  'in_force',
] as const;
const _invoiceColumnsAreExact: Exact<(typeof invoiceColumns)[number], keyof Database['invoice']> = true;

const invoiceLineColumns = [
  'id',
  'invoice_id',
  'position',
  'pupil_id',
  'pupil_name',
  'period_start',
  'period_end',
  'quantity',
  'unit_price_cents',
  'share_percent',
  'total_cents',
] as const;
const _invoiceLineColumnsAreExact: Exact<(typeof invoiceLineColumns)[number], keyof Database['invoice_line']> = true;

const paymentBasketColumns = ['id', 'account_id', 'idempotency_key', 'return_path', 'created_at'] as const;
const _paymentBasketColumnsAreExact: Exact<(typeof paymentBasketColumns)[number], keyof Database['payment_basket']> =
  true;

const paymentAttemptColumns = [
  'id',
  'reference',
  'basket_id',
  'position',
  'account_id',
  'provider',
  'merchant_id',
  'amount_cents',
  'currency',
  'description',
  'locale',
  'state',
  'version',
  'provider_ref',
  'redirect',
  'return_token_hash',
  'failure_reason',
  'paid_cents',
  'paid_at',
  'test_mode',
  'expires_at',
  'created_at',
  'updated_at',
  'dossier_request',
  'dossier_id',
  'reconcile_failures',
  'reconcile_after',
] as const;
const _paymentAttemptColumnsAreExact: Exact<(typeof paymentAttemptColumns)[number], keyof Database['payment_attempt']> =
  true;

const paymentItemColumns = ['id', 'attempt_id', 'payable_kind', 'payable_ref', 'amount_cents', 'label'] as const;
const _paymentItemColumnsAreExact: Exact<(typeof paymentItemColumns)[number], keyof Database['payment_item']> = true;

const paymentEventColumns = [
  'id',
  'attempt_id',
  'kind',
  'source',
  'from_state',
  'to_state',
  'detail',
  'created_at',
] as const;
const _paymentEventColumnsAreExact: Exact<(typeof paymentEventColumns)[number], keyof Database['payment_event']> = true;

const paymentNotificationColumns = [
  'id',
  'provider',
  'dedupe_key',
  'raw_body',
  'status',
  'attempt_id',
  'detail',
  'received_at',
] as const;
const _paymentNotificationColumnsAreExact: Exact<
  (typeof paymentNotificationColumns)[number],
  keyof Database['payment_notification']
> = true;

const paymentLeaseColumns = [
  'id',
  'payable_kind',
  'payable_ref',
  'attempt_id',
  'until',
  'released_at',
  'created_at',
] as const;
const _paymentLeaseColumnsAreExact: Exact<(typeof paymentLeaseColumns)[number], keyof Database['payment_lease']> = true;

const paymentRefundColumns = [
  'id',
  'attempt_id',
  'amount_cents',
  'reason',
  'origin',
  'state',
  'idempotency_key',
  'provider_refund_id',
  'failure_reason',
  'created_at',
  'updated_at',
] as const;
const _paymentRefundColumnsAreExact: Exact<(typeof paymentRefundColumns)[number], keyof Database['payment_refund']> =
  true;

const paymentLedgerEntryColumns = [
  'id',
  'merchant_id',
  'attempt_id',
  'refund_id',
  'kind',
  'debit_account',
  'credit_account',
  'amount_cents',
  'created_at',
] as const;
const _paymentLedgerEntryColumnsAreExact: Exact<
  (typeof paymentLedgerEntryColumns)[number],
  keyof Database['payment_ledger_entry']
> = true;

const settlementImportColumns = [
  'id',
  'provider',
  'merchant_id',
  'period_from',
  'period_to',
  'file_sha256',
  'file_name',
  'lines',
  'gross_cents',
  'fee_cents',
  'net_cents',
  'imported_at',
] as const;
const _settlementImportColumnsAreExact: Exact<
  (typeof settlementImportColumns)[number],
  keyof Database['settlement_import']
> = true;

const settlementLineColumns = [
  'id',
  'import_id',
  'provider',
  'kind',
  'provider_ref',
  'provider_refund_ref',
  'day',
  'gross_cents',
  'fee_cents',
  'net_cents',
  'attempt_id',
  'refund_id',
] as const;
const _settlementLineColumnsAreExact: Exact<(typeof settlementLineColumns)[number], keyof Database['settlement_line']> =
  true;

const settlementMismatchColumns = [
  'id',
  'import_id',
  'kind',
  'merchant_id',
  'provider_ref',
  'provider_refund_ref',
  'attempt_id',
  'expected_cents',
  'settled_cents',
  'detail',
  'found_at',
  'resolved_at',
  'resolution',
] as const;
const _settlementMismatchColumnsAreExact: Exact<
  (typeof settlementMismatchColumns)[number],
  keyof Database['settlement_mismatch']
> = true;

const declaredColumns = {
  account: accountColumns,
  session: sessionColumns,
  federated_identity: federatedIdentityColumns,
  oidc_transaction: oidcTransactionColumns,
  mconnect_pending: mconnectPendingColumns,
  account_token: accountTokenColumns,
  throttle: throttleColumns,
  audit_event: auditEventColumns,
  dossier: dossierColumns,
  dossier_event: dossierEventColumns,
  dev_mail: devMailColumns,
  creditor: creditorColumns,
  establishment: establishmentColumns,
  procedure: procedureColumns,
  catalogue_revision: catalogueRevisionColumns,
  school_year: schoolYearColumns,
  pupil: pupilColumns,
  guardian_link: guardianLinkColumns,
  tariff: tariffColumns,
  meal: mealColumns,
  invoice_counter: invoiceCounterColumns,
  invoice: invoiceColumns,
  invoice_line: invoiceLineColumns,
  payment_basket: paymentBasketColumns,
  payment_attempt: paymentAttemptColumns,
  payment_item: paymentItemColumns,
  payment_event: paymentEventColumns,
  payment_notification: paymentNotificationColumns,
  payment_lease: paymentLeaseColumns,
  payment_refund: paymentRefundColumns,
  payment_ledger_entry: paymentLedgerEntryColumns,
  settlement_import: settlementImportColumns,
  settlement_line: settlementLineColumns,
  settlement_mismatch: settlementMismatchColumns,
} as const;
const _everyTableIsListed: Exact<keyof typeof declaredColumns, keyof Database> = true;

const database = await createTestDatabase();
after(() => database.close());

/** Table name → sorted column names of the migrated schema, without Kysely's own tables. */
async function migratedColumns(): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema()
      and t.table_type = 'BASE TABLE'
      and not starts_with(c.table_name, 'kysely_migration')
    order by c.table_name, c.column_name`.execute(database.db);
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

test('the migrated database has exactly the tables of the Database type', async () => {
  const tables = await migratedColumns();
  assert.deepEqual([...tables.keys()].sort(), Object.keys(declaredColumns).sort());
});

for (const [table, columns] of Object.entries(declaredColumns)) {
  test(`the ${table} table has exactly the columns its interface declares`, async () => {
    const tables = await migratedColumns();
    assert.deepEqual(tables.get(table), [...columns].sort());
  });
}

test('Kysely’s own migration tables are the only tables left out of the comparison', async () => {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(database.db);
  const ignored = rows.map((r) => r.table_name).filter((name) => !(name in declaredColumns));
  assert.deepEqual(ignored, ['kysely_migration', 'kysely_migration_lock']);
});

test('only the throttle counters are unlogged: every other table is written to the write-ahead log', async () => {
  const { rows } = await sql<{ relname: string }>`
    select relname from pg_class
    where relnamespace = current_schema()::regnamespace and relkind = 'r' and relpersistence = 'u'
    order by relname`.execute(database.db);
  assert.deepEqual(
    rows.map((r) => r.relname),
    ['throttle'],
  );
});
