import { describe, expect, it } from 'vitest';
import { ENGLAND_2006, SCOTLAND_2006 } from './comparators-2006.js';
import { compareProvision, PROVISION_RISKS, type CellBeds } from './provision.rules.js';

// Beds per 100,000 against a comparator set, and the shipped HDL 2006 Appendix V tables.

const cells: CellBeds[] = [
  { tier: 'medium', sex: 'male', specialism: 'mental_illness', beds: 27 },
  { tier: 'medium', sex: 'female', specialism: 'mental_illness', beds: 9 },
  { tier: 'low', sex: 'male', specialism: 'mental_illness', beds: 270 },
  { tier: 'low', sex: 'male', specialism: 'learning_disability', beds: 3 },
];
const population = 2_700_000;

describe('beds per 100,000 against comparators', () => {
  const rows = compareProvision(cells, population, ENGLAND_2006);
  const row = (tier: string, sex: string, specialism: string) => rows.find((r) => r.tier === tier && r.sex === sex && r.specialism === specialism)!;

  it('gives each cell and each tier its rate', () => {
    expect(row('medium', 'male', 'mental_illness')).toMatchObject({ beds: 27, per100k: 1 });
    expect(row('medium', 'all', 'all')).toMatchObject({ beds: 36, per100k: 36 / 27 });
    expect(row('low', 'all', 'all').beds).toBe(273);
    // Tier totals first, then men, then women, each in specialism order.
    expect(rows.slice(0, 3).map((r) => [r.tier, r.sex, r.specialism])).toEqual([
      ['medium', 'all', 'all'],
      ['medium', 'male', 'mental_illness'],
      ['medium', 'male', 'learning_disability'],
    ]);
  });

  it('reads each rate against the range of the comparator areas', () => {
    // Men's medium: English SHAs 0.67 to 7.38; 1.0 is inside.
    expect(row('medium', 'male', 'mental_illness')).toMatchObject({ reading: 'within', comparator: { min: 0.67, max: 7.38 } });
    // Men's low: 10 per 100,000 is above every SHA (highest 5.37).
    expect(row('low', 'male', 'mental_illness').reading).toBe('above');
    // Women's medium learning disability: none here, 0 to 1.06 there, so within (no beds is not below 0).
    expect(row('medium', 'female', 'learning_disability')).toMatchObject({ beds: 0, reading: 'within' });
    expect(row('medium', 'all', 'all').reading).toBe('not-compared');
    const scarce = compareProvision([{ tier: 'medium', sex: 'male', specialism: 'mental_illness', beds: 10 }], population, ENGLAND_2006);
    expect(scarce.find((r) => r.sex === 'male' && r.specialism === 'mental_illness')!.reading).toBe('below');
  });

  it('takes both ends of a published range, and leaves out a cell given in words', () => {
    const scot = compareProvision([{ tier: 'low', sex: 'female', specialism: 'mental_illness', beds: 12 }], 2_300_000, SCOTLAND_2006);
    expect(scot.find((r) => r.tier === 'low' && r.sex === 'female')!.comparator).toMatchObject({ min: 0.27, max: 0.52 });
    const ld = compareProvision([], 1_500_000, SCOTLAND_2006).find((r) => r.tier === 'medium' && r.specialism === 'learning_disability')!;
    expect(ld.comparator!.areas.map((a) => [a.area, a.per100k, a.note ?? ''])).toEqual([
      ['West', 0.7, ''],
      ['South East', null, 'Linked with North'],
      ['North', 0.3, ''],
    ]);
    expect(ld.comparator).toMatchObject({ min: 0.3, max: 0.7, median: 0.5 });
  });

  it('names the risks of too few and too many beds', () => {
    expect(PROVISION_RISKS.under.join(' ')).toMatch(/prison/i);
    expect(PROVISION_RISKS.over.join(' ')).toMatch(/empty/i);
  });
});

describe('the shipped HDL 2006 Appendix V tables', () => {
  const figure = (set: typeof ENGLAND_2006, area: string, tier: string, sex: string, specialism: string) =>
    set.entries.find((e) => e.area === area && e.tier === tier && e.sex === sex && e.specialism === specialism);

  it('carry every published cell, figure for figure', () => {
    expect(ENGLAND_2006.entries).toHaveLength(64);
    expect(SCOTLAND_2006.entries).toHaveLength(16);
    expect(figure(ENGLAND_2006, 'Trent', 'low', 'male', 'mental_illness')).toMatchObject({ per100k: 5.37, population: 2_700_000 });
    expect(figure(ENGLAND_2006, 'North & East Yorkshire', 'medium', 'male', 'mental_illness')?.per100k).toBe(7.38);
    expect(figure(ENGLAND_2006, 'Cumbria & Lancashire', 'medium', 'female', 'mental_illness')?.per100k).toBe(0);
    expect(figure(ENGLAND_2006, 'North & East Yorkshire', 'medium', 'female', 'learning_disability')?.per100k).toBe(1.06);
    expect(figure(ENGLAND_2006, 'Co Durham & Tees Valley', 'medium', 'male', 'mental_illness')).toMatchObject({ per100k: 4.9, population: 1_100_000 });
    expect(figure(SCOTLAND_2006, 'West', 'low', 'female', 'mental_illness')).toMatchObject({ per100k: 0.35, per100kUpper: 0.52 });
    expect(figure(SCOTLAND_2006, 'South East', 'medium', 'female', 'mental_illness')).toBeUndefined();
    expect(figure(SCOTLAND_2006, 'North', 'low', 'all', 'learning_disability')?.per100k).toBe(2.67);
    expect(figure(SCOTLAND_2006, 'South East', 'medium', 'male', 'mental_illness')?.per100k).toBe(2.0);
  });
});
