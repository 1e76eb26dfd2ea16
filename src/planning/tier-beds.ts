import type { SecureTier } from './places.js';
import type { Scenario } from './scenario.js';

// Changing one tier's beds in a scenario, for the capacity search and for what-if runs.

/** The tier's beds summed over pools. */
export function tierBeds(scenario: Scenario, tier: SecureTier): number {
  return scenario.pools.reduce((s, p) => s + p.beds[tier], 0);
}

/** The fewest beds the tier may have: one for each pool that has some now (they stay reachable). */
export function minimumTierBeds(scenario: Scenario, tier: SecureTier, pool?: number): number {
  if (pool !== undefined) return 1;
  return Math.max(1, scenario.pools.filter((p) => p.beds[tier] > 0).length);
}

/**
 * A copy of the scenario with `total` beds at the tier: all in one pool if `pool` is given, otherwise
 * shared across the pools in proportion to the beds they have now (largest remainder, each keeping at
 * least one so people who can reach the tier still can).
 */
export function withTierBeds(scenario: Scenario, tier: SecureTier, total: number, pool?: number): Scenario {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`beds must be a whole number ≥ 0, not ${total}`);
  const pools = scenario.pools.map((p) => ({ ...p, beds: { ...p.beds } }));
  if (pool !== undefined) {
    const target = pools[pool];
    if (!target) throw new RangeError(`there is no pool ${pool}; the scenario has ${pools.length}`);
    target.beds[tier] = total;
    return { ...scenario, pools };
  }
  const current = pools.map((p) => p.beds[tier]);
  const now = current.reduce((s, b) => s + b, 0);
  if (now === 0) throw new RangeError(`no pool has ${tier} beds to scale; name the pool to change`);
  const holders = current.filter((b) => b > 0).length;
  if (total < holders) throw new RangeError(`${tier} needs at least ${holders} beds, one for each pool that has some`);
  // One bed each first, then the rest in proportion.
  const rest = total - holders;
  const exact = current.map((b) => (b > 0 ? (rest * b) / now : 0));
  const given = exact.map((x, i) => (current[i]! > 0 ? 1 + Math.floor(x) : 0));
  let left = total - given.reduce((s, b) => s + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (current[i]! > 0) {
      given[i]!++;
      left--;
    }
  }
  pools.forEach((p, i) => (p.beds[tier] = given[i]!));
  return { ...scenario, pools };
}

