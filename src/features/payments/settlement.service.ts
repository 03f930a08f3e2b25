/**
 * Reconciliation with the provider's settlement reports (ADR 0013). A report is read by the
 * provider's adapter (its own format, whole or not at all), then, in one transaction: imported once
 * (by the hash of its bytes), each line matched to a payment by the provider's transaction id (a
 * refund by the provider's refund id), each line kept once whatever report brings it again, and
 * every difference recorded as a mismatch until an operator resolves it or a later report does:
 *
 * - `unknown_transaction`: the provider settled a transaction the portal does not know;
 * - `merchant_difference`: settled on another merchant account than the payment's;
 * - `not_paid_here`: settled, while the portal holds the payment (or refund) as not taken;
 * - `amount_difference`: settled for another amount than the one recorded;
 * - `missing_settlement`: a payment taken on a day of the report's period that it does not settle.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, SettlementMismatchKind } from '../../db/database.ts';
import { cents, formatEuros, type Cents } from '../../lib/money.ts';
import { SUCCESS_STATES, type AttemptState } from './attempt.states.ts';
import {
  SettlementReportRejected,
  type PaymentProvider,
  type SettlementLine,
  type SettlementReport,
} from './provider.port.ts';
import * as repository from './settlement.repository.ts';

/** The states in which money was taken: settled by the provider in its report. */
const TAKEN_STATES: readonly AttemptState[] = [...SUCCESS_STATES, 'NEEDS_REVIEW'];

export interface SettlementDeps {
  readonly db: Kysely<Database>;
  readonly provider: PaymentProvider;
  readonly now?: () => Date;
}

export interface MismatchView {
  readonly id: string;
  readonly kind: SettlementMismatchKind;
  readonly merchantId: string;
  readonly providerRef: string;
  readonly providerRefundRef: string;
  /** Our payment's reference (PAY-…), when the transaction is one of ours. */
  readonly paymentReference: string | null;
  readonly expectedCents: Cents | null;
  readonly settledCents: Cents | null;
  readonly detail: string;
  readonly foundAt: Date;
}

export type ImportAnswer =
  | {
      readonly kind: 'imported';
      readonly importId: string;
      readonly merchantId: string;
      readonly from: string;
      readonly to: string;
      readonly lines: number;
      /** Lines matched to a payment or refund of ours, amounts equal. */
      readonly matched: number;
      /** Lines an earlier report already settled. */
      readonly alreadySettled: number;
      readonly totals: SettlementReport['totals'];
      readonly mismatches: readonly MismatchView[];
      /** Earlier "not settled" mismatches this report closed. */
      readonly resolved: number;
    }
  | {
      readonly kind: 'already_imported';
      readonly importId: string;
      readonly importedAt: Date;
      readonly merchantId: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: 'rejected'; readonly problems: readonly string[] }
  | { readonly kind: 'unsupported'; readonly provider: string };

const MAX_FILE_NAME = 200;

/**
 * The lines of a report that names payments by our own attempt ids (Lyra's), in the provider's
 * terms the rest of the import uses: a payment's reference becomes its attempt's `provider_ref`;
 * a refund, which such a report gives no refund id, takes the provider's id of the attempt's
 * refund of that amount (one not settled yet first, each once per report). A line whose attempt
 * is unknown keeps the report's own key, and is a mismatch.
 */
async function linesByAttempt(
  trx: Transaction<Database>,
  provider: string,
  lines: readonly SettlementLine[],
): Promise<SettlementLine[]> {
  const ids = [...new Set(lines.flatMap((l) => (l.attemptId ? [l.attemptId] : [])))];
  if (ids.length === 0) return [...lines];
  const refs = new Map((await repository.attemptRefsByIds(trx, provider, ids)).map((a) => [a.id, a.provider_ref]));
  const refunds = await repository.refundsOfAttempts(trx, [...refs.keys()]);
  // Not settled yet first; the query's order (oldest first) otherwise.
  const candidates = [...refunds].sort((a, b) => Number(a.settled) - Number(b.settled));
  const taken = new Set<string>();
  return lines.map((line) => {
    const providerRef = line.attemptId ? refs.get(line.attemptId) : undefined;
    if (!line.attemptId || !providerRef) return line;
    if (line.kind === 'capture') return { ...line, providerRef };
    const refund = candidates.find(
      (r) =>
        r.attempt_id === line.attemptId && -r.amount_cents === line.gross && !taken.has(r.provider_refund_id ?? ''),
    );
    if (!refund?.provider_refund_id) return { ...line, providerRef, providerRefundRef: line.providerRef };
    taken.add(refund.provider_refund_id);
    return { ...line, providerRef, providerRefundRef: refund.provider_refund_id };
  });
}

