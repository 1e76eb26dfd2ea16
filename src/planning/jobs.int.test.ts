import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { Job, JobSummary } from './jobs.schema.js';
import { smallSecureSystem } from './test-scenarios.js';

// Planning jobs through the real app: submitted, queued, run in the background with progress, read
// back with 95% intervals; private to their owner; cancelled; refused when malformed or too large.

let t: TestApp;
let planner: Client;
let analyst: Client;

beforeAll(async () => {
  // Jobs run in the server's own thread here (the worker-thread path is covered by the unit tests
  // and the end-to-end test); one at a time, two per user, so the limits can be seen.
  process.env.SECUREPATH_PLANNING_WORKERS = '0';
  process.env.SECUREPATH_PLANNING_MAX_RUNNING = '1';
  process.env.SECUREPATH_PLANNING_MAX_JOBS_PER_USER = '2';
  process.env.SECUREPATH_PLANNING_MAX_REPLICATIONS = '1000';
  t = await createTestApp();
  planner = await t.as('regional-planner');
  analyst = await t.as('national-analyst');
});
afterAll(() => t.close());

const scenario = () => JSON.parse(JSON.stringify(smallSecureSystem())) as Record<string, unknown>;
const small = { replications: 12, years: 3, warmupYears: 1, seed: 7 };
/** A run long enough to still be going when the test acts on it. */
const large = { replications: 1000, years: 40, warmupYears: 5, seed: 1 };
const plusTenLow = { name: '+10 low secure beds', changes: [{ kind: 'beds', tier: 'low', change: 10 }] };

async function finished(client: Client, id: number): Promise<Job> {
  await expect.poll(async () => ((await client.get(`/api/planning/jobs/${id}`)).json() as Job).status, { timeout: 30_000, interval: 50 }).toMatch(/done|failed|cancelled/);
  return (await client.get(`/api/planning/jobs/${id}`)).json() as Job;
}

describe('a simulation job', () => {
  it('runs baseline and "+10 low secure beds" in the background and reports the change with its interval', async () => {
    const res = await planner.post('/api/planning/jobs', { scenario: scenario(), variants: [plusTenLow], ...small });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json() as { id: number };
    expect(res.headers.location).toBe(`/api/planning/jobs/${id}`);
    const job = await finished(planner, id);
    expect(job).toMatchObject({ status: 'done', progress: 1, replicationsDone: 24, replicationsTotal: 24, error: null, scenarioName: 'three tiers, two pools' });
    if (job.result?.kind !== 'simulation') throw new Error('expected a simulation result');
    const [variant] = job.result.variants;
    expect(variant!.summary.beds.low).toBe(job.result.baseline.beds.low + 10);
    const wait = variant!.difference.tiers.low.meanWaitDays;
    expect(wait.mean!).toBeLessThanOrEqual(0);
    expect(wait.ciLow).not.toBeNull();
    expect(job.result.baseline.tiers.medium.prisonWithinLimitShare.n).toBe(12);
    expect(job.result.baseline.system.excessSecurityCostPerYear.mean).toBeGreaterThanOrEqual(0);
    expect(job.startedAt! >= job.createdAt && job.finishedAt! >= job.startedAt!).toBe(true);
  });

  it("lists a user's own jobs only, and answers another user's job exactly as a missing one", async () => {
    const mine = (await planner.get('/api/planning/jobs')).json() as JobSummary[];
    expect(mine.length).toBeGreaterThan(0);
    const id = mine[0]!.id;
    expect(mine[0]).not.toHaveProperty('result');
    expect((await analyst.get('/api/planning/jobs')).json()).toEqual([]);
    const theirs = await analyst.get(`/api/planning/jobs/${id}`);
    const missing = await analyst.get('/api/planning/jobs/999999');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect((await analyst.request('DELETE', `/api/planning/jobs/${id}`)).statusCode).toBe(404);
    expect((await planner.get(`/api/planning/jobs/${id}`)).statusCode).toBe(200);
  });

  it('is refused to roles without planning', async () => {
    const bm = await t.as('bed-manager');
    expect((await bm.post('/api/planning/jobs', { scenario: scenario(), ...small })).statusCode).toBe(403);
    expect((await bm.get('/api/planning/jobs')).statusCode).toBe(403);
  });
});

