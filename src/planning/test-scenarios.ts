import type { Scenario, StayDistribution } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';

// Scenarios shared by the tests.

/** Three tiers, two pools, every kind of move: small enough for many quick runs. */
export function smallSecureSystem(): Scenario {
  const stay = (meanDays: number): StayDistribution => ({ kind: 'lognormal', medianDays: meanDays, sigma: 0.7 });
  return {
    name: 'three tiers, two pools',
    tariffs: { high: 749, medium: 482, low: 416 },
    prisonTransferLimitDays: 14,
    run: { replications: 1, years: 5, warmupYears: 1, seed: 1, initialOccupancy: 0.8 },
    tiers: {
      high: { lengthOfStay: stay(300), next: { medium: 0.7, low: 0.1, prison_court: 0.2 } },
      medium: { lengthOfStay: stay(200), next: { low: 0.4, high: 0.05, medium: 0.05, community: 0.3, prison_court: 0.2 } },
      low: { lengthOfStay: stay(150), next: { community: 0.7, medium: 0.1, picu: 0.05, died: 0.05, other: 0.1 } },
    },
    pools: [
      {
        name: 'men',
        sex: 'male',
        specialism: 'mental_illness',
        beds: { high: 8, medium: 20, low: 25 },
        arrivals: [
          { source: 'prison', tier: 'high', perYear: 6, pattern: 'poisson' },
          { source: 'prison', tier: 'medium', perYear: 15, pattern: 'poisson' },
          { source: 'court', tier: 'medium', perYear: 8, pattern: 'poisson' },
          { source: 'community', tier: 'low', perYear: 25, pattern: 'poisson' },
        ],
      },
      {
        name: 'women',
        sex: 'female',
        specialism: 'mental_illness',
        beds: { high: 2, medium: 5, low: 6 },
        arrivals: [
          { source: 'prison', tier: 'medium', perYear: 5, pattern: 'poisson' },
          { source: 'general_hospital', tier: 'low', perYear: 8, pattern: 'regular' },
        ],
      },
    ],
  };
}

/** One high bed, one medium bed, regular prison referrals and fixed stays: every event time is known. */
export function pipeline(years: number): Scenario {
  return {
    name: 'one high bed, one medium bed',
    tariffs: { high: 749, medium: 482, low: 416 },
    prisonTransferLimitDays: 14,
    run: { replications: 1, years, warmupYears: 0, seed: 1, initialOccupancy: 0 },
    tiers: {
      high: { lengthOfStay: { kind: 'fixed', days: 30 }, next: { medium: 1 } },
      medium: { lengthOfStay: { kind: 'fixed', days: 250 }, next: { community: 1 } },
    },
    pools: [
      {
        name: 'men',
        sex: 'male',
        specialism: 'mental_illness',
        beds: { high: 1, medium: 1, low: 0 },
        // A prisoner referred to high secure every 100 days: days 100, 200, 300, ...
        arrivals: [{ source: 'prison', tier: 'high', perYear: DAYS_PER_YEAR / 100, pattern: 'regular' }],
      },
    ],
  };
}
