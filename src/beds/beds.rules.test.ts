import { describe, expect, it } from 'vitest';
import { wardSnapshot } from '../../test/support/ward-snapshot.js';
import { bedState, counts, distanceKm, findBeds, lengthOfStay, median, poolsOf } from './beds.rules.js';

const ward = wardSnapshot;

describe('counts', () => {
  it('keeps an over-full ward from cancelling vacancies on another', () => {
    const c = counts([ward({ commissioned: 10, closed: 2, occupied: 9 }), ward({ wardId: 2, commissioned: 10, occupied: 6 })]);
    expect(c).toEqual({ commissioned: 20, closed: 2, available: 18, occupied: 15, vacant: 4, occupancyPct: 83.3, withheld: false });
  });

  it('reports 0% rather than dividing by zero when every bed is closed', () => {
    expect(counts([ward({ commissioned: 4, closed: 4 })]).occupancyPct).toBe(0);
  });
});

describe('length of stay', () => {
  it('puts each stay in the bucket whose lower bound it reaches, on the boundary day too', () => {
    const los = lengthOfStay([ward({ stayDays: [0, 182, 183, 364, 365, 729, 730, 1825, 1826, 3651, 3652] })]);
    expect(los.buckets.map((b) => b.count)).toEqual([2, 2, 2, 2, 2, 1]);
    expect(los.medianDays).toBe(729);
  });

  it('has no median for an empty scope and averages the middle pair', () => {
    expect(median([])).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('drill-down', () => {
  const wards = [
    ward({ wardId: 1, regionId: 1, regionName: 'North' }),
    ward({ wardId: 2, regionId: 2, regionName: 'South', organisationId: 2, organisationName: 'Care Ltd', sector: 'independent' }),
  ];
  const names = (level: string, id: number) => (level === 'region' ? (id === 1 ? 'North' : 'South') : 'Testland');

  it('lists the next level down for each filter, with a breadcrumb', () => {
    expect(bedState(wards, {}, new Date(), names).childLevel).toBe('nation');
    const region = bedState(wards, { nationId: 1, regionId: 2 }, new Date(), names);
    expect(region.childLevel).toBe('organisation');
    expect(region.children.map((c) => c.name)).toEqual(['Care Ltd']);
    expect(region.scope.breadcrumb.map((b) => b.name)).toEqual(['All nations', 'Testland', 'South']);
  });
});

describe('find a bed', () => {
  it('orders by distance from home, then by free beds, and skips full wards', () => {
    const pools = poolsOf([
      ward({ wardId: 1, wardName: 'Far', latitude: 51, longitude: -1, occupied: 5 }),
      ward({ wardId: 2, wardName: 'Near small', latitude: 55, longitude: -2, occupied: 9 }),
      ward({ wardId: 3, wardName: 'Near big', latitude: 55, longitude: -2, occupied: 2 }),
      ward({ wardId: 4, wardName: 'Full', latitude: 55, longitude: -2, occupied: 10 }),
      ward({ wardId: 5, wardName: 'Women', sex: 'female', latitude: 55, longitude: -2 }),
    ]);
    const found = findBeds(pools, { tier: 'medium', sex: 'male', specialism: 'mental_illness', home: { latitude: 55, longitude: -2 }, limit: 10 });
    expect(found.map((f) => [f.wardName, f.vacant])).toEqual([
      ['Near big', 8],
      ['Near small', 1],
      ['Far', 5],
    ]);
  });

  it('measures great-circle distance (London to Glasgow is about 555 km)', () => {
    expect(Math.round(distanceKm(51.5074, -0.1278, 55.8642, -4.2518))).toBeGreaterThan(545);
    expect(Math.round(distanceKm(51.5074, -0.1278, 55.8642, -4.2518))).toBeLessThan(565);
  });
});
