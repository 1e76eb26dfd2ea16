import { SEXES, SPECIALISMS, TIERS, type Sex, type Specialism, type Tier } from '../shared/vocabulary.js';
import type { BedCounts, BedState, ScopeLevel, ScopeQuery, WardBeds } from './beds.schema.js';

/** One ward as the bed-state snapshot holds it: where it sits, what it holds, who is in it. */
export interface WardSnapshot {
  wardId: number;
  wardName: string;
  unitId: number;
  unitName: string;
  organisationId: number;
  organisationName: string;
  sector: 'nhs' | 'independent';
  regionId: number;
  regionName: string;
  nationId: number;
  nationName: string;
  latitude: number;
  longitude: number;
  tier: Tier;
  securityLevel: number;
  sex: Sex;
  specialism: Specialism;
  commissioned: number;
  closed: number;
  occupied: number;
  /** Completed days of stay of each person on the ward now. */
  stayDays: number[];
}

export function counts(wards: readonly WardSnapshot[]): BedCounts {
  let commissioned = 0;
  let closed = 0;
  let occupied = 0;
  let vacant = 0;
  for (const w of wards) {
    commissioned += w.commissioned;
    closed += w.closed;
    occupied += w.occupied;
    // Vacancy is per ward: an over-full ward does not cancel free beds elsewhere.
    vacant += Math.max(0, w.commissioned - w.closed - w.occupied);
  }
  const available = commissioned - closed;
  return { commissioned, closed, available, occupied, vacant, occupancyPct: occupancyPct(occupied, available), withheld: false };
}

/** occupied ÷ available × 100 to one decimal; 0 when nothing is available. */
export const occupancyPct = (occupied: number, available: number) => (available > 0 ? Math.round((occupied / available) * 1000) / 10 : 0);

const FILTER_ORDER: { key: keyof ScopeQuery; level: ScopeLevel; id: (w: WardSnapshot) => number; name: (w: WardSnapshot) => string }[] = [
  { key: 'nationId', level: 'nation', id: (w) => w.nationId, name: (w) => w.nationName },
  { key: 'regionId', level: 'region', id: (w) => w.regionId, name: (w) => w.regionName },
  { key: 'organisationId', level: 'organisation', id: (w) => w.organisationId, name: (w) => w.organisationName },
  { key: 'unitId', level: 'unit', id: (w) => w.unitId, name: (w) => w.unitName },
  { key: 'wardId', level: 'ward', id: (w) => w.wardId, name: (w) => w.wardName },
];

export function filterWards(wards: readonly WardSnapshot[], scope: ScopeQuery): WardSnapshot[] {
  const active = FILTER_ORDER.filter((f) => scope[f.key] !== undefined);
  return wards.filter((w) => active.every((f) => f.id(w) === scope[f.key]));
}

export const LOS_BUCKETS = [
  { label: 'Under 6 months', minDays: 0 },
  { label: '6–12 months', minDays: 183 },
  { label: '1–2 years', minDays: 365 },
  { label: '2–5 years', minDays: 730 },
  { label: '5–10 years', minDays: 1826 },
  { label: '10 years or more', minDays: 3652 },
] as const;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function lengthOfStay(wards: readonly WardSnapshot[]): BedState['lengthOfStay'] {
  const all = wards.flatMap((w) => w.stayDays);
  const tally: number[] = LOS_BUCKETS.map(() => 0);
  for (const d of all) {
    let i = LOS_BUCKETS.length - 1;
    while (i > 0 && d < LOS_BUCKETS[i]!.minDays) i--;
    tally[i]!++;
  }
  const buckets = LOS_BUCKETS.map((b, i) => ({ label: b.label, minDays: b.minDays, count: tally[i]!, withheld: false }));
  return { medianDays: median(all), medianWithheld: false, buckets };
}

function groupCounts<K extends string | number>(wards: readonly WardSnapshot[], key: (w: WardSnapshot) => K) {
  const groups = new Map<K, WardSnapshot[]>();
  for (const w of wards) {
    const k = key(w);
    const list = groups.get(k);
    if (list) list.push(w);
    else groups.set(k, [w]);
  }
  return groups;
}

