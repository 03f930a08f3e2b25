/**
 * Months and days as e-mails print them, in the recipient's language: `octobre 2026` /
 * `October 2026`. Amounts go through `formatMoney` (src/lib/money.ts), as on the pages.
 */
import { LOCALE_TAGS, type Lang } from '../../i18n/types.ts';

/** Built once per language: a formatter costs more to make than to use (a receipt is per payment). */
const monthFormat = {
  fr: new Intl.DateTimeFormat(LOCALE_TAGS.fr, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALE_TAGS.en, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
} as const;
const dayFormat = {
  fr: new Intl.DateTimeFormat(LOCALE_TAGS.fr, { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALE_TAGS.en, { dateStyle: 'long', timeZone: 'UTC' }),
} as const;

/** `2026-10` → `octobre 2026`. */
export function mailMonth(month: string, lang: Lang): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthFormat[lang].format(new Date(Date.UTC(year ?? 2000, (monthNumber ?? 1) - 1, 1)));
}

/** `2026-11-20` → `20 novembre 2026`. */
export function mailDay(day: string, lang: Lang): string {
  return dayFormat[lang].format(new Date(`${day}T00:00:00Z`));
}
