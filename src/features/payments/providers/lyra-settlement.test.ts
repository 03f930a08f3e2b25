/**
 * Reading Lyra's bank reconciliation report (JRB): the V1 and V3 layouts, and every way a file can
 * be wrong, refused whole with the line and the field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettlementReportRejected } from '../provider.port.ts';
import { parseLyraSettlement } from './lyra-settlement.ts';

const SHOPS = new Map([['10000001', 'mairie-cantine']]);
const ORDER = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const ATTEMPT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const NAME = 'JRB_MAIRIE_CANTINE_10000001_261104_V3.csv';

const V1_HEADER =
  'ENTETE;MERCHANT_COUNTRY;MERCHANT_ID;CONTRACT;PAYMENT_DATE;TRANSACTION_ID;ORIGIN_AMOUNT;CURRENCY_CODE;CARD_TYPE;ORDER_ID;RETURN_CONTEXT;CUSTOMER_ID;OPERATION_TYPE;OPERATION_NUMBER;REMITTANCE_DATE;REMITTANCE_TIME;BRUT_AMOUNT;MATCH_STATUS;REMITTANCE_NB;NET_AMOUNT;COMMISSION_AMOUNT';

/** A V1 MATCHING record; `over` replaces fields by name. */
function v1(over: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    ENTETE: 'MATCHING',
    MERCHANT_COUNTRY: 'FR',
    MERCHANT_ID: '045251785700028',
    CONTRACT: '0535875',
    PAYMENT_DATE: '20261103',
    TRANSACTION_ID: '384512',
    ORIGIN_AMOUNT: '5570',
    CURRENCY_CODE: '978',
    CARD_TYPE: 'CB',
    ORDER_ID: ORDER,
    RETURN_CONTEXT: '',
    CUSTOMER_ID: '',
    OPERATION_TYPE: 'DT',
    OPERATION_NUMBER: '1',
    REMITTANCE_DATE: '20261104',
    REMITTANCE_TIME: '031500',
    BRUT_AMOUNT: '5570',
    MATCH_STATUS: 'MATCH_OK',
    REMITTANCE_NB: '000123',
    NET_AMOUNT: '5540',
    COMMISSION_AMOUNT: '30',
    ...over,
  };
  return V1_HEADER.split(';')
    .map((column) => values[column] ?? '')
    .join(';');
}

function file(...records: string[]): Uint8Array {
  return new TextEncoder().encode(records.join('\n'));
}

const title = 'TITRE;Mairie cantine;26/11/05_03:05:00;TABLE_V1';

function problems(body: Uint8Array, name = NAME, testMode = false): string[] {
  try {
    parseLyraSettlement(body, name, SHOPS, testMode);
  } catch (error) {
    assert.ok(error instanceof SettlementReportRejected, String(error));
    return [...error.problems];
  }
  assert.fail('the file was accepted');
}

test('a V1 report: a payment less its commission and a refund, found by our order id, with the period of the payments', () => {
  const report = parseLyraSettlement(
    file(
      title,
      V1_HEADER,
      v1(),
      v1({
        TRANSACTION_ID: '384999',
        OPERATION_TYPE: 'CT',
        BRUT_AMOUNT: '1000',
        NET_AMOUNT: '',
        COMMISSION_AMOUNT: '',
      }),
      'FIN',
    ),
    NAME,
    SHOPS,
    false,
  );
  assert.equal(report.merchantId, 'mairie-cantine');
  assert.deepEqual([report.from, report.to], ['2026-11-03', '2026-11-03']);
  assert.deepEqual(report.lines, [
    {
      providerRef: `2026-11-03_384512_${ORDER}`,
      attemptId: ATTEMPT,
      providerRefundRef: undefined,
      day: '2026-11-04',
      kind: 'capture',
      gross: 5570,
      fee: 30,
      net: 5540,
    },
    {
      providerRef: `2026-11-03_384999_${ORDER}`,
      attemptId: ATTEMPT,
      providerRefundRef: undefined,
      day: '2026-11-04',
      kind: 'refund',
      gross: -1000,
      fee: 0,
      net: -1000,
    },
  ]);
  assert.deepEqual(report.totals, { gross: 4570, fee: 30, net: 4540 });
});

test('a V3 report reads by column names: other order, ISO dates in UTC (Monaco days), amounts in euros, CRLF, a BOM and trailing semicolons', () => {
  const header =
    'ENTETE;MERCHANT_COUNTRY;MERCHANT_ID;CONTRACT;PAYMENT_DATE;TRANSACTION_ID;ORIGIN_AMOUNT;CURRENCY_CODE;PAYMENT_METHOD;ORDER_ID;REMITTANCE_DATE;OPERATION_TYPE;BRUT_AMOUNT;COMMISSION_AMOUNT;NET_AMOUNT;DATA_COMP;';
  const body = `\uFEFF${[
    'TITRE;Mairie cantine;2026-11-05T03:05Z;TABLE_V3;',
    header,
    // 23:30 UTC on 3 November is already 4 November in Monaco.
    `MATCHING;FR;045251785700028;0535875;2026-11-03T23:30Z;000042;55.70;978;CB;${ORDER};2026-11-05T02:00Z;DT;55.7;0.30;55.40;x;`,
    'FIN;',
  ].join('\r\n')}\r\n`;
  const report = parseLyraSettlement(new TextEncoder().encode(body), NAME, SHOPS, false);
  assert.deepEqual(
    report.lines.map((l) => [l.providerRef, l.day, l.gross, l.fee, l.net]),
    [[`2026-11-04_000042_${ORDER}`, '2026-11-05', 5570, 30, 5540]],
  );
  assert.deepEqual([report.from, report.to], ['2026-11-04', '2026-11-04']);
});

