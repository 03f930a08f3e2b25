/** Dates as people in Monaco read them: Europe/Monaco time, in the page's language. */
import { LOCALE_TAGS, type Lang } from '../i18n/types.ts';

const TIME_ZONE = 'Europe/Monaco';

const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "27 novembre 2026 à 09:14" / "27 November 2026 at 09:14". */
export function formatDateTime(date: Date, lang: Lang): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
    dateTimeFormats.set(lang, format);
  }
  return format.format(date);
}

/** "27 novembre 2026" / "27 November 2026". */
export function formatDate(date: Date, lang: Lang): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'long', timeZone: TIME_ZONE });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

const calendarMonthFormats = new Map<Lang, Intl.DateTimeFormat>();
const calendarDayFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A stored calendar date (`YYYY-MM-DD`) as the UTC midnight that Intl formats back to that same day. */
function calendarDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/**
 * Days and months already written, by language: a bills page writes the same few dozen dates on
 * every request, and Intl's formatting costs more than a look-up. Emptied when it grows past
 * FORMATTED_LIMIT entries (a year of days in two languages fits several times).
 */
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 4096;

function remembered(key: string, write: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = write();
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** A calendar month: `2026-10` → "octobre 2026" / "October 2026" (pages, PDFs and e-mails alike). */
export function formatMonth(month: string, lang: Lang): string {
  return remembered(`${lang} ${month}`, () => writeMonth(month, lang));
}

function writeMonth(month: string, lang: Lang): string {
  let format = calendarMonthFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
    calendarMonthFormats.set(lang, format);
  }
  return format.format(calendarDate(`${month}-01`));
}

/** A calendar day: `2026-10-05` → "5 octobre 2026" / "5 October 2026" (pages, PDFs and e-mails alike). */
export function formatDay(date: string, lang: Lang): string {
  return remembered(`${lang} ${date}`, () => writeDay(date, lang));
}

function writeDay(date: string, lang: Lang): string {
  let format = calendarDayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'long', timeZone: 'UTC' });
    calendarDayFormats.set(lang, format);
  }
  return format.format(calendarDate(date));
}

/** `en-CA` writes a date as `YYYY-MM-DD`; built once, as a formatter costs more to make than to use. */
const MONACO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (`YYYY-MM-DD`) it is in Monaco at `now` (a Date or milliseconds since the epoch). */
export function todayInMonaco(now: Date | number = new Date()): string {
  return MONACO_DAY.format(now);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written `YYYY-MM-DD` ('2026-02-30' is not one). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The day after an ISO date ('2026-02-28' → '2026-03-01'). */
export function nextIsoDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
