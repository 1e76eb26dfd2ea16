import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileInPlace, WaitSamples } from './wait-samples.js';

function reference(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const x = q * (s.length - 1);
  const k = Math.floor(x);
  return s[k]! + (x - k) * (s[Math.min(k + 1, s.length - 1)]! - s[k]!);
}

describe('quantileInPlace', () => {
  it('agrees with sorting, including many ties (lots of zero waits)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e4, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          expect(quantileInPlace(Float64Array.from(values), q)).toBeCloseTo(reference(values, q), 9);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('is null for no data', () => {
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNull();
    expect(new WaitSamples().quantile(0.5)).toBeNull();
  });

  it('agrees with sorting when zero waits are counted rather than stored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const w = new WaitSamples();
          for (const v of values) w.push(v);
          expect(w.quantile(q)).toBeCloseTo(reference(values, q), 9);
        },
      ),
      { numRuns: 400, seed: 8 },
    );
  });
});

describe('WaitSamples', () => {
  it('grows and keeps count, sum and the share that waited', () => {
    const w = new WaitSamples();
    for (let i = 0; i < 1000; i++) w.push(i % 4 === 0 ? 0 : i);
    expect(w.count).toBe(1000);
    expect(w.positive).toBe(750);
    expect(w.positives().length).toBe(750);
    expect(w.mean()).toBeCloseTo(w.sum / 1000, 12);
  });
});
