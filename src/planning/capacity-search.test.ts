import { describe, expect, it } from 'vitest';
import { searchCapacity } from './capacity-search.js';
import { mmcScenario } from './mmc.js';
import type { MonteCarloResult } from './monte-carlo.js';
import type { Scenario } from './scenario.js';
import { interval } from './statistics.js';
import { tierBeds } from './tier-beds.js';

/** A stand-in for the simulation: the median wait is 10 days below `threshold` medium beds, else 1. */
function fakeEvaluator(threshold: number) {
  const calls: number[] = [];
  const evaluate = (s: Scenario): Promise<MonteCarloResult> => {
    const beds = tierBeds(s, 'medium');
    calls.push(beds);
    const wait = beds >= threshold ? 1 : 10;
    const medium = { medianWaitDays: interval([wait - 0.5, wait + 0.5]), prisonWithinLimitShare: interval([]), occupancy: interval([0.9]) };
    return Promise.resolve({ tiers: { medium } } as unknown as MonteCarloResult);
  };
  return { evaluate, calls };
}

describe('searchCapacity', () => {
  it.each([
    [100, 137],
    [500, 137],
    [137, 137],
    [1, 1],
    [3, 2],
  ])('from %i beds finds the threshold %i in few evaluations', async (start, threshold) => {
    const { evaluate, calls } = fakeEvaluator(threshold);
    const s = mmcScenario(1, 5, start);
    const r = await searchCapacity(s, { tier: 'medium', targets: { medianWaitDays: 7 }, evaluate });
    expect(r.beds).toBe(threshold);
    expect(r.evaluations.map((e) => e.beds)).toEqual(calls);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(Math.abs(start - threshold) + 2)) + 2);
    for (const e of r.evaluations) expect(e.meets).toBe(e.beds >= threshold);
  });

  it('returns null when even the most beds allowed fall short, with the reason', async () => {
    const { evaluate } = fakeEvaluator(1000);
    const r = await searchCapacity(mmcScenario(1, 5, 10), { tier: 'medium', targets: { medianWaitDays: 7 }, evaluate, maxBeds: 300 });
    expect(r.beds).toBeNull();
    expect(r.evaluations.at(-1)!.beds).toBe(300);
    expect(r.evaluations[0]!.shortfalls).toEqual(['median wait 10.0 days (mean) is not under the target 7 days']);
  });

  it('judged by the interval, needs the upper bound under the target', async () => {
    const { evaluate } = fakeEvaluator(50);
    // Waits are 1 ± 0.5 at or above 50 beds: the upper 95% bound (about 7.4) is not under 7.
    const r = await searchCapacity(mmcScenario(1, 5, 60), { tier: 'medium', targets: { medianWaitDays: 7 }, judgeBy: 'interval', evaluate, maxBeds: 80 });
    expect(r.beds).toBeNull();
  });

  it('needs a target', async () => {
    await expect(searchCapacity(mmcScenario(1, 5, 6), { tier: 'medium' })).rejects.toThrow(/needs a target/);
  });

  it('finds 6 beds for the M/M/c ward with prison referrals (5 beds is a queue without end)', async () => {
    // λ = 1/day, stays 5 days: with 6 beds P(wait > 14 days) = C·e^(−0.2·14) ≈ 3.6% and the median
    // wait is under a day; with 5 beds the offered load equals the beds and the queue grows for ever.
    const s = mmcScenario(1, 5, 20);
    s.pools[0]!.arrivals[0]!.source = 'prison';
    const r = await searchCapacity(s, {
      tier: 'medium',
      targets: { prisonWithinLimitShare: 0.9, medianWaitDays: 7 },
      monteCarlo: { replications: 4, years: 20, warmupYears: 1, seed: 5, workers: 0 },
    });
    expect(r.beds).toBe(6);
    const at = (beds: number) => r.evaluations.find((e) => e.beds === beds)!;
    expect(at(6).meets).toBe(true);
    expect(at(5).meets).toBe(false);
    expect(at(6).prisonWithinLimitShare.mean!).toBeGreaterThan(0.93);
  });
});
