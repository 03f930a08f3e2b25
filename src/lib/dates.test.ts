/** Calendar days written `YYYY-MM-DD`: which are real, the day after each, and how months and days are read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCALE_TAGS } from '../i18n/types.ts';
import { formatDay, formatMonth, isIsoDate, nextIsoDate, todayInMonaco } from './dates.ts';

test('a calendar day is YYYY-MM-DD and exists: no 30 February, no 29 February outside a leap year', () => {
  for (const day of ['2026-10-05', '2028-02-29', '2026-12-31']) assert.equal(isIsoDate(day), true, day);
  for (const text of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-05', '05/10/2026', '2026-10-05T00:00', ''])
    assert.equal(isIsoDate(text), false, text);
});

test('the day after crosses the end of a month, of February in a leap year, and of a year', () => {
  assert.equal(nextIsoDate('2026-10-05'), '2026-10-06');
  assert.equal(nextIsoDate('2026-02-28'), '2026-03-01');
  assert.equal(nextIsoDate('2028-02-28'), '2028-02-29');
  assert.equal(nextIsoDate('2026-12-31'), '2027-01-01');
  // The last Sunday of March, when Monaco's clocks go forward, is a day like any other.
  assert.equal(nextIsoDate('2027-03-28'), '2027-03-29');
});

test('months and days read the same in French and English whatever the machine’s time zone: the stored day, never the day before', () => {
  assert.equal(formatMonth('2026-10', 'fr'), 'octobre 2026');
  assert.equal(formatMonth('2026-10', 'en'), 'October 2026');
  assert.equal(formatDay('2026-10-05', 'fr'), '5 octobre 2026');
  assert.equal(formatDay('2026-10-05', 'en'), '5 October 2026');
  // The first and the last day of a year stay in their year.
  assert.equal(formatDay('2027-01-01', 'fr'), '1 janvier 2027');
  assert.equal(formatDay('2026-12-31', 'en'), '31 December 2026');
});

test('the day in Monaco turns at midnight in Monaco, in winter (UTC+1) and in summer (UTC+2), from a Date or milliseconds', () => {
  assert.equal(todayInMonaco(new Date('2026-12-04T22:59:59Z')), '2026-12-04');
  assert.equal(todayInMonaco(new Date('2026-12-04T23:00:00Z')), '2026-12-05');
  assert.equal(todayInMonaco(Date.parse('2026-07-01T21:59:59Z')), '2026-07-01');
  assert.equal(todayInMonaco(Date.parse('2026-07-01T22:00:00Z')), '2026-07-02');
  assert.match(todayInMonaco(), /^\d{4}-\d{2}-\d{2}$/);
});

test('days and months read the same when written again, also once more dates were written than are kept', () => {
  const expected = (date: string, lang: 'fr' | 'en', options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(LOCALE_TAGS[lang], { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const days: string[] = [];
  for (let t = Date.UTC(2020, 0, 1); days.length < 3000; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  for (let round = 0; round < 2; round += 1)
    for (const lang of ['fr', 'en'] as const)
      for (const day of days.filter((_, i) => i % 97 === round)) {
        assert.equal(formatDay(day, lang), expected(day, lang, { dateStyle: 'long' }));
        assert.equal(
          formatMonth(day.slice(0, 7), lang),
          expected(`${day.slice(0, 7)}-01`, lang, { month: 'long', year: 'numeric' }),
        );
      }
  // 6,000 distinct days (two languages) is more than the 4,096 kept: the oldest are written again.
  for (const lang of ['fr', 'en'] as const) for (const day of days) formatDay(day, lang);
  assert.equal(formatDay('2026-10-05', 'fr'), '5 octobre 2026');
  assert.equal(formatDay('2026-10-05', 'en'), '5 October 2026');
  assert.equal(formatMonth('2026-10', 'fr'), 'octobre 2026');
});
