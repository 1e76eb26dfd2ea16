import { describe, expect, it } from 'vitest';
import type { PlanningSettings } from './job-settings.js';
import type { SimulationRequest } from './jobs.schema.js';
import { prepareSearch, prepareSimulation } from './requests.js';
import { runSearch, runSimulation } from './run-request.js';
import { smallSecureSystem } from './test-scenarios.js';
import { tierBeds } from './tier-beds.js';

// A planning request is checked whole before any work starts, and then run: a baseline with its
// variants on the same seeds, compared pair by pair.

const settings: PlanningSettings = {
  tariffs: { high: 800, medium: 500, low: 400 },
  maxRunningJobs: 2,
  maxActiveJobsPerUser: 3,
  maxReplications: 500,
  maxVariants: 3,
  maxEventsPerJob: 50_000_000,
  workersPerJob: 0,
};
const scenarioJson = () => JSON.parse(JSON.stringify(smallSecureSystem())) as Record<string, unknown>;
const request = (over: Partial<SimulationRequest> = {}): SimulationRequest => ({ scenario: scenarioJson(), replications: 8, years: 3, warmupYears: 1, seed: 4, ...over });
const plusTenLow = { name: '+10 low secure beds', changes: [{ kind: 'beds' as const, tier: 'low' as const, change: 10 }] };

describe('checking a simulation request', () => {
  it('names the field at fault in the scenario and in each variant', () => {
    const scenario = scenarioJson() as { pools: { beds: { medium: number } }[] };
    scenario.pools[0]!.beds.medium = -3;
    const bad = prepareSimulation(request({ scenario }), settings);
    expect(bad.ok ? [] : bad.errors).toContainEqual({ path: 'scenario.pools[0].beds.medium', message: 'must not be negative (got -3)' });
    const variants = prepareSimulation(
      request({
        variants: [
          { name: 'close low', changes: [{ kind: 'beds', tier: 'low', change: -40 }] },
          { name: 'close low', changes: [{ kind: 'stays' }] },
          { name: 'shrink low', changes: [{ kind: 'beds', tier: 'low', change: -30 }] },
        ],
      }),
      settings,
    );
    expect(variants.ok ? [] : variants.errors).toEqual([
      { path: 'variants[0].changes[0]', message: 'the scenario has 31 low secure beds, so cannot lose 40' },
      { path: 'variants[1].name', message: '"close low" is already the name of another variant' },
      { path: 'variants[1].changes[0].factor', message: 'is required to scale stays' },
      { path: 'variants[2].changes[0]', message: 'low needs at least 2 beds, one for each pool that has some' },
    ]);
  });

  it('refuses absurd sizes with the limit stated', () => {
    const many = prepareSimulation(request({ replications: 900 }), settings);
    expect(many.ok ? [] : many.errors).toEqual([{ path: 'replications', message: 'at most 500 replications are allowed on this server; this asks for 900' }]);
    expect(!many.ok && many.tooLarge).toBe(true);
    const long = prepareSimulation(request({ replications: 400, years: 20, variants: [plusTenLow] }), { ...settings, maxEventsPerJob: 2_000_000 });
    expect(long.ok ? '' : long.errors[0]!.message).toMatch(/^This baseline and 1 variant would simulate about [\d,]+ million events; the limit on this server is 2 million\. Ask for fewer replications or years, or fewer variants\.$/);
    const crowd = prepareSimulation(request({ variants: [1, 2, 3, 4].map((k) => ({ ...plusTenLow, name: `v${k}` })) }), settings);
    expect(crowd.ok ? [] : crowd.errors).toEqual([{ path: 'variants', message: 'at most 3 variants are allowed beside the baseline; this has 4' }]);
  });

  it("gives a scenario without tariffs the server's, and keeps a scenario's own", () => {
    const bare = scenarioJson();
    delete bare.tariffs;
    const a = prepareSimulation(request({ scenario: bare }), settings);
    expect(a.ok && a.value.scenario.tariffs).toEqual({ high: 800, medium: 500, low: 400 });
    const b = prepareSimulation(request(), settings);
    expect(b.ok && b.value.scenario.tariffs).toEqual({ high: 749, medium: 482, low: 416 });
  });
});

describe('running baseline and variants', () => {
  it('adds ten low secure beds and reports the paired change with its interval', async () => {
    const prepared = prepareSimulation(request({ variants: [plusTenLow] }), settings);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    expect(tierBeds(prepared.value.variants[0]!.scenario, 'low')).toBe(tierBeds(prepared.value.scenario, 'low') + 10);
    const seen: number[] = [];
    const r = await runSimulation(prepared.value, { workers: 0, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    const [variant] = r.variants;
    expect(variant!.described).toEqual(['+10 low secure beds']);
    expect(r.baseline.beds.low + 10).toBe(variant!.summary.beds.low);
    // Paired by replication, the mean change is the change of the means.
    const d = variant!.difference.tiers.low.meanWaitDays;
    expect(d.mean!).toBeCloseTo(variant!.summary.tiers.low.meanWaitDays.mean! - r.baseline.tiers.low.meanWaitDays.mean!, 9);
    // More beds at low cannot make people wait longer for low.
    expect(d.mean!).toBeLessThanOrEqual(0);
    expect(variant!.difference.tiers.low.beds.mean).toBe(10);
    // Quarterly occupancy over warm-up and measured years, and the wait distribution, for charts.
    expect(r.baseline.series.occupied.low.median).toHaveLength(16);
    expect(r.baseline.waitProfile.days).toEqual([0, 7, 14, 28, 56, 91, 182, 365]);
  });

  it('runs a capacity search and says how many beds meet the targets', async () => {
    const prepared = prepareSearch({ scenario: scenarioJson(), tier: 'low', targets: { medianWaitDays: 30 }, replications: 4, years: 3, warmupYears: 1, seed: 2 }, settings);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    expect(prepared.value.maxBeds).toBe(3 * 31 + 50);
    const r = await runSearch(prepared.value, { workers: 0 });
    expect(r.beds).not.toBeNull();
    const at = r.evaluations.find((e) => e.beds === r.beds)!;
    expect(at.meets).toBe(true);
    const below = r.evaluations.find((e) => e.beds === r.beds! - 1);
    if (below) expect(below.meets).toBe(false);
    const none = prepareSearch({ scenario: { ...scenarioJson(), targets: undefined }, tier: 'low', replications: 4, years: 3, seed: 2 }, settings);
    expect(none.ok ? [] : none.errors.map((e) => e.path)).toEqual(['targets']);
  });
});
