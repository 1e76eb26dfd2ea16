// npx tsx bench/simulation/run.ts [--days 1000000] [--replications 1000] [--workers N] [--skip-simpy]
//
// The capacity-planning engine's speed, in one run:
//  1. an M/M/c ward (1 arrival a day, stays exponential with mean 5 days, 6 beds, 1,000,000 days after
//     a year's warm-up) in the engine and in SimPy 3 (bench/simulation/mmc_simpy.py under
//     /usr/bin/python3; reported as skipped if `import simpy` fails; nothing is installed). Target:
//     the engine ≥ 30× faster. Both are timed around the simulation alone, not process start-up.
//  2. 1,000 replications × 10 years of the England-sized example (docs/planning-example.scenario.json,
//     about 7,800 beds) over worker threads. Target: ≤ 60 s on 2 cores, worker start-up included.
// Prints a table and writes bench/out/simulation.json.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { simulate } from '../../src/planning/engine.js';
import { erlangC, mmcScenario } from '../../src/planning/mmc.js';
import { runMonteCarlo } from '../../src/planning/monte-carlo.js';
import { validate } from '../../src/planning/scenario.js';
import { DAYS_PER_YEAR } from '../../src/planning/settings.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '1000000' },
    replications: { type: 'string', default: '1000' },
    workers: { type: 'string' },
    'skip-simpy': { type: 'boolean', default: false },
  },
});
const DAYS = Number(values.days);
const REPLICATIONS = Number(values.replications);
const WORKERS = values.workers === undefined ? availableParallelism() : Number(values.workers);
const ARRIVALS_PER_DAY = 1;
const MEAN_STAY = 5;
const BEDS = 6;
const WARMUP_DAYS = DAYS_PER_YEAR;
const here = path.dirname(new URL(import.meta.url).pathname);
const OUT = path.resolve(here, '../out');
mkdirSync(OUT, { recursive: true });

const exact = erlangC(ARRIVALS_PER_DAY, MEAN_STAY, BEDS);

// 1a. The engine on M/M/c. The first run includes the JIT warming up; the median of three is the
// steady figure; both are reported and the speed-up uses the median.
const mmc = mmcScenario(ARRIVALS_PER_DAY, MEAN_STAY, BEDS);
const engineRuns: { seconds: number; events: number; waitProbability: number | null; meanWaitDays: number | null }[] = [];
for (let k = 0; k < 3; k++) {
  const started = performance.now();
  const r = simulate(mmc, { seed: 1 + k, years: DAYS / DAYS_PER_YEAR, warmupYears: WARMUP_DAYS / DAYS_PER_YEAR });
  const seconds = (performance.now() - started) / 1000;
  engineRuns.push({ seconds, events: r.events, waitProbability: r.tiers.medium.waitedShare, meanWaitDays: r.tiers.medium.meanWaitDays });
  console.error(`  engine M/M/c run ${k + 1}: ${seconds.toFixed(3)} s`);
}
const medianRun = [...engineRuns].sort((a, b) => a.seconds - b.seconds)[1]!;
const engineSeconds = medianRun.seconds;
const engineColdSeconds = engineRuns[0]!.seconds;
const mmcEventsPerSecond = medianRun.events / engineSeconds;

// 1b. SimPy, if this machine has it.
interface SimpyReport {
  simpy?: string;
  seconds?: number;
  waitProbability?: number;
  meanWaitDays?: number;
  skipped?: string;
}
async function runSimpy(): Promise<SimpyReport & { processSeconds?: number }> {
  if (values['skip-simpy']) return { skipped: '--skip-simpy' };
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/python3',
      [path.join(here, 'mmc_simpy.py'), String(ARRIVALS_PER_DAY), String(MEAN_STAY), String(BEDS), String(DAYS), String(WARMUP_DAYS), '1'],
      { timeout: 30 * 60_000 },
      (error, stdout, stderr) => {
        const processSeconds = (performance.now() - started) / 1000;
        try {
          const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as SimpyReport;
          resolve({ ...report, processSeconds });
        } catch {
          resolve({ skipped: `python3 failed: ${(error?.message ?? stderr).slice(0, 200)}` });
        }
      },
    );
  });
}
console.error('  SimPy M/M/c ...');
const simpy = await runSimpy();
const simpySeconds = simpy.skipped ? null : (simpy.seconds ?? null);
const speedupVsSimpy = simpySeconds === null ? null : simpySeconds / engineSeconds;

