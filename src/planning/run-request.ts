import { searchCapacity } from './capacity-search.js';
import { pairedDifference } from './comparison.js';
import type { CapacitySearchResult, SimulationResult } from './jobs.schema.js';
import { runMonteCarlo, type MonteCarloResult } from './monte-carlo.js';
import { SECURE_TIERS, type SecureTier } from './places.js';
import type { PreparedSearch, PreparedSimulation } from './requests.js';
import type { Scenario } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';
import { tierBeds } from './tier-beds.js';
import { describeChange } from './variants.js';

// Runs a checked planning request: a baseline and its variants with the same replication seeds, or
// a capacity search. No IO: the job service stores what this returns; the CLI prints it.

export interface RunHooks {
  /** Replications done so far of the whole request, and how many there will be (at most, for a search). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Worker threads; default one per core. */
  workers?: number;
}

/** Occupancy over time is reported by quarter. */
export const SERIES_PERIOD_DAYS = DAYS_PER_YEAR / 4;
/** The wait distribution is reported as the share admitted within each of these days. */
export const WAIT_MARKS_DAYS = [0, 7, 14, 28, 56, 91, 182, 365] as const;

export const replicationsOf = (p: PreparedSimulation | PreparedSearch) =>
  p.kind === 'simulation' ? p.replications * (1 + p.variants.length) : p.replications * p.maxEvaluations;

export async function runSimulation(p: PreparedSimulation, hooks: RunHooks = {}): Promise<SimulationResult> {
  const started = performance.now();
  const total = replicationsOf(p);
  let offset = 0;
  const run = async (scenario: Scenario) => {
    const result = await runMonteCarlo(scenario, {
      replications: p.replications,
      years: p.years,
      warmupYears: p.warmupYears,
      seed: p.seed,
      keepReplications: true,
      seriesPeriodDays: SERIES_PERIOD_DAYS,
      waitMarksDays: WAIT_MARKS_DAYS,
      ...(hooks.workers === undefined ? {} : { workers: hooks.workers }),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (done) => hooks.onProgress?.(offset + done, total),
    });
    offset += p.replications;
    return result;
  };
  const baseline = await run(p.scenario);
  const variants: SimulationResult['variants'] = [];
  for (const v of p.variants) {
    const result = await run(v.scenario);
    variants.push({
      name: v.name,
      changes: v.changes,
      described: v.changes.map(describeChange),
      summary: summary(result, v.scenario),
      difference: pairedDifference(baseline.replicationResults!, result.replicationResults!),
    });
  }
  return {
    kind: 'simulation',
    scenario: p.scenario.name,
    replications: p.replications,
    years: p.years,
    warmupYears: p.warmupYears,
    seed: p.seed,
    intervalMethod: baseline.intervalMethod,
    baseline: summary(baseline, p.scenario),
    variants,
    events: baseline.events + variants.reduce((s, v) => s + v.summary.events, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

function summary(r: MonteCarloResult, scenario: Scenario): SimulationResult['baseline'] {
  const beds = {} as Record<SecureTier, number>;
  for (const tier of SECURE_TIERS) beds[tier] = tierBeds(scenario, tier);
  return {
    beds,
    tiers: r.tiers,
    system: r.system,
    dischargesByDestinationPerYear: r.dischargesByDestinationPerYear,
    waitProfile: r.waitProfile!,
    series: r.series!,
    events: r.events,
    seconds: r.seconds,
  };
}

export async function runSearch(p: PreparedSearch, hooks: RunHooks = {}): Promise<CapacitySearchResult> {
  const started = performance.now();
  const total = replicationsOf(p);
  let evaluations = 0;
  const now = p.pool === undefined ? tierBeds(p.scenario, p.tier) : p.scenario.pools[p.pool]!.beds[p.tier];
  const result = await searchCapacity(p.scenario, {
    tier: p.tier,
    ...(p.pool === undefined ? {} : { pool: p.pool }),
    targets: p.targets,
    judgeBy: p.judgeBy,
    ...(p.minBeds === undefined ? {} : { minBeds: p.minBeds }),
    maxBeds: p.maxBeds,
    monteCarlo: {
      replications: p.replications,
      years: p.years,
      warmupYears: p.warmupYears,
      seed: p.seed,
      ...(hooks.workers === undefined ? {} : { workers: hooks.workers }),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (done) => hooks.onProgress?.(evaluations * p.replications + done, total),
    },
    onEvaluation: () => evaluations++,
  });
  return {
    kind: 'capacity_search',
    scenario: p.scenario.name,
    tier: result.tier,
    pool: result.pool,
    poolName: result.pool === null ? null : p.scenario.pools[result.pool]!.name,
    targets: result.targets,
    judgeBy: result.judgeBy,
    startBeds: now,
    beds: result.beds,
    maxBeds: p.maxBeds,
    evaluations: result.evaluations,
    replications: p.replications,
    years: p.years,
    warmupYears: p.warmupYears,
    seed: p.seed,
    seconds: (performance.now() - started) / 1000,
  };
}
