import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { BedMatch, BedState, WardBeds } from './beds.schema.js';

let t: TestApp;
let reg: Register;
let bm: Client;

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
});
afterAll(() => t.close());

describe('bed state', () => {
  it('adds up commissioned, closed, occupied and vacant beds by tier, and drills down', async () => {
    const s = (await bm.get('/api/beds/state')).json() as BedState;
    // 2 + 3 + 4 + 3 + 2 commissioned, 1 closed, nobody admitted yet.
    expect(s).toMatchObject({ commissioned: 14, closed: 1, available: 13, occupied: 0, vacant: 13, occupancyPct: 0, childLevel: 'nation' });
    expect(s.byTier.map((x) => [x.tier, x.commissioned])).toEqual([
      ['medium', 7],
      ['low', 7],
    ]);
    const region = (await bm.get(`/api/beds/state?nationId=${reg.nationId}&regionId=${reg.north}`)).json() as BedState;
    expect(region.scope.breadcrumb.map((b) => b.name)).toEqual(['All nations', 'Testland', 'Northshire']);
    expect(region.childLevel).toBe('organisation');
    expect(region.children).toEqual([expect.objectContaining({ name: 'Northshire NHS Trust', commissioned: 11 })]);
    const ward = (await bm.get(`/api/beds/state?wardId=${reg.wards.mediumFemale}`)).json() as BedState;
    expect(ward).toMatchObject({ commissioned: 3, closed: 1, available: 2, childLevel: null, children: [] });
  });

  it('shows an admission at once and counts an over-full ward without hiding vacancies elsewhere', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await bm.post('/api/patients', patientInput(reg.north))).json().id as number);
    await bm.post(`/api/patients/${ids[0]}/admit`, { wardId: reg.wards.mediumMale, source: 'prison' });
    await bm.post(`/api/patients/${ids[1]}/admit`, { wardId: reg.wards.mediumMale, source: 'prison' });
    await bm.post(`/api/patients/${ids[2]}/admit`, { wardId: reg.wards.mediumMale, source: 'prison', overCapacityReason: 'Urgent: no other male medium bed tonight' });
    const s = (await bm.get('/api/beds/state')).json() as BedState;
    expect(s).toMatchObject({ occupied: 3, vacant: 11, occupancyPct: 23.1 });
    const wards = (await bm.get(`/api/beds/wards?unitId=${reg.mediumUnit}`)).json() as WardBeds[];
    expect(wards.find((w) => w.wardId === reg.wards.mediumMale)).toMatchObject({ occupied: 3, vacant: 0, occupancyPct: 150 });
    expect(s.lengthOfStay.buckets[0]).toMatchObject({ label: 'Under 6 months', count: 3 });
  });

  it('answers 404 for a place that does not exist', async () => {
    const res = await bm.get('/api/beds/state?regionId=99999');
    expect(res.statusCode).toBe(404);
  });
});

describe('find a bed', () => {
  it('lists vacant matching beds nearest the home region first', async () => {
    const res = await bm.get(`/api/beds/find?tier=low&sex=male&specialism=mental_illness&homeRegionId=${reg.south}`);
    const matches = res.json() as BedMatch[];
    expect(matches.map((m) => [m.wardName, m.regionName])).toEqual([
      ['Delta Ward', 'Southshire'],
      ['Cedar Ward', 'Northshire'],
    ]);
    expect(matches[0]!.distanceKm).toBe(0);
    expect(matches[1]!.distanceKm).toBeGreaterThan(400);
    const fromNorth = (await bm.get(`/api/beds/find?tier=low&sex=male&specialism=mental_illness&homeRegionId=${reg.north}`)).json() as BedMatch[];
    expect(fromNorth[0]!.wardName).toBe('Cedar Ward');
  });

  it('leaves out full wards and other sexes and specialisms', async () => {
    const medium = (await bm.get('/api/beds/find?tier=medium&sex=male&specialism=mental_illness')).json() as BedMatch[];
    expect(medium).toEqual([]); // Ash Ward is over-full
    const bad = await bm.get('/api/beds/find?tier=medium&sex=robot&specialism=mental_illness');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'sex', message: 'must be one of: male, female' });
  });
});
