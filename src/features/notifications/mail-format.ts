/**
 * Amounts and months as e-mails print them, in the recipient's language: `16,71 €` / `€16.71`,
 * `octobre 2026` / `October 2026`. Cents go to Intl as exact decimal text, never through a float.
 */
import type { Lang } from '../../i18n/types.ts';

const LOCALES = { fr: 'fr-MC', en: 'en-GB' } as const;

/** Built once per language: a formatter costs more to make than to use (a receipt is per payment). */
const amountFormat = {
  fr: new Intl.NumberFormat(LOCALES.fr, { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat(LOCALES.en, { style: 'currency', currency: 'EUR' }),
} as const;
const monthFormat = {
  fr: new Intl.DateTimeFormat(LOCALES.fr, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
} as const;
const dayFormat = {
  fr: new Intl.DateTimeFormat(LOCALES.fr, { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { dateStyle: 'long', timeZone: 'UTC' }),
} as const;

export function mailAmount(cents: number, lang: Lang): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return amountFormat[lang].format(
    `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as `${number}`,
  );
}

/** `2026-10` → `octobre 2026`. */
export function mailMonth(month: string, lang: Lang): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthFormat[lang].format(new Date(Date.UTC(year ?? 2000, (monthNumber ?? 1) - 1, 1)));
}

/** `2026-11-20` → `20 novembre 2026`. */
export function mailDay(day: string, lang: Lang): string {
  return dayFormat[lang].format(new Date(`${day}T00:00:00Z`));
}
