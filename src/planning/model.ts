import { compileStay, type CompiledStay } from './length-of-stay.js';
import { NEXT_PLACES, PRISON_SOURCE, SECURE_TIERS, SOURCES, type NextPlace } from './places.js';
import type { Scenario } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';

// A validated scenario flattened into numbers and typed arrays for the engine. Compiled once per
// worker and reused by every replication it runs.

export const TIER_COUNT = SECURE_TIERS.length;
/** Place index of the first exit in NEXT_PLACES (tiers come first). */
export const FIRST_EXIT = TIER_COUNT;

export interface Model {
  scenario: Scenario;
  poolCount: number;
  /** Beds per slot; slot = pool × TIER_COUNT + tier. */
  capacity: Int32Array;
  stays: (CompiledStay | null)[];
  /** Per slot: places reachable (indices into NEXT_PLACES) and their cumulative probabilities. */
  nextPlace: Int8Array[];
  nextCumulative: Float64Array[];
  /** Poisson streams merged into one: total rate per day, then a stream by cumulative rate. */
  poissonRatePerDay: number;
  poissonCumulative: Float64Array;
  poissonSlot: Int32Array;
  poissonSource: Int8Array;
  regularIntervalDays: Float64Array;
  regularSlot: Int32Array;
  regularSource: Int8Array;
  tariffs: Float64Array;
  transferLimitDays: number;
  prisonSource: number;
}

export function compileModel(scenario: Scenario): Model {
  const poolCount = scenario.pools.length;
  const capacity = new Int32Array(poolCount * TIER_COUNT);
  scenario.pools.forEach((pool, p) => SECURE_TIERS.forEach((tier, t) => (capacity[p * TIER_COUNT + t] = pool.beds[tier])));

  const stays = SECURE_TIERS.map((tier) => {
    const rules = scenario.tiers[tier];
    return rules ? compileStay(rules.lengthOfStay) : null;
  });
  // Next steps per slot: a pool's own rules for a tier where it has them, else the tier's.
  const nextPlace: Int8Array[] = [];
  const nextCumulative: Float64Array[] = [];
  scenario.pools.forEach((pool) =>
    SECURE_TIERS.forEach((tier) => {
      const entries = (Object.entries(pool.next?.[tier] ?? scenario.tiers[tier]?.next ?? {}) as [NextPlace, number][]).filter(([, p]) => p > 0);
      const total = entries.reduce((s, [, p]) => s + p, 0);
      let cum = 0;
      nextPlace.push(Int8Array.from(entries, ([place]) => NEXT_PLACES.indexOf(place)));
      const cumulative = Float64Array.from(entries, ([, p]) => (cum += p / total));
      // Draws are < 1, so an infinite last bound guarantees a place despite rounding in the sum.
      if (cumulative.length > 0) cumulative[cumulative.length - 1] = Infinity;
      nextCumulative.push(cumulative);
    }),
  );

  const poisson: { perDay: number; slot: number; source: number }[] = [];
  const regular: { interval: number; slot: number; source: number }[] = [];
  scenario.pools.forEach((pool, p) => {
    for (const a of pool.arrivals) {
      if (a.perYear <= 0) continue;
      const slot = p * TIER_COUNT + SECURE_TIERS.indexOf(a.tier);
      const source = SOURCES.indexOf(a.source);
      if (a.pattern === 'regular') regular.push({ interval: DAYS_PER_YEAR / a.perYear, slot, source });
      else poisson.push({ perDay: a.perYear / DAYS_PER_YEAR, slot, source });
    }
  });
  const poissonRatePerDay = poisson.reduce((s, x) => s + x.perDay, 0);
  let cum = 0;
  const poissonCumulative = Float64Array.from(poisson, (x) => (cum += x.perDay / poissonRatePerDay));
  if (poissonCumulative.length > 0) poissonCumulative[poissonCumulative.length - 1] = Infinity;

  return {
    scenario,
    poolCount,
    capacity,
    stays,
    nextPlace,
    nextCumulative,
    poissonRatePerDay,
    poissonCumulative,
    poissonSlot: Int32Array.from(poisson, (x) => x.slot),
    poissonSource: Int8Array.from(poisson, (x) => x.source),
    regularIntervalDays: Float64Array.from(regular, (x) => x.interval),
    regularSlot: Int32Array.from(regular, (x) => x.slot),
    regularSource: Int8Array.from(regular, (x) => x.source),
    tariffs: Float64Array.from(SECURE_TIERS, (t) => scenario.tariffs[t]),
    transferLimitDays: scenario.prisonTransferLimitDays,
    prisonSource: SOURCES.indexOf(PRISON_SOURCE),
  };
}
