import { describe, expect, it } from 'vitest';
import { simulate } from './engine.js';
import { SYSTEM_METRIC_KEYS, TIER_METRIC_KEYS } from './result.js';
import { validate, type Scenario } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';
import { pipeline, smallSecureSystem } from './test-scenarios.js';

// What the engine reports on request (occupancy over time, the wait distribution) and a pool's own
// next steps. The pipeline's timeline is worked by hand in engine.test.ts.

describe('occupancy over time', () => {
  it('gives the mean occupied beds of each period, warm-up included, however the warm-up falls', () => {
    // High: occupied days 100–130 and from 200. Medium: from 130. Periods of 100 days, the last 65.25.
    const expected = { high: [0, 0.3, 1, 1], medium: [0, 0.7, 1, 1] };
    for (const warmupDays of [0, 150, 300]) {
      const years = 1 - warmupDays / DAYS_PER_YEAR;
      const r = simulate(pipeline(1), { seed: 1, years, warmupYears: warmupDays / DAYS_PER_YEAR, seriesPeriodDays: 100 });
      expect(r.series?.periodDays).toBe(100);
      for (const tier of ['high', 'medium'] as const) {
        expect(r.series!.occupied[tier]).toHaveLength(4);
        r.series!.occupied[tier].forEach((v, k) => expect(v, `${tier} period ${k}, warm-up ${warmupDays} days`).toBeCloseTo(expected[tier][k]!, 9));
      }
    }
  });

  it('agrees with the measured mean, and asking for it changes no other figure', () => {
    const s = smallSecureSystem();
    const plain = simulate(s, { seed: 5, years: 4, warmupYears: 1 });
    const quarter = DAYS_PER_YEAR / 4;
    const withSeries = simulate(s, { seed: 5, years: 4, warmupYears: 1, seriesPeriodDays: quarter });
    expect({ ...withSeries, series: undefined }).toEqual({ ...plain, series: undefined });
    const medium = withSeries.series!.occupied.medium;
    expect(medium).toHaveLength(20);
    // The four measured years are the last sixteen quarters.
    const measured = medium.slice(4).reduce((sum, v) => sum + v, 0) / 16;
    expect(measured).toBeCloseTo(plain.tiers.medium.meanOccupied, 9);
  });
});

describe('the wait distribution', () => {
  it('is the share admitted within each mark: rising to 1, starting at the share who did not wait', () => {
    const r = simulate(smallSecureSystem(), { seed: 2, years: 5, warmupYears: 1, waitMarksDays: [0, 7, 14, 28, 91, 100_000] });
    for (const tier of ['high', 'medium', 'low'] as const) {
      const shares = r.waitWithin!.tiers[tier];
      const metrics = r.tiers[tier];
      if (metrics.waitedShare === null) {
        expect(shares.every((x) => x === null)).toBe(true);
        continue;
      }
      expect(shares[0]).toBeCloseTo(1 - metrics.waitedShare, 12);
      expect(shares.at(-1)).toBe(1);
      for (let k = 1; k < shares.length; k++) expect(shares[k]!).toBeGreaterThanOrEqual(shares[k - 1]!);
    }
    expect(r.waitWithin!.days).toEqual([0, 7, 14, 28, 91, 100_000]);
  });
});

describe("a pool's own next steps", () => {
  function twoPools(): Scenario {
    const s = smallSecureSystem();
    // Women here have no low secure beds: their high and medium stays lead elsewhere instead.
    s.pools[1]!.beds.low = 0;
    s.pools[1]!.arrivals = [{ source: 'prison', tier: 'medium', perYear: 5, pattern: 'poisson' }];
    return s;
  }

  it('are needed when a pool has no beds where its tier leads, and are checked like a tier', () => {
    const without = validate(twoPools());
    expect(without.ok ? [] : without.errors.map((e) => e.path)).toEqual(['pools[1].beds.low']);
    const s = twoPools();
    s.pools[1]!.next = { high: { medium: 0.8, other: 0.2 }, medium: { high: 0.05, community: 0.5, other: 0.45 } };
    expect(validate(JSON.parse(JSON.stringify(s))).ok).toBe(true);
    s.pools[1]!.next = { high: { medium: 0.8, other: 0.2 }, medium: { low: 0.5, community: 0.4 } };
    const bad = validate(JSON.parse(JSON.stringify(s)));
    expect(bad.ok ? [] : bad.errors).toEqual([{ path: 'pools[1].next.medium', message: 'probabilities must sum to 1 (within 0.000001); they sum to 0.9' }]);
  });

  it('send that pool where they say, leaving the tier rules to the others', () => {
    const s = twoPools();
    s.pools[0]!.next = { medium: { community: 1 } };
    s.pools[1]!.next = { medium: { community: 1 } };
    const r = simulate(s, { seed: 3, years: 5, warmupYears: 1 });
    // Nobody steps down from medium any more; low only takes its own admissions and high's step-downs.
    expect(r.tiers.medium.stepDownsPerYear).toBe(0);
    expect(r.tiers.medium.stepUpsPerYear).toBe(0);
    expect(r.tiers.medium.dischargesPerYear).toBeGreaterThan(10);
    const tierRules = simulate(twoPoolsWithOverrideForWomenOnly(), { seed: 3, years: 5, warmupYears: 1 });
    expect(tierRules.tiers.medium.stepDownsPerYear).toBeGreaterThan(0);
  });

  function twoPoolsWithOverrideForWomenOnly(): Scenario {
    const s = twoPools();
    s.pools[1]!.next = { medium: { community: 1 } };
    return s;
  }
});

describe('the API schema of results', () => {
  it('lists every figure the engine reports, so none is dropped on its way to a planner', () => {
    const r = simulate(smallSecureSystem(), { seed: 1, years: 1, warmupYears: 0 });
    expect([...TIER_METRIC_KEYS].sort()).toEqual(Object.keys(r.tiers.medium).sort());
    expect([...SYSTEM_METRIC_KEYS].sort()).toEqual(Object.keys(r.system).sort());
  });
});