test('a report without transactions covers the day of its name; a test report is read in TEST mode only', () => {
  const empty = parseLyraSettlement(file(title, V1_HEADER, 'FIN'), `TEST_${NAME}`, SHOPS, true);
  assert.deepEqual([empty.from, empty.to, empty.lines.length], ['2026-11-04', '2026-11-04', 0]);
  assert.match(problems(file(title, V1_HEADER, 'FIN'), `TEST_${NAME}`, false).join(), /journal de TEST/);
  assert.match(problems(file(title, V1_HEADER, 'FIN'), NAME, true).join(), /journal de PRODUCTION/);
  assert.match(
    problems(file(title, V1_HEADER, 'FIN'), 'JRB_MAIRIE_CANTINE_10000001_26W45_V3.csv').join(),
    /sa date dans son nom/,
  );
});

test('a file that is not a whole, readable report is refused with every problem, its line and its field', () => {
  assert.deepEqual(problems(new Uint8Array()), ['le fichier est vide']);
  assert.match(
    problems(file('pupil_ref;date;quantity', 'A1;2026-10-05;1')).join(),
    /commence par l’enregistrement TITRE/,
  );
  assert.match(problems(file(title, v1(), 'FIN')).join(), /ENTETE, qui nomme les colonnes, manque/);
  assert.match(
    problems(file(title, V1_HEADER.replace(';ORDER_ID', ''), 'FIN')).join(),
    /colonne\(s\) ORDER_ID absente\(s\)/,
  );
  // Truncated: no FIN at the end.
  assert.match(problems(file(title, V1_HEADER, v1())).join(), /ne finit pas par l’enregistrement FIN/);
  assert.match(
    problems(file(title, V1_HEADER, 'FIN', v1(), 'FIN')).join(),
    /ligne 3 : l’enregistrement FIN n’est pas le dernier/,
  );
  assert.match(problems(file('TITRE;x;y;TABLE_V9', V1_HEADER, 'FIN')).join(), /version « TABLE_V9 » inconnue/);

  const all = problems(
    file(
      title,
      V1_HEADER,
      v1({ PAYMENT_DATE: '20260231' }),
      v1({ TRANSACTION_ID: '=HYPERLINK("http://evil.example")' }),
      v1({ OPERATION_TYPE: 'XX' }),
      v1({ BRUT_AMOUNT: '-5570' }),
      v1({ BRUT_AMOUNT: '55,70' }),
      v1({ CURRENCY_CODE: '840' }),
      v1({ NET_AMOUNT: '55400000', COMMISSION_AMOUNT: '30' }),
      `${v1()};extra;fields`,
      'DETAIL;1;2',
      v1(),
      v1(),
      'FIN',
    ),
  );
  assert.deepEqual(all, [
    'ligne 3 : PAYMENT_DATE illisible(s)',
    'ligne 4 : TRANSACTION_ID illisible(s)',
    'ligne 5 : OPERATION_TYPE (DT ou CT) illisible(s)',
    'ligne 6 : BRUT_AMOUNT illisible(s)',
    'ligne 7 : BRUT_AMOUNT illisible(s)',
    'ligne 8 : devise 840, le portail n’encaisse qu’en euros (978)',
    'ligne 9 : net 554000.00 ≠ brut 55.70 − commission 0.30 (montants dans une autre unité ?)',
    'ligne 10 : 23 champs pour 21 colonnes dans l’ENTETE',
    'ligne 11 : enregistrement « DETAIL » inconnu (MATCHING attendu)',
    'ligne 13 : la transaction 384512 du 2026-11-03 figure deux fois',
  ]);
});

test('the file’s name names the shop: another name, or a shop of no creditor, is refused', () => {
  const body = file(title, V1_HEADER, v1(), 'FIN');
  assert.match(problems(body, 'relevé.csv').join(), /n’est pas celui d’un journal de rapprochement de Lyra/);
  assert.match(
    problems(body, 'JRB_AUTRE_BOUTIQUE_99999999_261104_V3.csv').join(),
    /la boutique 99999999 n’est celle d’aucun créancier configuré/,
  );
  // A path is read by its last part.
  assert.equal(parseLyraSettlement(body, `/srv/releves/${NAME}`, SHOPS, false).lines.length, 1);
});
