import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister } from '../../test/support/register-fixture.js';
import { createTestDatabase } from '../../test/support/test-app.js';

const run = promisify(execFile);
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await createRegister(database.db);
});
afterAll(() => database.drop());

const cli = (...args: string[]) =>
  run(process.execPath, ['bin/securepath.js', ...args], { env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('securepath CLI', () => {
  it('prints the bed state as JSON from the same service as the API', async () => {
    const r = await cli('beds', 'state', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ commissioned: 14, closed: 1, vacant: 13 });
  });

  it('reports CSV problems by row and column, exits non-zero, and saves nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-'));
    const file = path.join(dir, 'wards.csv');
    writeFileSync(file, 'code,name,unit_code,security_level,sex,specialism,commissioned_beds,closed_beds\nW-X1,Ok Ward,U-MED,2,male,mental_illness,10,0\nW-X2,Bad Ward,U-MED,2,male,mental_illness,lots,0\n');
    const bad = await cli('directory', 'import', 'wards', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 3, commissioned_beds: must be a whole number, not "lots"');
    const list = await cli('directory', 'list', 'wards', '--json');
    expect(JSON.parse(list.stdout).map((w: { code: string }) => w.code)).not.toContain('W-X1');
  });

  it('refuses a stale version on edit', async () => {
    const r = await cli('directory', 'edit', 'wards', '1', '{"closedBeds":1}', '--version', '99');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('version_conflict');
  });

  it('checks what an edit may change as the API does: no un-retiring by the back door, no 100,000 beds', async () => {
    const list = JSON.parse((await cli('directory', 'list', 'wards', '--json')).stdout) as { id: number; version: number }[];
    const ward = list[0]!;
    for (const change of ['{"retiredAt":null}', '{"commissionedBeds":100000}']) {
      const r = await cli('directory', 'edit', 'wards', String(ward.id), change, '--version', String(ward.version));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('validation_failed');
    }
    const after = (JSON.parse((await cli('directory', 'list', 'wards', '--json')).stdout) as { id: number; version: number }[]).find((w) => w.id === ward.id);
    expect(after?.version).toBe(ward.version);
  });

  it('counts working days of conference notice by calendar, over Easter', async () => {
    const england = await cli('referrals', 'notice', '--calendar', 'england_wales', '--from', '2026-04-02', '--to', '2026-04-09', '--json');
    expect(JSON.parse(england.stdout)).toMatchObject({ workingDays: 2, enough: false, earliestDate: '2026-04-10' });
    const scotland = await cli('referrals', 'notice', '--calendar', 'scotland', '--from', '2026-04-02', '--to', '2026-04-09');
    expect(scotland.stdout).toContain('3 clear working days of notice (enough)');
    expect((await cli('referrals', 'notice', '--calendar', 'wales', '--from', '2026-04-02', '--to', '2026-04-09')).code).not.toBe(0);
  });

  it('prints transfer measures with small numbers withheld for the operator', async () => {
    const r = await cli('referrals', 'measures', '--group-by', 'nation', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ groupBy: 'nation', disclosureControlled: true });
  });
});
