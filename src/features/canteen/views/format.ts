/**
 * Money, months and days as a parent reads them, through Intl in the page's language: `5,57 €`
 * and `octobre 2026` in French, `€5.57` and `October 2026` in English. Cents are handed to Intl
 * as exact decimal text, never through float arithmetic.
 */
import { LOCALE_TAGS, type Lang } from '../../../i18n/index.ts';

const moneyFormats = new Map<Lang, Intl.NumberFormat>();

/** Integer cents → `5,57 €` / `€5.57`. */
export function formatCents(value: number, lang: Lang): string {
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAGS[lang], { style: 'currency', currency: 'EUR' });
    moneyFormats.set(lang, format);
  }
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const decimal = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  // Intl reads a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(decimal as unknown as number);
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** `2026-10` → `octobre 2026` / `October 2026`. */
export function formatMonth(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utcDate(`${month}-01`),
  );
}

/** `2026-10-05` → `5 octobre 2026` / `5 October 2026`. */
export function formatDay(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(utcDate(date));
}

/** `2026-10-05` → `lundi 5 octobre` / `Monday 5 October`. */
export function formatWeekday(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(utcDate(date));
}

/** `2026-10-05` → `05/10/2026` / `05/10/2026` (short, for table cells). */
export function formatShortDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'short', timeZone: 'UTC' }).format(utcDate(date));
}

/** `2026-10-05` → `05/10` (a day of a month the page already names). */
export function formatDayMonth(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(
    utcDate(date),
  );
}

/** 1000 basis points → `10 %` / `10%`. */
export function formatRate(basisPoints: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE_TAGS[lang], { style: 'percent', maximumFractionDigits: 2 }).format(
    `${Math.trunc(basisPoints / 10000)}.${String(basisPoints % 10000).padStart(4, '0')}` as unknown as number,
  );
}
