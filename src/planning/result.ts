import type { Exit, SecureTier } from './places.js';

// What one replication reports. Flows and bed-days are per year of the measured window (after the
// warm-up) so runs of different lengths compare; `null` means the quantity is undefined in this run
// (no stays ended, nobody admitted, no prison referrals).

export interface TierMetrics {
  beds: number;
  /** Time-averaged occupied beds, including people waiting in them to move elsewhere. */
  meanOccupied: number;
  /** meanOccupied / beds; null when the tier has no beds. */
  occupancy: number | null;
  /** Time-averaged people waiting for a bed at this tier (outside, or in another tier's bed). */
  meanWaiting: number;
  /** Admissions from outside the secure tiers (prison, court, community, ...). */
  admissionsPerYear: number;
  /** Arrivals by step up or step down from another tier. */
  transfersInPerYear: number;
  /** Moves out of this tier to a less secure one. */
  stepDownsPerYear: number;
  stepUpsPerYear: number;
  /** Moves to another unit at the same tier: counted, no effect on capacity in a pooled model. */
  sidewaysPerYear: number;
  /** Departures from the secure tiers (to community, prison or court, PICU, ...). */
  dischargesPerYear: number;
  /** Mean days in a bed at this tier, including days waiting in it to move, of stays ended in the window. */
  meanLengthOfStayDays: number | null;
  /** Waits of people admitted from outside in the window (completed waits). */
  meanWaitDays: number | null;
  medianWaitDays: number | null;
  p90WaitDays: number | null;
  /** Share of those admissions that waited at all. */
  waitedShare: number | null;
  /** Mean wait of people moving in from another tier (they wait in their current bed). */
  meanTransferWaitDays: number | null;
  /** Of prison referrals to this tier whose clock resolved in the window: share admitted within the limit. */
  prisonWithinLimitShare: number | null;
  /** Prison referrals whose wait passed the limit in the window (admitted late or still waiting). */
  prisonBreachesPerYear: number;
  /** Bed-days at this tier used by people waiting to step down to a lower one. */
  excessSecurityBedDaysPerYear: number;
  /** Those bed-days × (tariff here − tariff of the tier they need). */
  excessSecurityCostPerYear: number;
}

export interface SystemMetrics {
  meanOccupied: number;
  admissionsPerYear: number;
  dischargesPerYear: number;
  meanWaitDays: number | null;
  medianWaitDays: number | null;
  prisonWithinLimitShare: number | null;
  prisonBreachesPerYear: number;
  excessSecurityBedDaysPerYear: number;
  excessSecurityCostPerYear: number;
}

/** People counted over the whole run, warm-up included: initial + arrivals = departures + inBeds + waiting. */
export interface Ledger {
  initial: number;
  arrivals: number;
  departures: number;
  inBedsAtEnd: number;
  /** People from outside still waiting for their first bed. */
  waitingAtEnd: number;
}

export interface ReplicationResult {
  seed: number;
  years: number;
  warmupYears: number;
  /** Events processed (arrivals and ends of stay), for speed figures. */
  events: number;
  tiers: Record<SecureTier, TierMetrics>;
  system: SystemMetrics;
  dischargesByDestinationPerYear: Record<Exit, number>;
  ledger: Ledger;
  /** With the waitMarksDays option: per tier, the share of admissions from outside that waited at most each mark. */
  waitWithin?: { days: number[]; tiers: Record<SecureTier, (number | null)[]> };
  /** With the seriesPeriodDays option: mean occupied beds per tier in each period from the start, warm-up included. */
  series?: { periodDays: number; occupied: Record<SecureTier, number[]> };
}

/** Every TierMetrics field, in the order reports show them (the API schema is built from this). */
export const TIER_METRIC_KEYS = [
  'beds',
  'meanOccupied',
  'occupancy',
  'meanWaiting',
  'admissionsPerYear',
  'transfersInPerYear',
  'stepDownsPerYear',
  'stepUpsPerYear',
  'sidewaysPerYear',
  'dischargesPerYear',
  'meanLengthOfStayDays',
  'meanWaitDays',
  'medianWaitDays',
  'p90WaitDays',
  'waitedShare',
  'meanTransferWaitDays',
  'prisonWithinLimitShare',
  'prisonBreachesPerYear',
  'excessSecurityBedDaysPerYear',
  'excessSecurityCostPerYear',
] as const satisfies readonly (keyof TierMetrics)[];

export const SYSTEM_METRIC_KEYS = [
  'meanOccupied',
  'admissionsPerYear',
  'dischargesPerYear',
  'meanWaitDays',
  'medianWaitDays',
  'prisonWithinLimitShare',
  'prisonBreachesPerYear',
  'excessSecurityBedDaysPerYear',
  'excessSecurityCostPerYear',
] as const satisfies readonly (keyof SystemMetrics)[];
