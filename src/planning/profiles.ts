import { SECURE_TIERS, type SecureTier } from './places.js';
import type { ReplicationResult } from './result.js';
import { interval, percentile, type Interval } from './statistics.js';

// Summaries across replications of what the engine reports only on request: the share of admissions
// that waited at most so many days (a wait distribution), and occupancy over time (a fan chart).

export interface WaitProfile {
  days: number[];
  /** Per tier, one interval per mark: the share of admissions that waited at most that many days. */
  tiers: Record<SecureTier, Interval[]>;
}

/** A band across replications for each period: the median and the 2.5th–97.5th percentiles. */
export interface Fan {
  median: number[];
  p025: number[];
  p975: number[];
}

export interface OccupancySeries {
  periodDays: number;
  /** Mean occupied beds per period from the start of the run (the first periods are the warm-up). */
  occupied: Record<SecureTier, Fan>;
}

export function waitProfile(results: readonly ReplicationResult[]): WaitProfile | undefined {
  const first = results[0]?.waitWithin;
  if (!first) return undefined;
  const tiers = {} as Record<SecureTier, Interval[]>;
  for (const tier of SECURE_TIERS) tiers[tier] = first.days.map((_, k) => interval(results.map((r) => r.waitWithin?.tiers[tier][k] ?? null)));
  return { days: first.days, tiers };
}

export function occupancySeries(results: readonly ReplicationResult[]): OccupancySeries | undefined {
  const first = results[0]?.series;
  if (!first) return undefined;
  const occupied = {} as Record<SecureTier, Fan>;
  for (const tier of SECURE_TIERS) {
    const fan: Fan = { median: [], p025: [], p975: [] };
    first.occupied[tier].forEach((_, k) => {
      const sorted = results.map((r) => r.series?.occupied[tier][k] ?? 0).sort((a, b) => a - b);
      fan.median.push(percentile(sorted, 0.5));
      fan.p025.push(percentile(sorted, 0.025));
      fan.p975.push(percentile(sorted, 0.975));
    });
    occupied[tier] = fan;
  }
  return { periodDays: first.periodDays, occupied };
}
