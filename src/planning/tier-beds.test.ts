import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmcScenario } from './mmc.js';
import type { Scenario } from './scenario.js';
import { minimumTierBeds, tierBeds, withTierBeds } from './tier-beds.js';

function pools(beds: number[]): Scenario {
  const base = mmcScenario(1, 5, 1);
  return { ...base, pools: beds.map((b, i) => ({ ...base.pools[0]!, name: `p${i}`, beds: { high: 0, medium: b, low: 0 } })) };
}

describe('withTierBeds', () => {
  it('shares a total across pools in proportion, every holder keeping a bed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5000 }), (beds, extra) => {
        fc.pre(beds.some((b) => b > 0));
        const s = pools(beds);
        const total = minimumTierBeds(s, 'medium') + extra;
        const t = withTierBeds(s, 'medium', total);
        expect(tierBeds(t, 'medium')).toBe(total);
        t.pools.forEach((p, i) => expect(p.beds.medium > 0).toBe(beds[i]! > 0));
        expect(tierBeds(s, 'medium')).toBe(beds.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 200, seed: 2 },
    );
  });

  it('keeps proportions: 3,000 beds over pools of 100 and 200 become 1,000 and 2,000', () => {
    expect(withTierBeds(pools([100, 200]), 'medium', 3000).pools.map((p) => p.beds.medium)).toEqual([1000, 2000]);
  });

  it('changes one pool when named, and refuses impossible requests', () => {
    expect(withTierBeds(pools([5, 7]), 'medium', 2, 1).pools.map((p) => p.beds.medium)).toEqual([5, 2]);
    expect(() => withTierBeds(pools([5, 7]), 'medium', 1)).toThrow(/at least 2/);
    expect(() => withTierBeds(pools([5]), 'high', 10)).toThrow(/no pool has high beds/);
    expect(() => withTierBeds(pools([5]), 'medium', 3, 4)).toThrow(/no pool 4/);
  });
});
