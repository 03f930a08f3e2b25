/**
 * The sandbox payment provider's settlement report (its CSV, `GET /api/reports?format=csv`, whose
 * format both sides share: src/lib/sandbox-settlement-csv.ts): one row per settled transaction
 * (`payment`, or `refund` with negative amounts), one `day_total` row per day of the period (a
 * quiet day too), one `total` row; every row names the merchant account.
 *
 * A report is read whole or not at all: any malformed row, or totals that do not add up to the
 * cent, refuses the file with every problem found (line numbers as a spreadsheet shows them).
 */
import { parseCsv } from '../../../lib/csv.ts';
import { isIsoDate, nextIsoDate } from '../../../lib/dates.ts';
import { cents, formatEuros } from '../../../lib/money.ts';
import { parseSettlementAmount, SANDBOX_SETTLEMENT_COLUMNS } from '../../../lib/sandbox-settlement-csv.ts';
import {
  refuseEmptyOrOversizedReport,
  SettlementReportRejected,
  type SettlementLine,
  type SettlementReport,
} from '../provider.port.ts';

const MAX_PROBLEMS = 20;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Cents as the report writes them (`-5.57`), for the problems' messages. */
const euros = (value: number) => formatEuros(cents(value));

interface Sum {
  gross: number;
  fee: number;
  net: number;
}

