import type { Interval } from './statistics.js';

// How planning figures read, for the web page and the CLI alike: a label, a unit, which way is better,
// and a sentence for a change ("14-day compliance 61% → 74%").

export type Unit = 'share' | 'days' | 'beds' | 'people' | 'money' | 'bedDays';

export interface Measure {
  key: string;
  label: string;
  unit: Unit;
  /** Which direction is an improvement; null where neither is (admissions, say). */
  better: 'higher' | 'lower' | null;
}

/** The figures a comparison leads with, per tier and for the whole system. */
export const HEADLINE_MEASURES: Measure[] = [
  { key: 'prisonWithinLimitShare', label: '14-day compliance (prison transfers)', unit: 'share', better: 'higher' },
  { key: 'meanWaitDays', label: 'Mean wait for admission', unit: 'days', better: 'lower' },
  { key: 'medianWaitDays', label: 'Median wait for admission', unit: 'days', better: 'lower' },
  { key: 'excessSecurityBedDaysPerYear', label: 'Excessive-security bed-days a year', unit: 'bedDays', better: 'lower' },
  { key: 'excessSecurityCostPerYear', label: 'Cost of excessive security a year', unit: 'money', better: 'lower' },
  { key: 'meanOccupied', label: 'Beds occupied (mean)', unit: 'beds', better: null },
  { key: 'admissionsPerYear', label: 'Admissions a year', unit: 'people', better: null },
  { key: 'dischargesPerYear', label: 'Discharges a year', unit: 'people', better: null },
];

/** Per-tier figures shown besides the headline ones. */
export const TIER_MEASURES: Measure[] = [
  { key: 'occupancy', label: 'Occupancy', unit: 'share', better: null },
  ...HEADLINE_MEASURES,
  { key: 'p90WaitDays', label: '90th percentile wait', unit: 'days', better: 'lower' },
  { key: 'meanLengthOfStayDays', label: 'Mean length of stay', unit: 'days', better: null },
];

const whole = (n: number) => Math.round(n).toLocaleString('en-GB');

/** A value as people read it: 61%, 4.2 days, £1,234,000, 12.5 beds. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (value < 0) return `−${formatValue(-value, unit)}`;
  switch (unit) {
    case 'share':
      return `${(value * 100).toFixed(value > 0.995 || value < 0.005 ? 1 : 0)}%`;
    case 'days':
      return `${value < 10 ? value.toFixed(1) : whole(value)} days`;
    case 'beds':
      return `${value < 100 ? value.toFixed(1) : whole(value)} beds`;
    case 'people':
      return `${value < 100 ? value.toFixed(1) : whole(value)}`;
    case 'bedDays':
      return whole(value);
    case 'money':
      return `£${whole(value)}`;
  }
}

/** A change with its sign: +13 points, −2.1 days, −£45,000. */
export function formatChange(delta: number | null, unit: Unit): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  switch (unit) {
    case 'share':
      return `${sign}${(size * 100).toFixed(1)} points`;
    case 'money':
      return `${sign}£${whole(size)}`;
    case 'days':
      return `${sign}${size < 10 ? size.toFixed(1) : whole(size)} days`;
    case 'beds':
      return `${sign}${size < 100 ? size.toFixed(1) : whole(size)} beds`;
    default:
      return `${sign}${size < 100 ? size.toFixed(1) : whole(size)}`;
  }
}

/** A range of changes with the unit said once: "+10.2 to +15.8 points", "−£98,334 to −£24,260". */
export function formatChangeRange(low: number, high: number, unit: Unit): string {
  return `${formatChange(low, unit).replace(/ (points|days|beds)$/, '')} to ${formatChange(high, unit)}`;
}

/**
 * "61% (95% CI 58% to 64%)". Every figure reported is zero or more (and a share at most 1), so an
 * interval's ends are shown within those bounds: Student's t knows nothing of them.
 */
export function withInterval(i: Interval, unit: Unit): string {
  if (i.mean === null) return '–';
  if (i.ciLow === null || i.ciHigh === null || i.ciLow === i.ciHigh) return formatValue(i.mean, unit);
  const bound = (x: number) => Math.min(Math.max(x, 0), unit === 'share' ? 1 : Infinity);
  return `${formatValue(i.mean, unit)} (95% CI ${formatValue(bound(i.ciLow), unit)} to ${formatValue(bound(i.ciHigh), unit)})`;
}

export type Verdict = 'better' | 'worse' | 'no clear change' | 'changed';

/** Better or worse only when the 95% interval of the change excludes zero. */
export function verdict(difference: Interval, better: Measure['better']): Verdict {
  if (difference.ciLow === null || difference.ciHigh === null || difference.mean === null) return 'no clear change';
  if (difference.ciLow <= 0 && difference.ciHigh >= 0) return 'no clear change';
  if (better === null) return 'changed';
  return (difference.mean > 0) === (better === 'higher') ? 'better' : 'worse';
}

/** "14-day compliance (prison transfers) 61% → 74% (+13.0 points, 95% CI +10.2 to +15.8 points): better". */
export function describeComparison(m: Measure, baseline: Interval, variant: Interval, difference: Interval): string {
  const from = formatValue(baseline.mean, m.unit);
  const to = formatValue(variant.mean, m.unit);
  const ci = difference.ciLow === null || difference.ciHigh === null ? '' : `, 95% CI ${formatChangeRange(difference.ciLow, difference.ciHigh, m.unit)}`;
  return `${m.label} ${from} → ${to} (${formatChange(difference.mean, m.unit)}${ci}): ${verdict(difference, m.better)}`;
}
