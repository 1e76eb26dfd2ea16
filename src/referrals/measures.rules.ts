// Measures for people who see aggregates only (commissioners, planners, analysts) follow the usual
// statistical disclosure control for health data (src/shared/disclosure.ts): a count of 1 to 7 is
// withheld, with every figure derived from it, and other counts are rounded to the nearest 5, so
// nobody can be recognised from a small cell or by differencing two tables.

import { isSmall, rounded, shownCount } from '../shared/disclosure.js';

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
    percentWithin14: percentWithin14(r, controlled),
    // Under control from rounded counts: exact counts over a rounded total would give the count back.
    assessmentsPerReferral: r.referrals > 0 ? Math.round((100 * (controlled ? rounded(r.assessments) : r.assessments)) / (controlled ? rounded(r.referrals) : r.referrals)) / 100 : null,
    suppressed: false,
  };
}

/**
 * The share admitted within 14 days. Under control the people admitted within 14 days, and those
 * admitted later, are counts of people too: if either is 1 to 7 the share is withheld, and otherwise
 * it is worked out from rounded counts (10% of a shown 30 would otherwise give back exactly 3 people).
 */
function percentWithin14(r: PointInput, controlled: boolean): number | null {
  if (r.admitted === 0) return null;
  if (!controlled) return one((100 * r.met) / r.admitted);
  if (isSmall(r.met) || isSmall(r.admitted - r.met)) return null;
  return one((100 * rounded(r.met)) / rounded(r.admitted));
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
