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

describe('disclosure control for roles that see aggregates only', () => {
  type Counted = Pick<BedState, 'commissioned' | 'closed' | 'available' | 'occupied' | 'vacant' | 'occupancyPct' | 'withheld'>;
  const round5 = (n: number) => Math.round(n / 5) * 5;
  const small = (n: number | null) => n !== null && n >= 1 && n <= 7;

  /** One row as shown against the same row exact: beds exact, people rounded or withheld, nothing derived from the exact count. */
  function expectRow(shown: Counted, exact: Counted) {
    expect(shown).toMatchObject({ commissioned: exact.commissioned, closed: exact.closed, available: exact.available });
    if (shown.occupied === null) {
      expect(shown).toMatchObject({ withheld: true, vacant: null, occupancyPct: null });
    } else {
      expect(shown.withheld).toBe(false);
      expect(small(exact.occupied)).toBe(false);
      expect(shown.occupied).toBe(round5(exact.occupied!));
      expect(shown.vacant).toBe(Math.max(0, shown.available - shown.occupied));
    }
  }

  /** A table of rows adding up to a total: the total minus the rows shown never isolates 1–7 people. */
  function expectTable(shown: { occupied: number | null }[], exact: { occupied: number | null }[]) {
    const hidden = exact.filter((_, i) => shown[i]!.occupied === null).reduce((sum, r) => sum + r.occupied!, 0);
    const total = exact.reduce((sum, r) => sum + r.occupied!, 0);
    expect(small(hidden) && !small(total), `withheld rows hold ${hidden} of ${total}`).toBe(false);
  }

  function expectControlled(shown: BedState, exact: BedState) {
    expect(shown.disclosureControlled).toBe(true);
    expect(exact.disclosureControlled).toBe(false);
    expectRow(shown, exact);
    for (const key of ['byTier', 'bySex', 'bySpecialism', 'children'] as const) {
      const rows = shown[key] as Counted[];
      const exactRows = exact[key] as Counted[];
      rows.forEach((r, i) => expectRow(r, exactRows[i]!));
      expectTable(rows, exactRows);
    }
    const bands = shown.lengthOfStay.buckets;
    const exactBands = exact.lengthOfStay.buckets;
    bands.forEach((b, i) => {
      if (b.count === null) expect(b.withheld).toBe(true);
      else expect(b.count).toBe(round5(exactBands[i]!.count!));
    });
    expectTable(bands.map((b) => ({ occupied: b.count })), exactBands.map((b) => ({ occupied: b.count })));
    if (small(exact.occupied)) expect(shown.lengthOfStay).toMatchObject({ medianDays: null, medianWithheld: true });
  }

  const fir = { id: 0 };
  const gorse = { id: 0 };
  let commissioner: Client;

  beforeAll(async () => {
    commissioner = await t.as('commissioner');
    // Two bigger wards: Fir beside Cedar in Larch House (north), Gorse in Southgate Hospital (south).
    const southgate = await t.db.selectFrom('unit').select('id').where('code', '=', 'U-LOWS').executeTakeFirstOrThrow();
    const big = (unit: number, code: string, name: string) => ({
      unit_id: unit, code, name, tier: 'low', security_level: 1, sex: 'male', specialism: 'mental_illness', commissioned_beds: 20, closed_beds: 0,
    });
    const [f, g] = await t.db.insertInto('ward').values([big(reg.lowUnit, 'W-FIR', 'Fir Ward'), big(southgate.id, 'W-GOR', 'Gorse Ward')]).returning('id').execute();
    fir.id = f!.id;
    gorse.id = g!.id;
    const admit = async (n: number, wardId: number, region: number) => {
      for (let i = 0; i < n; i++) {
        const id = (await bm.post('/api/patients', patientInput(region))).json().id as number;
        const res = await bm.post(`/api/patients/${id}/admit`, { wardId, source: 'prison' });
        expect(res.statusCode, res.body).toBe(201);
      }
    };
    // Ash Ward already holds 3. Larch House: Cedar 1 + Fir 12; Southgate: Delta 0 + Gorse 13.
    await admit(12, fir.id, reg.north);
    await admit(1, reg.wards.lowMale, reg.north);
    await admit(13, gorse.id, reg.south);
  });

  it('gives a bed manager exact figures, small ones included', async () => {
    const larch = (await bm.get(`/api/beds/state?unitId=${reg.lowUnit}`)).json() as BedState;
    expect(larch).toMatchObject({ occupied: 13, disclosureControlled: false, withheld: false });
    expect(larch.children.map((c) => [c.name, c.occupied])).toEqual([
      ['Cedar Ward', 1],
      ['Fir Ward', 12],
    ]);
    const wards = (await bm.get(`/api/beds/wards?regionId=${reg.north}`)).json() as WardBeds[];
    expect(wards.find((w) => w.wardId === reg.wards.mediumMale)).toMatchObject({ occupied: 3, withheld: false, disclosureControlled: false });
  });

  it('rounds a commissioner’s counts to 5, withholds 1–7 with a flag, and leaves nothing to difference', async () => {
    const scopes = ['', `?nationId=${reg.nationId}`, `?nationId=${reg.nationId}&regionId=${reg.north}`, `?nationId=${reg.nationId}&regionId=${reg.south}`, `?unitId=${reg.lowUnit}`, `?unitId=${reg.mediumUnit}`, `?wardId=${reg.wards.lowMale}`, `?wardId=${fir.id}`];
    for (const scope of scopes) {
      const shown = (await commissioner.get(`/api/beds/state${scope}`)).json() as BedState;
      const exact = (await bm.get(`/api/beds/state${scope}`)).json() as BedState;
      expectControlled(shown, exact);
    }
    const nation = (await commissioner.get('/api/beds/state')).json() as BedState;
    // 3 + 1 + 12 + 13 = 29 people in 53 available beds: shown as 30, and vacancy and occupancy follow from the 30.
    expect(nation).toMatchObject({ available: 53, occupied: 30, vacant: 23, occupancyPct: 56.6 });

    // Larch House: Cedar's 1 is withheld, and Fir's 12 with it, or 15 − 10 would point at Cedar.
    const larch = (await commissioner.get(`/api/beds/state?unitId=${reg.lowUnit}`)).json() as BedState;
    expect(larch).toMatchObject({ occupied: 15, withheld: false });
    expect(larch.children.map((c) => [c.name, c.occupied, c.vacant, c.withheld])).toEqual([
      ['Cedar Ward', null, null, true],
      ['Fir Ward', null, null, true],
    ]);
    // Fir's own page agrees with its unit's table.
    expect((await commissioner.get(`/api/beds/state?wardId=${fir.id}`)).json()).toMatchObject({ occupied: null, withheld: true });
    // Moorside: 3 people in all, so the unit's own figure is withheld, not 0 and not 3.
    const moorside = (await commissioner.get(`/api/beds/state?unitId=${reg.mediumUnit}`)).json() as BedState;
    expect(moorside).toMatchObject({ occupied: null, vacant: null, occupancyPct: null, withheld: true, lengthOfStay: { medianDays: null, medianWithheld: true } });
    expect(moorside.children.map((c) => c.occupied)).toEqual([null, 0, 0]);
    // Nothing anywhere in the answers is a count of 1–7 people.
    const text = JSON.stringify([nation, larch, moorside]);
    expect(text).not.toMatch(/"(occupied|count)":[1-7][,}]/);
  });

  it('controls the bed map and find a bed the same way, ward by ward', async () => {
    const wards = (await commissioner.get(`/api/beds/wards?regionId=${reg.north}`)).json() as WardBeds[];
    const byName = Object.fromEntries(wards.map((w) => [w.wardName, [w.occupied, w.vacant, w.withheld]]));
    expect(byName).toEqual({
      'Ash Ward': [null, null, true],
      'Birch Ward': [0, 2, false],
      'Cedar Ward': [null, null, true],
      'Elm Ward': [0, 2, false],
      'Fir Ward': [null, null, true],
    });
    expect(wards.every((w) => w.disclosureControlled)).toBe(true);

    const found = (await commissioner.get(`/api/beds/find?tier=low&sex=male&specialism=mental_illness&homeRegionId=${reg.south}`)).json() as BedMatch[];
    // Gorse: 20 beds, 13 people → 15 → 5 free shown (7 really); Delta is empty; Cedar and Fir are withheld.
    expect(found.map((m) => [m.wardName, m.vacant, m.withheld])).toEqual([
      ['Gorse Ward', 5, false],
      ['Delta Ward', 3, false],
      ['Cedar Ward', null, true],
      ['Fir Ward', null, true],
    ]);
    const exact = (await bm.get(`/api/beds/find?tier=low&sex=male&specialism=mental_illness&homeRegionId=${reg.south}`)).json() as BedMatch[];
    expect(exact.map((m) => [m.wardName, m.vacant])).toEqual([
      ['Gorse Ward', 7],
      ['Delta Ward', 3],
      ['Fir Ward', 8],
      ['Cedar Ward', 3],
    ]);
  });

  it('applies to every aggregate-only role and to no clinical one', async () => {
    for (const role of ['regional-planner', 'national-analyst'] as const) {
      expect(((await (await t.as(role)).get('/api/beds/state')).json() as BedState).disclosureControlled).toBe(true);
    }
    for (const role of ['ward-clinician', 'responsible-clinician', 'case-manager'] as const) {
      expect(((await (await t.as(role)).get('/api/beds/state')).json() as BedState).disclosureControlled).toBe(false);
    }
  });
});
