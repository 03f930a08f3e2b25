/**
 * Reconciliation with the provider's settlement report, on the real database against the real
 * sandbox provider, through the operator's commands: the sandbox's own report of a day matches
 * every payment and refund to the cent and imports once; a transaction the portal does not know, a
 * payment the portal has not seen succeed, an amount that differs and a payment missing from a
 * report are listed as mismatches and stay open until a later report or an operator resolves them.
 * Each test works on its own day of the provider's clock.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeEach, test } from 'node:test';
import { DEVELOPMENT_MERCHANTS } from '../../../dev/psp-sandbox/config.ts';
import { todayInMonaco } from '../../lib/dates.ts';
import { redirected, startPaymentsBench } from '../../../test/helpers/payments-bench.ts';
import { addCents, cents, formatEuros, type Cents } from '../../lib/money.ts';
import { parseSettlementAmount, SANDBOX_SETTLEMENT_COLUMNS } from '../../lib/sandbox-settlement-csv.ts';
import type { OperatorContext } from '../../lib/operator-command.ts';
import { paymentsCommands } from './payments.cli.ts';
import { PayableRegistry, type PayableItem } from './payments.service.ts';

const registry = new PayableRegistry().register({
  kind: 'test-thing',
  async onPaid(_trx, _items: readonly PayableItem[]) {
    return { unappliedCents: cents(0) };
  },
});
const { db, psp, receiver, payments, account, deliver, attempt } = await startPaymentsBench({ registry });
const MERCHANT = DEVELOPMENT_MERCHANTS[0];
assert.ok(MERCHANT);

/** The operator's commands, on this service. */
const commands = paymentsCommands(async () => payments);
async function run(name: string, values: Record<string, string> = {}, file?: { name: string; bytes: Uint8Array }) {
  const command = commands[name];
  assert.ok(command, name);
  const context = {} as OperatorContext;
  try {
    return { ok: true, out: await command.run(context, { values, file: file?.bytes, fileName: file?.name }) };
  } catch (error) {
    return { ok: false, out: error instanceof Error ? error.message : String(error) };
  }
}

/** A payment of `amount` cents made at the provider; its notification applied unless told not to. */
async function pay(amount: number, options: { apply?: boolean } = {}) {
  const answer = await payments.startCheckout({
    accountId: account.id,
    idempotencyKey: randomBytes(12).toString('base64url'),
    returnPath: '/mes-factures/payer',
    groups: [
      {
        merchantId: MERCHANT?.id ?? '',
        description: 'Cantine — test',
        items: [{ kind: 'test-thing', ref: randomUUID(), amountCents: cents(amount), label: 'Facture' }],
      },
    ],
    locale: 'fr',
  });
  const { attemptId, url } = redirected(answer);
  const from = receiver.received.length;
  assert.equal((await psp.pay(url, '4242424242424242')).statusCode, 303);
  if (options.apply !== false) await deliver(from);
  return attempt(attemptId);
}

/** The provider's settlement report of today (its clock), as the CSV an operator downloads. */
async function report(): Promise<{ name: string; bytes: Uint8Array; text: string }> {
  const day = todayInMonaco(psp.clock.now());
  const response = await psp.app.inject({
    method: 'GET',
    url: `/api/reports?from=${day}&to=${day}&format=csv`,
    headers: { authorization: `Bearer ${MERCHANT?.secret ?? ''}` },
  });
  assert.equal(response.statusCode, 200, response.body);
  return {
    name: `releve-${MERCHANT?.id ?? ''}-${day}.csv`,
    bytes: new Uint8Array(response.rawPayload),
    text: response.body,
  };
}

/** Where the report's gross, fees and net are. */
const AMOUNT_COLUMNS = (['gross', 'fees', 'net'] as const).map((name) => SANDBOX_SETTLEMENT_COLUMNS.indexOf(name));

/**
 * The same report with its transaction lines changed by `edit` (a line dropped, an amount changed),
 * its day and period totals recomputed: a consistent report that says something else.
 */
