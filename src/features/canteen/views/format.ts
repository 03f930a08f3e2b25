/**
 * Months, days and rates as a parent reads them, through Intl in the page's language: `octobre
 * 2026` in French, `October 2026` in English. Amounts go through `formatMoney` (src/lib/money.ts).
 */
import { LOCALE_TAGS, type Lang, type Messages } from '../../../i18n/index.ts';

/**
 * One formatter per language and kind, made on first use: building an `Intl` formatter costs far
 * more than formatting with it (a bill list formats two dates per bill), and formatters are
 * stateless, so they are shared by every request.
 */
function perLang<F>(make: (locale: string) => F): (lang: Lang) => F {
  const made = new Map<Lang, F>();
  return (lang) => {
    let format = made.get(lang);
    if (!format) {
      format = make(LOCALE_TAGS[lang]);
      made.set(lang, format);
    }
    return format;
  };
}

const weekdayFormat = perLang(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
);
const shortDateFormat = perLang((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }));
const dayMonthFormat = perLang(
  (locale) => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }),
);
const rateFormat = perLang((locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }));

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Months and days, the same on the pages, the PDFs and the e-mails (src/lib/dates.ts). */
export { formatDay, formatMonth } from '../../../lib/dates.ts';

/** `2026-10-05` → `lundi 5 octobre` / `Monday 5 October`. */
export function formatWeekday(date: string, lang: Lang): string {
  return weekdayFormat(lang).format(utcDate(date));
}

/** `2026-10-05` → `05/10/2026` / `05/10/2026` (short, for table cells). */
export function formatShortDate(date: string, lang: Lang): string {
  return shortDateFormat(lang).format(utcDate(date));
}

/** `2026-10-05` → `05/10` (a day of a month the page already names). */
export function formatDayMonth(date: string, lang: Lang): string {
  return dayMonthFormat(lang).format(utcDate(date));
}

/** 1000 basis points → `10 %` / `10%`. */
export function formatRate(basisPoints: number, lang: Lang): string {
  return rateFormat(lang).format(
    `${Math.trunc(basisPoints / 10000)}.${String(basisPoints % 10000).padStart(4, '0')}` as unknown as number,
  );
}

/** A guardian's role as a parent reads it: "Payeur", "Payeur (50 %)" for a shared bill, or "Suivi sans paiement". */
export function roleText(
  child: { readonly role: 'payer' | 'viewer'; readonly sharePercent: number },
  t: Messages['parent']['children'],
): string {
  return child.role === 'payer' && child.sharePercent < 100 ? t.share(child.sharePercent) : t.roles[child.role];
}
