import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, createPlanningHistory, northshireStays, plan } from '../../test/support/planning-history.js';
import { createRegister } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import { countsAs } from './calibration.js';
import type { CalibrationResponse } from './calibration.schema.js';
import type { Provision } from './provision.schema.js';
import { validate, type Scenario } from './scenario.js';

// Calibration and beds per 100,000 through the real app, against a register holding a known history
// (test/support/planning-history.ts). Every expected figure is counted from the same plan in
// JavaScript, not read back from SQL.

const FROM = '2018-01-01';
const TO = '2024-01-01';
const [from, to] = [Date.parse(FROM), Date.parse(TO)];
const WINDOW_YEARS = (to - from) / DAY / 365.25;

let t: TestApp;
let planner: Client;

beforeAll(async () => {
  t = await createTestApp();
  await createPlanningHistory(t.db, await createRegister(t.db));
  planner = await t.as('regional-planner');
});
afterAll(() => t.close());

describe('calibration from the register', () => {
  let body: CalibrationResponse;
  let scenario: Scenario;

  it('calibrates Northshire over a window and returns a valid scenario, with no patient in it', async () => {
    const res = await planner.get(`/api/planning/calibration?area=T-N&from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(200);
    body = res.json() as CalibrationResponse;
    const v = validate(body.scenario);
    expect(v.ok ? [] : v.errors).toEqual([]);
    if (v.ok) scenario = v.scenario;
    expect(body.area).toEqual({ level: 'region', code: 'T-N', name: 'Northshire', population: 2_000_000 });
    expect(res.body).not.toMatch(/patient|nhs|Planned/i);
  });

  it('takes a window in whole months for aggregate-only roles, so windows days apart give the same figures', async () => {
    const shifted = await planner.get('/api/planning/calibration?area=T-N&from=2018-01-19&to=2023-12-04');
    expect(shifted.statusCode, shifted.body).toBe(200);
    expect(shifted.json()).toEqual(body);
    expect([body.report.from, body.report.to]).toEqual([FROM, TO]);
  });

  // A planner sees aggregates only: counts rounded to 5 (1 to 7 withheld, and modelled as 5).
  const { modelled, shown } = countsAs(true);

  it('counts arrivals by source per year over the window, from counts rounded to 5', () => {
    const men = plan().filter((p) => p.sex === 'male' && p.start >= from && p.start < to).length;
    const pool = scenario.pools.find((p) => p.name === 'Men, mental illness')!;
    expect(pool.arrivals).toEqual([{ source: 'prison', tier: 'medium', perYear: Math.round((modelled(men) / WINDOW_YEARS) * 1000) / 1000, pattern: 'poisson' }]);
    const women = plan().filter((p) => p.sex === 'female' && p.start >= from && p.start < to).length;
    expect(body.report.arrivals).toContainEqual({ tier: 'medium', source: 'court', count: shown(women), perYear: modelled(women) / WINDOW_YEARS });
  });

  it('groups ward moves into one stay, and counts where stays led, stepping down elsewhere included', () => {
    const seen = northshireStays('medium').filter((s) => s.end > from && s.start < to);
    const ended = seen.filter((s) => s.end <= to);
    const tier = body.report.tiers.find((x) => x.tier === 'medium')!;
    expect(tier.staysSeen).toBe(shown(seen.length));
    expect(tier.staysEnded).toBe(shown(ended.length));
    const led = new Map<string, number>();
    for (const s of ended) led.set(s.next ?? 'none', (led.get(s.next ?? 'none') ?? 0) + 1);
    const low = led.get('low')!;
    expect(low).toBeGreaterThan(10);
    const share = modelled(low) / [...led.values()].reduce((sum, n) => sum + modelled(n), 0);
    expect(tier.next).toContainEqual({ place: 'low', stays: shown(low), share });
    expect(scenario.tiers.medium!.next.low).toBeCloseTo(share, 6);
    expect(tier.wardMovesPerStay).toBeCloseTo(seen.reduce((s, x) => s + x.wardMoves, 0) / seen.length, 9);
  });

  it("takes beds open at the window's end, and sends women's step-downs out of the area (no women's low beds)", () => {
    const men = scenario.pools.find((p) => p.name === 'Men, mental illness')!;
    expect(men.beds).toEqual({ high: 0, medium: 12, low: 4 });
    const women = scenario.pools.find((p) => p.name === 'Women, mental illness')!;
    expect(women.beds).toEqual({ high: 0, medium: 2, low: 0 });
    expect(women.next?.medium?.low).toBeUndefined();
    expect(women.next?.medium?.other).toBeCloseTo(scenario.tiers.medium!.next.low!, 6);
  });

  it('shows the stay-length fit against the observed stays', () => {
    const fit = body.report.tiers.find((x) => x.tier === 'medium')!.lengthOfStay;
    expect(fit.survival[0]).toMatchObject({ days: 0, observed: 1, fitted: 1 });
    const median = fit.quantiles.find((q) => q.p === 0.5)!;
    expect(Math.abs(median.observedDays! / median.fittedDays - 1)).toBeLessThan(0.15);
    expect(fit.fits.map((f) => f.family).sort()).toEqual(['exponential', 'lognormal', 'weibull']);
  });

  it('says plainly when an area has too little history, and refuses a bad window or area', async () => {
    // Southshire's low secure ward took its first step-down in 2017.
    const thin = await planner.get('/api/planning/calibration?area=T-S&from=2015-01-01&to=2016-06-01');
    expect(thin.statusCode).toBe(422);
    expect(thin.json().error).toMatchObject({
      code: 'calibration_insufficient_data',
      message: 'Fewer than 8 low secure stays ended in Southshire between 2015-01-01 and 2016-06-01; at least 8 are needed to estimate how long stays last and where they lead. Choose a longer window or a larger area.',
    });
    const future = await planner.get(`/api/planning/calibration?area=T-N&from=2024-01-01&to=2099-01-01`);
    expect(future.json().error.details).toEqual([{ field: 'to', message: 'must not be after today: the window must have happened' }]);
    const short = await planner.get(`/api/planning/calibration?area=T-N&from=2023-06-01&to=2024-01-01`);
    expect(short.json().error.details).toEqual([{ field: 'from', message: 'the window must be at least a year long' }]);
    const nowhere = await planner.get(`/api/planning/calibration?area=ZZ-Q&from=${FROM}&to=${TO}`);
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.details).toEqual([{ field: 'area', message: 'no region or nation has the code "ZZ-Q"' }]);
  });

  it('is for planning roles only', async () => {
    const bm = await t.as('bed-manager');
    expect((await bm.get(`/api/planning/calibration?area=T-N&from=${FROM}&to=${TO}`)).statusCode).toBe(403);
  });
});

describe('beds per 100,000', () => {
  it("gives Northshire's rates against the English 2006 comparators, with the risks", async () => {
    const res = await planner.get('/api/planning/provision?area=T-N&example=england-2006');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Provision;
    // 2 + 10 men's medium mental illness beds in 2,000,000 people.
    const menMedium = p.rows.find((r) => r.tier === 'medium' && r.sex === 'male' && r.specialism === 'mental_illness')!;
    expect(menMedium).toMatchObject({ beds: 12, per100k: 0.6, reading: 'below', comparator: { min: 0.67, max: 7.38 } });
    expect(p.rows.find((r) => r.tier === 'medium' && r.sex === 'all' && r.specialism === 'all')).toMatchObject({ beds: 17 });
    expect(p.regions.map((r) => [r.code, r.medium.beds, r.low.beds])).toEqual([
      ['T-N', 17, 4],
      ['T-S', 0, 3],
    ]);
    expect(p.risks.under.length).toBeGreaterThan(3);
    expect(p.comparator?.source).toMatch(/Appendix V/);
  });

  it("keeps a planner's own comparator sets, private to them, versioned", async () => {
    const set = { name: 'Regional target 2030', entries: [{ area: 'Target', tier: 'medium', sex: 'male', specialism: 'mental_illness', per100k: 5 }] };
    const created = await planner.post('/api/planning/comparators', set);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect((await planner.post('/api/planning/comparators', set)).json().error).toMatchObject({ code: 'duplicate', details: [{ field: 'name', message: 'is the name of another of your sets' }] });
    const compared = (await planner.get(`/api/planning/provision?area=T-N&comparatorId=${id}`)).json() as Provision;
    expect(compared.rows.find((r) => r.sex === 'male' && r.tier === 'medium' && r.specialism === 'mental_illness')!.reading).toBe('below');

    const other = await t.as('commissioner');
    expect((await other.get(`/api/planning/provision?area=T-N&comparatorId=${id}`)).statusCode).toBe(404);
    expect((await other.get('/api/planning/comparators')).json()).toEqual([]);

    const changed = { ...set, entries: [{ ...set.entries[0]!, per100k: 0.5 }] };
    expect((await planner.request('PUT', `/api/planning/comparators/${id}`, changed)).statusCode).toBe(428);
    const updated = await planner.request('PUT', `/api/planning/comparators/${id}`, changed, { 'if-match': '1' });
    expect(updated.json()).toMatchObject({ version: 2 });
    expect((await planner.request('PUT', `/api/planning/comparators/${id}`, changed, { 'if-match': '1' })).statusCode).toBe(412);
    const badRange = await planner.post('/api/planning/comparators', { name: 'Bad range', entries: [{ ...set.entries[0]!, per100kUpper: 1 }] });
    expect(badRange.json().error.details).toEqual([{ field: 'entries[0].per100kUpper', message: 'must not be below per100k (the bottom of the range)' }]);
    // Deleting takes the version seen too: without it 428, with an old one 412, and the set stays.
    expect((await planner.request('DELETE', `/api/planning/comparators/${id}`)).statusCode).toBe(428);
    expect((await planner.request('DELETE', `/api/planning/comparators/${id}`, undefined, { 'if-match': '1' })).statusCode).toBe(412);
    expect((await planner.request('DELETE', `/api/planning/comparators/${id}`, undefined, { 'if-match': String(updated.json().version) })).statusCode).toBe(204);
    expect((await planner.get('/api/planning/comparators')).json()).toEqual([]);
  });

  it('ships the HDL 2006 tables as examples', async () => {
    const examples = (await planner.get('/api/planning/comparators/examples')).json() as { key: string; entries: unknown[] }[];
    expect(examples.map((e) => [e.key, e.entries.length])).toEqual([
      ['england-2006', 64],
      ['scotland-2006', 16],
    ]);
  });
});
