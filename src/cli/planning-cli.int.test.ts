import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallSecureSystem } from '../planning/test-scenarios.js';
import { validate } from '../planning/scenario.js';
import { createPlanningHistory } from '../../test/support/planning-history.js';
import { createRegister } from '../../test/support/register-fixture.js';
import { createTestDatabase } from '../../test/support/test-app.js';

// `securepath simulate` and `securepath calibrate` as a planner runs them at a terminal.

const run = promisify(execFile);
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = mkdtempSync(path.join(tmpdir(), 'sp-plan-cli-'));

beforeAll(async () => {
  database = await createTestDatabase();
  await createPlanningHistory(database.db, await createRegister(database.db));
});
afterAll(() => database.drop());

const cli = (...args: string[]) =>
  run(process.execPath, ['bin/securepath.js', ...args], { env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test', SECUREPATH_PLANNING_WORKERS: '1' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const scenarioFile = (mutate: (s: ReturnType<typeof smallSecureSystem>) => void = () => {}) => {
  const s = smallSecureSystem();
  mutate(s);
  const file = path.join(dir, `scenario-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
};

describe('securepath simulate', () => {
  it('prints the result as JSON with 95% intervals, the same for a seed', async () => {
    const file = scenarioFile();
    const a = await cli('simulate', file, '--replications', '4', '--years', '2', '--seed', '9', '--json');
    expect(a.code, a.stderr).toBe(0);
    const result = JSON.parse(a.stdout);
    expect(result).toMatchObject({ kind: 'simulation', replications: 4, years: 2, seed: 9 });
    expect(result.baseline.tiers.medium.occupancy).toMatchObject({ n: 4, ciLow: expect.any(Number), ciHigh: expect.any(Number) });
    const b = await cli('simulate', file, '--replications', '4', '--years', '2', '--seed', '9', '--json');
    expect(JSON.parse(b.stdout).baseline.tiers).toEqual(result.baseline.tiers);
  });

  it('prints a readable table, and compares variants from a file', async () => {
    const variants = path.join(dir, 'variants.json');
    writeFileSync(variants, JSON.stringify([{ name: '+10 low secure beds', changes: [{ kind: 'beds', tier: 'low', change: 10 }] }]));
    const r = await cli('simulate', scenarioFile(), '--replications', '4', '--years', '2', '--variants', variants);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Occupancy +\d+% \(95% CI/);
    expect(r.stdout).toMatch(/\+10 low secure beds \(\+10 low secure beds\) against the baseline/);
    expect(r.stdout).toMatch(/14-day compliance \(prison transfers\) \d+% → \d+%/);
  });

  it('names the field at fault in a bad scenario file and exits non-zero', async () => {
    const r = await cli('simulate', scenarioFile((s) => (s.pools[0]!.beds.medium = -3)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pools[0].beds.medium: must not be negative (got -3)');
    const limit = await cli('simulate', scenarioFile(), '--replications', '999999');
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('replications: at most 2,000 replications are allowed on this server; this asks for 999,999');
    const missing = await cli('simulate', path.join(dir, 'nope.json'));
    expect(missing.stderr).toMatch(/nope\.json cannot be read/);
  });
});

describe('securepath calibrate', () => {
  it('exports a valid scenario file for a region and window', async () => {
    const out = path.join(dir, 'northshire.json');
    const r = await cli('calibrate', '--region', 'T-N', '--from', '2018-01-01', '--to', '2024-01-01', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Northshire, 2018-01-01 to 2024-01-01: scenario written to/);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(validate(written).ok).toBe(true);
    expect(written.name).toBe('Northshire, calibrated 2018-01-01 to 2024-01-01');
    // And the exported file runs.
    const sim = await cli('simulate', out, '--replications', '2', '--years', '1', '--json');
    expect(sim.code, sim.stderr).toBe(0);
  });

  it('explains an area with too little history, exiting non-zero', async () => {
    const r = await cli('calibrate', '--region', 'T-S', '--from', '2015-01-01', '--to', '2016-06-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Fewer than 8 low secure stays ended in Southshire');
  });
});
