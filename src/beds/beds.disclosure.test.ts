import { describe, expect, it } from 'vitest';
import { controlledBedState, controlledCounts, controlledVacancy, controlledWardList, withheldWards } from './beds.disclosure.js';
import { wardSnapshot } from '../../test/support/ward-snapshot.js';
import type { BedCounts } from './beds.schema.js';
import { bedState, counts, findBeds, poolsOf, type WardSnapshot } from './beds.rules.js';

let nextId = 1;
/** A ward with `occupied` people, each `stay` days in; in unit `unitId` (region 1 unless said). */
function ward(over: Partial<WardSnapshot> & { unitId: number; occupied: number; stay?: number }): WardSnapshot {
  const id = nextId++;
  const { stay = 30, ...rest } = over;
  return wardSnapshot({ wardId: id, wardName: `Ward ${id}`, unitName: `Unit ${over.unitId}`, commissioned: 20, stayDays: Array.from({ length: over.occupied }, () => stay), ...rest });
}

const names = () => 'Somewhere';
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('bed counts under disclosure control', () => {
  const exact = (occupied: number): BedCounts => counts([ward({ unitId: 1, occupied, commissioned: 20, closed: 2 })]);

  it('keeps bed figures exact, rounds people to 5 and works vacancy and occupancy out from the rounded count', () => {
    expect(controlledCounts(exact(12), false)).toEqual({ commissioned: 20, closed: 2, available: 18, occupied: 10, vacant: 8, occupancyPct: 55.6, withheld: false });
    expect(controlledCounts(exact(13), false)).toMatchObject({ occupied: 15, vacant: 3, occupancyPct: 83.3 });
    expect(controlledCounts(exact(0), false)).toMatchObject({ occupied: 0, vacant: 18, occupancyPct: 0, withheld: false });
  });

  it('withholds occupied, vacant and occupancy together, never showing 0 for a withheld count', () => {
    // With available exact, an exact vacancy of 15 would give occupied = 3 back.
    expect(controlledCounts(exact(3), true)).toEqual({ commissioned: 20, closed: 2, available: 18, occupied: null, vacant: null, occupancyPct: null, withheld: true });
  });
});

