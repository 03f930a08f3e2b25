/**
 * Calendar dates as `YYYY-MM-DD` text (what the database's `date` columns give), with today taken
 * in Europe/Monaco. Arithmetic runs on UTC midnights, where a day is always 24 hours.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function toUtc(date: string): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` or `DD/MM/YYYY` → `YYYY-MM-DD` when it is a real day (31/02/2026 is not); else undefined. */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim();
  let year: number, month: number, day: number;
  const iso = ISO_DATE.exec(trimmed);
  const french = FRENCH_DATE.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (french) [year, month, day] = [Number(french[3]), Number(french[2]), Number(french[1])];
  else return undefined;
  if (year < 1900 || year > 2200) return undefined;
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return undefined;
  return fromUtc(utc);
}

export function addDays(date: string, days: number): string {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = toUtc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** First and last day of `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const first = `${month}-01`;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
  next.setUTCDate(0);
  return { first, last: fromUtc(next) };
}

/** The calendar day it is in Monaco (src/lib/dates.ts, shared with the stand-ins). */
export { todayInMonaco } from '../../lib/dates.ts';
