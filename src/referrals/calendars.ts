import type { Calendar } from '../shared/referral-vocabulary.js';

// Bank holidays of England & Wales and of Scotland, computed for any year from the rules in the
// Banking and Financial Dealings Act 1971 and the proclamations that moved or added days, so notice
// periods are right in every year without a yearly data load. Dates are local calendar dates
// (YYYY-MM-DD); weekends are never working days.

/** A day added or moved by royal proclamation, by calendar; `replaces` is the date it displaced. */
interface Proclaimed {
  date: string;
  replaces?: string;
  calendars: readonly Calendar[];
}
const BOTH: readonly Calendar[] = ['england_wales', 'scotland'];
const PROCLAIMED: Proclaimed[] = [
  { date: '1995-05-08', replaces: '1995-05-01', calendars: BOTH }, // VE Day 50th anniversary
  { date: '1999-12-31', calendars: BOTH }, // millennium
  { date: '2002-06-04', replaces: '2002-05-27', calendars: BOTH }, // Golden Jubilee (spring moved)
  { date: '2002-06-03', calendars: BOTH },
  { date: '2011-04-29', calendars: BOTH }, // royal wedding
  { date: '2012-06-04', replaces: '2012-05-28', calendars: BOTH }, // Diamond Jubilee (spring moved)
  { date: '2012-06-05', calendars: BOTH },
  { date: '2020-05-08', replaces: '2020-05-04', calendars: BOTH }, // VE Day 75th anniversary
  { date: '2022-06-02', replaces: '2022-05-30', calendars: BOTH }, // Platinum Jubilee (spring moved)
  { date: '2022-06-03', calendars: BOTH },
  { date: '2022-09-19', calendars: BOTH }, // state funeral of Queen Elizabeth II
  { date: '2023-05-08', calendars: BOTH }, // coronation of King Charles III
];

const DAY_MS = 86_400_000;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** The n-th Monday of a month (n = -1: the last). */
function monday(year: number, month: number, n: number): Date {
  if (n > 0) {
    const first = utc(year, month, 1);
    return addDays(first, ((8 - first.getUTCDay()) % 7) + (n - 1) * 7);
  }
  const last = utc(year, month + 1, 0);
  return addDays(last, -((last.getUTCDay() + 6) % 7));
}

/**
 * Fixed-date holidays that fall on a weekend move to the next weekday not already a holiday
 * (so Christmas on a Saturday is kept on Monday 27th and Boxing Day on Tuesday 28th).
 */
function observed(fixed: Date[]): Date[] {
  const taken = new Set<string>();
  const out: Date[] = [];
  for (const day of fixed) {
    let d = day;
    while (isWeekend(d) || taken.has(isoDate(d))) d = addDays(d, 1);
    taken.add(isoDate(d));
    out.push(d);
  }
  return out;
}

const cache = new Map<string, Set<string>>();

/** The bank holidays of a calendar in a year, as local dates. */
export function bankHolidays(calendar: Calendar, year: number): Set<string> {
  const key = `${calendar}:${year}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const easter = easterSunday(year);
  const days: Date[] = [addDays(easter, -2), monday(year, 5, 1), monday(year, 5, -1)];
  if (calendar === 'england_wales') {
    days.push(addDays(easter, 1), monday(year, 8, -1), ...observed([utc(year, 1, 1)]), ...observed([utc(year, 12, 25), utc(year, 12, 26)]));
  } else {
    days.push(monday(year, 8, 1), ...observed([utc(year, 1, 1), utc(year, 1, 2)]), ...observed([utc(year, 11, 30)]));
    days.push(...observed([utc(year, 12, 25), utc(year, 12, 26)]));
  }
  const set = new Set(days.map(isoDate));
  for (const p of PROCLAIMED) {
    if (!p.date.startsWith(`${year}-`) || !p.calendars.includes(calendar)) continue;
    if (p.replaces) set.delete(p.replaces);
    set.add(p.date);
  }
  cache.set(key, set);
  return set;
}

export function isWorkingDay(calendar: Calendar, date: string): boolean {
  const d = parse(date);
  return !isWeekend(d) && !bankHolidays(calendar, d.getUTCFullYear()).has(date);
}

/**
 * Clear working days of notice: the working days strictly between the day notice is given and the
 * day of the conference (neither day counts, as "three clear working days" is read in practice).
 */
export function workingDaysNotice(calendar: Calendar, noticeDate: string, conferenceDate: string): number {
  let count = 0;
  for (let d = addDays(parse(noticeDate), 1); isoDate(d) < conferenceDate; d = addDays(d, 1)) {
    if (isWorkingDay(calendar, isoDate(d))) count++;
  }
  return count;
}

/** The earliest conference date giving `days` clear working days of notice from `noticeDate`. */
export function earliestConferenceDate(calendar: Calendar, noticeDate: string, days: number): string {
  let d = addDays(parse(noticeDate), 1);
  for (let counted = 0; counted < days; d = addDays(d, 1)) if (isWorkingDay(calendar, isoDate(d))) counted++;
  return isoDate(d);
}

/** Notice between two days: clear working days, whether that is the 3 expected, the earliest date that gives 3, and the bank holidays skipped. */
export function conferenceNotice(calendar: Calendar, noticeDate: string, conferenceDate: string) {
  const workingDays = workingDaysNotice(calendar, noticeDate, conferenceDate);
  const years = new Set([noticeDate.slice(0, 4), conferenceDate.slice(0, 4)]);
  const holidays = [...years].flatMap((y) => [...bankHolidays(calendar, Number(y))]).filter((d) => d > noticeDate && d < conferenceDate).sort();
  return { workingDays, enough: workingDays >= 3, earliestDate: earliestConferenceDate(calendar, noticeDate, 3), bankHolidays: holidays };
}
