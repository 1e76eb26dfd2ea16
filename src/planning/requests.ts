import type { FieldError } from './field-reader.js';
import type { CapacitySearchRequest, SimulationRequest, VariantChangeInput } from './jobs.schema.js';
import type { PlanningSettings } from './job-settings.js';
import { SECURE_TIER_LABELS, type SecureTier } from './places.js';
import { validate, type Scenario, type Targets } from './scenario.js';
import { LIMITS } from './settings.js';
import { tierBeds } from './tier-beds.js';
import { applyVariant, type Variant, type VariantChange } from './variants.js';

// A planning request checked before any work starts: the scenario against the validator, each
// variant applied, and the size of the whole job against the server's limits, so a mistake or an
// absurd size is refused at once with the field and the limit named, not found out an hour later.

export interface RunSize {
  replications: number;
  years: number;
  warmupYears: number;
  seed: number;
}

export interface PreparedSimulation extends RunSize {
  kind: 'simulation';
  scenario: Scenario;
  variants: (Variant & { scenario: Scenario })[];
  estimatedEvents: number;
}

export interface PreparedSearch extends RunSize {
  kind: 'capacity_search';
  scenario: Scenario;
  tier: SecureTier;
  pool?: number;
  targets: Targets;
  judgeBy: 'mean' | 'interval';
  minBeds?: number;
  maxBeds: number;
  /** The most evaluations the search can need (each a full Monte Carlo run). */
  maxEvaluations: number;
  estimatedEvents: number;
}

export type Prepared<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; tooLarge: boolean };

/**
 * Events a replication-year costs, per arrival a year: an arrival and about 1.3 ends of stay (people
 * pass through 1.3 tiers on average in the England example, bench/out/simulation.json), rounded up.
 */
const EVENTS_PER_ARRIVAL = 3;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const arrivalsPerYear = (s: Scenario) => s.pools.reduce((sum, p) => sum + p.arrivals.reduce((a, x) => a + x.perYear, 0), 0);
const eventsOf = (s: Scenario, size: RunSize) => EVENTS_PER_ARRIVAL * arrivalsPerYear(s) * size.replications * (size.years + size.warmupYears);

/** The scenario with the server's tariffs where the file names none (tariffs are a setting). */
function readScenario(raw: unknown, settings: PlanningSettings, errors: FieldError[]): Scenario | undefined {
  const withTariffs = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('tariffs' in raw) ? { ...raw, tariffs: settings.tariffs } : raw;
  const v = validate(withTariffs);
  if (!v.ok) errors.push(...v.errors.map((e) => ({ path: `scenario.${e.path}`, message: e.message })));
  return v.ok ? v.scenario : undefined;
}

function readSize(r: SimulationRequest | CapacitySearchRequest, scenario: Scenario | undefined, settings: PlanningSettings, errors: FieldError[]): RunSize {
  const size = { replications: r.replications, years: r.years, warmupYears: r.warmupYears ?? scenario?.run.warmupYears ?? 5, seed: r.seed };
  if (size.replications > settings.maxReplications)
    errors.push({ path: 'replications', message: `at most ${fmt(settings.maxReplications)} replications are allowed on this server; this asks for ${fmt(size.replications)}` });
  if (size.years + size.warmupYears > LIMITS.years)
    errors.push({ path: 'years', message: `years + warmupYears may be at most ${LIMITS.years}; this asks for ${size.years + size.warmupYears}` });
  return size;
}

function checkEvents(events: number, settings: PlanningSettings, errors: FieldError[], what: string): void {
  if (events > settings.maxEventsPerJob)
    errors.push({
      path: 'replications',
      message: `${what} would simulate about ${fmt(events / 1e6)} million events; the limit on this server is ${fmt(settings.maxEventsPerJob / 1e6)} million. Ask for fewer replications or years${what.includes('variant') ? ', or fewer variants' : ''}.`,
    });
}

const sizeErrors = (errors: FieldError[]) => errors.some((e) => e.path === 'replications' || e.path === 'years');

