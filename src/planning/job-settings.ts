import { availableParallelism } from 'node:os';
import type { SecureTier } from './places.js';
import { DEFAULT_TARIFFS_2008_09 } from './settings.js';

// The planning service's settings, from the environment (docs/configuration.md), checked when the
// service starts so a bad value stops the server with a message naming it.

export interface PlanningSettings {
  /** £ per bed-day given to scenarios that name none, and to calibrated scenarios. */
  tariffs: Record<SecureTier, number>;
  /** Simulation jobs running at once across every app server; more wait in the queue. */
  maxRunningJobs: number;
  /** Jobs one user may have queued or running at once. */
  maxActiveJobsPerUser: number;
  /** Replications one run may ask for. */
  maxReplications: number;
  /** Variants beside the baseline in one job. */
  maxVariants: number;
  /** The largest job, in simulated events (estimated before it starts; about 5 million a second per core). */
  maxEventsPerJob: number;
  /** Worker threads each job uses. */
  workersPerJob: number;
}

function setting(name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
    throw new Error(`Setting ${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${raw}"`);
  return n;
}

export function planningSettings(): PlanningSettings {
  return {
    tariffs: {
      high: setting('SECUREPATH_TARIFF_HIGH', DEFAULT_TARIFFS_2008_09.high, 0, 100_000, false),
      medium: setting('SECUREPATH_TARIFF_MEDIUM', DEFAULT_TARIFFS_2008_09.medium, 0, 100_000, false),
      low: setting('SECUREPATH_TARIFF_LOW', DEFAULT_TARIFFS_2008_09.low, 0, 100_000, false),
    },
    maxRunningJobs: setting('SECUREPATH_PLANNING_MAX_RUNNING', 2, 1, 64),
    maxActiveJobsPerUser: setting('SECUREPATH_PLANNING_MAX_JOBS_PER_USER', 3, 1, 100),
    maxReplications: setting('SECUREPATH_PLANNING_MAX_REPLICATIONS', 2_000, 1, 10_000),
    maxVariants: setting('SECUREPATH_PLANNING_MAX_VARIANTS', 6, 0, 20),
    maxEventsPerJob: setting('SECUREPATH_PLANNING_MAX_EVENTS', 2_000_000_000, 1_000_000, 1e12),
    workersPerJob: setting('SECUREPATH_PLANNING_WORKERS', availableParallelism(), 0, 256),
  };
}
