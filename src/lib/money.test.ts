/** Exact money: VAT splits, shares between payers, prices parsed from text, RF references. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  cents,
  creditorReference,
  formatEuros,
  formatMoney,
  isValidCreditorReference,
  parseEuros,
  splitByShares,
  splitVat,
} from './money.ts';

test('the VAT split of any gross at any rate adds up to the gross, with net never above it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (gross, rate) => {
      const { net, vat } = splitVat(cents(gross), rate);
      assert.equal(net + vat, gross);
      assert.ok(net >= 0 && vat >= 0 && net <= gross);
    }),
  );
});

test('18 meals at 5,57 € with 10 % VAT: 100,26 € of which 91,15 € net and 9,11 € VAT', () => {
  assert.deepEqual(splitVat(cents(18 * 557), 1000), { net: 9115, vat: 911 });
});

test('a shared amount gives every cent to someone and creates none, whatever the shares', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
      (amount, shares) => {
        const parts = splitByShares(cents(amount), shares);
        assert.equal(
          parts.reduce((s, p) => s + p, 0),
          amount,
        );
        const total = shares.reduce((s, p) => s + p, 0);
        parts.forEach((part, i) => {
          const exact = (amount * (shares[i] ?? 0)) / total;
          assert.ok(part >= Math.floor(exact) && part <= Math.floor(exact) + 1);
        });
      },
    ),
  );
});

test('half and half of an odd amount gives the odd cent to the first payer only', () => {
  assert.deepEqual(splitByShares(cents(5013), [50, 50]), [2507, 2506]);
});

test('prices are read from their text, with a point or a comma, and nothing else is a price', () => {
  assert.equal(parseEuros('5.57'), 557);
  assert.equal(parseEuros('5,57'), 557);
  assert.equal(parseEuros('5'), 500);
  assert.equal(parseEuros('5.5'), 550);
  for (const bad of ['-5', '5.575', '1e3', 'abc', '', '5.', '.5']) assert.equal(parseEuros(bad), undefined, bad);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 99_999_999 }), (value) => {
      assert.equal(parseEuros(formatEuros(cents(value))), value);
    }),
  );
});

test('an RF creditor reference carries ISO 11649 check digits that catch a changed character', () => {
  assert.equal(creditorReference('539007547034'), 'RF18539007547034');
  assert.ok(isValidCreditorReference('RF18 5390 0754 7034'));
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Z0-9]{1,21}$/), (body) => {
      const reference = creditorReference(body);
      assert.ok(isValidCreditorReference(reference));
      // A digit for another digit, a letter for another letter: a substitution of one character
      // (a digit for a letter would change the length of the number the check digits are over).
      const last = reference.at(-1) ?? '0';
      const other = /\d/.test(last)
        ? String((Number(last) + 1) % 10)
        : String.fromCharCode(((last.charCodeAt(0) - 65 + 1) % 26) + 65);
      const changed = reference.slice(0, -1) + other;
      assert.equal(isValidCreditorReference(changed), false);
    }),
  );
});

test('amounts read as people write them: 5,57 € in French (no-break spaces), €5.57 in English', () => {
  assert.equal(formatMoney(557, 'fr'), '5,57\u00a0€');
  assert.equal(formatMoney(557, 'en'), '€5.57');
  assert.equal(formatMoney(123_456_789, 'fr'), '1\u202f234\u202f567,89\u00a0€');
  assert.equal(formatMoney(123_456_789, 'en'), '€1,234,567.89');
  assert.equal(formatMoney(-5, 'fr'), '-0,05\u00a0€');
  assert.equal(formatMoney(-5, 'en'), '-€0.05');
  assert.equal(formatMoney(0, 'fr'), '0,00\u00a0€');
  assert.throws(() => formatMoney(5.5, 'fr'), RangeError);
});

test('an amount is formatted from its exact cents, as Intl shows the same number of euros', () => {
  const euro = {
    fr: new Intl.NumberFormat('fr-MC', { style: 'currency', currency: 'EUR' }),
    en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
  };
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom('fr', 'en'), (value, lang) => {
      assert.equal(formatMoney(value, lang), euro[lang].format(value / 100));
    }),
  );
});
