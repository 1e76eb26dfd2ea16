import { describe, expect, it } from 'vitest';
import { monthEnd, monthStart, wholeMonthsThrough, wholeMonthsUntil } from './whole-months.js';

describe('periods in whole months (disclosure control against differencing)', () => {
  it('finds the first and last day of a month, leap years and year ends included', () => {
    expect(monthStart('2026-03-17')).toBe('2026-03-01');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2026-02-28')).toBe('2026-02-28');
    expect(monthEnd('2026-12-02')).toBe('2026-12-31');
  });

  it('gives every day of a month the same whole-month period, so no two answers differ by a day', () => {
    const periods = ['2026-03-01', '2026-03-15', '2026-03-31'].map((from) => wholeMonthsThrough(from, '2026-06-14', '2026-12-02'));
    expect(new Set(periods.map((p) => JSON.stringify(p)))).toEqual(new Set([JSON.stringify({ from: '2026-03-01', to: '2026-06-30' })]));
  });

  it('leaves out the month still going on: its figures would move a day at a time', () => {
    expect(wholeMonthsThrough('2026-01-20', '2026-12-02', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(wholeMonthsThrough('2026-01-20', '2026-11-30', '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-10-31' });
    expect(wholeMonthsThrough('2026-01-20', '2026-11-30', '2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
  });

  it('ends a period that runs up to a date at a month boundary, never inside the month still going on', () => {
    expect(wholeMonthsUntil('2021-12-02', '2026-11-01', '2026-12-02')).toEqual({ from: '2021-12-01', to: '2026-11-01' });
    expect(wholeMonthsUntil('2021-12-02', '2026-11-02', '2026-12-02')).toEqual({ from: '2021-12-01', to: '2026-12-01' });
    expect(wholeMonthsUntil('2021-12-02', '2026-11-30', '2026-12-02')).toEqual({ from: '2021-12-01', to: '2026-12-01' });
    expect(wholeMonthsUntil('2021-12-02', '2026-12-02', '2026-12-02')).toEqual({ from: '2021-12-01', to: '2026-12-01' });
    // On the last day of a month, that month is still going on; and a window ending tomorrow ends at its start.
    expect(wholeMonthsUntil('2021-12-02', '2026-12-31', '2026-12-31')).toEqual({ from: '2021-12-01', to: '2026-12-01' });
    expect(wholeMonthsUntil('2021-12-02', '2027-01-01', '2026-12-31')).toEqual({ from: '2021-12-01', to: '2026-12-01' });
    expect(wholeMonthsUntil('2021-12-02', '2026-12-31', '2027-01-01')).toEqual({ from: '2021-12-01', to: '2027-01-01' });
  });
});
