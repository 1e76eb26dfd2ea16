import { describe, expect, it } from 'vitest';
import { interval, intervals, studentTQuantile } from './statistics.js';

describe('Student t quantile', () => {
  // Two-sided 95% critical values from standard tables.
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [9, 2.2622],
    [30, 2.0423],
    [99, 1.9842],
    [999, 1.9623],
  ])('t(0.975, %i) = %f', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 4);
  });

  it('is symmetric and refuses nonsense', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(() => studentTQuantile(1, 3)).toThrow();
    expect(() => studentTQuantile(0.9, 0)).toThrow();
  });
});

describe('interval', () => {
  it('gives mean ± t·s/√n', () => {
    const i = interval([1, 2, 3, 4, 5]);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(i.n).toBe(5);
    expect(i.mean).toBe(3);
    expect(i.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(i.ciLow).toBeCloseTo(3 - half, 6);
    expect(i.ciHigh).toBeCloseTo(3 + half, 6);
    expect(i.p025).toBeCloseTo(1.1, 12);
    expect(i.p975).toBeCloseTo(4.9, 12);
  });

  it('skips undefined values and has no interval for one value', () => {
    expect(interval([null, 4, null])).toEqual({ n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null, p025: 4, p975: 4 });
    expect(interval([null]).mean).toBeNull();
  });

  it('summarises each field of records', () => {
    const r = intervals([
      { a: 1, b: null },
      { a: 3, b: 2 },
    ]);
    expect(r.a.mean).toBe(2);
    expect(r.b.n).toBe(1);
  });
});
