/**
 * Amounts and months as e-mails print them, in the recipient's language: `16,71 €` / `€16.71`,
 * `octobre 2026` / `October 2026`. Cents go to Intl as exact decimal text, never through a float.
 */
import type { Lang } from '../../i18n/types.ts';

const LOCALES = { fr: 'fr-MC', en: 'en-GB' } as const;

export function mailAmount(cents: number, lang: Lang): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }).format(
    `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as `${number}`,
  );
}

/** `2026-10` → `octobre 2026`. */
export function mailMonth(month: string, lang: Lang): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 2000, (monthNumber ?? 1) - 1, 1)),
  );
}

/** `2026-11-20` → `20 novembre 2026`. */
export function mailDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