/** The bed state of a scope: totals, breakdowns, the next level down and length of stay. */
export function bedState(all: readonly WardSnapshot[], scope: ScopeQuery, asOf: Date, names: (level: ScopeLevel, id: number) => string | undefined): BedState {
  const wards = filterWards(all, scope);
  const active = FILTER_ORDER.filter((f) => scope[f.key] !== undefined);
  const deepest = active.at(-1);
  const next = deepest ? FILTER_ORDER[FILTER_ORDER.indexOf(deepest) + 1] : FILTER_ORDER[0];
  const breadcrumb = [
    { level: 'all' as const, id: null, name: 'All nations' },
    ...active.map((f) => ({ level: f.level, id: scope[f.key]!, name: names(f.level, scope[f.key]!) ?? 'Unknown' })),
  ];
  const byTier = groupCounts(wards, (w) => w.tier);
  const bySex = groupCounts(wards, (w) => w.sex);
  const bySpecialism = groupCounts(wards, (w) => w.specialism);
  const children = next
    ? [...groupCounts(wards, next.id)].map(([id, list]) => ({ id, name: next.name(list[0]!), ...counts(list) })).sort((a, b) => a.name.localeCompare(b.name))
    : [];
  return {
    scope: { level: deepest?.level ?? 'all', name: breadcrumb.at(-1)!.name, breadcrumb },
    ...counts(wards),
    byTier: TIERS.filter((t) => byTier.has(t)).map((tier) => ({ tier, ...counts(byTier.get(tier)!) })),
    bySex: SEXES.filter((s) => bySex.has(s)).map((sex) => ({ sex, ...counts(bySex.get(sex)!) })),
    bySpecialism: SPECIALISMS.filter((s) => bySpecialism.has(s)).map((specialism) => ({ specialism, ...counts(bySpecialism.get(specialism)!) })),
    childLevel: next?.level ?? null,
    children,
    lengthOfStay: lengthOfStay(wards),
    disclosureControlled: false,
    asOf: asOf.toISOString(),
  };
}

export function toWardBeds(w: WardSnapshot): WardBeds {
  const c = counts([w]);
  return {
    wardId: w.wardId,
    wardName: w.wardName,
    unitId: w.unitId,
    unitName: w.unitName,
    organisationName: w.organisationName,
    tier: w.tier,
    securityLevel: w.securityLevel,
    sex: w.sex,
    specialism: w.specialism,
    ...c,
    disclosureControlled: false,
  };
}

/** Great-circle distance in km between two points (haversine), for "nearest to home" ordering. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface BedSearch {
  tier: Tier;
  sex: Sex;
  specialism: Specialism;
  home: { latitude: number; longitude: number } | null;
  limit: number;
}

export const poolKey = (tier: Tier, sex: Sex, specialism: Specialism) => `${tier}|${sex}|${specialism}`;

/** Wards grouped by what they take, so a search reads only its own pool. */
export function poolsOf(wards: readonly WardSnapshot[]): Map<string, WardSnapshot[]> {
  const pools = new Map<string, WardSnapshot[]>();
  for (const w of wards) {
    const key = poolKey(w.tier, w.sex, w.specialism);
    const pool = pools.get(key);
    if (pool) pool.push(w);
    else pools.set(key, [w]);
  }
  return pools;
}

/**
 * Wards with a vacant bed that match, nearest first to home (then most vacancies, then name).
 * `control` is given for roles that see aggregates only: a ward's vacancy is then worked out from its
 * disclosure-controlled occupancy (see beds.disclosure.ts), and whether a ward is listed depends on
 * nothing else, so the list cannot reveal an exact count either.
 */
export function findBeds(pools: ReadonlyMap<string, readonly WardSnapshot[]>, s: BedSearch, control?: (w: WardSnapshot) => number | null) {
  return (pools.get(poolKey(s.tier, s.sex, s.specialism)) ?? [])
    .map((w) => {
      const available = w.commissioned - w.closed;
      const vacant = control ? control(w) : available - w.occupied;
      // A ward whose figures are withheld may have room: listed, its vacancy withheld.
      const listed = vacant === null ? available > 0 : vacant > 0;
      return { w, vacant, listed, km: s.home ? distanceKm(s.home.latitude, s.home.longitude, w.latitude, w.longitude) : 0 };
    })
    .filter((m) => m.listed)
    .sort((a, b) => a.km - b.km || (b.vacant ?? 0) - (a.vacant ?? 0) || a.w.wardName.localeCompare(b.w.wardName))
    .slice(0, s.limit)
    .map(({ w, vacant, km }) => ({
      wardId: w.wardId,
      wardName: w.wardName,
      unitId: w.unitId,
      unitName: w.unitName,
      organisationName: w.organisationName,
      sector: w.sector,
      regionId: w.regionId,
      regionName: w.regionName,
      distanceKm: Math.round(km),
      vacant,
      withheld: vacant === null,
      securityLevel: w.securityLevel,
      disclosureControlled: control !== undefined,
    }));
}
