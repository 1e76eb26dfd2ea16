import { SEXES, SPECIALISMS, type Sex, type Specialism } from '../shared/vocabulary.js';
import { SECURE_TIERS, type SecureTier } from './places.js';

// Beds per 100,000 population and how an area's provision compares with a comparator set: other
// areas' rates, published (HDL 2006 Appendix V) or entered by the user. Pure rules; the service reads
// the beds and populations.

export const SEX_OR_ALL = [...SEXES, 'all'] as const;
export type SexOrAll = (typeof SEX_OR_ALL)[number];
export const SPECIALISM_OR_ALL = [...SPECIALISMS, 'all'] as const;
export type SpecialismOrAll = (typeof SPECIALISM_OR_ALL)[number];

/** One area's rate in one cell (tier × sex × specialism) of a comparator set. */
export interface ComparatorEntry {
  area: string;
  population?: number;
  tier: SecureTier;
  sex: SexOrAll;
  specialism: SpecialismOrAll;
  /** Beds per 100,000; null where the source gives words instead of a figure. */
  per100k: number | null;
  /** The top of a published range (the bottom is per100k). */
  per100kUpper?: number;
  note?: string;
}

export interface ComparatorSet {
  name: string;
  description?: string;
  source?: string;
  entries: ComparatorEntry[];
}

export interface CellBeds {
  tier: SecureTier;
  sex: Sex;
  specialism: Specialism;
  beds: number;
}

export type Reading = 'below' | 'within' | 'above' | 'not-compared';

export interface ProvisionRow {
  tier: SecureTier;
  sex: SexOrAll;
  specialism: SpecialismOrAll;
  beds: number;
  per100k: number;
  comparator: {
    min: number;
    median: number;
    max: number;
    areas: { area: string; per100k: number | null; per100kUpper?: number; note?: string }[];
  } | null;
  /** Below the lowest comparator, above the highest, or within their range. */
  reading: Reading;
}

/**
 * What too few and too many beds bring (HDL 2006 §38; domain brief §8), in our own words. Shown beside
 * a rate below or above its comparators: a prompt for the planner, not a verdict.
 */
export const PROVISION_RISKS = {
  under: [
    'New beds fill as soon as they open, leaving no room for the unexpected.',
    'People stay in a higher level of security than they need while they wait to step down.',
    'More appeals against excessive security, and the fines that can follow.',
    'More placements in the independent sector, often far from home and at higher cost.',
    'High secure care cannot move people on as planned, and low secure comes under pressure.',
    'Prisoners who need hospital care wait in prison, past the 14-day transfer limit.',
  ],
  over: [
    'Beds stand empty while their costs continue: a financial risk to the commissioner and the provider.',
    'People may be detained at a higher level of security than their risk calls for.',
    'Stays lengthen and fewer people move through.',
    'Staff are hard to recruit for beds that are not needed, and money is tied up that could develop the next tier down or community services.',
  ],
} as const;

const per100k = (beds: number, population: number) => (population > 0 ? (beds * 100_000) / population : 0);
const matches = <T extends string>(cell: T, wanted: T | 'all') => wanted === 'all' || cell === wanted;
const cellKey = (tier: string, sex: string, specialism: string) => `${tier}|${sex}|${specialism}`;

/**
 * The area's beds per 100,000 in every cell where it has beds or the comparator has a figure, plus
 * a total per tier, each set against the comparator's areas where it has them.
 */
export function compareProvision(cells: readonly CellBeds[], population: number, comparator: ComparatorSet | null): ProvisionRow[] {
  const wanted = new Map<string, { tier: SecureTier; sex: SexOrAll; specialism: SpecialismOrAll }>();
  const want = (tier: SecureTier, sex: SexOrAll, specialism: SpecialismOrAll) => wanted.set(cellKey(tier, sex, specialism), { tier, sex, specialism });
  for (const tier of SECURE_TIERS) if (cells.some((c) => c.tier === tier && c.beds > 0)) want(tier, 'all', 'all');
  for (const c of cells) if (c.beds > 0) want(c.tier, c.sex, c.specialism);
  for (const e of comparator?.entries ?? []) want(e.tier, e.sex, e.specialism);

  const rows = [...wanted.values()].map((w): ProvisionRow => {
    const beds = cells.filter((c) => c.tier === w.tier && matches(c.sex, w.sex) && matches(c.specialism, w.specialism)).reduce((s, c) => s + c.beds, 0);
    const rate = per100k(beds, population);
    const entries = (comparator?.entries ?? []).filter((e) => cellKey(e.tier, e.sex, e.specialism) === cellKey(w.tier, w.sex, w.specialism));
    const figures = entries.filter((e) => e.per100k !== null);
    if (figures.length === 0) return { ...w, beds, per100k: rate, comparator: null, reading: 'not-compared' };
    const low = Math.min(...figures.map((e) => e.per100k!));
    const high = Math.max(...figures.map((e) => e.per100kUpper ?? e.per100k!));
    const mids = figures.map((e) => (e.per100k! + (e.per100kUpper ?? e.per100k!)) / 2).sort((a, b) => a - b);
    const mid = mids.length % 2 === 1 ? mids[(mids.length - 1) / 2]! : (mids[mids.length / 2 - 1]! + mids[mids.length / 2]!) / 2;
    return {
      ...w,
      beds,
      per100k: rate,
      comparator: {
        min: low,
        median: mid,
        max: high,
        areas: entries.map((e) => ({ area: e.area, per100k: e.per100k, ...(e.per100kUpper === undefined ? {} : { per100kUpper: e.per100kUpper }), ...(e.note ? { note: e.note } : {}) })),
      },
      reading: rate < low ? 'below' : rate > high ? 'above' : 'within',
    };
  });
  const order = (r: ProvisionRow) => [SECURE_TIERS.indexOf(r.tier), SEX_OR_ALL.indexOf(r.sex) === 2 ? -1 : SEX_OR_ALL.indexOf(r.sex), r.specialism === 'all' ? -1 : SPECIALISMS.indexOf(r.specialism)];
  return rows.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
}
