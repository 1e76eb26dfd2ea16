import { describe, expect, it } from 'vitest';
import { percentileOfCounts, toPoint } from './measures.rules.js';

const row = { month: '2026-05', referrals: 40, admitted: 30, median_days: 12, p90_days: 31.4, met: 18, assessments: 52 };

describe('transfer measures', () => {
  it('gives clinical roles exact figures: % within 14 days of those admitted, assessments per referral', () => {
    expect(toPoint(row, false)).toEqual({
      month: '2026-05', referrals: 40, admitted: 30, medianDaysToAdmission: 12, p90DaysToAdmission: 31.4, percentWithin14: 60, assessmentsPerReferral: 1.3, suppressed: false,
    });
  });

  it('shows no figure at all for a month with 1–7 admissions under disclosure control', () => {
    const small = toPoint({ ...row, admitted: 6, met: 5 }, true);
    expect(small.suppressed).toBe(true);
    expect(small.medianDaysToAdmission).toBeNull();
    expect(small.percentWithin14).toBeNull();
    expect(toPoint({ ...row, referrals: 43 }, true).referrals).toBe(45);
  });

  it('never lets a share give back a small count: 3 of 30 within 14 days is withheld, and so is 27 of 30', () => {
    expect(toPoint({ ...row, admitted: 30, met: 3 }, true).percentWithin14).toBeNull();
    expect(toPoint({ ...row, admitted: 30, met: 23 }, true).percentWithin14).toBeNull();
    expect(toPoint({ ...row, admitted: 30, met: 0 }, true).percentWithin14).toBe(0);
    // From rounded counts: 18 → 20 of 30 → 30.
    expect(toPoint({ ...row, admitted: 30, met: 18 }, true).percentWithin14).toBe(66.7);
    expect(toPoint({ ...row, admitted: 30, met: 3 }, false).percentWithin14).toBe(10);
    // Assessments per referral from rounded counts too: 52 → 50 over 40.
    expect(toPoint(row, true).assessmentsPerReferral).toBe(1.25);
  });
});

describe('percentiles from a histogram of days', () => {
  it('interpolates like percentile_cont over the values the counts stand for', () => {
    // 3, 5, 5, 9, 20: median 5; 90th percentile at position 3.6 → 9 + 0.6 × 11 = 15.6.
    const counts = new Map([[5, 2], [3, 1], [20, 1], [9, 1]]);
    expect(percentileOfCounts(counts, 0.5)).toBe(5);
    expect(percentileOfCounts(counts, 0.9)).toBeCloseTo(15.6, 10);
    expect(percentileOfCounts(new Map([[4, 1], [6, 1]]), 0.5)).toBe(5);
    expect(percentileOfCounts(new Map(), 0.5)).toBeNull();
  });
});
