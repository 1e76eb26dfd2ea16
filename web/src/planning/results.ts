import type { Interval } from '../../../src/planning/statistics.js';
import type { SecureTier } from '../../../src/planning/places.js';
import type { RunSummary, SimulationResult } from './planning.api';

// A simulation result as the charts and tables walk it: the baseline then each variant, and a figure
// of any of them by key.

export interface ScenarioRun {
  name: string;
  summary: RunSummary;
  /** Against the baseline, paired by replication; none for the baseline itself. */
  difference: SimulationResult['variants'][number]['difference'] | null;
}

export function scenarioRuns(r: SimulationResult): ScenarioRun[] {
  return [{ name: 'Baseline', summary: r.baseline, difference: null }, ...r.variants.map((v) => ({ name: v.name, summary: v.summary, difference: v.difference }))];
}

/** A figure of the whole system (tier null) or of one tier, by its key. */
export function figure(source: { tiers: RunSummary['tiers']; system: RunSummary['system'] }, tier: SecureTier | null, key: string): Interval | undefined {
  const table = (tier === null ? source.system : source.tiers[tier]) as Record<string, Interval>;
  return table[key];
}

/** Tiers that have beds in the baseline or any variant. */
export function tiersInUse(r: SimulationResult): SecureTier[] {
  return (['high', 'medium', 'low'] as const).filter((t) => scenarioRuns(r).some((s) => s.summary.beds[t] > 0));
}
