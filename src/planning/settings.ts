import type { SecureTier } from './places.js';

// Policy figures and the limits a scenario file may ask for, in one place with their sources.

/**
 * Cost per patient day, 2008/09 (domain brief §2, source 002): low £416, medium £482, high £749.
 * A setting: a scenario's `tariffs` replaces it.
 */
export const DEFAULT_TARIFFS_2008_09: Readonly<Record<SecureTier, number>> = { high: 749, medium: 482, low: 416 };

/**
 * Bradley (2009): a prisoner should be admitted to hospital within 14 days (domain brief §3). The
 * planning model starts the clock when the referral arrives, the product's default clock policy.
 */
export const DEFAULT_TRANSFER_LIMIT_DAYS = 14;

/** Days in a model year, so rates per year and horizons in years agree with the seed generator. */
export const DAYS_PER_YEAR = 365.25;

/** Transition probabilities must sum to 1 within this. */
export const PROBABILITY_TOLERANCE = 1e-6;

/** Defaults for a scenario's `run` block. */
export const DEFAULT_RUN = { replications: 100, years: 10, warmupYears: 5, seed: 1, initialOccupancy: 0 } as const;

/**
 * What a scenario file may ask for. Beyond these a run would take hours or exhaust memory, so a file
 * asking for more is refused with the limit stated rather than left to hang a server or a laptop.
 */
export const LIMITS = {
  totalBeds: 200_000,
  replications: 10_000,
  /** years + warmupYears. */
  years: 100,
  pools: 1_000,
  arrivalsPerPool: 100,
  /** Sum over every stream, people per year. */
  arrivalsPerYear: 1_000_000,
  empiricalDays: 100_000,
  quantilePoints: 1_000,
  nameLength: 200,
  descriptionLength: 10_000,
} as const;
