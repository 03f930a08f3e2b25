/** Amounts and times on the payment pages (Monaco's conventions). */
import { LOCALE_TAGS, type Lang } from '../../../i18n/index.ts';

const money = new Map<Lang, Intl.NumberFormat>();

export function formatAmount(value: number, lang: Lang): string {
  let format = money.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAGS[lang], { style: 'currency', currency: 'EUR' });
    money.set(lang, format);
  }
  const abs = Math.abs(value);
  const decimal = `${value < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  // Intl reads a decimal string exactly.
  return format.format(decimal as unknown as number);
}

/** "14:05" in Monaco. */
export function formatTime(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    timeZone: 'Europe/Monaco',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
