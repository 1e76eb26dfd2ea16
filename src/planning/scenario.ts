import { SEXES, SPECIALISMS, type Sex, type Specialism } from '../shared/vocabulary.js';
import { FieldReader, type FieldError } from './field-reader.js';
import { EXITS, NEXT_PLACES, SECURE_TIERS, SOURCES, isSecureTier, type NextPlace, type SecureTier, type Source } from './places.js';
import {
  DEFAULT_RUN,
  DEFAULT_TARIFFS_2008_09,
  DEFAULT_TRANSFER_LIMIT_DAYS,
  LIMITS,
  PROBABILITY_TOLERANCE,
} from './settings.js';

// A capacity-planning scenario: the beds, who arrives, how long they stay and where they go next.
// `validate` turns a parsed JSON file into a Scenario with every default filled in, or lists every
// problem with the path of the field at fault. docs/scenario.schema.json publishes the same structure
// for editors; scenario.test.ts checks the two agree.

/** Length of one stay at a tier, in days. */
export type StayDistribution =
  | { kind: 'exponential'; meanDays: number }
  | { kind: 'lognormal'; medianDays: number; sigma: number }
  | { kind: 'weibull'; scaleDays: number; shape: number }
  | { kind: 'fixed'; days: number }
  /** Observed stays, resampled with equal weight. */
  | { kind: 'empirical'; days: number[] }
  /** Points of the cumulative distribution (p from 0 to 1), interpolated linearly. */
  | { kind: 'quantiles'; points: { p: number; days: number }[] };

export interface TierRules {
  lengthOfStay: StayDistribution;
  /** Probability that a stay leads to each place; the same tier means a sideways move. Sums to 1. */
  next: Partial<Record<NextPlace, number>>;
}

export interface ArrivalStream {
  source: Source;
  tier: SecureTier;
  perYear: number;
  /** `poisson`: random arrivals at that rate. `regular`: exactly every 365.25 / perYear days. */
  pattern: 'poisson' | 'regular';
}

/** Beds and arrivals for people of one sex and specialism; a person keeps their pool for life. */
export interface Pool {
  name: string;
  sex: Sex;
  specialism: Specialism;
  beds: Record<SecureTier, number>;
  arrivals: ArrivalStream[];
  /**
   * This pool's next steps at a tier, in place of the tier's. A region without women's medium
   * secure beds, say, sends its women's low secure step-ups elsewhere (`other`) while its men's
   * step up within the region.
   */
  next?: Partial<Record<SecureTier, Partial<Record<NextPlace, number>>>>;
}

export interface RunSettings {
  replications: number;
  /** Years measured after the warm-up. */
  years: number;
  /** Years simulated first and not measured, so the model starts from a settled state. */
  warmupYears: number;
  seed: number;
  /** Share of every tier's beds occupied at time zero (0 starts empty). */
  initialOccupancy: number;
}

/** What the capacity search aims for at the tier it varies. */
export interface Targets {
  /** At least this share of prison referrals admitted within the transfer limit. */
  prisonWithinLimitShare?: number;
  /** Median wait for admission strictly below this many days. */
  medianWaitDays?: number;
}

export interface Scenario {
  name: string;
  description?: string;
  /** £ per occupied bed-day. */
  tariffs: Record<SecureTier, number>;
  prisonTransferLimitDays: number;
  run: RunSettings;
  tiers: Partial<Record<SecureTier, TierRules>>;
  pools: Pool[];
  targets?: Targets;
}

export type { FieldError };
export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

const fmt = (n: number) => n.toLocaleString('en-GB');

/** Parses a scenario file's text and validates it; a JSON syntax error is reported like any other. */
export function parseScenario(text: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return validate(json);
}