// 2. The England-sized example, Monte Carlo over worker threads.
const parsed = validate(JSON.parse(readFileSync(path.resolve(here, '../../docs/planning-example.scenario.json'), 'utf8')));
if (!parsed.ok) throw new Error(`the example scenario is invalid: ${JSON.stringify(parsed.errors)}`);
const national = parsed.scenario;
const beds = national.pools.reduce((s, p) => s + p.beds.high + p.beds.medium + p.beds.low, 0);
let lastTenth = -1;
const mc = await runMonteCarlo(national, {
  replications: REPLICATIONS,
  workers: WORKERS,
  onProgress: (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth) console.error(`  national Monte Carlo: ${tenth * 10}%`);
    lastTenth = tenth;
  },
});
const nationalSeconds = mc.seconds;
const eventsPerSecond = mc.events / nationalSeconds;

const round = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  mmc: {
    model: `M/M/${BEDS}: ${ARRIVALS_PER_DAY} arrival/day, mean stay ${MEAN_STAY} days, ${DAYS.toLocaleString('en-GB')} days after ${WARMUP_DAYS} days warm-up`,
    erlangC: { waitProbability: round(exact.waitProbability, 4), meanWaitDays: round(exact.meanWaitDays, 4) },
    engine: {
      runs: engineRuns.map((r) => ({ ...r, seconds: round(r.seconds), waitProbability: round(r.waitProbability, 4), meanWaitDays: round(r.meanWaitDays, 4) })),
    },
    simpy,
  },
  engineSeconds: round(engineSeconds),
  engineColdSeconds: round(engineColdSeconds),
  mmcEventsPerSecond: Math.round(mmcEventsPerSecond),
  simpySeconds: round(simpySeconds),
  speedupVsSimpy: round(speedupVsSimpy, 1),
  national: {
    scenario: national.name,
    beds,
    replications: mc.replications,
    years: mc.years,
    warmupYears: mc.warmupYears,
    workers: mc.workers,
    events: mc.events,
    occupancy: Object.fromEntries(Object.entries(mc.tiers).map(([t, m]) => [t, { mean: round(m.occupancy.mean, 4), ciLow: round(m.occupancy.ciLow, 4), ciHigh: round(m.occupancy.ciHigh, 4) }])),
    prisonWithinLimitShare: round(mc.system.prisonWithinLimitShare.mean, 4),
    excessSecurityCostPerYear: round(mc.system.excessSecurityCostPerYear.mean, 0),
  },
  nationalSeconds: round(nationalSeconds),
  eventsPerSecond: Math.round(eventsPerSecond),
  targets: {
    speedupVsSimpyAtLeast30: speedupVsSimpy === null ? 'skipped' : speedupVsSimpy >= 30,
    nationalWithin60Seconds: REPLICATIONS >= 1000 ? nationalSeconds <= 60 : 'not run at full size',
  },
};
writeFileSync(path.join(OUT, 'simulation.json'), JSON.stringify(report, null, 2) + '\n');

const fmt = (x: number | null, d = 2) => (x === null ? '—' : x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }));
const rows: [string, string, string][] = [
  ['M/M/c engine (median of 3)', `${fmt(engineSeconds, 3)} s`, `${fmt(mmcEventsPerSecond / 1e6)} M events/s; first run ${fmt(engineColdSeconds, 3)} s`],
  ['M/M/c SimPy 3', simpySeconds === null ? 'skipped' : `${fmt(simpySeconds, 2)} s`, simpy.skipped ?? `SimPy ${simpy.simpy}`],
  ['speed-up vs SimPy (target ≥ 30×)', speedupVsSimpy === null ? '—' : `${fmt(speedupVsSimpy, 1)}×`, ''],
  [
    'P(wait) engine / SimPy / Erlang C',
    `${fmt(engineRuns[0]!.waitProbability, 4)} / ${fmt(simpy.waitProbability ?? null, 4)} / ${fmt(exact.waitProbability, 4)}`,
    '',
  ],
  [
    'mean wait days engine / SimPy / Erlang C',
    `${fmt(engineRuns[0]!.meanWaitDays, 3)} / ${fmt(simpy.meanWaitDays ?? null, 3)} / ${fmt(exact.meanWaitDays, 3)}`,
    '',
  ],
  [
    `national: ${mc.replications} × ${mc.years} y (+${mc.warmupYears} warm-up), ${beds.toLocaleString('en-GB')} beds`,
    `${fmt(nationalSeconds, 1)} s`,
    `${mc.workers} workers; target ≤ 60 s`,
  ],
  ['national events per second (all workers)', `${fmt(eventsPerSecond / 1e6)} M`, `${(mc.events / 1e6).toFixed(1)} M events`],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nSecurePath planning engine · ${process.version} · ${availableParallelism()} cores\n`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
console.log(`\nwritten ${path.relative(process.cwd(), path.join(OUT, 'simulation.json'))}`);