function edited(text: string, edit: (rows: string[][]) => string[][]): { name: string; bytes: Uint8Array } {
  const rows = text
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split(','));
  const [header = [], ...rest] = rows;
  const lines = edit(rest.filter((r) => r[2] === 'payment' || r[2] === 'refund'));
  // Amounts are read as integer cents from their digits (the report's own parser), never through a float.
  const cell = (value: string | undefined): Cents => {
    const amount = parseSettlementAmount(value ?? '');
    assert.ok(amount !== undefined, `an amount of the report: ${value}`);
    return amount;
  };
  const sums = (list: string[][]) =>
    AMOUNT_COLUMNS.map((column) => formatEuros(addCents(...list.map((r) => cell(r[column])))));
  const days = rest.filter((r) => r[2] === 'day_total').map((r) => r[1] ?? '');
  const merchant = rows[1]?.[0] ?? '';
  const out = [
    header,
    ...lines,
    ...days.map((day) => {
      const of = lines.filter((r) => r[1] === day);
      return [merchant, day, 'day_total', '', '', '', ...sums(of), 'EUR'];
    }),
    [merchant, '', 'total', '', '', '', ...sums(lines), 'EUR'],
  ];
  return {
    name: 'releve-corrige.csv',
    bytes: new TextEncoder().encode(`${out.map((r) => r.join(',')).join('\r\n')}\r\n`),
  };
}

async function openMismatches() {
  return payments.settlements().openMismatches(MERCHANT?.id);
}

beforeEach(async () => {
  // A day of its own for each test: a report covers what that day settled.
  await psp.advance(86_400);
});

test('the provider’s report of a day matches every payment and refund to the cent; the same report again changes nothing', async () => {
  const a = await pay(1114);
  const b = await pay(5220);
  await pay(557);
  const refund = await payments.requestRefund({
    attemptId: a.id,
    amountCents: cents(435),
    reason: 'repas non pris',
    idempotencyKey: randomUUID(),
  });
  assert.equal(refund.kind, 'requested');
  const from = receiver.received.length;
  await psp.advance(6);
  await psp.flush();
  await deliver(from);

  const file = await report();
  const fees = [1114, 5220, 557].reduce((s, g) => s + 25 + Math.floor((g * 12 + 500) / 1000), 0);
  const gross = 1114 + 5220 + 557 - 435;
  // The report's total line, read as whole cents: the day's gross, fees and net to the cent.
  const totalLine = file.text.trimEnd().split('\r\n').at(-1)?.split(',') ?? [];
  assert.deepEqual(
    AMOUNT_COLUMNS.map((column) => parseSettlementAmount(totalLine[column] ?? '')),
    [gross, fees, gross - fees],
  );
  const imported = await run('settlement import', {}, file);
  assert.ok(imported.ok, imported.out);
  const day = todayInMonaco(psp.clock.now());
  const euros = (c: number) => `${formatEuros(cents(c))} €`;
  assert.equal(
    imported.out,
    [
      `Relevé mairie-cantine du ${day} au ${day} importé (import 1) :`,
      `  4 transaction(s) : brut ${euros(gross)}, frais ${euros(fees)}, net ${euros(gross - fees)}`,
      '  4 rapprochée(s) au centime',
      '  aucun nouvel écart',
      'Écarts ouverts sur mairie-cantine : 0.',
    ].join('\n'),
  );
  const lines = await db
    .selectFrom('settlement_line')
    .select(['kind', 'attempt_id', 'refund_id', 'gross_cents'])
    .orderBy('id')
    .execute();
  assert.equal(lines.length, 4);
  assert.ok(lines.every((l) => l.attempt_id !== null));
  assert.equal(lines.find((l) => l.kind === 'refund')?.gross_cents, -435);
  assert.ok(lines.find((l) => l.kind === 'refund')?.refund_id);
  assert.equal(lines.find((l) => l.attempt_id === b.id)?.gross_cents, 5220);

  // The same file again (an operator's double run): nothing new.
  const again = await run('settlement import', {}, file);
  assert.ok(again.ok, again.out);
  assert.match(again.out, /a déjà été importé \(import 1\) : rien de nouveau\.$/);
  assert.equal((await db.selectFrom('settlement_line').select('id').execute()).length, 4);
  // Two imports of one new file at once (the same report with line feeds alone): one imports, the
  // other says it is done.
  const unix = new TextEncoder().encode(file.text.replace(/\r\n/g, '\n'));
  const twice = await Promise.all([
    payments.settlements().importReport(unix, 'a.csv'),
    payments.settlements().importReport(unix, 'a.csv'),
  ]);
  assert.deepEqual(twice.map((t) => t.kind).sort(), ['already_imported', 'imported']);
  const second = twice.find((t) => t.kind === 'imported');
  assert.ok(second?.kind === 'imported');
  assert.equal(second.alreadySettled, 4, 'each transaction settled once, whatever report brings it again');
  assert.equal((await db.selectFrom('settlement_line').select('id').execute()).length, 4);
});