export function validate(json: unknown): ValidationResult {
  const r = new FieldReader();
  const root = r.object(json, '', ['$schema', 'name', 'description', 'tariffs', 'prisonTransferLimitDays', 'run', 'tiers', 'pools', 'targets']);
  if (!root) return { ok: false, errors: r.errors };

  const name = r.string(root.name, 'name', LIMITS.nameLength);
  const description = root.description === undefined ? undefined : r.string(root.description, 'description', LIMITS.descriptionLength);
  if (root.$schema !== undefined) r.string(root.$schema, '$schema', 1000);

  const tariffs = { ...DEFAULT_TARIFFS_2008_09 };
  if (root.tariffs !== undefined) {
    const t = r.object(root.tariffs, 'tariffs', SECURE_TIERS);
    if (t) for (const tier of SECURE_TIERS) tariffs[tier] = r.number(t[tier], `tariffs.${tier}`, { min: 0 }) ?? 0;
  }
  const prisonTransferLimitDays =
    root.prisonTransferLimitDays === undefined
      ? DEFAULT_TRANSFER_LIMIT_DAYS
      : (r.number(root.prisonTransferLimitDays, 'prisonTransferLimitDays', { exclusiveMin: 0 }) ?? 0);

  const run = readRun(r, root.run);
  const tiers = readTiers(r, root.tiers);
  const pools = readPools(r, root.pools);
  const targets = root.targets === undefined ? undefined : readTargets(r, root.targets);

  // Reachability is judged on a structurally sound file only, so one bad field is not echoed as
  // several knock-on complaints about the tiers it leads to.
  if (tiers && pools && r.errors.length === 0) checkReachability(r, tiers, pools);
  if (r.errors.length > 0 || name === undefined || !tiers || !pools) return { ok: false, errors: r.errors };
  const scenario: Scenario = { name, tariffs, prisonTransferLimitDays, run, tiers, pools };
  if (description !== undefined) scenario.description = description;
  if (targets) scenario.targets = targets;
  return { ok: true, scenario };
}

function readRun(r: FieldReader, value: unknown): RunSettings {
  const run: RunSettings = { ...DEFAULT_RUN };
  if (value === undefined) return run;
  const o = r.object(value, 'run', ['replications', 'years', 'warmupYears', 'seed', 'initialOccupancy']);
  if (!o) return run;
  if (o.replications !== undefined) {
    const n = r.number(o.replications, 'run.replications', { integer: true, min: 1 });
    if (n !== undefined && n > LIMITS.replications)
      r.fail('run.replications', `at most ${fmt(LIMITS.replications)} replications are allowed; this asks for ${fmt(n)}`);
    run.replications = n ?? run.replications;
  }
  if (o.years !== undefined) run.years = r.number(o.years, 'run.years', { exclusiveMin: 0 }) ?? run.years;
  if (o.warmupYears !== undefined) run.warmupYears = r.number(o.warmupYears, 'run.warmupYears', { min: 0 }) ?? run.warmupYears;
  if (run.years + run.warmupYears > LIMITS.years)
    r.fail('run.years', `years + warmupYears may be at most ${LIMITS.years}; this asks for ${fmt(run.years + run.warmupYears)}`);
  if (o.seed !== undefined) run.seed = r.number(o.seed, 'run.seed', { integer: true, min: 0, max: 0xffffffff }) ?? run.seed;
  if (o.initialOccupancy !== undefined)
    run.initialOccupancy = r.number(o.initialOccupancy, 'run.initialOccupancy', { min: 0, max: 1 }) ?? run.initialOccupancy;
  return run;
}

function readTiers(r: FieldReader, value: unknown): Partial<Record<SecureTier, TierRules>> | undefined {
  const o = r.object(value, 'tiers', SECURE_TIERS);
  if (!o) return undefined;
  const tiers: Partial<Record<SecureTier, TierRules>> = {};
  let any = false;
  for (const tier of SECURE_TIERS) {
    if (o[tier] === undefined) continue;
    any = true;
    const path = `tiers.${tier}`;
    const t = r.object(o[tier], path, ['lengthOfStay', 'next']);
    if (!t) continue;
    const lengthOfStay = readStay(r, t.lengthOfStay, `${path}.lengthOfStay`);
    const next = readNext(r, t.next, `${path}.next`, tier);
    if (lengthOfStay && next) tiers[tier] = { lengthOfStay, next };
  }
  if (!any) r.fail('tiers', 'at least one of high, medium, low must be described');
  return tiers;
}

