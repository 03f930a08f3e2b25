/**
 * The monthly bill, computed without the database: the meals of a month, priced at the tariff in
 * force on each day, grouped per pupil and week, shared between the pupil's payers, and gathered
 * into one invoice per payer with its VAT split. Pure, so the property tests can run it on any
 * input.
 */
import { addCents, cents, multiplyCents, splitByShares, splitVat, type Cents } from '../../lib/money.ts';
import { mondayOf } from './calendar.ts';

export interface BillingGuardian {
  readonly email: string;
  readonly role: 'payer' | 'viewer';
  readonly sharePercent: number;
}

export interface BillingPupil {
  readonly id: string;
  readonly name: string;
  readonly guardians: readonly BillingGuardian[];
}

export interface BillingMeal {
  readonly pupilId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly quantity: number;
}

export interface BillingTariff {
  /** YYYY-MM-DD */
  readonly validFrom: string;
  readonly unitPriceCents: Cents;
}

export interface DraftLine {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
  readonly unitPriceCents: Cents;
  readonly sharePercent: number;
  readonly totalCents: Cents;
}

export interface DraftInvoice {
  readonly payerEmail: string;
  readonly lines: readonly DraftLine[];
  readonly totalCents: Cents;
  readonly netCents: Cents;
  readonly vatCents: Cents;
}

export type BillingResult =
  | { readonly ok: true; readonly invoices: readonly DraftInvoice[] }
  | {
      readonly ok: false;
      readonly daysWithoutTariff: readonly string[];
      readonly pupilsWithoutPayer: readonly string[];
    };

/** The unit price in force on `date`: the tariff with the latest `validFrom` not after it. */
export function priceOn(tariffs: readonly BillingTariff[], date: string): Cents | undefined {
  let found: BillingTariff | undefined;
  for (const tariff of tariffs) {
    if (tariff.validFrom <= date && (!found || tariff.validFrom > found.validFrom)) found = tariff;
  }
  return found?.unitPriceCents;
}

interface Group {
  pupil: BillingPupil;
  unitPriceCents: Cents;
  periodStart: string;
  periodEnd: string;
  quantity: number;
}

export function computeMonthlyInvoices(input: {
  readonly pupils: readonly BillingPupil[];
  readonly meals: readonly BillingMeal[];
  readonly tariffs: readonly BillingTariff[];
  readonly vatRateBasisPoints: number;
}): BillingResult {
  const pupils = new Map(input.pupils.map((p) => [p.id, p]));
  const daysWithoutTariff = new Set<string>();
  const pupilsWithoutPayer = new Set<string>();
  // pupil → week and price → group, in date order.
  const groups = new Map<string, Group>();
  const meals = [...input.meals].sort((a, b) => a.pupilId.localeCompare(b.pupilId) || a.date.localeCompare(b.date));
  for (const meal of meals) {
    const pupil = pupils.get(meal.pupilId);
    if (!pupil) throw new Error(`A meal names an unknown pupil: ${meal.pupilId}`);
    const price = priceOn(input.tariffs, meal.date);
    if (price === undefined) {
      daysWithoutTariff.add(meal.date);
      continue;
    }
    if (!pupil.guardians.some((g) => g.role === 'payer')) {
      pupilsWithoutPayer.add(pupil.name);
      continue;
    }
    const key = `${pupil.id}|${mondayOf(meal.date)}|${price}`;
    const group = groups.get(key);
    if (group) {
      group.periodEnd = meal.date;
      group.quantity += meal.quantity;
    } else {
      groups.set(key, {
        pupil,
        unitPriceCents: price,
        periodStart: meal.date,
        periodEnd: meal.date,
        quantity: meal.quantity,
      });
    }
  }
  if (daysWithoutTariff.size > 0 || pupilsWithoutPayer.size > 0) {
    return {
      ok: false,
      daysWithoutTariff: [...daysWithoutTariff].sort(),
      pupilsWithoutPayer: [...pupilsWithoutPayer].sort(),
    };
  }

  // Per pupil, the payers share the running total of the month (largest remainder), and each line
  // takes the difference: the month's odd cent goes to one payer once, not once per line.
  const linesByPayer = new Map<string, { email: string; lines: DraftLine[] }>();
  const running = new Map<string, { total: number; parts: readonly Cents[] }>();
  for (const group of groups.values()) {
    const payers = group.pupil.guardians.filter((g) => g.role === 'payer');
    const shares = payers.map((p) => p.sharePercent);
    const before = running.get(group.pupil.id) ?? { total: 0, parts: shares.map(() => cents(0)) };
    const total = before.total + multiplyCents(group.unitPriceCents, group.quantity);
    const parts = splitByShares(cents(total), shares);
    running.set(group.pupil.id, { total, parts });
    payers.forEach((payer, i) => {
      const lineTotal = (parts[i] ?? 0) - (before.parts[i] ?? 0);
      // Cannot happen with one or two payers (a roll names at most two): a safeguard, not a rule.
      if (lineTotal < 0) throw new Error('A shared line would be negative');
      const key = payer.email.toLowerCase();
      const entry = linesByPayer.get(key) ?? { email: payer.email, lines: [] };
      entry.lines.push({
        pupilId: group.pupil.id,
        pupilName: group.pupil.name,
        periodStart: group.periodStart,
        periodEnd: group.periodEnd,
        quantity: group.quantity,
        unitPriceCents: group.unitPriceCents,
        sharePercent: payer.sharePercent,
        totalCents: cents(lineTotal),
      });
      linesByPayer.set(key, entry);
    });
  }

  const invoices = [...linesByPayer.values()]
    .sort((a, b) => a.email.toLowerCase().localeCompare(b.email.toLowerCase()))
    .map(({ email, lines }) => {
      const sorted = lines.sort(
        (a, b) => a.pupilName.localeCompare(b.pupilName, 'fr') || a.periodStart.localeCompare(b.periodStart),
      );
      const total = addCents(...sorted.map((l) => l.totalCents));
      const { net, vat } = splitVat(total, input.vatRateBasisPoints);
      return { payerEmail: email, lines: sorted, totalCents: total, netCents: net, vatCents: vat };
    });
  return { ok: true, invoices };
}
