import type { ComparatorEntry, ComparatorSet } from './provision.rules.js';

// The benchmarking tables of Scottish Executive HDL (2006), *Forensic Mental Health Services*,
// Appendix V ("Benchmarking with England"): secure beds per 100,000 population in eight English
// strategic health authorities and the three Scottish regions, transcribed figure for figure.
// "Male/Female Mental Disorder" is carried as mental illness; the Scottish learning disability rows
// are not split by sex; a published range (Scottish women's low secure) keeps both ends; a blank
// cell is left out; the English learning disability "Total" column (a sum, not a cell) is not carried.

const SOURCE = 'Scottish Executive HDL (2006), Forensic Mental Health Services, Appendix V';

type Row = [area: string, millions: number, ...rates: (number | [number, number] | null | string)[]];

/** One entry per published cell of a table whose columns are the given (tier, sex, specialism). */
function table(rows: Row[], columns: Pick<ComparatorEntry, 'tier' | 'sex' | 'specialism'>[]): ComparatorEntry[] {
  return rows.flatMap(([area, millions, ...cells]) =>
    columns.flatMap((column, i): ComparatorEntry[] => {
      const cell = cells[i];
      const population = Math.round(millions * 1_000_000);
      if (cell === null || cell === undefined) return [];
      if (typeof cell === 'string') return [{ area, population, ...column, per100k: null, note: cell }];
      if (Array.isArray(cell)) return [{ area, population, ...column, per100k: cell[0], per100kUpper: cell[1] }];
      return [{ area, population, ...column, per100k: cell }];
    }),
  );
}

const LOW_MED_MALE_MI = [
  { tier: 'low', sex: 'male', specialism: 'mental_illness' },
  { tier: 'medium', sex: 'male', specialism: 'mental_illness' },
] as const;
const LOW_MED_FEMALE_MI = [
  { tier: 'low', sex: 'female', specialism: 'mental_illness' },
  { tier: 'medium', sex: 'female', specialism: 'mental_illness' },
] as const;

export const ENGLAND_2006: ComparatorSet = {
  name: 'England 2006: eight strategic health authorities',
  description:
    'Secure beds per 100,000 population in 2006 in English strategic health authorities of a size comparable to the Scottish regions. England had no agreed definition of medium or low secure at the time, so like-named services may differ.',
  source: SOURCE,
  entries: [
    ...table(
      [
        ['Trent', 2.7, 5.37, 5.18],
        ['Cheshire & Mersey', 2.7, 0.63, 1.26],
        ['Cumbria & Lancashire', 2.4, 2.63, 0.67],
        ['Greater Manchester', 2.7, 0, 5.6],
        ['Northumberland, Tyne & Wear', 1.7, 0.35, 1.35],
        ['South Yorkshire', 1.5, 0, 3.8],
        ['North & East Yorkshire', 1.6, 0, 7.38],
        ['Co Durham & Tees Valley', 1.1, 0, 4.9],
      ],
      [...LOW_MED_MALE_MI],
    ),
    ...table(
      [
        ['Trent', 2.7, 1.81, 1.93],
        ['Cheshire & Mersey', 2.7, 0.12, 0.56],
        ['Cumbria & Lancashire', 2.4, 0.46, 0],
        ['Greater Manchester', 2.7, 0, 0.44],
        ['Northumberland, Tyne & Wear', 1.7, 0, 0.12],
        ['South Yorkshire', 1.5, 0, 0.87],
        ['North & East Yorkshire', 1.6, 0, 1.44],
        ['Co Durham & Tees Valley', 1.1, 0, 0.82],
      ],
      [...LOW_MED_FEMALE_MI],
    ),
    ...table(
      [
        ['Trent', 2.7, 0.34, 6.3, 0, 0.26],
        ['Cheshire & Mersey', 2.7, 0, 0, 0, 0],
        ['Cumbria & Lancashire', 2.4, 0, 0.42, 0, 0.21],
        ['Greater Manchester', 2.7, 0, 0, 0, 0],
        ['Northumberland, Tyne & Wear', 1.7, 0, 0, 0, 0],
        ['South Yorkshire', 1.5, 0, 0.67, 0, 0],
        ['North & East Yorkshire', 1.6, 2.81, 2.94, 0.13, 1.06],
        ['Co Durham & Tees Valley', 1.1, 0, 0, 0, 0],
      ],
      [
        { tier: 'low', sex: 'male', specialism: 'learning_disability' },
        { tier: 'medium', sex: 'male', specialism: 'learning_disability' },
        { tier: 'low', sex: 'female', specialism: 'learning_disability' },
        { tier: 'medium', sex: 'female', specialism: 'learning_disability' },
      ],
    ),
  ],
};

export const SCOTLAND_2006: ComparatorSet = {
  name: 'Scotland 2006: regional proposals',
  description:
    "The beds per 100,000 population proposed for Scotland's three regions in 2006. Women's low secure figures are ranges: about half of women's beds were planned in mixed units, assumed 15% women.",
  source: SOURCE,
  entries: [
    ...table(
      [
        ['West', 2.3, 3.48, 2.6],
        ['South East', 1.5, 2.6, 2.0],
        ['North', 1.2, 3.34, 2.5],
      ],
      [...LOW_MED_MALE_MI],
    ),
    ...table(
      [
        ['West', 2.3, [0.35, 0.52], 0.16],
        ['South East', 1.5, [0.27, 0.4], null],
        ['North', 1.2, [0.34, 0.5], null],
      ],
      [...LOW_MED_FEMALE_MI],
    ),
    ...table(
      [
        ['West', 2.3, 0.35, 0.7],
        ['South East', 1.5, 1.47, 'Linked with North'],
        ['North', 1.2, 2.67, 0.3],
      ],
      [
        { tier: 'low', sex: 'all', specialism: 'learning_disability' },
        { tier: 'medium', sex: 'all', specialism: 'learning_disability' },
      ],
    ),
  ],
};

export const EXAMPLE_COMPARATORS: Record<string, ComparatorSet> = {
  'england-2006': ENGLAND_2006,
  'scotland-2006': SCOTLAND_2006,
};
