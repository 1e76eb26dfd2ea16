import type { SimulateOptions } from './engine.js';
import type { ReplicationResult } from './result.js';
import type { Scenario } from './scenario.js';

// Messages between monte-carlo.ts and replication.worker.ts.

/** Given to each worker at start: it compiles the scenario once and reuses it. */
export interface WorkerSetup {
  scenario: Scenario;
  options: Omit<SimulateOptions, 'seed'>;
}

export interface RunRequest {
  index: number;
  seed: number;
}

export type RunReply = { index: number; result: ReplicationResult } | { index: number; error: string };
