import { SECURE_TIERS, type SecureTier } from './places.js';
import type { ReplicationResult, SystemMetrics, TierMetrics } from './result.js';
import { intervals, type Intervals } from './statistics.js';

// A variant against its baseline, replication by replication. Both ran with the same replication
// seeds (common random numbers), so replication i of each saw the same arrivals and stays wherever
// the change did not alter them; the difference of each pair isolates the change, and the 95%
// interval of the mean difference is far narrower than comparing two independent intervals would be.

export interface Difference {
  tiers: Record<SecureTier, Intervals<TierMetrics>>;
  system: Intervals<SystemMetrics>;
}

/** Variant − baseline for every metric, as intervals over the paired replications. */
export function pairedDifference(baseline: readonly ReplicationResult[], variant: readonly ReplicationResult[]): Difference {
  if (baseline.length !== variant.length) throw new RangeError(`pairing needs as many variant replications (${variant.length}) as baseline ones (${baseline.length})`);
  const tiers = {} as Record<SecureTier, Intervals<TierMetrics>>;
  for (const tier of SECURE_TIERS) tiers[tier] = intervals(variant.map((v, i) => minus(v.tiers[tier], baseline[i]!.tiers[tier])));
  return { tiers, system: intervals(variant.map((v, i) => minus(v.system, baseline[i]!.system))) };
}

/** Field by field a − b; null where either is undefined (no admissions in one of the two runs, say). */
function minus<T extends { [K in keyof T]: number | null }>(a: T, b: T): T {
  const out = {} as T;
  for (const key of Object.keys(a) as (keyof T)[]) {
    const x = a[key];
    const y = b[key];
    out[key] = (x === null || y === null ? null : x - y) as T[keyof T];
  }
  return out;
}
