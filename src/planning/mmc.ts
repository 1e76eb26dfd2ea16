import type { Scenario } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';

// The M/M/c queue, the textbook model with exact answers (Erlang C) that the engine is checked
// against: Poisson arrivals, exponential stays, c beds, first come first served. One pool at medium.

export interface ErlangC {
  /** Probability an arrival has to wait. */
  waitProbability: number;
  /** Mean wait of all arrivals, days. */
  meanWaitDays: number;
  /** Mean beds occupied (offered load). */
  meanOccupied: number;
}

export function erlangC(arrivalsPerDay: number, meanStayDays: number, beds: number): ErlangC {
  const a = arrivalsPerDay * meanStayDays;
  if (a >= beds) throw new RangeError(`the queue is unstable: offered load ${a} ≥ ${beds} beds`);
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= beds; k++) b = (a * b) / (k + a * b);
  const c = (beds * b) / (beds - a * (1 - b));
  return { waitProbability: c, meanWaitDays: c / (beds / meanStayDays - arrivalsPerDay), meanOccupied: a };
}

export function mmcScenario(arrivalsPerDay: number, meanStayDays: number, beds: number): Scenario {
  return {
    name: `M/M/${beds}`,
    tariffs: { high: 749, medium: 482, low: 416 },
    prisonTransferLimitDays: 14,
    run: { replications: 1, years: 10, warmupYears: 1, seed: 1, initialOccupancy: 0 },
    tiers: { medium: { lengthOfStay: { kind: 'exponential', meanDays: meanStayDays }, next: { community: 1 } } },
    pools: [
      {
        name: 'everyone',
        sex: 'male',
        specialism: 'mental_illness',
        beds: { high: 0, medium: beds, low: 0 },
        arrivals: [{ source: 'community', tier: 'medium', perYear: arrivalsPerDay * DAYS_PER_YEAR, pattern: 'poisson' }],
      },
    ],
  };
}
