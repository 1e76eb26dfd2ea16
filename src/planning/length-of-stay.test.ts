import { describe, expect, it } from 'vitest';
import { Random } from '../seed/random.js';
import { compileStay, meanStay, sampleStay } from './length-of-stay.js';
import type { StayDistribution } from './scenario.js';
import { gamma } from './special-functions.js';

const cases: StayDistribution[] = [
  { kind: 'exponential', meanDays: 5 },
  { kind: 'lognormal', medianDays: 550, sigma: 0.8 },
  { kind: 'weibull', scaleDays: 900, shape: 1.4 },
  { kind: 'fixed', days: 30 },
  { kind: 'empirical', days: [10, 20, 90] },
  { kind: 'quantiles', points: [ { p: 0, days: 60 }, { p: 0.33, days: 730 }, { p: 0.53, days: 1826 }, { p: 1, days: 7300 } ] },
];

describe('length of stay', () => {
  it.each(cases)('samples a $kind stay with the stated mean (within 1.5%)', (d) => {
    const rng = new Random(11);
    const s = compileStay(d);
    const n = 200_000;
    let sum = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const x = sampleStay(rng, s);
      sum += x;
      min = Math.min(min, x);
    }
    expect(Math.abs(sum / n / meanStay(d) - 1)).toBeLessThan(0.015);
    expect(min).toBeGreaterThanOrEqual(0);
  });

  it('keeps quantile draws inside the table and on its median', () => {
    const d: StayDistribution = { kind: 'quantiles', points: [ { p: 0, days: 20 }, { p: 0.5, days: 300 }, { p: 1, days: 2000 } ] };
    const rng = new Random(3);
    const s = compileStay(d);
    let below = 0;
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = sampleStay(rng, s);
      min = Math.min(min, x);
      max = Math.max(max, x);
      if (x < 300) below++;
    }
    expect(min).toBeGreaterThanOrEqual(20);
    expect(max).toBeLessThanOrEqual(2000);
    expect(below / 100_000).toBeCloseTo(0.5, 2);
  });

  it('computes Γ', () => {
    expect(gamma(5)).toBeCloseTo(24, 10);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gamma(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
    expect(gamma(10)).toBeCloseTo(362_880, 6);
  });
});
