import type { Random } from '../seed/random.js';
import type { StayDistribution } from './scenario.js';
import { gamma } from './special-functions.js';

// Length-of-stay distributions compiled to flat numbers, so drawing a stay in the engine's inner loop
// is a switch and a little arithmetic with no allocation.

const EXPONENTIAL = 0;
const LOGNORMAL = 1;
const WEIBULL = 2;
const FIXED = 3;
const EMPIRICAL = 4;
const QUANTILES = 5;

export interface CompiledStay {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  /** Empirical: the observed days. Quantiles: the p of each point. */
  readonly xs: Float64Array;
  /** Quantiles: the days of each point. */
  readonly ys: Float64Array;
}

const none = new Float64Array(0);

export function compileStay(d: StayDistribution): CompiledStay {
  switch (d.kind) {
    case 'exponential':
      return { kind: EXPONENTIAL, a: d.meanDays, b: 0, xs: none, ys: none };
    case 'lognormal':
      return { kind: LOGNORMAL, a: d.medianDays, b: d.sigma, xs: none, ys: none };
    case 'weibull':
      return { kind: WEIBULL, a: d.scaleDays, b: 1 / d.shape, xs: none, ys: none };
    case 'fixed':
      return { kind: FIXED, a: d.days, b: 0, xs: none, ys: none };
    case 'empirical':
      return { kind: EMPIRICAL, a: 0, b: 0, xs: Float64Array.from(d.days), ys: none };
    case 'quantiles':
      return { kind: QUANTILES, a: 0, b: 0, xs: Float64Array.from(d.points, (p) => p.p), ys: Float64Array.from(d.points, (p) => p.days) };
  }
}

/** One stay in days. */
export function sampleStay(rng: Random, s: CompiledStay): number {
  switch (s.kind) {
    case EXPONENTIAL:
      return rng.exponential(s.a);
    case LOGNORMAL:
      return rng.lognormal(s.a, s.b);
    case WEIBULL:
      // Inverse transform: F(x) = 1 − exp(−(x/scale)^shape).
      return s.a * Math.pow(-Math.log(1 - rng.next()), s.b);
    case FIXED:
      return s.a;
    case EMPIRICAL:
      return s.xs[Math.floor(rng.next() * s.xs.length)]!;
    default: {
      const u = rng.next();
      const ps = s.xs;
      // Largest i with ps[i] <= u; ps[0] = 0 and ps[last] = 1 > u, so i stays inside the table.
      let lo = 0;
      let hi = ps.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (ps[mid]! <= u) lo = mid;
        else hi = mid;
      }
      const p0 = ps[lo]!;
      const y0 = s.ys[lo]!;
      return y0 + ((u - p0) / (ps[hi]! - p0)) * (s.ys[hi]! - y0);
    }
  }
}

/** The distribution's mean in days (for Little's-law checks and for sizing scenarios by hand). */
export function meanStay(d: StayDistribution): number {
  switch (d.kind) {
    case 'exponential':
      return d.meanDays;
    case 'lognormal':
      return d.medianDays * Math.exp((d.sigma * d.sigma) / 2);
    case 'weibull':
      return d.scaleDays * gamma(1 + 1 / d.shape);
    case 'fixed':
      return d.days;
    case 'empirical':
      return d.days.reduce((s, x) => s + x, 0) / d.days.length;
    case 'quantiles': {
      let sum = 0;
      for (let i = 1; i < d.points.length; i++) {
        const a = d.points[i - 1]!;
        const b = d.points[i]!;
        sum += ((b.p - a.p) * (a.days + b.days)) / 2;
      }
      return sum;
    }
  }
}
