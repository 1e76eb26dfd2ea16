import { minimise } from './nelder-mead.js';
import { normalLogSurvival, normalQuantile } from './normal.js';
import type { StayDistribution } from './scenario.js';

// Fitting a length-of-stay distribution to stays seen through a window of time. Secure stays run for
// years, so a window catches many part-way: stays that began before it (seen from a later age: left
// truncation) and stays still going when it closes (right censoring). Dropping either biases the
// fit towards short stays; maximum likelihood uses both exactly. Each family the engine draws from
// (lognormal, Weibull, exponential) is fitted and the one with the lowest AIC chosen. The observed
// side is the Kaplan–Meier estimate with delayed entry, the standard non-parametric estimate for such
// data, so fitted and observed can be compared on one footing.

/** One stay seen in the window, in days since the stay began. */
export interface StayObservation {
  /** How long the stay had already lasted when the window opened (0 if it began inside). */
  entry: number;
  /** How long it had lasted when it ended or the window closed. */
  exit: number;
  /** True if it ended inside the window; false if still going when it closed (censored). */
  ended: boolean;
}

export const STAY_FAMILIES = ['lognormal', 'weibull', 'exponential'] as const;
export type StayFamily = (typeof STAY_FAMILIES)[number];

export interface FamilyFit {
  family: StayFamily;
  distribution: StayDistribution;
  logLikelihood: number;
  /** Akaike's information criterion, 2k − 2 ln L: lower is better. */
  aic: number;
}

export interface StayFit {
  chosen: FamilyFit;
  fits: FamilyFit[];
  observations: number;
  completed: number;
  /** Observed (Kaplan–Meier) and fitted quantiles; observed is null beyond what the data reach. */
  quantiles: { p: number; observedDays: number | null; fittedDays: number }[];
  /** The share of stays still going after each number of days: observed and fitted. */
  survival: { days: number; observed: number | null; fitted: number }[];
}

const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];
const SURVIVAL_POINTS = 40;
/** Stays recorded as shorter than this are taken as this long (a log of zero has no likelihood). */
const SHORTEST_DAYS = 0.01;

interface Family {
  k: number;
  start(obs: readonly StayObservation[]): number[];
  logDensity(p: number[], x: number): number;
  logSurvival(p: number[], x: number): number;
  toDistribution(p: number[]): StayDistribution;
}

const FAMILIES: Record<StayFamily, Family> = {
  // p = [μ, ln σ] of ln(stay).
  lognormal: {
    k: 2,
    start: (obs) => {
      const logs = obs.map((o) => Math.log(o.exit));
      const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
      const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, logs.length - 1));
      return [mean, Math.log(Math.max(sd, 0.1))];
    },
    logDensity: ([mu, logSigma], x) => {
      const sigma = Math.exp(logSigma!);
      const z = (Math.log(x) - mu!) / sigma;
      return -Math.log(x * sigma * Math.sqrt(2 * Math.PI)) - (z * z) / 2;
    },
    logSurvival: ([mu, logSigma], x) => normalLogSurvival((Math.log(x) - mu!) / Math.exp(logSigma!)),
    toDistribution: ([mu, logSigma]) => ({ kind: 'lognormal', medianDays: Math.exp(mu!), sigma: Math.exp(logSigma!) }),
  },
  // p = [ln scale, ln shape].
  weibull: {
    k: 2,
    start: (obs) => [Math.log(obs.reduce((s, o) => s + o.exit, 0) / obs.length), 0],
    logDensity: ([logScale, logShape], x) => {
      const shape = Math.exp(logShape!);
      const r = Math.log(x) - logScale!;
      return logShape! - logScale! + (shape - 1) * r - Math.exp(shape * r);
    },
    logSurvival: ([logScale, logShape], x) => -Math.exp(Math.exp(logShape!) * (Math.log(x) - logScale!)),
    toDistribution: ([logScale, logShape]) => ({ kind: 'weibull', scaleDays: Math.exp(logScale!), shape: Math.exp(logShape!) }),
  },
  // p = [ln mean]; the maximum has a closed form, used as the start so the search ends at once.
  exponential: {
    k: 1,
    start: (obs) => {
      const exposure = obs.reduce((s, o) => s + o.exit - o.entry, 0);
      const events = obs.filter((o) => o.ended).length;
      return [Math.log(exposure / Math.max(events, 1))];
    },
    logDensity: ([logMean], x) => -logMean! - x / Math.exp(logMean!),
    logSurvival: ([logMean], x) => -x / Math.exp(logMean!),
    toDistribution: ([logMean]) => ({ kind: 'exponential', meanDays: Math.exp(logMean!) }),
  },
};

