import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { simulateModel } from './engine.js';
import { compileModel } from './model.js';
import { SECURE_TIERS, type Exit, type SecureTier } from './places.js';
import { occupancySeries, waitProfile, type OccupancySeries, type WaitProfile } from './profiles.js';
import type { ReplicationResult, SystemMetrics, TierMetrics } from './result.js';
import type { Scenario } from './scenario.js';
import { replicationSeed } from './seeds.js';
import { INTERVAL_METHOD, intervals, type Intervals } from './statistics.js';
import type { RunReply, RunRequest, WorkerSetup } from './worker-protocol.js';

// R independent replications of a scenario, spread over worker threads, summarised with 95%
// intervals. Replication i always runs with replicationSeed(seed, i) and results are combined in
// replication order, so the answer for a seed is the same whatever the number of workers.

export interface MonteCarloOptions {
  /** Defaults to the scenario's run block, as do years, warmupYears, seed and initialOccupancy. */
  replications?: number;
  years?: number;
  warmupYears?: number;
  seed?: number;
  initialOccupancy?: number;
  /** Occupancy over time in periods of this many days (a fan chart); off by default. */
  seriesPeriodDays?: number;
  /** The share of admissions that waited at most each of these days (a wait distribution); off by default. */
  waitMarksDays?: readonly number[];
  /** Worker threads; default one per core (at most one per replication); 0 runs in this thread. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Keep every replication's result in the answer (large for thousands of replications). */
  keepReplications?: boolean;
}

export interface MonteCarloResult {
  scenario: string;
  replications: number;
  years: number;
  warmupYears: number;
  seed: number;
  workers: number;
  intervalMethod: string;
  tiers: Record<SecureTier, Intervals<TierMetrics>>;
  system: Intervals<SystemMetrics>;
  dischargesByDestinationPerYear: Intervals<Record<Exit, number>>;
  /** With the waitMarksDays option. */
  waitProfile?: WaitProfile;
  /** With the seriesPeriodDays option. */
  series?: OccupancySeries;
  /** Events processed over all replications. */
  events: number;
  seconds: number;
  replicationResults?: ReplicationResult[];
}

export async function runMonteCarlo(scenario: Scenario, options: MonteCarloOptions = {}): Promise<MonteCarloResult> {
  const started = performance.now();
  const run = scenario.run;
  const replications = options.replications ?? run.replications;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be a whole number ≥ 1, not ${replications}`);
  const seed = options.seed ?? run.seed;
  const years = options.years ?? run.years;
  const warmupYears = options.warmupYears ?? run.warmupYears;
  const setup: WorkerSetup = {
    scenario,
    options: {
      years,
      warmupYears,
      initialOccupancy: options.initialOccupancy ?? run.initialOccupancy,
      ...(options.seriesPeriodDays === undefined ? {} : { seriesPeriodDays: options.seriesPeriodDays }),
      ...(options.waitMarksDays === undefined ? {} : { waitMarksDays: options.waitMarksDays }),
    },
  };
  const workers = Math.min(options.workers ?? availableParallelism(), replications);
  const results =
    workers <= 0 ? await runHere(setup, replications, seed, options) : await runOnWorkers(setup, replications, seed, workers, options);
  const tiers = {} as Record<SecureTier, Intervals<TierMetrics>>;
  for (const tier of SECURE_TIERS) tiers[tier] = intervals(results.map((r) => r.tiers[tier]));
  const summary: MonteCarloResult = {
    scenario: scenario.name,
    replications,
    years,
    warmupYears,
    seed,
    workers: Math.max(workers, 0),
    intervalMethod: INTERVAL_METHOD,
    tiers,
    system: intervals(results.map((r) => r.system)),
    dischargesByDestinationPerYear: intervals(results.map((r) => r.dischargesByDestinationPerYear)),
    events: results.reduce((s, r) => s + r.events, 0),
    seconds: (performance.now() - started) / 1000,
  };
  const profile = waitProfile(results);
  if (profile) summary.waitProfile = profile;
  const series = occupancySeries(results);
  if (series) summary.series = series;
  if (options.keepReplications) summary.replicationResults = results;
  return summary;
}

/** In this thread, yielding between replications so progress and abort are seen. */
async function runHere(setup: WorkerSetup, replications: number, seed: number, options: MonteCarloOptions): Promise<ReplicationResult[]> {
  const model = compileModel(setup.scenario);
  const results: ReplicationResult[] = [];
  for (let i = 0; i < replications; i++) {
    options.signal?.throwIfAborted();
    results.push(simulateModel(model, { ...setup.options, seed: replicationSeed(seed, i) }));
    options.onProgress?.(i + 1, replications);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}

/**
 * Starts a worker that runs replication.worker.ts. The recipe, `new Worker(url, { execArgv:
 * ['--import', 'tsx'] })`, fails on Node 20 with "Unknown file extension .ts": Node 20 does not apply
 * loader hooks from a worker's execArgv (nodejs/node#47747, fixed in 22). So the worker starts from a
 * line of JavaScript that registers tsx's loader in its own thread and then imports the TypeScript.
 * tsx is resolved from this file where the runtime allows, so a run started anywhere finds it.
 */
function startWorker(setup: WorkerSetup): Worker {
  const tsxApi = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const entry = new URL('./replication.worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => (m.register ?? m.default.register)()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(code, { eval: true, workerData: setup });
}

function runOnWorkers(setup: WorkerSetup, replications: number, seed: number, count: number, options: MonteCarloOptions): Promise<ReplicationResult[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<ReplicationResult | undefined>(replications);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve(results as ReplicationResult[]);
    };
    const onAbort = () => finish(options.signal?.reason instanceof Error ? options.signal.reason : new Error('Monte Carlo run aborted'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const send = (w: Worker) => {
      if (next >= replications) return;
      const request: RunRequest = { index: next, seed: replicationSeed(seed, next) };
      next++;
      w.postMessage(request);
    };
    for (let k = 0; k < count; k++) {
      const w = startWorker(setup);
      pool.push(w);
      w.on('message', (reply: RunReply) => {
        if ('error' in reply) return finish(new Error(`replication ${reply.index} failed: ${reply.error}`));
        results[reply.index] = reply.result;
        done++;
        options.onProgress?.(done, replications);
        if (done === replications) finish();
        else send(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!finished) finish(new Error(`a Monte Carlo worker stopped (exit code ${code}) before the run finished`));
      });
      send(w);
    }
  });
}