function readStay(r: FieldReader, value: unknown, path: string): StayDistribution | undefined {
  const kinds = ['exponential', 'lognormal', 'weibull', 'fixed', 'empirical', 'quantiles'] as const;
  const head = r.object(value, path, null);
  if (!head) return undefined;
  const kind = r.oneOf(head.kind, `${path}.kind`, kinds);
  if (!kind) return undefined;
  const positive = { exclusiveMin: 0 };
  switch (kind) {
    case 'exponential': {
      const o = r.object(value, path, ['kind', 'meanDays'])!;
      const meanDays = r.number(o.meanDays, `${path}.meanDays`, positive);
      return meanDays === undefined ? undefined : { kind, meanDays };
    }
    case 'lognormal': {
      const o = r.object(value, path, ['kind', 'medianDays', 'sigma'])!;
      const medianDays = r.number(o.medianDays, `${path}.medianDays`, positive);
      const sigma = r.number(o.sigma, `${path}.sigma`, { min: 0, max: 10 });
      return medianDays === undefined || sigma === undefined ? undefined : { kind, medianDays, sigma };
    }
    case 'weibull': {
      const o = r.object(value, path, ['kind', 'scaleDays', 'shape'])!;
      const scaleDays = r.number(o.scaleDays, `${path}.scaleDays`, positive);
      const shape = r.number(o.shape, `${path}.shape`, { min: 0.05, max: 100 });
      return scaleDays === undefined || shape === undefined ? undefined : { kind, scaleDays, shape };
    }
    case 'fixed': {
      const o = r.object(value, path, ['kind', 'days'])!;
      const days = r.number(o.days, `${path}.days`, positive);
      return days === undefined ? undefined : { kind, days };
    }
    case 'empirical': {
      const o = r.object(value, path, ['kind', 'days'])!;
      const list = r.array(o.days, `${path}.days`, 1, LIMITS.empiricalDays);
      if (!list) return undefined;
      const days: number[] = [];
      list.forEach((d, i) => {
        const v = r.number(d, `${path}.days[${i}]`, positive);
        if (v !== undefined) days.push(v);
      });
      return days.length === list.length ? { kind, days } : undefined;
    }
    case 'quantiles': {
      const o = r.object(value, path, ['kind', 'points'])!;
      const list = r.array(o.points, `${path}.points`, 2, LIMITS.quantilePoints);
      if (!list) return undefined;
      const points: { p: number; days: number }[] = [];
      list.forEach((item, i) => {
        const at = `${path}.points[${i}]`;
        const pt = r.object(item, at, ['p', 'days']);
        if (!pt) return;
        const p = r.number(pt.p, `${at}.p`, { min: 0, max: 1 });
        const days = r.number(pt.days, `${at}.days`, positive);
        if (p === undefined || days === undefined) return;
        const prev = points.at(-1);
        if (prev && p <= prev.p) r.fail(`${at}.p`, `must be greater than the previous point's p (${prev.p})`);
        else if (prev && days < prev.days) r.fail(`${at}.days`, `must not be less than the previous point's days (${prev.days})`);
        points.push({ p, days });
      });
      if (points.length !== list.length) return undefined;
      if (points[0]!.p !== 0) r.fail(`${path}.points[0].p`, 'the first point must have p = 0');
      if (points.at(-1)!.p !== 1) r.fail(`${path}.points[${points.length - 1}].p`, 'the last point must have p = 1');
      return { kind, points };
    }
  }
}

function readNext(r: FieldReader, value: unknown, path: string, tier: SecureTier): Partial<Record<NextPlace, number>> | undefined {
  const o = r.object(value, path, NEXT_PLACES);
  if (!o) return undefined;
  const next: Partial<Record<NextPlace, number>> = {};
  let sum = 0;
  let ok = true;
  for (const place of NEXT_PLACES) {
    if (o[place] === undefined) continue;
    const p = r.number(o[place], `${path}.${place}`, { min: 0, max: 1 });
    if (p === undefined) ok = false;
    else if (p > 0) {
      next[place] = p;
      sum += p;
    }
  }
  if (!ok) return undefined;
  if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
    r.fail(path, `probabilities must sum to 1 (within ${PROBABILITY_TOLERANCE}); they sum to ${sum}`);
    return undefined;
  }
  if ((next[tier] ?? 0) >= 1) {
    r.fail(`${path}.${tier}`, 'a sideways move with probability 1 means nobody ever leaves this tier');
    return undefined;
  }
  return next;
}

