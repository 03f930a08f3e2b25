/** Canteen data for tests, written through the services (roll, tariff, meals) as an operator would. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { importMeals, importRoll, setTariff } from '../../src/features/canteen/roll.service.ts';
import { addDays, isWeekend } from '../../src/features/canteen/calendar.ts';

export interface PupilSpec {
  readonly ref?: string;
  readonly lastName?: string;
  readonly firstName?: string;
  readonly birthDate?: string;
  readonly guardians: readonly { readonly email: string; readonly role: 'payer' | 'viewer' }[];
}

export const ROLL_HEADER_LINE =
  'pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role';

export function rollCsv(pupils: readonly (PupilSpec & { ref: string })[]): string {
  const lines = pupils.map((p) => {
    const [g1, g2] = p.guardians;
    return [
      p.ref,
      p.lastName ?? 'Rossi',
      p.firstName ?? `Enfant ${p.ref}`,
      p.birthDate ?? '2018-03-14',
      'CE2',
      g1?.email ?? '',
      g1?.role ?? '',
      g2?.email ?? '',
      g2?.role ?? '',
    ].join(';');
  });
  return [ROLL_HEADER_LINE, ...lines].join('\n') + '\n';
}

/** The first `count` school days of a month (`YYYY-MM`). */
export function schoolDays(month: string, count: number): string[] {
  const days: string[] = [];
  for (let day = `${month}-01`; days.length < count && day.startsWith(month); day = addDays(day, 1)) {
    if (!isWeekend(day)) days.push(day);
  }
  return days;
}

export function mealsCsv(rows: readonly { ref: string; date: string; quantity?: number }[]): string {
  return ['pupil_ref;date;quantity', ...rows.map((r) => `${r.ref};${r.date};${r.quantity ?? 1}`)].join('\n') + '\n';
}

export const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Pupils on an establishment's roll for 2026-2027, a tariff from 1 September, and `meals` meals
 * each in `month`. Returns the pupils' refs.
 */
export async function canteenWithMeals(
  db: Kysely<Database>,
  options: {
    establishment: string;
    pupils: readonly PupilSpec[];
    month?: string;
    meals?: number;
    price?: string;
  },
): Promise<string[]> {
  const month = options.month ?? '2026-10';
  const pupils = options.pupils.map((p) => ({ ...p, ref: p.ref ?? `P${randomBytes(4).toString('hex')}` }));
  await importRoll(db, { establishmentSlug: options.establishment, year: '2026-2027', file: bytes(rollCsv(pupils)) });
  await setTariff(db, { establishmentSlug: options.establishment, from: '2026-09-01', price: options.price ?? '5.57' });
  const days = schoolDays(month, options.meals ?? 18);
  await importMeals(db, {
    establishmentSlug: options.establishment,
    file: bytes(mealsCsv(pupils.flatMap((p) => days.map((date) => ({ ref: p.ref, date }))))),
  });
  return pupils.map((p) => p.ref);
}