test('a transaction the portal does not know, and a payment it has not seen succeed, are mismatches until resolved', async () => {
  // Paid at the provider outside the portal (its API called directly).
  const stranger = await psp.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: {
      authorization: `Bearer ${MERCHANT?.secret ?? ''}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    payload: JSON.stringify({
      merchantId: MERCHANT?.id,
      amount: { minor: 990, currency: 'EUR' },
      merchantReference: 'hors-portail',
      returnUrl: 'http://127.0.0.1:1/retour',
      notificationUrl: receiver.url,
      language: 'fr',
      description: 'Paiement hors portail',
    }),
  });
  assert.equal(stranger.statusCode, 201, stranger.body);
  const { id: strangerId, hostedPageUrl } = stranger.json<{ id: string; hostedPageUrl: string }>();
  await psp.pay(hostedPageUrl, '4242424242424242');
  // Paid, but its notification not yet arrived: the portal still waits.
  const waiting = await pay(2228, { apply: false });
  assert.equal(waiting.state, 'REDIRECTED');

  const imported = await run('settlement import', {}, await report());
  assert.ok(imported.ok, imported.out);
  assert.match(imported.out, /0 rapprochée\(s\) au centime/);
  assert.match(imported.out, /2 nouvel\(s\) écart\(s\) :/);
  assert.match(
    imported.out,
    new RegExp(
      `transaction inconnue \\(mairie-cantine\\) : paiement ${strangerId} du .* inconnu du portail \\[réglé 9\\.90 €\\]`,
    ),
  );
  assert.match(
    imported.out,
    new RegExp(`non encaissé au portail \\(mairie-cantine\\) : ${waiting.reference} est « REDIRECTED » au portail`),
  );
  assert.match(imported.out, /Écarts ouverts sur mairie-cantine : 2 \(monguichet settlement mismatches\)\.$/);

  const listed = await run('settlement mismatches');
  assert.ok(listed.ok);
  assert.match(listed.out, /^2 écart\(s\) ouvert\(s\) :/);
  const open = await openMismatches();
  const unknown = open.find((m) => m.kind === 'unknown_transaction');
  assert.ok(unknown);
  // Resolved by an operator, with what was done; twice is harmless; a wrong number is refused.
  const resolved = await run('settlement resolve', {
    id: `#${unknown.id}`,
    note: 'paiement de guichet saisi à la main',
  });
  assert.deepEqual(resolved, { ok: true, out: `Écart #${unknown.id} résolu.` });
  assert.match((await run('settlement resolve', { id: unknown.id, note: 'encore' })).out, /était déjà résolu/);
  assert.deepEqual(await run('settlement resolve', { id: '999999', note: 'x' }), {
    ok: false,
    out: 'aucun écart n’a le numéro 999999',
  });
  assert.deepEqual(await run('settlement resolve', { id: "1' or '1'='1", note: 'x' }), {
    ok: false,
    out: "aucun écart n’a le numéro 1' or '1'='1",
  });
  assert.equal((await run('settlement resolve', { id: unknown.id })).ok, false, 'a note is required');
  assert.deepEqual(
    (await openMismatches()).map((m) => m.kind),
    ['not_paid_here'],
  );
  const row = await db
    .selectFrom('settlement_mismatch')
    .selectAll()
    .where('id', '=', unknown.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.resolution, 'paiement de guichet saisi à la main');
  assert.ok(row.resolved_at);
  await run('settlement resolve', {
    id: open.find((m) => m.kind === 'not_paid_here')?.id ?? '',
    note: 'notification reçue depuis',
  });
});