describe('bed state under disclosure control', () => {
  // Unit 1: 1 + 12 people; unit 2: 9 + 30; unit 3 in another region: 0.
  const wards = [
    ward({ unitId: 1, occupied: 1, tier: 'low', securityLevel: 1, stay: 400 }),
    ward({ unitId: 1, occupied: 12, tier: 'low', securityLevel: 1 }),
    ward({ unitId: 2, occupied: 9, sex: 'female' }),
    ward({ unitId: 2, occupied: 30 }),
    ward({ unitId: 3, occupied: 0, regionId: 2, regionName: 'South' }),
  ];
  const all = bedState(wards, {}, new Date(), names);
  const shown = controlledBedState(all);

  it('rounds the total from its exact value, not from rounded parts', () => {
    expect(all.occupied).toBe(52);
    expect(shown).toMatchObject({ occupied: 50, disclosureControlled: true, withheld: false });
    // Vacancy is available − the rounded occupied count, so it gives nothing more away.
    expect(shown.vacant).toBe(shown.available - 50);
    expect(all.disclosureControlled).toBe(false);
  });

  it('shows no count of 1–7 anywhere, and every count shown is a multiple of 5', () => {
    const tables = [shown, ...shown.byTier, ...shown.bySex, ...shown.bySpecialism, ...shown.children];
    for (const c of tables) {
      if (c.occupied === null) expect(c).toMatchObject({ vacant: null, occupancyPct: null, withheld: true });
      else expect(c.occupied % 5).toBe(0);
    }
    for (const b of shown.lengthOfStay.buckets) if (b.count !== null) expect(b.count % 5).toBe(0);
  });

  it('withholds a second row wherever one row alone would be withheld (the differencing case)', () => {
    // Tiers: low 13, medium 39 → neither small; sexes: male 43, female 9 → neither small.
    // Length of stay: 51 under 6 months, 1 of 1–2 years → the 1 and the next smallest (0s do not count) go.
    const bands = shown.lengthOfStay.buckets;
    expect(bands.filter((b) => b.withheld).map((b) => b.label)).toEqual(['Under 6 months', '1–2 years']);
    expect(bands.find((b) => b.label === '6–12 months')).toMatchObject({ count: 0, withheld: false });
    // Total minus the bands shown leaves both withheld bands together: 52 people, not 1.
    const exactHidden = sum(all.lengthOfStay.buckets.filter((_, i) => bands[i]!.withheld).map((b) => b.count!));
    expect(exactHidden).toBeGreaterThan(7);
  });

  it('withholds a median of 1–7 people and leaves one of more alone', () => {
    const oneWard = controlledBedState(bedState(wards, { unitId: 1 }, new Date(), names));
    expect(oneWard.lengthOfStay.medianWithheld).toBe(false);
    const small = controlledBedState(bedState([ward({ unitId: 9, occupied: 5 })], {}, new Date(), names));
    expect(small).toMatchObject({ occupied: null, withheld: true, lengthOfStay: { medianDays: null, medianWithheld: true } });
    expect(small.children).toEqual([expect.objectContaining({ occupied: null, withheld: true })]);
  });

  it('decides each ward among the wards of its unit, the same in the unit table, the bed map and find a bed', () => {
    const unit1 = controlledBedState(bedState(wards, { unitId: 1 }, new Date(), names));
    // 1 person is withheld, so the 12 beside it is too: 13 − 12 would give the 1 back.
    expect(unit1).toMatchObject({ occupied: 15 });
    expect(unit1.children.map((c) => c.occupied)).toEqual([null, null]);
    const withheld = withheldWards(wards);
    expect([...withheld]).toEqual([wards[0]!.wardId, wards[1]!.wardId]);
    // The 12's own page withholds it too, with the rows that are the whole of it.
    const page = controlledBedState(bedState(wards, { wardId: wards[1]!.wardId }, new Date(), names), withheld.has(wards[1]!.wardId));
    expect(page).toMatchObject({ occupied: null, withheld: true });
    expect([...page.byTier, ...page.bySex, ...page.bySpecialism].map((r) => r.occupied)).toEqual([null, null, null]);
    const map = controlledWardList(wards, withheld);
    expect(map.map((w) => w.occupied)).toEqual([null, null, 10, 30, 0]);
    expect(map.every((w) => w.disclosureControlled)).toBe(true);

    const found = findBeds(poolsOf(wards), { tier: 'low', sex: 'male', specialism: 'mental_illness', home: null, limit: 10 }, controlledVacancy(withheld));
    expect(found.map((f) => [f.vacant, f.withheld, f.disclosureControlled])).toEqual([
      [null, true, true],
      [null, true, true],
    ]);
    const medium = findBeds(poolsOf(wards), { tier: 'medium', sex: 'male', specialism: 'mental_illness', home: null, limit: 10 }, controlledVacancy(withheld));
    // 30 people in 20 beds rounds to 30: full, so not listed; the empty ward shows its 20 free beds.
    expect(medium.map((f) => f.vacant)).toEqual([20]);
  });

  it('withholds another ward in a bed map whose withheld wards would otherwise hold 1–7 people between them', () => {
    // Each unit has one small ward and nothing else to withhold beside it.
    const small = [ward({ unitId: 5, occupied: 2 }), ward({ unitId: 6, occupied: 3 }), ward({ unitId: 7, occupied: 20 }), ward({ unitId: 7, occupied: 11 })];
    const map = controlledWardList(small, withheldWards(small));
    expect(map.map((w) => w.occupied)).toEqual([null, null, 20, null]);
  });
});
