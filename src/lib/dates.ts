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
