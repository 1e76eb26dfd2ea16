import { incompleteBeta } from './special-functions.js';

// Summaries across replications. Each replication is an independent run (its own seed), so the
// replication values of a metric are independent and identically distributed; the 95% confidence
// interval of their mean uses Student's t with R − 1 degrees of freedom (exact for normal data and
// conservative against the normal approximation for small R). Alongside it, the 2.5th–97.5th
// percentiles of the replication values show how much a single run (a single decade) can vary.

export interface Interval {
  /** Replications in which the metric was defined (e.g. some prison referrals happened). */
  n: number;
  mean: number | null;
  sd: number | null;
  /** 95% confidence interval of the mean (Student t); null with fewer than two replications. */
  ciLow: number | null;
  ciHigh: number | null;
  /** 2.5th and 97.5th percentiles of the replication values. */
  p025: number | null;
  p975: number | null;
}

export const INTERVAL_METHOD =
  "95% confidence interval of the mean across replications by Student's t with R − 1 degrees of freedom; p025–p975 are the 2.5th–97.5th percentiles of the replication values";

export type Intervals<T> = { [K in keyof T]: Interval };

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (0 < p < 1), by bisection on the distribution function. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be between 0 and 1, not ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, not ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The q-quantile (0..1) of sorted values, interpolating between order statistics (type 7); NaN for none. */
export function percentile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const x = q * (n - 1);
  const k = Math.floor(x);
  return sorted[k]! + (x - k) * (sorted[Math.min(k + 1, n - 1)]! - sorted[k]!);
}

const t975 = new Map<number, number>();

/** Mean, spread and 95% interval of the defined (non-null, finite) values. */
export function interval(values: readonly (number | null)[]): Interval {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, ciLow: null, ciHigh: null, p025: null, p975: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sorted = [...xs].sort((a, b) => a - b);
  const pct = (q: number) => percentile(sorted, q);
  if (n < 2) return { n, mean, sd: null, ciLow: null, ciHigh: null, p025: mean, p975: mean };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  let t = t975.get(n - 1);
  if (t === undefined) {
    t = studentTQuantile(0.975, n - 1);
    t975.set(n - 1, t);
  }
  const half = (t * sd) / Math.sqrt(n);
  return { n, mean, sd, ciLow: mean - half, ciHigh: mean + half, p025: pct(0.025), p975: pct(0.975) };
}

/** One Interval per field of a record of numbers, across the rows (replications), in row order. */
export function intervals<T extends { [K in keyof T]: number | null }>(rows: readonly T[]): Intervals<T> {
  const out = {} as Intervals<T>;
  const first = rows[0];
  if (!first) return out;
  for (const key of Object.keys(first) as (keyof T)[]) out[key] = interval(rows.map((r) => r[key]));
  return out;
}
