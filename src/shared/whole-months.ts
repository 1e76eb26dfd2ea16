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

/** A period whose both ends are days in it ([from, to]), widened to the whole months it touches. */
export function wholeMonthsThrough(from: string, to: string): { from: string; to: string } {
  return { from: monthStart(from), to: monthEnd(to) };
}

/**
 * A period that ends at the start of `to` ([from, to)), in whole months: `from` goes back to the start
 * of its month, and `to` (unless already the first of a month) forward to the first of the next month,
 * or back to the first of its own if that would pass `latest` (the history must have happened).
 */
export function wholeMonthsUntil(from: string, to: string, latest: string): { from: string; to: string } {
  if (to === monthStart(to)) return { from: monthStart(from), to };
  const next = dayOfMonthAfter(to, 1, 1);
  return { from: monthStart(from), to: next <= latest ? next : monthStart(to) };
}