function readPools(r: FieldReader, value: unknown): Pool[] | undefined {
  const list = r.array(value, 'pools', 1, LIMITS.pools);
  if (!list) return undefined;
  const pools: Pool[] = [];
  let totalBeds = 0;
  let totalArrivals = 0;
  list.forEach((item, i) => {
    const path = `pools[${i}]`;
    const o = r.object(item, path, ['name', 'sex', 'specialism', 'beds', 'arrivals', 'next']);
    if (!o) return;
    const sex = r.oneOf(o.sex, `${path}.sex`, SEXES);
    const specialism = r.oneOf(o.specialism, `${path}.specialism`, SPECIALISMS);
    const name = o.name === undefined ? `${sex ?? '?'} ${specialism ?? '?'}` : r.string(o.name, `${path}.name`, LIMITS.nameLength);
    const beds: Record<SecureTier, number> = { high: 0, medium: 0, low: 0 };
    const b = r.object(o.beds, `${path}.beds`, SECURE_TIERS);
    if (b)
      for (const tier of SECURE_TIERS) {
        if (b[tier] === undefined) continue;
        const n = r.number(b[tier], `${path}.beds.${tier}`, { integer: true, min: 0 });
        if (n !== undefined && n > LIMITS.totalBeds)
          r.fail(`${path}.beds.${tier}`, `at most ${fmt(LIMITS.totalBeds)} beds are allowed; this asks for ${fmt(n)}`);
        beds[tier] = n ?? 0;
        totalBeds += n ?? 0;
      }
    const arrivals: ArrivalStream[] = [];
    const streams = r.array(o.arrivals, `${path}.arrivals`, 0, LIMITS.arrivalsPerPool);
    streams?.forEach((s, j) => {
      const at = `${path}.arrivals[${j}]`;
      const a = r.object(s, at, ['source', 'tier', 'perYear', 'pattern']);
      if (!a) return;
      const source = r.oneOf(a.source, `${at}.source`, SOURCES);
      const tier = r.oneOf(a.tier, `${at}.tier`, SECURE_TIERS);
      const perYear = r.number(a.perYear, `${at}.perYear`, { min: 0 });
      const pattern = a.pattern === undefined ? 'poisson' : r.oneOf(a.pattern, `${at}.pattern`, ['poisson', 'regular'] as const);
      if (source && tier && perYear !== undefined && pattern) {
        arrivals.push({ source, tier, perYear, pattern });
        totalArrivals += perYear;
      }
    });
    const next = o.next === undefined ? undefined : readPoolNext(r, o.next, `${path}.next`);
    if (sex && specialism && name !== undefined && b && streams && (o.next === undefined || next)) {
      const pool: Pool = { name, sex, specialism, beds, arrivals };
      if (next) pool.next = next;
      pools.push(pool);
    }
  });
  if (totalBeds > LIMITS.totalBeds)
    r.fail('pools', `at most ${fmt(LIMITS.totalBeds)} beds are allowed in total; this scenario has ${fmt(totalBeds)}`);
  if (totalArrivals > LIMITS.arrivalsPerYear)
    r.fail('pools', `at most ${fmt(LIMITS.arrivalsPerYear)} arrivals a year are allowed in total; this scenario has ${fmt(totalArrivals)}`);
  return pools.length === list.length ? pools : undefined;
}

function readPoolNext(r: FieldReader, value: unknown, path: string): Pool['next'] {
  const o = r.object(value, path, SECURE_TIERS);
  if (!o) return undefined;
  const next: NonNullable<Pool['next']> = {};
  let ok = true;
  for (const tier of SECURE_TIERS) {
    if (o[tier] === undefined) continue;
    const rules = readNext(r, o[tier], `${path}.${tier}`, tier);
    if (rules) next[tier] = rules;
    else ok = false;
  }
  return ok ? next : undefined;
}

function readTargets(r: FieldReader, value: unknown): Targets | undefined {
  const o = r.object(value, 'targets', ['prisonWithinLimitShare', 'medianWaitDays']);
  if (!o) return undefined;
  const targets: Targets = {};
  if (o.prisonWithinLimitShare !== undefined) {
    const v = r.number(o.prisonWithinLimitShare, 'targets.prisonWithinLimitShare', { min: 0, max: 1 });
    if (v !== undefined) targets.prisonWithinLimitShare = v;
  }
  if (o.medianWaitDays !== undefined) {
    const v = r.number(o.medianWaitDays, 'targets.medianWaitDays', { exclusiveMin: 0 });
    if (v !== undefined) targets.medianWaitDays = v;
  }
  return targets;
}

