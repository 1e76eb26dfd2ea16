// Measures for people who see aggregates only (commissioners, planners, analysts) follow the usual
// statistical disclosure control for health data: a count of 1 to 7 is withheld, with every figure
// derived from it, and other counts are rounded to the nearest 5, so nobody can be recognised from
// a small cell or by differencing two tables.

export const SMALL_COUNT_MAX = 7;
export const ROUND_TO = 5;

export const isSmall = (n: number) => n >= 1 && n <= SMALL_COUNT_MAX;
export const rounded = (n: number) => Math.round(n / ROUND_TO) * ROUND_TO;

/** A count as shown: exact for clinical roles; withheld or rounded under disclosure control. */
export function shownCount(n: number, controlled: boolean): number | null {
  if (!controlled) return n;
  return isSmall(n) ? null : rounded(n);
}

export interface PointInput {
  month: string;
  referrals: number;
  admitted: number;
  median_days: number | null;
  p90_days: number | null;
  met: number;
  assessments: number;
}

export interface Point {
  month: string;
  referrals: number | null;
  admitted: number | null;
  medianDaysToAdmission: number | null;
  p90DaysToAdmission: number | null;
  percentWithin14: number | null;
  assessmentsPerReferral: number | null;
  suppressed: boolean;
}

const one = (x: number) => Math.round(x * 10) / 10;

/**
 * One point of a run chart. Under control, a cell whose referrals or admissions are 1–7 shows no
 * figures at all (a median of three people's waits describes those three people).
 */
export function toPoint(r: PointInput, controlled: boolean): Point {
  const suppressed = controlled && (isSmall(r.referrals) || isSmall(r.admitted));
  if (suppressed) {
    return { month: r.month, referrals: null, admitted: null, medianDaysToAdmission: null, p90DaysToAdmission: null, percentWithin14: null, assessmentsPerReferral: null, suppressed };
  }
  return {
    month: r.month,
    referrals: shownCount(r.referrals, controlled),
    admitted: shownCount(r.admitted, controlled),
    medianDaysToAdmission: r.median_days === null ? null : one(r.median_days),
    p90DaysToAdmission: r.p90_days === null ? null : one(r.p90_days),
    percentWithin14: r.admitted > 0 ? one((100 * r.met) / r.admitted) : null,
    assessmentsPerReferral: r.referrals > 0 ? Math.round((100 * r.assessments) / r.referrals) / 100 : null,
    suppressed: false,
  };
}

/** Days to admission with how many admissions took each: a compact form of the sorted list. */
export type DayCounts = Map<number, number>;

/**
 * The p-th percentile of a histogram of whole days, interpolated exactly as PostgreSQL's
 * percentile_cont does on the list of values it stands for. Null for an empty histogram.
 */
export function percentileOfCounts(counts: DayCounts, p: number): number | null {
  const sorted = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  const lower = valueAt(Math.floor(position));
  const upper = valueAt(Math.ceil(position));
  return lower + (upper - lower) * (position - Math.floor(position));
}
