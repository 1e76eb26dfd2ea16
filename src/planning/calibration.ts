import { isSmall, rounded, ROUND_TO, SMALL_COUNT_MAX, withheldCells } from '../shared/disclosure.js';
import { SPECIALISM_LABELS, type Sex, type Specialism } from '../shared/vocabulary.js';
import { isSecureTier, NEXT_PLACES, SECURE_TIER_LABELS, SECURE_TIERS, type NextPlace, type SecureTier, type Source } from './places.js';
import { validate, type ArrivalStream, type Pool, type Scenario, type StayDistribution } from './scenario.js';
import { DAYS_PER_YEAR, DEFAULT_RUN, DEFAULT_TRANSFER_LIMIT_DAYS } from './settings.js';
import { meanStay } from './length-of-stay.js';
import { fitStays, type StayFamily, type StayFit, type StayObservation } from './stay-fit.js';
import { dayOf, type Stay } from './stays.js';

// Calibration: a scenario from an area's own history. Pure: the caller reads the stays and beds from
// the register (calibration.repo.ts) and passes them in, so the same code is tested against synthetic
// histories with known parameters. Only aggregates come out.
//
// Over the window [from, to): arrival rates are stays begun from outside the model per year, by pool,
// tier and source; each tier's length of stay is fitted to every stay seen in the window (begun
// before it or still going after it included, see stay-fit.ts); where stays led is counted over the
// stays that ended in the window; beds are the area's wards in service at the end of the window.
//
// Under disclosure control (`controlled`: the roles that see aggregates only, src/shared/disclosure.ts)
// no figure rests on an exact count. Every count is first made a modelled count: rounded to 5, and 1
// to 7 people taken as 5, so a figure from a few people says only that there were a few; arrival
// rates, next-step shares and their probabilities in the scenario are worked out from those. Counts
// shown are rounded, with 1 to 7 withheld (null) and secondary suppression in the next-step table,
// whose total is shown beside it; notes say "fewer than 8" or "about 10", never the count. Without
// it (no role today), everything is exact. Every fitted stay length rests on at least 8 ended stays.

/** How people are grouped into pools: by sex and specialism (as wards are), or by sex only. */
export type Pooling = 'sex-and-specialism' | 'sex';

export interface AreaBeds {
  tier: SecureTier;
  sex: Sex;
  specialism: Specialism;
  beds: number;
}

export interface CalibrationInput {
  area: string;
  from: Date;
  to: Date;
  stays: readonly Stay[];
  beds: readonly AreaBeds[];
  tariffs: Record<SecureTier, number>;
  pooling?: Pooling;
  /** Disclosure control (see the top of this file). */
  controlled?: boolean;
}

export interface TierCalibration {
  tier: SecureTier;
  beds: number;
  /** Mean beds occupied over the window, from the stays. */
  meanOccupied: number;
  staysSeen: number;
  staysEnded: number;
  lengthOfStay: Omit<StayFit, 'chosen' | 'fits'> & {
    distribution: StayDistribution;
    meanDays: number;
    fits: { family: StayFamily; aic: number }[];
  };
  /** Where the stays that ended in the window led (stays null: 1 to 7, withheld under control). */
  next: { place: NextPlace; stays: number | null; share: number }[];
  wardMovesPerStay: number;
}

export interface CalibrationReport {
  area: string;
  from: string;
  to: string;
  windowYears: number;
  pooling: Pooling;
  tiers: TierCalibration[];
  /** Count null: 1 to 7, withheld under control. */
  arrivals: { tier: SecureTier; source: Source; count: number | null; perYear: number }[];
  pools: { name: string; sex: Sex; specialism: Specialism; beds: Record<SecureTier, number>; arrivalsPerYear: number }[];
  /** What the data could not support, in words: arrivals to tiers a pool has no beds at, and the like. */
  notes: string[];
  /** Whether the figures are under disclosure control (see the top of this file). */
  disclosureControlled: boolean;
}

export interface Calibration {
  scenario: Scenario;
  report: CalibrationReport;
}

/** Too little history to estimate something; each problem says what and how to fix it. */
export class CalibrationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/**
 * Fewer ended stays than this at a tier and its stay length and next steps are not estimated: too
 * few to fit, and a fit (or an observed median) from 1 to 7 people would describe them.
 */