describe('queue, limits and cancelling', () => {
  it('queues beyond the running limit, refuses a third active job with the limit stated, and cancels', async () => {
    const a = (await analyst.post('/api/planning/jobs', { scenario: scenario(), ...large })).json() as { id: number };
    const b = (await analyst.post('/api/planning/jobs', { scenario: scenario(), ...large, seed: 2 })).json() as { id: number };
    await expect.poll(async () => ((await analyst.get(`/api/planning/jobs/${a.id}`)).json() as Job).status).toBe('running');
    const queued = (await analyst.get(`/api/planning/jobs/${b.id}`)).json() as Job;
    expect(queued).toMatchObject({ status: 'queued', queuePosition: 0, progress: 0 });

    const third = await analyst.post('/api/planning/jobs', { scenario: scenario(), ...small });
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toMatchObject({ code: 'too_many_jobs', message: expect.stringContaining('2 planning runs waiting or running, the most allowed') });

    await expect.poll(async () => ((await analyst.get(`/api/planning/jobs/${a.id}`)).json() as Job).progress, { timeout: 20_000 }).toBeGreaterThan(0);
    expect((await analyst.request('DELETE', `/api/planning/jobs/${a.id}`)).statusCode).toBe(204);
    expect((await analyst.request('DELETE', `/api/planning/jobs/${b.id}`)).statusCode).toBe(204);
    const stopped = await finished(analyst, a.id);
    expect(stopped).toMatchObject({ status: 'cancelled', result: null });
    expect(stopped.progress).toBeLessThan(1);
    expect(((await analyst.get(`/api/planning/jobs/${b.id}`)).json() as Job).status).toBe('cancelled');
    // Deleting a finished job removes it.
    expect((await analyst.request('DELETE', `/api/planning/jobs/${b.id}`)).statusCode).toBe(204);
    expect((await analyst.get(`/api/planning/jobs/${b.id}`)).statusCode).toBe(404);
    // The slot is free again.
    const next = (await analyst.post('/api/planning/jobs', { scenario: scenario(), ...small })).json() as { id: number };
    expect((await finished(analyst, next.id)).status).toBe('done');
  });
});

describe('bad input', () => {
  const errorOf = async (body: unknown, url = '/api/planning/jobs') => {
    const res = await planner.post(url, body);
    return { status: res.statusCode, ...(res.json() as { error: { code: string; message: string; details?: { field?: string; message: string }[] } }).error };
  };

  it('names the field at fault in the scenario', async () => {
    const s = scenario() as { pools: { beds: { medium: number } }[]; tiers: { medium: { next: { low: number } } } };
    s.pools[0]!.beds.medium = -3;
    s.tiers.medium.next.low = 0.45;
    const e = await errorOf({ scenario: s, ...small });
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.details).toEqual([
      { field: 'scenario.tiers.medium.next', message: 'probabilities must sum to 1 (within 0.000001); they sum to 1.05' },
      { field: 'scenario.pools[0].beds.medium', message: 'must not be negative (got -3)' },
    ]);
  });

  it('refuses zero replications, unknown fields and a variant that cannot apply', async () => {
    expect((await errorOf({ scenario: scenario(), ...small, replications: 0 })).details).toEqual([{ field: 'replications', message: 'must be at least 1' }]);
    expect((await errorOf({ scenario: scenario(), ...small, replicatons: 5 })).details).toEqual([{ field: 'replicatons', message: 'is not a field accepted here' }]);
    const v = await errorOf({ scenario: scenario(), ...small, variants: [{ name: 'close', changes: [{ kind: 'beds', tier: 'low', change: -100 }] }] });
    expect(v.details).toEqual([{ field: 'variants[0].changes[0]', message: 'the scenario has 31 low secure beds, so cannot lose 100' }]);
  });

  it('refuses absurd sizes with the limit stated', async () => {
    const many = await errorOf({ scenario: scenario(), ...small, replications: 5000 });
    expect(many).toMatchObject({ status: 422, code: 'job_too_large', message: 'replications: at most 1,000 replications are allowed on this server; this asks for 5,000' });
    const huge = scenario() as { pools: { arrivals: { perYear: number }[] }[] };
    huge.pools[0]!.arrivals[0]!.perYear = 900_000;
    const events = await errorOf({ scenario: huge, replications: 1000, years: 90, warmupYears: 5, seed: 1 });
    expect(events).toMatchObject({ status: 422, code: 'job_too_large', message: expect.stringMatching(/^replications: This run would simulate about [\d,]+ million events; the limit on this server is 2,000 million\./) });
  });
});

describe('capacity search', () => {
  it('finds the fewest low secure beds meeting a median wait target, as a job', async () => {
    const res = await planner.post('/api/planning/capacity-search', { scenario: scenario(), tier: 'low', targets: { medianWaitDays: 30 }, ...small, replications: 4 });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(planner, (res.json() as { id: number }).id);
    expect(job.kind).toBe('capacity_search');
    if (job.result?.kind !== 'capacity_search') throw new Error('expected a capacity search result');
    const { beds, evaluations } = job.result;
    expect(beds).not.toBeNull();
    expect(evaluations.find((e) => e.beds === beds)!.meets).toBe(true);
    expect(evaluations.filter((e) => e.beds < beds!).every((e) => !e.meets)).toBe(true);
    const none = await planner.post('/api/planning/capacity-search', { scenario: { ...scenario(), targets: undefined }, tier: 'low', ...small });
    expect(none.json().error.details).toEqual([{ field: 'targets', message: 'name at least one target: a share of prison transfers within the limit, or a median wait' }]);
  });
});
