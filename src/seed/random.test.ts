import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

describe('Random', () => {
  it('repeats exactly for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws distributions with the asked-for centre', () => {
    const r = new Random(7);
    const n = 20000;
    const exp = Array.from({ length: n }, () => r.exponential(10));
    const mean = exp.reduce((s, x) => s + x, 0) / n;
    expect(mean).toBeGreaterThan(9.6);
    expect(mean).toBeLessThan(10.4);
    const logn = Array.from({ length: n }, () => r.lognormal(5, 0.8)).sort((x, y) => x - y);
    expect(logn[n / 2]).toBeGreaterThan(4.8);
    expect(logn[n / 2]).toBeLessThan(5.2);
    const w = Array.from({ length: n }, () => r.weighted({ a: 1, b: 3 }));
    expect(w.filter((x) => x === 'b').length / n).toBeCloseTo(0.75, 1);
  });
});
