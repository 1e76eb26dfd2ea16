// <input type="datetime-local"> speaks local wall-clock time without a zone; the API wants ISO 8601 with one.

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-03-03T14:05" for a datetime-local input, in the browser's time zone. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2024-03-03T14:05:00+00:00": the input's wall-clock time with the browser's offset on that date. */
export function localInputToIso(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${toLocalInputValue(date)}:${pad(date.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