export class SettlementService {
  constructor(private readonly deps: SettlementDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async importReport(file: Uint8Array, fileName: string): Promise<ImportAnswer> {
    const { provider, db } = this.deps;
    if (!provider.parseSettlementReport) return { kind: 'unsupported', provider: provider.id };
    let report: SettlementReport;
    try {
      report = provider.parseSettlementReport(file, fileName);
    } catch (error) {
      if (error instanceof SettlementReportRejected) return { kind: 'rejected', problems: error.problems };
      throw error;
    }
    const sha256 = createHash('sha256').update(file).digest('hex');
    const now = this.now();
    const name = fileName.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, MAX_FILE_NAME) || 'relevé';

    const answer = await db.transaction().execute(async (trx): Promise<ImportAnswer | undefined> => {
      const importId = await repository.insertImport(trx, {
        provider: provider.id,
        merchantId: report.merchantId,
        from: report.from,
        to: report.to,
        sha256,
        fileName: name,
        lines: report.lines.length,
        gross: report.totals.gross,
        fee: report.totals.fee,
        net: report.totals.net,
      });
      if (importId === undefined) return undefined;
      const importNumber = String(importId);
      const lines = await linesByAttempt(trx, provider.id, report.lines);

      const attempts = new Map(
        (
          await repository.attemptsByProviderRefs(
            trx,
            provider.id,
            lines.filter((l) => l.kind === 'capture').map((l) => l.providerRef),
          )
        ).map((a) => [a.provider_ref ?? '', a]),
      );
      const refunds = new Map(
        (
          await repository.refundsByProviderIds(
            trx,
            provider.id,
            lines.flatMap((l) => (l.kind === 'refund' && l.providerRefundRef ? [l.providerRefundRef] : [])),
          )
        ).map((r) => [r.provider_refund_id ?? '', r]),
      );

      let matched = 0;
      let alreadySettled = 0;
      const mismatchIds: { kind: SettlementMismatchKind; providerRef: string; providerRefundRef: string }[] = [];
      const mismatch = async (
        row: Omit<Parameters<typeof repository.insertMismatch>[1], 'importId' | 'merchantId'>,
      ) => {
        if (await repository.insertMismatch(trx, { ...row, importId, merchantId: report.merchantId }))
          mismatchIds.push({ kind: row.kind, providerRef: row.providerRef, providerRefundRef: row.providerRefundRef });
      };
      const settledCaptures: string[] = [];

      for (const line of lines) {
        const refundRef = line.providerRefundRef ?? '';
        if (line.kind === 'capture') {
          const attempt = attempts.get(line.providerRef);
          const fresh = await repository.insertLine(trx, {
            importId,
            provider: provider.id,
            kind: 'capture',
            providerRef: line.providerRef,
            providerRefundRef: '',
            day: line.day,
            gross: line.gross,
            fee: line.fee,
            net: line.net,
            attemptId: attempt?.id ?? null,
            refundId: null,
          });
          if (!fresh) {
            alreadySettled += 1;
            continue;
          }
          const base = { providerRef: line.providerRef, providerRefundRef: '', settled: line.gross };
          if (!attempt) {
            await mismatch({
              ...base,
              kind: 'unknown_transaction',
              attemptId: null,
              expected: null,
              detail: `paiement ${line.providerRef} du ${line.day} inconnu du portail`,
            });
            continue;
          }
          settledCaptures.push(line.providerRef);
          const expected = attempt.paid_cents ?? attempt.amount_cents;
          if (attempt.merchant_id !== report.merchantId)
            await mismatch({
              ...base,
              kind: 'merchant_difference',
              attemptId: attempt.id,
              expected,
              detail: `${attempt.reference} est un paiement du compte ${attempt.merchant_id}, réglé sur ${report.merchantId}`,
            });
          else if (!TAKEN_STATES.includes(attempt.state))
            await mismatch({
              ...base,
              kind: 'not_paid_here',
              attemptId: attempt.id,
              expected: null,
              detail: `${attempt.reference} est « ${attempt.state} » au portail, mais le prestataire l’a réglé le ${line.day}`,
            });
          else if (expected !== line.gross)
            await mismatch({
              ...base,
              kind: 'amount_difference',
              attemptId: attempt.id,
              expected,
              detail: `${attempt.reference} : ${formatEuros(cents(expected))} € payés, ${formatEuros(line.gross)} € réglés le ${line.day}`,
            });
          else matched += 1;
        } else {
          const refund = refunds.get(refundRef);
          const fresh = await repository.insertLine(trx, {
            importId,
            provider: provider.id,
            kind: 'refund',
            providerRef: line.providerRef,
            providerRefundRef: refundRef,
            day: line.day,
            gross: line.gross,
            fee: line.fee,
            net: line.net,
            attemptId: attempts.get(line.providerRef)?.id ?? null,
            refundId: refund?.id ?? null,
          });
          if (!fresh) {
            alreadySettled += 1;
            continue;
          }
          const base = { providerRef: line.providerRef, providerRefundRef: refundRef, settled: line.gross };
          if (!refund || refund.provider_ref !== line.providerRef)
            await mismatch({
              ...base,
              kind: 'unknown_transaction',
              attemptId: null,
              expected: null,
              detail: `remboursement ${refundRef} du paiement ${line.providerRef} (${line.day}) inconnu du portail`,
            });
          else if (refund.merchant_id !== report.merchantId)
            await mismatch({
              ...base,
              kind: 'merchant_difference',
              attemptId: null,
              expected: -refund.amount_cents,
              detail: `remboursement ${refundRef} d’un paiement du compte ${refund.merchant_id}, réglé sur ${report.merchantId}`,
            });
          else if (refund.state !== 'succeeded')
            await mismatch({
              ...base,
              kind: 'not_paid_here',
              attemptId: null,
              expected: null,
              detail: `remboursement ${refundRef} « ${refund.state} » au portail, mais réglé le ${line.day}`,
            });
          else if (-refund.amount_cents !== line.gross)
            await mismatch({
              ...base,
              kind: 'amount_difference',
              attemptId: null,
              expected: -refund.amount_cents,
              detail: `remboursement ${refundRef} : ${formatEuros(cents(refund.amount_cents))} € demandés, ${formatEuros(cents(0 - line.gross))} € réglés`,
            });
          else matched += 1;
        }
      }

      const resolved = await repository.resolveMissing(
        trx,
        settledCaptures,
        `réglé dans le relevé ${name} (import ${importNumber})`,
        now,
      );
      for (const missing of await repository.unsettledCaptures(trx, {
        provider: provider.id,
        merchantId: report.merchantId,
        from: report.from,
        to: report.to,
        states: TAKEN_STATES,
      })) {
        const expected = missing.paid_cents ?? missing.amount_cents;
        await mismatch({
          kind: 'missing_settlement',
          providerRef: missing.provider_ref ?? '',
          providerRefundRef: '',
          attemptId: missing.id,
          expected,
          settled: null,
          detail: `${missing.reference} (${formatEuros(cents(expected))} €) payé pendant la période, absent du relevé`,
        });
      }

      const open = await repository.openMismatches(trx, report.merchantId);
      const fresh = open.filter((m) =>
        mismatchIds.some(
          (n) => n.kind === m.kind && n.providerRef === m.provider_ref && n.providerRefundRef === m.provider_refund_ref,
        ),
      );
      return {
        kind: 'imported',
        importId: importNumber,
        merchantId: report.merchantId,
        from: report.from,
        to: report.to,
        lines: report.lines.length,
        matched,
        alreadySettled,
        totals: report.totals,
        mismatches: fresh.map(viewOf),
        resolved,
      };
    });
    if (answer) return answer;
    const earlier = await repository.importBySha(db, sha256);
    if (!earlier) throw new Error('settlement import vanished');
    return {
      kind: 'already_imported',
      importId: String(earlier.id),
      importedAt: earlier.imported_at,
      merchantId: earlier.merchant_id,
      from: earlier.period_from,
      to: earlier.period_to,
    };
  }

  async openMismatches(merchantId?: string): Promise<MismatchView[]> {
    return (await repository.openMismatches(this.deps.db, merchantId)).map(viewOf);
  }

  /** Closes an open mismatch with what was done about it. */
  async resolveMismatch(id: string, resolution: string): Promise<'resolved' | 'already_resolved' | 'not_found'> {
    if (!/^\d{1,18}$/.test(id)) return 'not_found';
    const done = await repository.resolveMismatch(this.deps.db, id, resolution, this.now());
    if (done) return 'resolved';
    return (await repository.mismatchById(this.deps.db, id)) ? 'already_resolved' : 'not_found';
  }
}

function viewOf(row: Awaited<ReturnType<typeof repository.openMismatches>>[number]): MismatchView {
  return {
    // A bigint: text from PostgreSQL, a number from PGlite.
    id: String(row.id),
    kind: row.kind,
    merchantId: row.merchant_id,
    providerRef: row.provider_ref,
    providerRefundRef: row.provider_refund_ref,
    paymentReference: row.reference,
    expectedCents: row.expected_cents === null ? null : cents(row.expected_cents),
    settledCents: row.settled_cents === null ? null : cents(row.settled_cents),
    detail: row.detail,
    foundAt: row.found_at,
  };
}
