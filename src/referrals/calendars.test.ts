import { describe, expect, it } from 'vitest';
import { bankHolidays, earliestConferenceDate, easterSunday, isWorkingDay, workingDaysNotice } from './calendars.js';

const sorted = (s: Set<string>) => [...s].sort();

describe('bank holidays', () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe('2027-03-28');
  });

  it('lists England and Wales 2026, Boxing Day moved off the Saturday', () => {
    expect(sorted(bankHolidays('england_wales', 2026))).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    ]);
  });

  it('lists Scotland 2026: 2 January, first Monday of August, St Andrew\'s Day, no Easter Monday', () => {
    expect(sorted(bankHolidays('scotland', 2026))).toEqual([
      '2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28',
    ]);
  });

  it('moves Christmas and New Year pairs that fall at a weekend (2027, 2022)', () => {
    expect(sorted(bankHolidays('scotland', 2027))).toEqual([
      '2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28',
    ]);
    expect(sorted(bankHolidays('england_wales', 2022))).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
  });

  it('keeps St Andrew\'s Day on the Monday when 30 November is a Sunday', () => {
    expect(bankHolidays('scotland', 2025).has('2025-12-01')).toBe(true);
    expect(bankHolidays('england_wales', 2025).has('2025-12-01')).toBe(false);
  });

  it('applies proclaimed days: the coronation and the moved VE Day', () => {
    expect(bankHolidays('england_wales', 2023).has('2023-05-08')).toBe(true);
    expect(bankHolidays('scotland', 2020).has('2020-05-08')).toBe(true);
    expect(bankHolidays('scotland', 2020).has('2020-05-04')).toBe(false);
  });
});

describe('working days of notice', () => {
  it('counts clear working days, skipping weekends', () => {
    // Notice on Monday for Friday: Tuesday, Wednesday, Thursday.
    expect(workingDaysNotice('england_wales', '2026-11-16', '2026-11-20')).toBe(3);
    // Notice on Monday for Thursday: two.
    expect(workingDaysNotice('england_wales', '2026-11-16', '2026-11-19')).toBe(2);
    // Notice on Thursday for Tuesday: Friday and Monday.
    expect(workingDaysNotice('england_wales', '2026-11-19', '2026-11-24')).toBe(2);
  });

  it('differs by calendar over Easter: Easter Monday is a working day in Scotland', () => {
    expect(workingDaysNotice('england_wales', '2026-04-02', '2026-04-08')).toBe(1);
    expect(workingDaysNotice('scotland', '2026-04-02', '2026-04-08')).toBe(2);
    expect(isWorkingDay('scotland', '2026-04-06')).toBe(true);
    expect(isWorkingDay('england_wales', '2026-04-06')).toBe(false);
  });

  it('differs by calendar over St Andrew\'s Day', () => {
    // Notice Thursday 26 Nov 2026 for Thursday 3 Dec: Fri 27, Mon 30, Tue 1, Wed 2; Scotland loses Mon 30.
    expect(workingDaysNotice('england_wales', '2026-11-26', '2026-12-03')).toBe(4);
    expect(workingDaysNotice('scotland', '2026-11-26', '2026-12-03')).toBe(3);
  });

  it('suggests the earliest date with enough notice, over Christmas', () => {
    // Notice Wednesday 23 Dec 2026: Thu 24, then 25 and 28 are holidays, Tue 29, Wed 30 → conference Thu 31.
    expect(earliestConferenceDate('england_wales', '2026-12-23', 3)).toBe('2026-12-31');
    expect(workingDaysNotice('england_wales', '2026-12-23', '2026-12-31')).toBe(3);
    expect(earliestConferenceDate('england_wales', '2026-11-16', 3)).toBe('2026-11-20');
  });
});
