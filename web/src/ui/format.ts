// How numbers, dates and durations read on screen (NHS style: "3 Mar 2024", "1,234").

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

export const formatNumber = (n: number) => n.toLocaleString('en-GB');

export const formatPercent = (pct: number) => `${pct.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

/** A calendar date (YYYY-MM-DD) or an instant (shown in the browser's time zone) as "3 Mar 2024". */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** "14:05" in the browser's time zone. */
export function formatTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** "3 Mar 2024, 14:05" in the browser's time zone. */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return `${formatDate(date)}, ${formatTime(date)}`;
}

/** Whole years between a date of birth (YYYY-MM-DD) and now. */
export function ageInYears(dateOfBirth: string, now = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const hadBirthday = now.getMonth() + 1 > m || (now.getMonth() + 1 === m && now.getDate() >= d);
  return now.getFullYear() - y - (hadBirthday ? 0 : 1);
}

/** Days between two instants, rounded down. */
export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

/** "1 event", "1,234 events" */
export const plural = (n: number, word: string) => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;

/** "1 day", "432 days" */
export const formatDays = (days: number) => plural(days, 'day');

/** A number of days in words: "12 days", "about 5 months", "about 2 years and 3 months". */
export function durationInWords(days: number): string {
  const d = Math.round(days);
  if (d < 60) return plural(d, 'day');
  const months = Math.round(d / 30.44);
  if (months < 24) return `about ${plural(months, 'month')}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `about ${plural(years, 'year')}${rest ? ` and ${plural(rest, 'month')}` : ''}`;
}

/** NHS numbers read in groups of 3, 3 and 4 digits: "485 777 3456". */
export function formatNhsNumber(nhsNumber: string): string {
  const digits = nhsNumber.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : nhsNumber;
}