test('a payment missing from a report, and an amount that differs, are listed; a later report that settles the payment closes its mismatch', async () => {
  const kept = await pay(1114);
  const dropped = await pay(3342);
  const changed = await pay(557);
  const real = await report();
  // A report without one payment, and another one's amount changed (totals still adding up).
  const partial = edited(real.text, (rows) =>
    rows
      .filter((r) => r[3] !== dropped.provider_ref)
      .map((r) => (r[3] === changed.provider_ref ? [...r.slice(0, 6), '5.75', '0.32', '5.43', 'EUR'] : r)),
  );
  const first = await payments.settlements().importReport(partial.bytes, partial.name);
  assert.ok(first.kind === 'imported', JSON.stringify(first));
  assert.equal(first.lines, 2);
  assert.equal(first.matched, 1);
  assert.deepEqual(first.mismatches.map((m) => [m.kind, m.paymentReference, m.expectedCents, m.settledCents]).sort(), [
    ['amount_difference', changed.reference, 557, 575],
    ['missing_settlement', dropped.reference, 3342, null],
  ]);
  assert.equal(kept.state, 'SUCCEEDED');

  // The provider's full report of the day: the dropped payment is settled now, its mismatch closed;
  // the changed one was settled already (by the first report) and is counted once.
  const second = await payments.settlements().importReport(real.bytes, real.name);
  assert.ok(second.kind === 'imported', JSON.stringify(second));
  assert.equal(second.resolved, 1);
  assert.equal(second.alreadySettled, 2);
  assert.equal(second.matched, 1);
  assert.deepEqual(second.mismatches, []);
  assert.deepEqual(
    (await openMismatches()).map((m) => [m.kind, m.paymentReference]),
    [['amount_difference', changed.reference]],
  );
  const closed = await db
    .selectFrom('settlement_mismatch')
    .select(['resolution'])
    .where('kind', '=', 'missing_settlement')
    .where('attempt_id', '=', dropped.id)
    .executeTakeFirstOrThrow();
  assert.match(closed.resolution ?? '', /^réglé dans le relevé releve-mairie-cantine-.*\.csv \(import \d+\)$/);
});

test('a file that is not a whole report writes nothing and says why; the command needs a file', async () => {
  const before = await db.selectFrom('settlement_import').select('id').execute();
  const broken = await run(
    'settlement import',
    {},
    { name: 'x.csv', bytes: new TextEncoder().encode('date,amount\n1,2\n') },
  );
  assert.equal(broken.ok, false);
  assert.match(broken.out, /^relevé refusé, rien n’a été écrit :\n {2}ligne 1 : en-tête attendu/);
  const truncated = (await report()).text.split('\r\n').slice(0, -2).join('\r\n');
  const cut = await run('settlement import', {}, { name: 'y.csv', bytes: new TextEncoder().encode(truncated) });
  assert.equal(cut.ok, false);
  assert.match(cut.out, /la ligne total manque/);
  assert.deepEqual(await run('settlement import'), { ok: false, out: 'indiquez le fichier du relevé' });
  assert.deepEqual(await db.selectFrom('settlement_import').select('id').execute(), before);
});
