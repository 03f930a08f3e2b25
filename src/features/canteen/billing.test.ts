/** The monthly bill computed from meals, tariffs and shares: its invariants, for any input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeMonthlyInvoices, priceOn, type BillingPupil } from './billing.ts';
import { addDays, isWeekend } from './calendar.ts';
import { cents } from '../../lib/money.ts';

const OCTOBER_DAYS = Array.from({ length: 31 }, (_, i) => addDays('2026-10-01', i)).filter((d) => !isWeekend(d));

const pupilArb = (id: string) =>
  fc
    .record({
      payers: fc.constantFrom<readonly number[]>([100], [50, 50], [70, 30], [1, 99], [33, 67]), // a roll names two guardians at most
      viewer: fc.boolean(),
      sameEmailAs: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    })
    .map(({ payers, viewer, sameEmailAs }): BillingPupil => ({
      id,
      name: `Enfant ${id}`,
      guardians: [
        ...payers.map((share, i) => ({
          email:
            i === 0 && sameEmailAs !== undefined ? `parent${sameEmailAs}@example.mc` : `${id}-payer${i}@example.mc`,
          role: 'payer' as const,
          sharePercent: share,
        })),
        ...(viewer ? [{ email: `${id}-viewer@example.mc`, role: 'viewer' as const, sharePercent: 0 }] : []),
      ],
    }));

const inputArb = fc
  .tuple(pupilArb('a'), pupilArb('b'), pupilArb('c'))
  .chain((pupils) =>
    fc.record({
      pupils: fc.constant(pupils),
      meals: fc.uniqueArray(
        fc.record({
          pupilId: fc.constantFrom('a', 'b', 'c'),
          date: fc.constantFrom(...OCTOBER_DAYS),
          quantity: fc.integer({ min: 1, max: 3 }),
        }),
        { selector: (m) => `${m.pupilId}${m.date}`, maxLength: 60 },
      ),
      tariffs: fc.uniqueArray(
        fc.record({
          validFrom: fc.constantFrom('2026-09-01', '2026-10-07', '2026-10-15', '2026-10-26'),
          unitPriceCents: fc.integer({ min: 0, max: 2000 }).map(cents),
        }),
        { selector: (t) => t.validFrom, minLength: 1, maxLength: 4 },
      ),
      vatRateBasisPoints: fc.constantFrom(0, 550, 1000, 2000),
    }),
  )
  .filter((input) => input.tariffs.some((t) => t.validFrom === '2026-09-01'));

test('for any meals, tariffs and shares: totals are the sum of lines, VAT adds up, no cent is created or lost', () => {
  fc.assert(
    fc.property(inputArb, (input) => {
      const result = computeMonthlyInvoices(input);
      assert.ok(result.ok);
      const invoices = result.invoices;
      let billed = 0;
      for (const invoice of invoices) {
        assert.equal(
          invoice.totalCents,
          invoice.lines.reduce((s, l) => s + l.totalCents, 0),
        );
        assert.equal(invoice.netCents + invoice.vatCents, invoice.totalCents);
        billed += invoice.totalCents;
      }
      const eaten = input.meals.reduce((s, m) => s + m.quantity * (priceOn(input.tariffs, m.date) ?? Number.NaN), 0);
      assert.equal(billed, eaten);
      // Per pupil, the payers' lines together are exactly what the pupil ate.
      for (const pupil of input.pupils) {
        const lines = invoices.flatMap((i) => i.lines).filter((l) => l.pupilId === pupil.id);
        const eatenByPupil = input.meals
          .filter((m) => m.pupilId === pupil.id)
          .reduce((s, m) => s + m.quantity * (priceOn(input.tariffs, m.date) ?? Number.NaN), 0);
        assert.equal(
          lines.reduce((s, l) => s + l.totalCents, 0),
          eatenByPupil,
        );
        // Each payer's part of the pupil's month is their share, rounded by at most the one odd cent.
        for (const guardian of pupil.guardians.filter((g) => g.role === 'payer')) {
          const part = lines
            .filter((l) => invoices.some((i) => i.payerEmail === guardian.email && i.lines.includes(l)))
            .reduce((s, l) => s + l.totalCents, 0);
          const payers = pupil.guardians.filter((g) => g.role === 'payer');
          const exact = (eatenByPupil * guardian.sharePercent) / payers.reduce((s, g) => s + g.sharePercent, 0);
          assert.ok(Math.abs(part - exact) < 1, `${part} is ${exact} rounded`);
        }
      }
      // A viewer never receives a bill.
      const viewers = input.pupils.flatMap((p) => p.guardians.filter((g) => g.role === 'viewer').map((g) => g.email));
      assert.ok(invoices.every((i) => !viewers.includes(i.payerEmail)));
    }),
  );
});

test('shared custody at 50/50: each payer gets one bill with the meals at half, the odd cent to one of them', () => {
  const meals = OCTOBER_DAYS.slice(0, 17).map((date) => ({ pupilId: 'x', date, quantity: 1 }));
  const result = computeMonthlyInvoices({
    pupils: [
      {
        id: 'x',
        name: 'Léa Rossi',
        guardians: [
          { email: 'maman@example.mc', role: 'payer', sharePercent: 50 },
          { email: 'papa@example.mc', role: 'payer', sharePercent: 50 },
        ],
      },
    ],
    meals,
    tariffs: [{ validFrom: '2026-09-01', unitPriceCents: cents(557) }],
    vatRateBasisPoints: 1000,
  });
  assert.ok(result.ok);
  assert.equal(result.invoices.length, 2);
  const totals = result.invoices.map((i) => i.totalCents).sort();
  // 17 × 5,57 € = 94,69 €: 47,34 € and 47,35 €.
  assert.deepEqual(totals, [4734, 4735]);
  for (const invoice of result.invoices) {
    assert.ok(invoice.lines.every((l) => l.sharePercent === 50));
    assert.equal(
      invoice.lines.reduce((s, l) => s + l.quantity, 0),
      17,
    );
  }
});

test('a day eaten with no tariff in force is named, and no bill is computed', () => {
  const result = computeMonthlyInvoices({
    pupils: [{ id: 'x', name: 'Léa', guardians: [{ email: 'p@example.mc', role: 'payer', sharePercent: 100 }] }],
    meals: [
      { pupilId: 'x', date: '2026-10-05', quantity: 1 },
      { pupilId: 'x', date: '2026-10-20', quantity: 1 },
    ],
    tariffs: [{ validFrom: '2026-10-15', unitPriceCents: cents(557) }],
    vatRateBasisPoints: 1000,
  });
  assert.deepEqual(result, { ok: false, daysWithoutTariff: ['2026-10-05'], pupilsWithoutPayer: [] });
});

test('lines are per week and per price: a new price mid-week starts a new line', () => {
  const result = computeMonthlyInvoices({
    pupils: [{ id: 'x', name: 'Léa', guardians: [{ email: 'p@example.mc', role: 'payer', sharePercent: 100 }] }],
    meals: ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-12'].map((date) => ({
      pupilId: 'x',
      date,
      quantity: 1,
    })),
    tariffs: [
      { validFrom: '2026-09-01', unitPriceCents: cents(557) },
      { validFrom: '2026-10-07', unitPriceCents: cents(600) },
    ],
    vatRateBasisPoints: 1000,
  });
  assert.ok(result.ok);
  const lines = result.invoices[0]?.lines.map((l) => [l.periodStart, l.periodEnd, l.quantity, l.unitPriceCents]);
  assert.deepEqual(lines, [
    ['2026-10-05', '2026-10-06', 2, 557],
    ['2026-10-07', '2026-10-08', 2, 600],
    ['2026-10-12', '2026-10-12', 1, 600],
  ]);
});