export const MIN_ENDED_STAYS = SMALL_COUNT_MAX + 1;
/** The calibrated scenario's targets for the capacity search (the issue's example). */
export const DEFAULT_TARGETS = { prisonWithinLimitShare: 0.9, medianWaitDays: 7 } as const;

interface PoolTally {
  sex: Sex;
  specialism: Specialism;
  beds: Record<SecureTier, number>;
  arrivals: Map<string, number>;
}

interface TierTally {
  observations: StayObservation[];
  occupiedDays: number;
  next: Map<NextPlace, number>;
  wardMoves: number;
}

/** A UTC instant's calendar date, YYYY-MM-DD. */
export const iso = (d: Date) => d.toISOString().slice(0, 10);

export function calibrate(input: CalibrationInput): Calibration {
  const from = dayOf(input.from);
  const to = dayOf(input.to);
  if (!(to > from)) throw new RangeError('the window must end after it starts');
  const years = (to - from) / DAYS_PER_YEAR;
  const pooling = input.pooling ?? 'sex-and-specialism';
  const count = countsAs(input.controlled ?? false);
  const notes: string[] = [];
  const pools = new Map<string, PoolTally>();
  const poolOf = (sex: Sex, specialism: Specialism) => {
    const key = pooling === 'sex' ? sex : `${sex}|${specialism}`;
    let p = pools.get(key);
    if (!p) pools.set(key, (p = { sex, specialism: pooling === 'sex' ? 'mental_illness' : specialism, beds: { high: 0, medium: 0, low: 0 }, arrivals: new Map() }));
    return p;
  };
  for (const b of input.beds) if (b.beds > 0) poolOf(b.sex, b.specialism).beds[b.tier] += b.beds;
  const bedsAt = (tier: SecureTier) => [...pools.values()].reduce((s, p) => s + p.beds[tier], 0);
  const modelled = SECURE_TIERS.filter((t) => bedsAt(t) > 0);
  if (modelled.length === 0) throw new CalibrationError([`${input.area} has no high, medium or low secure beds in service on ${iso(input.to)}.`]);

  const tally = new Map<SecureTier, TierTally>(SECURE_TIERS.map((t) => [t, { observations: [], occupiedDays: 0, next: new Map(), wardMoves: 0 }]));
  for (const s of input.stays) {
    const end = s.end !== null && s.end <= to ? s.end : null;
    if (!(s.start < to && (end === null || end > from))) continue;
    const t = tally.get(s.tier)!;
    const until = end ?? to;
    t.observations.push({ entry: Math.max(0, from - s.start), exit: until - s.start, ended: end !== null });
    t.occupiedDays += until - Math.max(s.start, from);
    t.wardMoves += s.wardMoves;
    if (end !== null && s.next) t.next.set(s.next, (t.next.get(s.next) ?? 0) + 1);
    if (s.source !== null && s.start >= from) {
      const key = `${s.tier}|${s.source}`;
      const pool = poolOf(s.sex, s.specialism);
      pool.arrivals.set(key, (pool.arrivals.get(key) ?? 0) + 1);
    }
  }

  const problems: string[] = [];
  for (const tier of modelled) {
    const ended = tally.get(tier)!.observations.filter((o) => o.ended).length;
    // Not how many: a count of 1 to 7 is not shown, and these are all below 8.
    if (ended < MIN_ENDED_STAYS)
      problems.push(
        `Fewer than ${MIN_ENDED_STAYS} ${SECURE_TIER_LABELS[tier].toLowerCase()} stays ended in ${input.area} between ${iso(input.from)} and ${iso(input.to)}; at least ${MIN_ENDED_STAYS} are needed to estimate how long stays last and where they lead. Choose a longer window or a larger area.`,
      );
  }
  for (const tier of SECURE_TIERS)
    if (!modelled.includes(tier) && tally.get(tier)!.observations.length > 0)
      notes.push(`${SECURE_TIER_LABELS[tier]} stays were recorded but no ${SECURE_TIER_LABELS[tier].toLowerCase()} beds are in service at the end of the window, so that tier is left out.`);
  if (problems.length > 0) throw new CalibrationError(problems);

  const tiers: Scenario['tiers'] = {};
  const report: TierCalibration[] = [];
  for (const tier of modelled) {
    const t = tally.get(tier)!;
    const fit = fitStays(t.observations);
    const distribution = tidyStay(fit.chosen.distribution);
    // A step to a tier with no beds in the area takes the person out of the area's beds.
    const next = probabilities([...t.next].map(([place, n]) => [isSecureTier(place) && !modelled.includes(place) ? 'other' : place, count.modelled(n)]));
    tiers[tier] = { lengthOfStay: distribution, next };
    const led = [...t.next];
    const modelledEnded = led.reduce((s, [, n]) => s + count.modelled(n), 0);
    const withheld = count.withheld(led.map(([, n]) => n));
    report.push({
      tier,
      beds: bedsAt(tier),
      meanOccupied: t.occupiedDays / (to - from),
      // At least MIN_ENDED_STAYS (8) ended, so none of these is small: rounded under control.
      staysSeen: count.shown(fit.observations)!,
      staysEnded: count.shown(fit.completed)!,
      lengthOfStay: {
        distribution,
        meanDays: meanStay(distribution),
        fits: fit.fits.map((f) => ({ family: f.family, aic: f.aic })),
        observations: count.shown(fit.observations)!,
        completed: count.shown(fit.completed)!,
        quantiles: fit.quantiles,
        survival: fit.survival,
      },
      next: led.map(([place, n], i) => ({ place, stays: withheld[i] ? null : count.shown(n), share: count.modelled(n) / modelledEnded, n })).sort((a, b) => b.n - a.n).map(({ n: _n, ...shown }) => shown),
      wardMovesPerStay: t.observations.length > 0 ? t.wardMoves / t.observations.length : 0,
    });
  }

  const scenarioPools = buildPools(pools, tiers, years, pooling, notes, count);
  const totalBeds = modelled.reduce((s, t) => s + bedsAt(t), 0);
  const occupied = report.reduce((s, t) => s + t.meanOccupied, 0);
  const scenario: Scenario = {
    name: `${input.area}, calibrated ${iso(input.from)} to ${iso(input.to)}`,
    description: `Calibrated from the register: arrivals, lengths of stay and next steps of ${input.area} between ${iso(input.from)} and ${iso(input.to)}; beds in service on ${iso(input.to)}.`,
    tariffs: { ...input.tariffs },
    prisonTransferLimitDays: DEFAULT_TRANSFER_LIMIT_DAYS,
    // Starting near the observed occupancy shortens the warm-up the model needs to settle.
    run: { ...DEFAULT_RUN, initialOccupancy: Math.min(1, Math.round((100 * occupied) / totalBeds) / 100) },
    tiers,
    pools: scenarioPools,
    targets: { ...DEFAULT_TARGETS },
  };
  const checked = validate(JSON.parse(JSON.stringify(scenario)));
  if (!checked.ok) throw new Error(`calibration built an invalid scenario: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);

  const arrivals = new Map<string, number>();
  for (const p of pools.values()) for (const [key, n] of p.arrivals) arrivals.set(key, (arrivals.get(key) ?? 0) + n);
  return {
    scenario: checked.scenario,
    report: {
      area: input.area,
      from: iso(input.from),
      to: iso(input.to),
      windowYears: years,
      pooling,
      tiers: report,
      arrivals: [...arrivals].map(([key, n]) => {
        const [tier, source] = key.split('|') as [SecureTier, Source];
        return { tier, source, count: count.shown(n), perYear: count.modelled(n) / years };
      }),
      pools: scenarioPools.map((p) => ({ name: p.name, sex: p.sex, specialism: p.specialism, beds: p.beds, arrivalsPerYear: p.arrivals.reduce((s, a) => s + a.perYear, 0) })),
      notes,
      disclosureControlled: input.controlled ?? false,
    },
  };
}

/**
 * Pools with beds, their arrivals and, where a pool has no beds at a tier its tier's next steps lead
 * to (no women's medium secure beds in the area, say), its own next steps sending those people out
 * of the area's beds (`other`) instead.
 */
function buildPools(pools: Map<string, PoolTally>, tiers: Scenario['tiers'], years: number, pooling: Pooling, notes: string[], count: CountRules): Pool[] {
  const out: Pool[] = [];
  const sorted = [...pools.values()].sort((a, b) => total(b.beds) - total(a.beds) || a.sex.localeCompare(b.sex) || a.specialism.localeCompare(b.specialism));
  for (const p of sorted) {
    const name = pooling === 'sex' ? `${p.sex === 'male' ? 'Men' : 'Women'} (all specialisms)` : `${p.sex === 'male' ? 'Men' : 'Women'}, ${SPECIALISM_LABELS[p.specialism].toLowerCase()}`;
    const arrivals: ArrivalStream[] = [];
    for (const [key, n] of [...p.arrivals].sort()) {
      const [tier, source] = key.split('|') as [SecureTier, Source];
      const perYear = round(count.modelled(n) / years, 3);
      if (p.beds[tier] > 0) arrivals.push({ source, tier, perYear, pattern: 'poisson' });
      else notes.push(`${name}: ${count.told(n)} to ${SECURE_TIER_LABELS[tier].toLowerCase()} from ${source.replace(/_/g, ' ')} left out, as the area has no such beds for them now.`);
    }
    if (total(p.beds) === 0) continue;
    const next: NonNullable<Pool['next']> = {};
    for (const tier of SECURE_TIERS) {
      const rules = tiers[tier];
      if (!rules || p.beds[tier] === 0) continue;
      const moved = Object.entries(rules.next).filter(([place]) => isSecureTier(place) && p.beds[place] === 0);
      if (moved.length > 0) next[tier] = probabilities(Object.entries(rules.next).map(([place, share]) => [moved.some(([m]) => m === place) ? 'other' : (place as NextPlace), share]));
    }
    const pool: Pool = { name, sex: p.sex, specialism: p.specialism, beds: { ...p.beds }, arrivals };
    if (Object.keys(next).length > 0) pool.next = next;
    out.push(pool);
  }
  return out;
}

/** How counts of people are used and shown: exactly, or under disclosure control (top of this file). */
interface CountRules {
  /** The count figures are worked out from. */
  modelled(n: number): number;
  /** The count as shown; null when withheld. */
  shown(n: number): number | null;
  /** Which cells of a table with its total shown beside it to withhold. */
  withheld(counts: readonly number[]): boolean[];
  /** The count in words, as notes give it: "3 admissions", or "fewer than 8 admissions". */
  told(n: number): string;
}

export function countsAs(controlled: boolean): CountRules {
  if (!controlled) return { modelled: (n) => n, shown: (n) => n, withheld: (counts) => counts.map(() => false), told: (n) => `${n} admission${n === 1 ? '' : 's'}` };
  return {
    modelled: (n) => (isSmall(n) ? ROUND_TO : rounded(n)),
    shown: (n) => (isSmall(n) ? null : rounded(n)),
    withheld: (counts) => withheldCells(counts),
    told: (n) => (isSmall(n) ? `fewer than ${SMALL_COUNT_MAX + 1} admissions` : `about ${rounded(n)} admissions`),
  };
}

const total = (beds: Record<SecureTier, number>) => beds.high + beds.medium + beds.low;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Counts (or shares) by place → probabilities to 6 places that sum to 1 exactly enough for the validator. */
function probabilities(entries: [NextPlace, number][]): Partial<Record<NextPlace, number>> {
  const merged = new Map<NextPlace, number>();
  for (const [place, n] of entries) merged.set(place, (merged.get(place) ?? 0) + n);
  const sum = [...merged.values()].reduce((s, n) => s + n, 0);
  const ordered = NEXT_PLACES.filter((p) => (merged.get(p) ?? 0) > 0);
  const out: Partial<Record<NextPlace, number>> = {};
  for (const p of ordered) out[p] = round(merged.get(p)! / sum, 6);
  // Rounding may leave the sum a few millionths off: the largest share absorbs it.
  const largest = ordered.reduce((a, b) => (out[b]! > out[a]! ? b : a));
  out[largest] = round(1 - ordered.filter((p) => p !== largest).reduce((s, p) => s + out[p]!, 0), 9);
  return out;
}

/** The fitted distribution with readable figures (days to 0.1, shape parameters to 4 places). */
function tidyStay(d: StayDistribution): StayDistribution {
  switch (d.kind) {
    case 'lognormal':
      return { kind: d.kind, medianDays: round(d.medianDays, 1), sigma: round(d.sigma, 4) };
    case 'weibull':
      return { kind: d.kind, scaleDays: round(d.scaleDays, 1), shape: round(d.shape, 4) };
    case 'exponential':
      return { kind: d.kind, meanDays: round(d.meanDays, 1) };
    default:
      return d;
  }
}
