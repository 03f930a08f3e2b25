/**
 * Money, exactly: integer cents in a branded `Cents` type, never a float. Prices are parsed from
 * their decimal text digit by digit; VAT is split off a VAT-included gross by integer arithmetic;
 * an amount is shared between payers by largest remainder, so no cent is created or lost.
 */
import { LOCALE_TAGS, type Lang } from '../i18n/types.ts';

declare const centsBrand: unique symbol;
/** A whole number of euro cents (a safe integer). */
export type Cents = number & { readonly [centsBrand]: true };

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of cents: ${value}`);
  return value as Cents;
}

export function addCents(...values: readonly Cents[]): Cents {
  return cents(values.reduce<number>((sum, v) => sum + v, 0));
}

/** `quantity × unit`, exact. */
export function multiplyCents(unit: Cents, quantity: number): Cents {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Not a whole quantity: ${quantity}`);
  return cents(unit * quantity);
}

/**
 * "5.57", "5,57", "5", "5.5" → cents; undefined for anything else (a sign, three decimals,
 * an exponent, letters). Parsed from the text, never through a float.
 */
export function parseEuros(text: string): Cents | undefined {
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const euros = Number.parseInt(match[1] ?? '0', 10);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return cents(euros * 100 + Number.parseInt(fraction, 10));
}

/** `1234` → "12.34" (for operators' output and files; people read `formatMoney`). */
export function formatEuros(value: Cents): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * One currency formatter per language, made on first use and shared: building an
 * `Intl.NumberFormat` costs far more than formatting with it.
 */
const moneyFormats = new Map<Lang, Intl.NumberFormat>();

/**
 * Integer cents as a person reads them in `lang`, for pages, e-mails and PDFs alike:
 * `1234` → `12,34 €` (fr-MC: a no-break space before the sign, a narrow one between thousands)
 * or `€12.34` (en-GB). The cents reach Intl as exact decimal text, never through a float.
 */
export function formatMoney(value: number, lang: Lang): string {
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAGS[lang], { style: 'currency', currency: 'EUR' });
    moneyFormats.set(lang, format);
  }
  // Intl reads a decimal string exactly (ECMA-402, Intl.NumberFormat v3).
  return format.format(formatEuros(cents(value)) as `${number}`);
}

export interface VatSplit {
  readonly net: Cents;
  readonly vat: Cents;
}

/**
 * Splits a VAT-included `gross` at `rateBasisPoints` (1000 = 10 %): net is rounded half up, VAT is
 * the rest, so `net + vat === gross` always.
 */
export function splitVat(gross: Cents, rateBasisPoints: number): VatSplit {
  if (gross < 0) throw new RangeError('A gross amount cannot be negative');
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`Not a VAT rate in basis points: ${rateBasisPoints}`);
  }
  const divisor = 10_000 + rateBasisPoints;
  // round half up of gross × 10000 / divisor, in integers (BigInt keeps large amounts exact).
  const net = Number((BigInt(gross) * 20_000n + BigInt(divisor)) / (2n * BigInt(divisor)));
  return { net: cents(net), vat: cents(gross - net) };
}

/**
 * Shares `amount` between payers in proportion to `percents` (each 1–100): each gets the floor of
 * their part, and the cents left go one by one to the largest remainders, the first listed first
 * on a tie. The parts always add up to `amount`. Percents that do not sum to 100 are taken
 * relative to their sum.
 */
export function splitByShares(amount: Cents, percents: readonly number[]): Cents[] {
  if (percents.length === 0) throw new RangeError('No one to share with');
  const total = percents.reduce((s, p) => s + p, 0);
  if (total <= 0 || percents.some((p) => !Number.isSafeInteger(p) || p < 0)) {
    throw new RangeError('Shares must be whole non-negative per cents with a positive sum');
  }
  const parts = percents.map((p) => Math.floor((amount * p) / total));
  const remainders = percents.map((p, i) => ({ i, r: (amount * p) % total }));
  let left = amount - parts.reduce((s, p) => s + p, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts.map((p) => cents(p));
}

/** ISO 11649 "RF" creditor reference: `RF` + two check digits + the reference (A–Z, 0–9, ≤ 21). */
export function creditorReference(body: string): string {
  const clean = body.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (clean.length === 0 || clean.length > 21) throw new RangeError('A creditor reference holds 1 to 21 characters');
  const check = 98 - mod97(`${clean}RF00`);
  return `RF${String(check).padStart(2, '0')}${clean}`;
}

/** True when `reference` (spaces allowed) is a well-formed RF reference with a correct check. */
export function isValidCreditorReference(reference: string): boolean {
  const clean = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(clean)) return false;
  return mod97(`${clean.slice(4)}${clean.slice(0, 4)}`) === 1;
}

function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
