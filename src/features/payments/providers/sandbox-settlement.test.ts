/**
 * The sandbox's settlement report, read by its adapter: the report the sandbox itself writes is
 * read to the cent, and a file that is not a whole, consistent report is refused with every problem
 * named (wrong header, unreadable amounts, a net that is not gross minus fees, a line twice, a
 * missing day, totals that do not add up, a truncated file, bytes that are not UTF-8, an empty or
 * oversized file, two merchant accounts in one file).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportCsv } from '../../../../dev/psp-sandbox/sandbox.ts';
import { SETTLEMENT_FILE_LIMIT, SettlementReportRejected } from '../provider.port.ts';
import { parseSandboxSettlement } from './sandbox-settlement.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** A report as the sandbox writes it (its own writer, not a copy of its format). */
function sandboxCsv(): string {
  return reportCsv({
    merchantId: 'mairie-cantine',
    from: '2026-10-05',
    to: '2026-10-07',
    currency: 'EUR',
    transactions: [
      {
        date: '2026-10-05',
        kind: 'payment',
        sessionId: 'ses_a1',
        refundId: null,
        merchantReference: 'att-1',
        grossMinor: 1114,
        feesMinor: 38,
        netMinor: 1076,
      },
      {
        date: '2026-10-05',
        kind: 'payment',
        sessionId: 'ses_b2',
        refundId: null,
        merchantReference: '=HYPERLINK("x"),"quoted"',
        grossMinor: 5220,
        feesMinor: 88,
        netMinor: 5132,
      },
      {
        date: '2026-10-07',
        kind: 'refund',
        sessionId: 'ses_a1',
        refundId: 'ref_9',
        merchantReference: 'att-1',
        grossMinor: -557,
        feesMinor: 0,
        netMinor: -557,
      },
    ],
    days: [
      { date: '2026-10-05', grossMinor: 6334, feesMinor: 126, netMinor: 6208, count: 2 },
      { date: '2026-10-06', grossMinor: 0, feesMinor: 0, netMinor: 0, count: 0 },
      { date: '2026-10-07', grossMinor: -557, feesMinor: 0, netMinor: -557, count: 1 },
    ],
    totals: { grossMinor: 5777, feesMinor: 126, netMinor: 5651, count: 3 },
  });
}

function problemsOf(text: string | Uint8Array): readonly string[] {
  try {
    parseSandboxSettlement(typeof text === 'string' ? encode(text) : text);
  } catch (error) {
    assert.ok(error instanceof SettlementReportRejected, String(error));
    return error.problems;
  }
  assert.fail('the file was accepted');
}

test('the report the sandbox writes is read to the cent: its period, its merchant, each transaction', () => {
  const report = parseSandboxSettlement(encode(sandboxCsv()));
  assert.equal(report.merchantId, 'mairie-cantine');
  assert.equal(report.from, '2026-10-05');
  assert.equal(report.to, '2026-10-07');
  assert.deepEqual(report.totals, { gross: 5777, fee: 126, net: 5651 });
  assert.deepEqual(report.lines, [
    {
      providerRef: 'ses_a1',
      providerRefundRef: undefined,
      day: '2026-10-05',
      kind: 'capture',
      gross: 1114,
      fee: 38,
      net: 1076,
    },
    {
      providerRef: 'ses_b2',
      providerRefundRef: undefined,
      day: '2026-10-05',
      kind: 'capture',
      gross: 5220,
      fee: 88,
      net: 5132,
    },
    {
      providerRef: 'ses_a1',
      providerRefundRef: 'ref_9',
      day: '2026-10-07',
      kind: 'refund',
      gross: -557,
      fee: 0,
      net: -557,
    },
  ]);
  // Line feeds alone, and a byte-order mark, read the same.
  const unix = `\uFEFF${sandboxCsv().replace(/\r\n/g, '\n')}`;
  assert.deepEqual(parseSandboxSettlement(encode(unix)), report);
});

