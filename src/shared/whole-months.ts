// Under disclosure control a period of history is taken in whole calendar months. Two periods a day
// apart differ by one day's events: a rounded count that steps by 5 between them would date one
// person's admission or referral (differencing). Widened to whole months, any two periods differ by
// whole months, and each month's own figures are controlled in the same way.
//
// Dates are ISO calendar dates (YYYY-MM-DD) already checked by the request schema.

/** The first day of the date's month. */
export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** Day `d` of the month `months` after the date's month (0: the last day of the month before). */
function dayOfMonthAfter(day: string, months: number, d: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

/** The last day of the date's month. */
export const monthEnd = (day: string): string => dayOfMonthAfter(day, 1, 0);

/**
 * A period whose both ends are days in it ([from, to]), widened to the whole months it touches, and
 * ending with the last month complete before `today`: figures for the month still going on would
 * move a day's events at a time.
 */
export function wholeMonthsThrough(from: string, to: string, today: string): { from: string; to: string } {
  const end = monthEnd(to);
  return { from: monthStart(from), to: end < today ? end : dayOfMonthAfter(today, 0, 0) };
}

/**
 * A period that ends at the start of `to` ([from, to)), in whole months: `from` goes back to the start
 * of its month, and `to` (unless already the first of a month) forward to the first of the next month;
 * but never past the start of `today`'s month, so the month still going on is left out.
 */
export function wholeMonthsUntil(from: string, to: string, today: string): { from: string; to: string } {
  const end = to === monthStart(to) ? to : dayOfMonthAfter(to, 1, 1);
  return { from: monthStart(from), to: end <= today ? end : monthStart(today) };
}
