import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { OpenDatabase } from '../db/open.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { planningSettings } from '../planning/job-settings.js';
import type { SimulationResult, VariantInput } from '../planning/jobs.schema.js';
import { SECURE_TIER_LABELS, SECURE_TIERS } from '../planning/places.js';
import { describeComparison, HEADLINE_MEASURES, TIER_MEASURES, withInterval, type Measure } from '../planning/reading.js';
import { prepareSimulation } from '../planning/requests.js';
import { runSimulation } from '../planning/run-request.js';
import { parseScenario } from '../planning/scenario.js';
import type { Interval } from '../planning/statistics.js';
import { formatTable } from './format.js';

// `securepath simulate` and `securepath calibrate`: the planning engine from a terminal, through the
// same checks and runs as the API's jobs.

interface Helpers {
  withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>): Promise<T>;
  operator: Caller;
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};
const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a number above 0`);
  return n;
};
const isoDate = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InvalidArgumentError(`${name} must be a date, YYYY-MM-DD`);
  return v;
};

/** A problem with the user's input: printed as given, exit code 1. */
const refuse = (lines: string[]) => new AppError('validation_failed', lines.join('\n'));

export function registerPlanningCommands(program: Command, helpers: Helpers): void {
  program
    .command('simulate <scenario>')
    .description('Run a scenario file (docs/scenario.schema.json) and print its results with 95% intervals')
    .option('--replications <n>', "replications (default: the file's run block)", positiveInt('--replications'))
    .option('--years <n>', 'years measured after the warm-up', positive('--years'))
    .option('--warmup-years <n>', 'years simulated first and not measured', positive('--warmup-years'))
    .option('--seed <n>', 'random seed', positiveInt('--seed'))
    .option('--variants <file>', 'a JSON file of variants to compare: [{"name": "+10 low", "changes": [{"kind": "beds", "tier": "low", "change": 10}]}]')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { replications?: number; years?: number; warmupYears?: number; seed?: number; variants?: string; json?: boolean }) => {
      const parsed = parseScenario(readText(file));
      if (!parsed.ok) throw refuse([`${file} is not a valid scenario:`, ...parsed.errors.map((e) => `  ${e.path}: ${e.message}`)]);
      const run = parsed.scenario.run;
      const variants = o.variants ? (JSON.parse(readText(o.variants)) as VariantInput[]) : [];
      const prepared = prepareSimulation(
        { scenario: parsed.scenario, variants, replications: o.replications ?? run.replications, years: o.years ?? run.years, warmupYears: o.warmupYears ?? run.warmupYears, seed: o.seed ?? run.seed },
        planningSettings(),
      );
      if (!prepared.ok) throw refuse(prepared.errors.map((e) => `${e.path}: ${e.message}`));
      let shown = -1;
      const result = await runSimulation(prepared.value, {
        onProgress: (done, total) => {
          const pct = Math.floor((100 * done) / total);
          if (process.stderr.isTTY && pct !== shown) process.stderr.write(`\rreplications ${done}/${total} (${(shown = pct)}%)`);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(o.json ? JSON.stringify(result, null, 2) : resultTables(result));
    });

  program
    .command('calibrate')
    .description("Calibrate a scenario from the register's history of an area and window")
    .option('--region <code>', 'a region code (E-LON) or a nation code (ENG); default every nation')
    .option('--from <date>', 'start of the window (default five years before --to)', isoDate('--from'))
    .option('--to <date>', 'end of the window (default today)', isoDate('--to'))
    .option('--pooling <how>', 'pools by sex-and-specialism (default) or sex')
    .option('--out <file>', 'write the scenario to this file (default: standard output)')
    .option('--json', 'print the calibration report as JSON')
    .action((o: { region?: string; from?: string; to?: string; pooling?: string; out?: string; json?: boolean }) =>
      helpers.withDatabase(async ({ db }) => {
        if (o.pooling !== undefined && o.pooling !== 'sex' && o.pooling !== 'sex-and-specialism') throw new InvalidArgumentError('--pooling must be sex-and-specialism or sex');
        const to = o.to ?? new Date().toISOString().slice(0, 10);
        const from = o.from ?? `${Number(to.slice(0, 4)) - 5}${to.slice(4)}`;
        const services = buildServices(db, loadConfig());
        const c = await services.planning.calibration.calibrate(helpers.operator, {
          ...(o.region ? { area: o.region } : {}),
          from,
          to,
          ...(o.pooling ? { pooling: o.pooling as 'sex' | 'sex-and-specialism' } : {}),
        });
        const file = JSON.stringify({ $schema: './scenario.schema.json', ...(c.scenario as object) }, null, 2);
        if (o.out) writeFileSync(o.out, `${file}\n`);
        if (o.json) console.log(JSON.stringify(c.report, null, 2));
        else if (o.out) console.log(calibrationTable(c.report, o.out));
        else console.log(file);
      }),
    );
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw refuse([`${file} cannot be read: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

function resultTables(r: SimulationResult): string {
  // Tiers without beds in any scenario have nothing to report.
  const tiers = SECURE_TIERS.filter((t) => [r.baseline, ...r.variants.map((v) => v.summary)].some((s) => s.beds[t] > 0));
  const tierRows = (measures: Measure[]) => measures.map((m) => [m.label, ...tiers.map((t) => withInterval((r.baseline.tiers[t] as Record<string, Interval>)[m.key]!, m.unit))]);
  const lines = [
    `${r.scenario}: ${r.replications} replications of ${r.years} years after ${r.warmupYears} years' warm-up (seed ${r.seed})`,
    '',
    formatTable(['', ...tiers.map((t) => SECURE_TIER_LABELS[t])], [['Beds', ...tiers.map((t) => String(r.baseline.beds[t]))], ...tierRows(TIER_MEASURES)]),
    '',
    'Whole system:',
    ...HEADLINE_MEASURES.map((m) => `  ${m.label}: ${withInterval((r.baseline.system as Record<string, Interval>)[m.key]!, m.unit)}`),
  ];
  for (const v of r.variants) {
    lines.push('', `${v.name} (${v.described.join('; ')}) against the baseline, whole system:`);
    for (const m of HEADLINE_MEASURES) {
      const key = m.key as keyof typeof v.difference.system;
      lines.push(`  ${describeComparison(m, r.baseline.system[key], v.summary.system[key], v.difference.system[key])}`);
    }
  }
  lines.push('', r.intervalMethod);
  return lines.join('\n');
}

function calibrationTable(report: { area: string; from: string; to: string; tiers: { tier: string; beds: number; meanOccupied: number; staysEnded: number; lengthOfStay: { distribution: unknown; meanDays: number } }[] }, out: string): string {
  return [
    `${report.area}, ${report.from} to ${report.to}: scenario written to ${out}`,
    formatTable(
      ['tier', 'beds', 'occupied (mean)', 'stays ended', 'mean stay (days)', 'fitted'],
      report.tiers.map((t) => [t.tier, String(t.beds), t.meanOccupied.toFixed(1), String(t.staysEnded), t.lengthOfStay.meanDays.toFixed(0), (t.lengthOfStay.distribution as { kind: string }).kind]),
    ),
  ].join('\n');
}
