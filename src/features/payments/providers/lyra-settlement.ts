/**
 * Lyra's bank reconciliation report, the "journal de rapprochement bancaire" (JRB) that PayZen,
 * Systempay, Sogecommerce and Scellius send a shop (ADR 0013, amendment of 2026-12-05):
 *
 *     TITRE;<shop label>;<sent at>;TABLE_V1|TABLE_V2|TABLE_V3
 *     ENTETE;MERCHANT_COUNTRY;MERCHANT_ID;CONTRACT;PAYMENT_DATE;TRANSACTION_ID;…
 *     MATCHING;FR;…                      one record per settled transaction
 *     FIN
 *
 * `;`-separated records, one per line, an optional `;` at the end of each. The columns are read by
 * their names in the `ENTETE` record, so the V1, V2 and V3 layouts (which add and move columns)
 * read alike. Amounts are in cents by default, or in euros with a dot (`1025.99`) when the shop
 * chose that; `OPERATION_TYPE` `DT` is a payment, `CT` a refund. The file names the shop only in
 * its name (`[TEST_]JRB_<shop label>_<shop id>_<date>_V3.csv`), so the name is read too.
 *
 * A line names our payment by `ORDER_ID` (the attempt's id without hyphens, which the adapter
 * sends as `vads_order_id`): the line carries that attempt id, and the settlement service finds
 * the attempt by it. Lyra's `TRANSACTION_ID` is unique per shop and day only. A refund line has
 * no refund id of ours: the service matches it to the attempt's confirmed refund of that amount.
 *
 * Read whole or not at all, like the sandbox's report: any malformed record, a missing `FIN`
 * (a truncated file), an amount in a currency other than the euro, or a net that is not the gross
 * less the commission refuses the file with every problem found (at most twenty).
 */
import { isIsoDate, todayInMonaco } from '../../../lib/dates.ts';
import { cents, formatEuros } from '../../../lib/money.ts';
import {
  refuseEmptyOrOversizedReport,
  SettlementReportRejected,
  type SettlementLine,
  type SettlementReport,
} from '../provider.port.ts';
import { attemptIdOfOrder } from './lyra-order.ts';

const MAX_PROBLEMS = 20;
const REQUIRED = [
  'PAYMENT_DATE',
  'TRANSACTION_ID',
  'ORDER_ID',
  'OPERATION_TYPE',
  'CURRENCY_CODE',
  'BRUT_AMOUNT',
  'REMITTANCE_DATE',
] as const;
const EURO = '978';
/** `[TEST_]JRB_<shop label>_<shop id>_<YYMMDD, or YYWnn / YYMnn for a week or a month>_V<n>.csv`. */
const FILE_NAME = /^(TEST_)?JRB_.*_(\d{8})_([0-9A-Z]{5,6})_V[123]\.csv$/i;

/** `YYYYMMDD`, `YYYY-MM-DD` or an ISO 8601 date-time in UTC (V3) → the Monaco day, or undefined. */
function dayOf(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? undefined : todayInMonaco(at);
  }
  const iso = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text;
  return isIsoDate(iso) ? iso : undefined;
}

/** Cents from `4525` (cents, Lyra's default) or `45.25` (euros, the shop's other choice). */
function amountOf(text: string): number | undefined {
  if (/^\d{1,11}$/.test(text)) return Number(text);
  const euros = /^(\d{1,9})\.(\d{1,2})$/.exec(text);
  if (euros) return Number(euros[1]) * 100 + Number((euros[2] ?? '').padEnd(2, '0'));
  return undefined;
}

function decode(file: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    // Lyra's older files are Latin-9; the columns read here are ASCII either way.
    return new TextDecoder('latin1').decode(file);
  }
}

/**
 * `shops`: Lyra's shop id → our merchant id. `testMode`: whether the portal runs Lyra in TEST
 * mode (a `TEST_` file is refused in PRODUCTION, and the other way round).
 */