test('a report that is not whole and consistent is refused, every problem named with its line', () => {
  const good = sandboxCsv().trimEnd().split('\r\n');
  const join = (rows: string[]) => `${rows.join('\r\n')}\r\n`;
  const swap = (index: number, row: string) => join(good.map((r, i) => (i === index ? row : r)));

  assert.match(problemsOf(join(['date,type,gross', ...good.slice(1)]))[0] ?? '', /^ligne 1 : en-tête attendu/);
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment,ses_a1,,att-1,11.14,0.38,10.75,EUR')).join('\n'),
    /ligne 2 : net 10\.75 ≠ brut 11\.14 − frais 0\.38/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment,ses_a1,,att-1,11.1,0.38,10.72,EUR')).join('\n'),
    /ligne 2 : montants illisibles/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment,ses_a1,,att-1,1e3,0.38,10.76,EUR')).join('\n'),
    /ligne 2 : montants illisibles/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment,ses_a1,,att-1,11.14,0.38,10.76,USD')).join('\n'),
    /ligne 2 : devise « USD »/,
  );
  assert.match(
    problemsOf(swap(1, 'dense-periscolaire,2026-10-05,payment,ses_a1,,att-1,11.14,0.38,10.76,EUR')).join('\n'),
    /ligne 2 : compte marchand dense-periscolaire alors que le relevé est celui de mairie-cantine|ligne 3 : compte marchand mairie-cantine alors que le relevé est celui de dense-periscolaire/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-02-30,payment,ses_a1,,att-1,11.14,0.38,10.76,EUR')).join('\n'),
    /ligne 2 : date « 2026-02-30 » invalide/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,chargeback,ses_a1,,att-1,11.14,0.38,10.76,EUR')).join('\n'),
    /ligne 2 : type « chargeback » inconnu/,
  );
  assert.match(
    problemsOf(swap(3, 'mairie-cantine,2026-10-07,refund,ses_a1,,att-1,-5.57,0.00,-5.57,EUR')).join('\n'),
    /ligne 4 : un remboursement porte son identifiant/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment,ses_a1,,att-1,-11.14,0.00,-11.14,EUR')).join('\n'),
    /ligne 2 : un paiement a un montant brut positif/,
  );
  assert.match(
    problemsOf(swap(1, 'mairie-cantine,2026-10-05,payment')).join('\n'),
    /ligne 2 : 3 champ\(s\) au lieu de 10/,
  );
  assert.match(
    problemsOf(swap(1, `mairie-cantine,2026-10-05,payment,${'<script>'.repeat(3)},,att-1,11.14,0.38,10.76,EUR`)).join(
      '\n',
    ),
    /ligne 2 : identifiant de transaction « <script><script><script> » illisible/,
  );
  // The same transaction twice.
  assert.match(
    problemsOf(join([...good.slice(0, 2), ...good.slice(1)])).join('\n'),
    /ligne 3 : la transaction ses_a1 figure deux fois/,
  );
  // A quiet day's total removed: the period has a hole.
  assert.match(
    problemsOf(join(good.filter((r) => !r.includes('2026-10-06,day_total')))).join('\n'),
    /le total du 2026-10-06 manque/,
  );
  // A day's total that does not add up (and so neither does the period's).
  const wrongDay = problemsOf(
    join(
      good.map((r) =>
        r.replace('2026-10-05,day_total,,,,63.34,1.26,62.08', '2026-10-05,day_total,,,,63.35,1.26,62.09'),
      ),
    ),
  ).join('\n');
  assert.match(
    wrongDay,
    /le total du 2026-10-05 \(brut 63\.35, frais 1\.26\) n’est pas la somme de ses transactions \(brut 63\.34, frais 1\.26\)/,
  );
  // Truncated: no total line.
  assert.match(problemsOf(join(good.slice(0, -1))).join('\n'), /la ligne total manque/);
  // A transaction line removed: the totals no longer add up.
  assert.match(problemsOf(join(good.filter((_, i) => i !== 2))).join('\n'), /n’est pas la somme/);
  assert.deepEqual(problemsOf(''), ['le fichier est vide']);
  assert.match(problemsOf(new Uint8Array([0x6d, 0xff, 0xfe, 0x0a]))[0] ?? '', /^le fichier n’est pas un texte UTF-8/);
  assert.match(problemsOf(new Uint8Array(SETTLEMENT_FILE_LIMIT + 1))[0] ?? '', /le fichier dépasse 20 Mo/);
  // Many bad lines: the first twenty are named, not a million.
  const many = join([
    good[0] ?? '',
    ...Array.from({ length: 500 }, (_, i) => `mairie-cantine,2026-10-05,payment,ses_${i},,r,abc,0.00,0.00,EUR`),
  ]);
  assert.equal(problemsOf(many).length, 20);
});