export function prepareSimulation(r: SimulationRequest, settings: PlanningSettings): Prepared<PreparedSimulation> {
  const errors: FieldError[] = [];
  const scenario = readScenario(r.scenario, settings, errors);
  const size = readSize(r, scenario, settings, errors);
  const inputs = r.variants ?? [];
  if (inputs.length > settings.maxVariants) errors.push({ path: 'variants', message: `at most ${settings.maxVariants} variants are allowed beside the baseline; this has ${inputs.length}` });
  const names = new Set<string>();
  const variants: PreparedSimulation['variants'] = [];
  inputs.forEach((input, i) => {
    if (names.has(input.name)) errors.push({ path: `variants[${i}].name`, message: `"${input.name}" is already the name of another variant` });
    names.add(input.name);
    const changes = input.changes.map((c, j) => toChange(c, `variants[${i}].changes[${j}]`, errors));
    if (!scenario || changes.some((c) => c === undefined)) return;
    const variant: Variant = { name: input.name, changes: changes as VariantChange[] };
    const applied = applyVariant(scenario, variant, `variants[${i}].changes`);
    if (applied.ok) variants.push({ ...variant, scenario: applied.scenario });
    else errors.push(...applied.errors);
  });
  if (scenario && errors.length === 0) {
    const events = [scenario, ...variants.map((v) => v.scenario)].reduce((sum, s) => sum + eventsOf(s, size), 0);
    checkEvents(events, settings, errors, variants.length > 0 ? `This baseline and ${variants.length} variant${variants.length === 1 ? '' : 's'}` : 'This run');
    if (errors.length === 0) return { ok: true, value: { kind: 'simulation', scenario, variants, ...size, estimatedEvents: events } };
  }
  return { ok: false, errors, tooLarge: sizeErrors(errors) };
}

export function prepareSearch(r: CapacitySearchRequest, settings: PlanningSettings): Prepared<PreparedSearch> {
  const errors: FieldError[] = [];
  const scenario = readScenario(r.scenario, settings, errors);
  const size = readSize(r, scenario, settings, errors);
  if (!scenario) return { ok: false, errors, tooLarge: false };
  const targets = r.targets ?? scenario.targets ?? {};
  if (targets.prisonWithinLimitShare === undefined && targets.medianWaitDays === undefined)
    errors.push({ path: 'targets', message: 'name at least one target: a share of prison transfers within the limit, or a median wait' });
  const label = SECURE_TIER_LABELS[r.tier].toLowerCase();
  let now = tierBeds(scenario, r.tier);
  if (r.pool !== undefined) {
    const pool = scenario.pools[r.pool];
    if (!pool) errors.push({ path: 'pool', message: `there is no pool ${r.pool}; the scenario has ${scenario.pools.length} (numbered from 0)` });
    now = pool?.beds[r.tier] ?? 0;
  } else if (now === 0) errors.push({ path: 'tier', message: `the scenario has no ${label} beds to vary; choose a pool to give some to` });
  // Without a ceiling the search could wander to 200,000 beds: three times today's plus 50 is ample.
  const maxBeds = Math.min(r.maxBeds ?? 3 * now + 50, LIMITS.totalBeds);
  if (r.minBeds !== undefined && r.minBeds > maxBeds) errors.push({ path: 'minBeds', message: `must not be above maxBeds (${maxBeds})` });
  const maxEvaluations = 2 * Math.ceil(Math.log2(maxBeds + 1)) + 1;
  const events = eventsOf(scenario, size) * maxEvaluations;
  if (errors.length === 0) checkEvents(events, settings, errors, `This search (up to ${maxEvaluations} runs)`);
  if (errors.length > 0) return { ok: false, errors, tooLarge: sizeErrors(errors) };
  return {
    ok: true,
    value: {
      kind: 'capacity_search',
      scenario,
      tier: r.tier,
      ...(r.pool === undefined ? {} : { pool: r.pool }),
      targets,
      judgeBy: r.judgeBy ?? 'mean',
      ...(r.minBeds === undefined ? {} : { minBeds: r.minBeds }),
      maxBeds,
      maxEvaluations,
      ...size,
      estimatedEvents: events,
    },
  };
}

/** The API's flat change → the variant change it describes, or an error naming what is missing. */
function toChange(c: VariantChangeInput, path: string, errors: FieldError[]): VariantChange | undefined {
  const missing = (field: string, why: string) => {
    errors.push({ path: `${path}.${field}`, message: `is required ${why}` });
    return undefined;
  };
  switch (c.kind) {
    case 'beds':
      if (c.tier === undefined) return missing('tier', 'to change beds');
      if (c.change === undefined) return missing('change', 'to change beds (how many to add; negative removes)');
      return { kind: 'beds', tier: c.tier, change: c.change, ...(c.pool === undefined ? {} : { pool: c.pool }) };
    case 'stays':
      if (c.factor === undefined) return missing('factor', 'to scale stays');
      return { kind: 'stays', factor: c.factor, ...(c.tier === undefined ? {} : { tier: c.tier }) };
    case 'arrivals':
      if (c.factor === undefined) return missing('factor', 'to scale arrivals');
      return { kind: 'arrivals', factor: c.factor, ...(c.tier === undefined ? {} : { tier: c.tier }), ...(c.source === undefined ? {} : { source: c.source }) };
  }
}