type NextRules = Partial<Record<NextPlace, number>>;

/** Whether someone at `tier` can ever leave the secure tiers, following `nextOf`. */
function canLeave(tier: SecureTier, nextOf: (t: SecureTier) => NextRules | undefined): boolean {
  const seen = new Set<SecureTier>([tier]);
  const stack: SecureTier[] = [tier];
  while (stack.length > 0) {
    for (const place of Object.keys(nextOf(stack.pop()!) ?? {}) as NextPlace[]) {
      if (!isSecureTier(place)) return true;
      if (!seen.has(place)) {
        seen.add(place);
        stack.push(place);
      }
    }
  }
  return false;
}

const noExit = (tier: SecureTier) => `nobody who reaches ${tier} secure can ever leave the secure tiers (no path to ${EXITS.join(', ')})`;

/**
 * Every tier a pool's people can reach must be described and have beds, or they would wait for ever;
 * and from every described tier some path must lead out, or the system only fills. Both are mistakes
 * in a file, not outcomes worth simulating. A pool's own next steps take the place of its tier's.
 */
function checkReachability(r: FieldReader, tiers: Partial<Record<SecureTier, TierRules>>, pools: Pool[]): void {
  const tierNext = (t: SecureTier) => tiers[t]?.next;
  for (const tier of SECURE_TIERS) {
    const rules = tiers[tier];
    if (!rules) continue;
    for (const place of Object.keys(rules.next) as NextPlace[])
      if (isSecureTier(place) && !tiers[place]) r.fail(`tiers.${tier}.next.${place}`, `leads to ${place} secure, which has no entry under tiers`);
    if (!canLeave(tier, tierNext)) r.fail(`tiers.${tier}.next`, noExit(tier));
  }
  pools.forEach((pool, i) => {
    const nextOf = (t: SecureTier) => pool.next?.[t] ?? tiers[t]?.next;
    for (const [tier, rules] of Object.entries(pool.next ?? {}) as [SecureTier, NextRules][]) {
      const at = `pools[${i}].next.${tier}`;
      if (!tiers[tier]) r.fail(at, `replaces the next steps of ${tier} secure, which has no entry under tiers`);
      for (const place of Object.keys(rules) as NextPlace[])
        if (isSecureTier(place) && !tiers[place]) r.fail(`${at}.${place}`, `leads to ${place} secure, which has no entry under tiers`);
      if (tiers[tier] && !canLeave(tier, nextOf)) r.fail(at, noExit(tier));
    }
    const why = new Map<SecureTier, string>();
    const stack: SecureTier[] = [];
    pool.arrivals.forEach((a, j) => {
      if (a.perYear > 0 && !why.has(a.tier)) {
        why.set(a.tier, `arrivals[${j}] admits to it`);
        stack.push(a.tier);
      }
    });
    for (const tier of SECURE_TIERS)
      if (pool.beds[tier] > 0 && !why.has(tier)) {
        why.set(tier, 'it has beds');
        stack.push(tier);
      }
    while (stack.length > 0) {
      const tier = stack.pop()!;
      if (!tiers[tier]) {
        r.fail(`tiers.${tier}`, `${pool.name} (pools[${i}]) can reach ${tier} secure (${why.get(tier)}) but tiers has no ${tier} entry`);
        continue;
      }
      for (const [place, p] of Object.entries(nextOf(tier) ?? {}) as [NextPlace, number][])
        if (isSecureTier(place) && p > 0 && !why.has(place)) {
          why.set(place, `${tier} leads to it with probability ${p}`);
          stack.push(place);
        }
    }
    for (const [tier, reason] of why)
      if (pool.beds[tier] === 0 && reason !== 'it has beds')
        r.fail(`pools[${i}].beds.${tier}`, `${pool.name} can reach ${tier} secure (${reason}) but has 0 beds there, so they would wait for ever`);
  });
}