export function parseLyraSettlement(
  file: Uint8Array,
  fileName: string,
  shops: ReadonlyMap<string, string>,
  testMode: boolean,
): SettlementReport {
  const problems: string[] = [];
  const refuse = (): never => {
    throw new SettlementReportRejected(problems.slice(0, MAX_PROBLEMS));
  };
  refuseEmptyOrOversizedReport(file);

  const base = fileName.split(/[\\/]/).pop() ?? '';
  const name = FILE_NAME.exec(base);
  let merchantId: string | undefined;
  let fileDay: string | undefined;
  if (!name) {
    problems.push(
      `le nom du fichier « ${base.slice(0, 80)} » n’est pas celui d’un journal de rapprochement de Lyra (JRB_<boutique>_<identifiant à 8 chiffres>_<date>_V3.csv) : c’est lui qui nomme la boutique`,
    );
  } else {
    const [, test, shopId = '', yymmdd] = name;
    merchantId = shops.get(shopId);
    if (!merchantId) problems.push(`la boutique ${shopId} n’est celle d’aucun créancier configuré (LYRA_SHOPS)`);
    if (Boolean(test) !== testMode)
      problems.push(
        test
          ? 'c’est un journal de TEST, et le portail encaisse en PRODUCTION'
          : 'c’est un journal de PRODUCTION, et le portail encaisse en TEST',
      );
    if (yymmdd && /^\d{6}$/.test(yymmdd)) fileDay = dayOf(`20${yymmdd}`);
  }

  const records = decode(file)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((text, index) => ({ number: index + 1, text }))
    .filter((r) => r.text.trim() !== '');
  /** A record's fields; `width`: the header's, so that a last empty field and a closing `;` tell apart. */
  const fields = (text: string, width?: number) => {
    const cells = text.split(';').map((cell) => cell.trim());
    if (cells.length > 1 && cells.at(-1) === '' && (width === undefined || cells.length === width + 1)) cells.pop();
    return cells;
  };

  const first = records[0];
  if (!first || fields(first.text)[0] !== 'TITRE') {
    problems.push('ligne 1 : un journal de rapprochement commence par l’enregistrement TITRE');
    return refuse();
  }
  const version = fields(first.text)[3] ?? '';
  if (!/^TABLE_V[123]$/.test(version))
    problems.push(
      `ligne ${first.number} : version « ${version.slice(0, 20)} » inconnue (TABLE_V1, TABLE_V2 ou TABLE_V3)`,
    );
  const header = records[1];
  const columns = header ? fields(header.text) : [];
  if (!header || columns[0] !== 'ENTETE') {
    problems.push('ligne 2 : l’enregistrement ENTETE, qui nomme les colonnes, manque');
    return refuse();
  }
  const at = new Map(columns.map((column, index) => [column, index]));
  const missing = REQUIRED.filter((column) => !at.has(column));
  if (missing.length > 0) {
    problems.push(`ligne ${header.number} : colonne(s) ${missing.join(', ')} absente(s) de l’ENTETE`);
    return refuse();
  }
  const last = records.at(-1);
  if (!last || last === header || fields(last.text)[0] !== 'FIN')
    problems.push('le fichier ne finit pas par l’enregistrement FIN : il est incomplet');

  const lines: SettlementLine[] = [];
  const seen = new Set<string>();
  const sum = { gross: 0, fee: 0, net: 0 };
  const paymentDays: string[] = [];
  for (const record of records.slice(2, last && fields(last.text)[0] === 'FIN' ? -1 : undefined)) {
    const where = `ligne ${record.number}`;
    const cells = fields(record.text, columns.length);
    if (cells[0] === 'FIN') {
      problems.push(`${where} : l’enregistrement FIN n’est pas le dernier`);
      continue;
    }
    if (cells[0] !== 'MATCHING') {
      problems.push(`${where} : enregistrement « ${(cells[0] ?? '').slice(0, 20)} » inconnu (MATCHING attendu)`);
      continue;
    }
    if (cells.length !== columns.length) {
      problems.push(`${where} : ${cells.length} champs pour ${columns.length} colonnes dans l’ENTETE`);
      continue;
    }
    const cell = (column: string) => {
      const index = at.get(column);
      return index === undefined ? '' : (cells[index] ?? '');
    };
    const transactionId = cell('TRANSACTION_ID');
    const orderId = cell('ORDER_ID');
    const type = cell('OPERATION_TYPE');
    const paymentDay = dayOf(cell('PAYMENT_DATE'));
    const day = dayOf(cell('REMITTANCE_DATE'));
    const brut = amountOf(cell('BRUT_AMOUNT'));
    const commissionText = cell('COMMISSION_AMOUNT');
    const netText = cell('NET_AMOUNT');
    const commission = commissionText === '' ? 0 : amountOf(commissionText);
    const net = netText === '' ? undefined : amountOf(netText);
    const bad: string[] = [];
    if (!/^[0-9A-Za-z]{1,10}$/.test(transactionId)) bad.push('TRANSACTION_ID');
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(orderId)) bad.push('ORDER_ID');
    if (type !== 'DT' && type !== 'CT') bad.push('OPERATION_TYPE (DT ou CT)');
    if (!paymentDay) bad.push('PAYMENT_DATE');
    if (!day) bad.push('REMITTANCE_DATE');
    if (brut === undefined) bad.push('BRUT_AMOUNT');
    if (commission === undefined) bad.push('COMMISSION_AMOUNT');
    if (netText !== '' && net === undefined) bad.push('NET_AMOUNT');
    if (bad.length > 0) {
      problems.push(`${where} : ${bad.join(', ')} illisible(s)`);
      continue;
    }
    if (cell('CURRENCY_CODE') !== EURO) {
      problems.push(`${where} : devise ${cell('CURRENCY_CODE').slice(0, 5)}, le portail n’encaisse qu’en euros (978)`);
      continue;
    }
    const gross = brut ?? 0;
    const fee = commission ?? 0;
    // A payment's net is what reaches the account: the gross less the commission. Lyra leaves it
    // blank when it did not reconcile the line itself; a net in another unit is refused here.
    if (type === 'DT' && net !== undefined && net !== gross - fee) {
      problems.push(
        `${where} : net ${formatEuros(cents(net))} ≠ brut ${formatEuros(cents(gross))} − commission ${formatEuros(cents(fee))} (montants dans une autre unité ?)`,
      );
      continue;
    }
    const key = `${type}\0${transactionId}\0${cell('PAYMENT_DATE')}\0${orderId}`;
    if (seen.has(key)) {
      problems.push(`${where} : la transaction ${transactionId} du ${paymentDay} figure deux fois`);
      continue;
    }
    seen.add(key);
    const signedGross = type === 'DT' ? gross : -gross;
    const line: SettlementLine = {
      // Lyra's own key of the transaction; the service replaces it by the attempt's reference
      // once it finds the attempt by `attemptId`.
      providerRef: `${paymentDay}_${transactionId}_${orderId}`,
      attemptId: attemptIdOfOrder(orderId),
      providerRefundRef: undefined,
      day: day ?? '',
      kind: type === 'DT' ? 'capture' : 'refund',
      gross: cents(signedGross),
      fee: cents(fee),
      net: cents(signedGross - fee),
    };
    lines.push(line);
    paymentDays.push(paymentDay ?? '');
    sum.gross += line.gross;
    sum.fee += line.fee;
    sum.net += line.net;
  }
  paymentDays.sort();
  const from = paymentDays[0] ?? fileDay;
  const to = paymentDays.at(-1) ?? fileDay;
  if (!from || !to) problems.push('un journal sans transaction doit porter sa date dans son nom (…_AAMMJJ_V3.csv)');
  if (problems.length > 0 || !merchantId || !from || !to) return refuse();
  return {
    merchantId,
    from,
    to,
    lines,
    totals: { gross: cents(sum.gross), fee: cents(sum.fee), net: cents(sum.net) },
  };
}