function logLikelihood(family: Family, p: number[], obs: readonly StayObservation[]): number {
  let ll = 0;
  for (const o of obs) {
    ll += o.ended ? family.logDensity(p, o.exit) : family.logSurvival(p, o.exit);
    if (o.entry > 0) ll -= family.logSurvival(p, o.entry);
  }
  return ll;
}

function fitFamily(name: StayFamily, obs: readonly StayObservation[]): FamilyFit {
  const family = FAMILIES[name];
  const start = family.start(obs);
  const best = name === 'exponential' ? { x: start } : minimise((p) => -logLikelihood(family, p, obs), start);
  const ll = logLikelihood(family, best.x, obs);
  return { family: name, distribution: family.toDistribution(best.x), logLikelihood: ll, aic: 2 * family.k - 2 * ll };
}

/** Fits every family to the observed stays and compares the best with the Kaplan–Meier estimate. */
export function fitStays(observations: readonly StayObservation[]): StayFit {
  const obs = observations
    .map((o) => ({ entry: Math.max(0, o.entry), exit: Math.max(o.exit, SHORTEST_DAYS), ended: o.ended }))
    .filter((o) => o.exit > o.entry);
  const completed = obs.filter((o) => o.ended).length;
  if (completed === 0) throw new RangeError('no stay ended inside the window, so its length cannot be estimated');
  const fits = STAY_FAMILIES.map((f) => fitFamily(f, obs)).sort((a, b) => a.aic - b.aic);
  const chosen = fits[0]!;
  const km = kaplanMeier(obs);
  const horizon = percentileOf(obs.map((o) => o.exit), 0.95);
  const survival = Array.from({ length: SURVIVAL_POINTS + 1 }, (_, i) => {
    const days = Math.round((horizon * i) / SURVIVAL_POINTS);
    return { days, observed: km.at(days), fitted: survivalOf(chosen.distribution, days) };
  });
  return {
    chosen,
    fits,
    observations: obs.length,
    completed,
    quantiles: QUANTILES.map((p) => ({ p, observedDays: km.quantile(p), fittedDays: quantileOf(chosen.distribution, p) })),
    survival,
  };
}

/** P(stay > days) for the fitted families. */
export function survivalOf(d: StayDistribution, days: number): number {
  if (days <= 0) return 1;
  switch (d.kind) {
    case 'lognormal':
      return Math.exp(normalLogSurvival((Math.log(days) - Math.log(d.medianDays)) / d.sigma));
    case 'weibull':
      return Math.exp(-Math.pow(days / d.scaleDays, d.shape));
    case 'exponential':
      return Math.exp(-days / d.meanDays);
    default:
      throw new RangeError(`no closed form for ${d.kind} stays`);
  }
}

/** The p-quantile in days of the fitted families. */
export function quantileOf(d: StayDistribution, p: number): number {
  switch (d.kind) {
    case 'lognormal':
      return d.medianDays * Math.exp(d.sigma * normalQuantile(p));
    case 'weibull':
      return d.scaleDays * Math.pow(-Math.log(1 - p), 1 / d.shape);
    case 'exponential':
      return -d.meanDays * Math.log(1 - p);
    default:
      throw new RangeError(`no closed form for ${d.kind} stays`);
  }
}

interface SurvivalCurve {
  /** The estimate at `days`; null before anyone is under observation. */
  at(days: number): number | null;
  /** The first time the estimate falls to 1 − p or below; null if it never does within the data. */
  quantile(p: number): number | null;
}

/** Kaplan–Meier with delayed entry: at each ending, the share of those then under observation who end. */
export function kaplanMeier(obs: readonly StayObservation[]): SurvivalCurve {
  const entries = obs.map((o) => o.entry).sort((a, b) => a - b);
  const exits = obs.map((o) => o.exit).sort((a, b) => a - b);
  const endings = obs.filter((o) => o.ended).map((o) => o.exit).sort((a, b) => a - b);
  const times: number[] = [];
  const values: number[] = [];
  let s = 1;
  let e = 0;
  let x = 0;
  for (let i = 0; i < endings.length; ) {
    const t = endings[i]!;
    let d = 0;
    while (i < endings.length && endings[i] === t) {
      d++;
      i++;
    }
    // At risk at t: entered before t and not yet gone before t.
    while (e < entries.length && entries[e]! < t) e++;
    while (x < exits.length && exits[x]! < t) x++;
    const atRisk = e - x;
    if (atRisk > 0) s *= 1 - d / atRisk;
    times.push(t);
    values.push(s);
  }
  const firstEntry = entries[0] ?? 0;
  return {
    at: (days) => {
      if (days < firstEntry) return null;
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! <= days) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? 1 : values[lo - 1]!;
    },
    quantile: (p) => {
      const k = values.findIndex((v) => v <= 1 - p);
      return k < 0 ? null : times[k]!;
    },
  };
}

function percentileOf(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
