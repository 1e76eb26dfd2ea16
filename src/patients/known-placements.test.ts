import { describe, expect, it } from 'vitest';
import { KnownPlacementsCache } from './known-placements.js';
import type { PlacementRow } from './patients.repo.js';

const placement = (id: number, wardName: string): PlacementRow => ({
  id,
  ward_id: 1,
  ward_name: wardName,
  unit_id: 1,
  unit_name: 'Unit',
  organisation_id: 1,
  region_id: 1,
  nation_id: 1,
  organisation_name: 'Trust',
  sector: 'nhs',
  region_name: 'North',
  tier: 'medium',
  security_level: 2,
  specialism: 'mental_illness',
  admitted_at: new Date('2026-01-01T00:00:00Z'),
  ended_at: null,
  start_kind: 'admission',
  source: 'community',
  direction: null,
  end_reason: null,
  destination: null,
  over_capacity_reason: null,
});

describe('placements kept between record reads', () => {
  it('gives back what a read kept, under its stamp', () => {
    const cache = new KnownPlacementsCache(10, 60_000, () => 0);
    expect(cache.get(7)).toBeUndefined();
    cache.remember(7, '1:10.500', [placement(10, 'Ash Ward')]);
    expect(cache.get(7)).toMatchObject({ stamp: '1:10.500', placements: [{ ward_name: 'Ash Ward' }] });
    cache.remember(7, '2:10.500', [placement(10, 'Ash Ward (renamed)')]);
    expect(cache.get(7)).toMatchObject({ stamp: '2:10.500', placements: [{ ward_name: 'Ash Ward (renamed)' }] });
  });

  it('drops the least recently read patient first when full', () => {
    const cache = new KnownPlacementsCache(2, 60_000, () => 0);
    cache.remember(1, 'a', []);
    cache.remember(2, 'b', []);
    cache.get(1); // 2 is now the least recently read
    cache.remember(3, 'c', []);
    expect([cache.get(1)?.stamp, cache.get(2)?.stamp, cache.get(3)?.stamp]).toEqual(['a', undefined, 'c']);
    expect(cache.size).toBe(2);
  });

  it('reads afresh once an entry is older than the limit, even if it was read often', () => {
    let now = 0;
    const cache = new KnownPlacementsCache(10, 1_000, () => now);
    cache.remember(1, 'a', []);
    now = 1_000;
    expect(cache.get(1)?.stamp).toBe('a');
    now = 1_001;
    expect(cache.get(1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when given no room', () => {
    const cache = new KnownPlacementsCache(0, 1_000, () => 0);
    cache.remember(1, 'a', []);
    expect(cache.get(1)).toBeUndefined();
  });
});
