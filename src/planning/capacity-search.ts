import { runMonteCarlo, type MonteCarloOptions, type MonteCarloResult } from './monte-carlo.js';
import type { SecureTier } from './places.js';
import type { Scenario, Targets } from './scenario.js';
import { LIMITS } from './settings.js';
import type { Interval } from './statistics.js';
import { minimumTierBeds, tierBeds, withTierBeds } from './tier-beds.js';

// The smallest number of beds at a tier that meets the targets there (e.g. ≥ 90% of prison transfers
// within 14 days and a median wait under 7 days). Waits at a tier fall as its beds grow, so the
// search treats meeting the targets as monotone in beds: it gallops out from the current beds (±1, 2,
// 4, 8 ...) to bracket the answer, then bisects, in O(log distance) evaluations. Every evaluation uses
// the same seeds (common random numbers), which keeps Monte Carlo noise from reordering neighbouring
// bed counts.

export interface CapacitySearchOptions {
  tier: SecureTier;
  /** Vary one pool's beds; by default the tier's beds across all pools, in their current proportions. */
  pool?: number;
  /** Defaults to the scenario's targets. */
  targets?: Targets;
  /** `mean`: the mean across replications meets each target. `interval`: its whole 95% interval does. */
  judgeBy?: 'mean' | 'interval';
  /** Where to start; defaults to the tier's beds now. */
  startBeds?: number;
  minBeds?: number;
  maxBeds?: number;
  /** How each evaluation is run (replications, years, workers...). */
  monteCarlo?: MonteCarloOptions;
  /** Replaces runMonteCarlo (tests; a cache; a remote runner). */
  evaluate?: (scenario: Scenario, options: MonteCarloOptions) => Promise<MonteCarloResult>;
  onEvaluation?: (evaluation: CapacityEvaluation) => void;
}

export interface CapacityEvaluation {
  beds: number;
  meets: boolean;
  /** Why it fell short, one line per target missed. */
  shortfalls: string[];
  prisonWithinLimitShare: Interval;
  medianWaitDays: Interval;
  occupancy: Interval;
}

export interface CapacitySearchResult {
  tier: SecureTier;
  pool: number | null;
  targets: Targets;
  judgeBy: 'mean' | 'interval';
  /** The smallest bed count found to meet the targets, or null if even maxBeds does not. */
  beds: number | null;
  /** Every evaluation made, in the order made. */
  evaluations: CapacityEvaluation[];
}

export async function searchCapacity(scenario: Scenario, options: CapacitySearchOptions): Promise<CapacitySearchResult> {
  const { tier, pool } = options;
  const targets = options.targets ?? scenario.targets ?? {};
  if (targets.prisonWithinLimitShare === undefined && targets.medianWaitDays === undefined)
    throw new RangeError('capacity search needs a target: prisonWithinLimitShare and/or medianWaitDays');
  const judgeBy = options.judgeBy ?? 'mean';
  const minBeds = Math.max(options.minBeds ?? 1, minimumTierBeds(scenario, tier, pool));
  const maxBeds = Math.min(options.maxBeds ?? LIMITS.totalBeds, LIMITS.totalBeds);
  if (minBeds > maxBeds) throw new RangeError(`minBeds (${minBeds}) is above maxBeds (${maxBeds})`);
  const now = pool === undefined ? tierBeds(scenario, tier) : (scenario.pools[pool]?.beds[tier] ?? 0);
  const start = clamp(options.startBeds ?? (now > 0 ? now : minBeds), minBeds, maxBeds);
  const evaluate = options.evaluate ?? runMonteCarlo;
  const evaluations: CapacityEvaluation[] = [];
  const seen = new Map<number, boolean>();

  const meets = async (beds: number): Promise<boolean> => {
    const known = seen.get(beds);
    if (known !== undefined) return known;
    const result = await evaluate(withTierBeds(scenario, tier, beds, pool), options.monteCarlo ?? {});
    const e = judge(beds, result, tier, targets, judgeBy);
    evaluations.push(e);
    options.onEvaluation?.(e);
    seen.set(beds, e.meets);
    return e.meets;
  };

  // Bracket: lo fails (or is below the range), hi meets.
  let lo: number;
  let hi: number;
  if (await meets(start)) {
    hi = start;
    lo = minBeds - 1;
    for (let step = 1; hi > minBeds; step *= 2) {
      const probe = Math.max(minBeds, start - step);
      if (!(await meets(probe))) {
        lo = probe;
        break;
      }
      hi = probe;
    }
  } else {
    lo = start;
    hi = -1;
    for (let step = 1; lo < maxBeds; step *= 2) {
      const probe = Math.min(maxBeds, start + step);
      if (await meets(probe)) {
        hi = probe;
        break;
      }
      lo = probe;
    }
    if (hi === -1) return { tier, pool: pool ?? null, targets, judgeBy, beds: null, evaluations };
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (await meets(mid)) hi = mid;
    else lo = mid;
  }
  return { tier, pool: pool ?? null, targets, judgeBy, beds: hi, evaluations };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

function judge(beds: number, result: MonteCarloResult, tier: SecureTier, targets: Targets, judgeBy: 'mean' | 'interval'): CapacityEvaluation {
  const m = result.tiers[tier];
  const shortfalls: string[] = [];
  const share = targets.prisonWithinLimitShare;
  // No prison referrals to this tier in any replication: nobody can breach, so the target holds.
  if (share !== undefined && m.prisonWithinLimitShare.mean !== null) {
    const value = judgeBy === 'interval' ? (m.prisonWithinLimitShare.ciLow ?? m.prisonWithinLimitShare.mean) : m.prisonWithinLimitShare.mean;
    if (!(value >= share)) shortfalls.push(`prison transfers within the limit ${pct(value)} (${judgeBy}) < target ${pct(share)}`);
  }
  const wait = targets.medianWaitDays;
  if (wait !== undefined && m.medianWaitDays.mean !== null) {
    const value = judgeBy === 'interval' ? (m.medianWaitDays.ciHigh ?? m.medianWaitDays.mean) : m.medianWaitDays.mean;
    if (!(value < wait)) shortfalls.push(`median wait ${value.toFixed(1)} days (${judgeBy}) is not under the target ${wait} days`);
  }
  return {
    beds,
    meets: shortfalls.length === 0,
    shortfalls,
    prisonWithinLimitShare: m.prisonWithinLimitShare,
    medianWaitDays: m.medianWaitDays,
    occupancy: m.occupancy,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