export function parseSandboxSettlement(file: Uint8Array): SettlementReport {
  const problems: string[] = [];
  const refuse = (): never => {
    throw new SettlementReportRejected(problems.slice(0, MAX_PROBLEMS));
  };
  refuseEmptyOrOversizedReport(file);
  // RFC 4180 records (quoted cells may hold commas, quotes and line breaks), the header checked.
  const csv = parseCsv(file, SANDBOX_SETTLEMENT_COLUMNS);
  if (!csv.ok) {
    problems.push(csv.line === undefined ? csv.message : `ligne ${csv.line} : ${csv.message}`);
    return refuse();
  }
  const body = csv.rows;

  let merchantId: string | undefined;
  const lines: SettlementLine[] = [];
  const seen = new Set<string>();
  const daySums = new Map<string, Sum>();
  const dayTotals = new Map<string, { sum: Sum; line: number }>();
  let total: { sum: Sum; line: number } | undefined;
  const add = (sum: Sum, line: { gross: number; fee: number; net: number }) => {
    sum.gross += line.gross;
    sum.fee += line.fee;
    sum.net += line.net;
  };

  for (const { cells, line } of body) {
    const at = `ligne ${line}`;
    if (problems.length >= MAX_PROBLEMS) break;
    const [
      merchant = '',
      date = '',
      type = '',
      sessionId = '',
      refundId = '',
      ,
      grossText = '',
      feeText = '',
      netText = '',
      currency = '',
    ] = cells;
    if (!ID.test(merchant)) problems.push(`${at} : compte marchand « ${merchant.slice(0, 40)} » illisible`);
    else if (merchantId === undefined) merchantId = merchant;
    else if (merchant !== merchantId)
      problems.push(`${at} : compte marchand ${merchant} alors que le relevé est celui de ${merchantId}`);
    if (currency !== 'EUR') problems.push(`${at} : devise « ${currency.slice(0, 10)} », seul EUR est accepté`);
    const gross = parseSettlementAmount(grossText);
    const fee = parseSettlementAmount(feeText);
    const net = parseSettlementAmount(netText);
    if (gross === undefined || fee === undefined || net === undefined) {
      problems.push(`${at} : montants illisibles (attendu : 12.34 ou -12.34)`);
      continue;
    }
    if (net !== gross - fee) problems.push(`${at} : net ${euros(net)} ≠ brut ${euros(gross)} − frais ${euros(fee)}`);
    const sum = { gross, fee, net };
    if (type === 'total') {
      if (date !== '' || sessionId !== '' || refundId !== '')
        problems.push(`${at} : la ligne total ne porte ni date ni transaction`);
      if (total) problems.push(`${at} : une deuxième ligne total (la première est ligne ${total.line})`);
      total = { sum, line };
      continue;
    }
    if (total) problems.push(`${at} : une ligne après la ligne total`);
    if (!isIsoDate(date)) {
      problems.push(`${at} : date « ${date.slice(0, 20)} » invalide (AAAA-MM-JJ)`);
      continue;
    }
    if (type === 'day_total') {
      if (dayTotals.has(date)) problems.push(`${at} : un deuxième total pour le ${date}`);
      dayTotals.set(date, { sum, line });
      continue;
    }
    if (type !== 'payment' && type !== 'refund') {
      problems.push(`${at} : type « ${type.slice(0, 20)} » inconnu (payment, refund, day_total, total)`);
      continue;
    }
    if (!ID.test(sessionId)) {
      problems.push(`${at} : identifiant de transaction « ${sessionId.slice(0, 40)} » illisible`);
      continue;
    }
    if (type === 'payment') {
      if (refundId !== '') problems.push(`${at} : un paiement ne porte pas d’identifiant de remboursement`);
      if (gross <= 0) problems.push(`${at} : un paiement a un montant brut positif`);
      if (fee < 0) problems.push(`${at} : des frais négatifs`);
    } else {
      if (!ID.test(refundId)) problems.push(`${at} : un remboursement porte son identifiant de remboursement`);
      if (gross >= 0) problems.push(`${at} : un remboursement a un montant brut négatif`);
      if (fee < 0) problems.push(`${at} : des frais négatifs`);
    }
    const key = `${type}\0${sessionId}\0${refundId}`;
    if (seen.has(key)) {
      problems.push(
        `${at} : la transaction ${sessionId}${refundId ? ` (remboursement ${refundId})` : ''} figure deux fois`,
      );
      continue;
    }
    seen.add(key);
    const daySum = daySums.get(date) ?? { gross: 0, fee: 0, net: 0 };
    add(daySum, sum);
    daySums.set(date, daySum);
    lines.push({
      providerRef: sessionId,
      providerRefundRef: type === 'refund' ? refundId : undefined,
      day: date,
      kind: type === 'payment' ? 'capture' : 'refund',
      gross,
      fee,
      net,
    });
  }
  if (problems.length > 0) refuse();

  // The totals: each day's lines add up to its total, the days to the period's, to the cent.
  const days = [...dayTotals.keys()].sort();
  const from = days[0];
  const to = days.at(-1);
  if (!total) problems.push('la ligne total manque : le relevé est peut-être tronqué');
  if (!from || !to || !merchantId) {
    problems.push('aucune ligne day_total : le relevé ne dit pas quels jours il couvre');
    return refuse();
  }
  for (let day = from; day <= to; day = nextIsoDate(day))
    if (!dayTotals.has(day)) problems.push(`le total du ${day} manque (chaque jour de la période a le sien)`);
  for (const day of daySums.keys())
    if (!dayTotals.has(day)) problems.push(`des transactions du ${day} n’ont pas de total du jour`);
  const all = { gross: 0, fee: 0, net: 0 };
  for (const [day, { sum, line }] of dayTotals) {
    const lineSum = daySums.get(day) ?? { gross: 0, fee: 0, net: 0 };
    add(all, lineSum);
    if (lineSum.gross !== sum.gross || lineSum.fee !== sum.fee || lineSum.net !== sum.net)
      problems.push(
        `ligne ${line} : le total du ${day} (brut ${euros(sum.gross)}, frais ${euros(sum.fee)}) n’est pas la somme de ses transactions (brut ${euros(lineSum.gross)}, frais ${euros(lineSum.fee)})`,
      );
  }
  if (total && (total.sum.gross !== all.gross || total.sum.fee !== all.fee || total.sum.net !== all.net))
    problems.push(
      `ligne ${total.line} : le total (brut ${euros(total.sum.gross)}, frais ${euros(total.sum.fee)}) n’est pas la somme des transactions (brut ${euros(all.gross)}, frais ${euros(all.fee)})`,
    );
  if (problems.length > 0) refuse();
  return {
    merchantId,
    from,
    to,
    lines,
    totals: { gross: cents(all.gross), fee: cents(all.fee), net: cents(all.net) },
  };
}
