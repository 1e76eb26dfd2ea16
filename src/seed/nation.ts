import type { CommissioningLevel, Sector, ServiceType, Sex, Specialism, Tier } from '../shared/vocabulary.js';
import { wardTier } from '../directory/directory.rules.js';
import { Random } from './random.js';

// The synthetic directory: the nations and regions of Great Britain with real populations and
// approximate centres, and invented providers, units and wards sized to the brief (about 700 high,
// 3,500 medium and 3,500 low secure beds at scale 1; 35% of secure beds independent).

export interface GenRegion {
  code: string;
  name: string;
  nation: string;
  population: number;
  latitude: number;
  longitude: number;
}

export const NATIONS = [
  { code: 'ENG', name: 'England' },
  { code: 'WLS', name: 'Wales' },
  { code: 'SCO', name: 'Scotland' },
] as const;

export const REGIONS: GenRegion[] = [
  { code: 'E-NEY', name: 'North East and Yorkshire', nation: 'ENG', population: 8_100_000, latitude: 54.2, longitude: -1.5 },
  { code: 'E-NW', name: 'North West', nation: 'ENG', population: 7_400_000, latitude: 53.6, longitude: -2.6 },
  { code: 'E-MID', name: 'Midlands', nation: 'ENG', population: 10_900_000, latitude: 52.6, longitude: -1.6 },
  { code: 'E-EOE', name: 'East of England', nation: 'ENG', population: 6_400_000, latitude: 52.3, longitude: 0.4 },
  { code: 'E-LON', name: 'London', nation: 'ENG', population: 8_900_000, latitude: 51.5, longitude: -0.1 },
  { code: 'E-SE', name: 'South East', nation: 'ENG', population: 9_300_000, latitude: 51.2, longitude: -0.8 },
  { code: 'E-SW', name: 'South West', nation: 'ENG', population: 5_700_000, latitude: 50.9, longitude: -3.3 },
  { code: 'W-N', name: 'North Wales', nation: 'WLS', population: 700_000, latitude: 53.1, longitude: -3.8 },
  { code: 'W-S', name: 'South and West Wales', nation: 'WLS', population: 2_400_000, latitude: 51.7, longitude: -3.4 },
  { code: 'S-N', name: 'North of Scotland', nation: 'SCO', population: 1_200_000, latitude: 57.4, longitude: -3.5 },
  { code: 'S-SE', name: 'South East Scotland', nation: 'SCO', population: 1_500_000, latitude: 55.9, longitude: -3.1 },
  { code: 'S-W', name: 'West of Scotland', nation: 'SCO', population: 2_300_000, latitude: 55.8, longitude: -4.3 },
];

export interface GenOrganisation {
  code: string;
  name: string;
  sector: Sector;
  region: number;
}
export interface GenUnit {
  code: string;
  name: string;
  organisation: number;
  region: number;
  serviceType: ServiceType;
  commissioningLevel: CommissioningLevel;
}
export interface GenWard {
  code: string;
  name: string;
  unit: number;
  region: number;
  tier: Tier;
  securityLevel: number;
  sex: Sex;
  specialism: Specialism;
  commissioned: number;
  closed: number;
}

export interface GenDirectory {
  regions: GenRegion[];
  organisations: GenOrganisation[];
  units: GenUnit[];
  wards: GenWard[];
}

const WARD_NAMES = [
  'Ash', 'Beech', 'Birch', 'Cedar', 'Elm', 'Hazel', 'Holly', 'Juniper', 'Larch', 'Linden', 'Maple', 'Oak', 'Pine', 'Rowan',
  'Willow', 'Yew', 'Alder', 'Aspen', 'Hawthorn', 'Poplar', 'Sycamore', 'Chestnut', 'Heather', 'Bracken', 'Fern', 'Thistle',
  'Kestrel', 'Merlin', 'Heron', 'Curlew', 'Lapwing', 'Osprey', 'Wren', 'Linnet', 'Plover', 'Swift', 'Avon', 'Severn',
  'Tamar', 'Tweed', 'Wye', 'Ouse', 'Trent', 'Dee', 'Tay', 'Spey', 'Clyde', 'Derwent',
];
const PLACE_WORDS = ['Brook', 'Field', 'Moor', 'Vale', 'Bridge', 'Hill', 'Lea', 'Mead', 'Wood', 'Ford', 'Haven', 'Gate'];
const PLACE_STEMS = ['Ash', 'Thorn', 'Stan', 'Kings', 'Marl', 'Wick', 'Bram', 'Rad', 'Hal', 'Cal', 'Fen', 'Glen', 'Ard', 'Brack', 'Lang', 'West', 'East', 'North', 'Elm', 'Oak'];
const INDEPENDENT_GROUPS = ['Elmstead Healthcare', 'Cedarbrook Care Group', 'Harbour Lane Hospitals', 'Northgate Partnerships'];

/** High secure hospitals: national services, one per large nation area. */
const HIGH_SECURE = [
  { region: 'E-NW', beds: 200 },
  { region: 'E-MID', beds: 200 },
  { region: 'E-SE', beds: 180 },
  { region: 'S-W', beds: 140 },
];

const MEDIUM_BEDS = 3450;
const LOW_BEDS = 3500;
const PICU_BEDS_PER_REGION = 8;
const GENERAL_BEDS_PER_REGION = 12;
const INDEPENDENT_SHARE = 0.43;

const SPECIALISM_MIX: Record<Specialism, number> = {
  mental_illness: 70,
  learning_disability: 10,
  personality_disorder: 8,
  autism: 4,
  acquired_brain_injury: 2,
  deaf: 1,
  adolescent: 5,
};

export function generateDirectory(scale: number, seed: number): GenDirectory {
  const rng = new Random(seed ^ 0x5eed);
  const organisations: GenOrganisation[] = [];
  const units: GenUnit[] = [];
  const wards: GenWard[] = [];
  const usedPlaceNames = new Set<string>();
  const regionIndex = new Map(REGIONS.map((r, i) => [r.code, i]));
  const totalPop = REGIONS.reduce((s, r) => s + r.population, 0);

  const placeName = () => {
    for (let attempt = 0; ; attempt++) {
      const base = `${rng.pick(PLACE_STEMS)}${rng.pick(PLACE_WORDS).toLowerCase()}`;
      // Past a few collisions the name space is crowded (large scales): qualify the name.
      const n = attempt < 8 ? base : `${base} ${rng.pick(['Park', 'Green', 'Cross', 'Court', 'House', 'Grange'])} ${attempt}`;
      if (!usedPlaceNames.has(n)) {
        usedPlaceNames.add(n);
        return n;
      }
    }
  };

  // NHS trusts: two per region per scale step; independent groups operate across regions.
  const nhsTrusts = new Map<number, number[]>();
  for (let copy = 0; copy < scale; copy++) {
    REGIONS.forEach((r, ri) => {
      for (let k = 0; k < 2; k++) {
        const n = organisations.length;
        organisations.push({ code: `NHS-${r.code.replace('-', '')}${copy}${k}`, name: `${placeName()} NHS ${r.nation === 'SCO' ? 'Board' : 'Trust'}`, sector: 'nhs', region: ri });
        nhsTrusts.set(ri, [...(nhsTrusts.get(ri) ?? []), n]);
      }
    });
  }
  const independents: number[] = [];
  for (let copy = 0; copy < scale; copy++) {
    INDEPENDENT_GROUPS.forEach((g, gi) => {
      independents.push(organisations.length);
      organisations.push({ code: `IND-${gi}${copy}`, name: scale > 1 ? `${g} ${copy + 1}` : g, sector: 'independent', region: regionIndex.get(['E-LON', 'E-MID', 'E-SE', 'E-NW'][gi]!)! });
    });
  }

    const addUnit = (u: Omit<GenUnit, 'code'>, tier: Tier | null, beds: number, forced?: { sex?: Sex; specialism?: Specialism }) => {
    const unitIdx = units.length;
    const code = `U${String(unitIdx + 1).padStart(4, '0')}`;
    units.push({ ...u, code });
    if (!tier) return;
    let left = beds;
    const nameBase = rng.int(0, WARD_NAMES.length - 1);
    let w = 0;
    while (left > 0) {
      const size = Math.min(left, tier === 'high' ? rng.int(12, 16) : rng.int(10, 16));
      left -= size;
      const specialism = forced?.specialism ?? (w === 0 ? 'mental_illness' : rng.weighted(SPECIALISM_MIX));
      const sex = forced?.sex ?? (rng.chance(0.85) ? 'male' : 'female');
      const securityLevel = tier === 'high' ? 3 : tier === 'medium' ? 2 : tier === 'low' ? 1 : 0;
      wards.push({
        code: `${code}-${String(w + 1).padStart(2, '0')}`,
        name: `${WARD_NAMES[(nameBase + w) % WARD_NAMES.length]} Ward`,
        unit: unitIdx,
        region: u.region,
        tier: wardTier(securityLevel, u.serviceType),
        securityLevel,
        sex,
        specialism,
        commissioned: size,
        // About one ward in twelve has beds closed (refurbishment, staffing).
        closed: rng.chance(1 / 12) ? rng.int(1, Math.min(4, size - 1)) : 0,
      });
      w++;
    }
  };

  for (let copy = 0; copy < scale; copy++) {
    for (const h of HIGH_SECURE) {
      const ri = regionIndex.get(h.region)!;
      addUnit(
        { name: `${placeName()} Hospital`, organisation: nhsTrusts.get(ri)![copy * 2]!, region: ri, serviceType: 'high_secure', commissioningLevel: 'national' },
        'high',
        h.beds,
        { sex: 'male' },
      );
    }
    // Medium and low beds in proportion to population, split into units of 40–90 (medium) and 20–60 (low).
    for (const [tier, total, min, max] of [
      ['medium', MEDIUM_BEDS, 40, 90],
      ['low', LOW_BEDS, 20, 60],
    ] as const) {
      REGIONS.forEach((r, ri) => {
        let left = Math.round((total * r.population) / totalPop);
        while (left > 0) {
          const beds = Math.min(left, rng.int(min, max));
          left -= beds;
          const independent = rng.chance(INDEPENDENT_SHARE);
          const organisation = independent ? independents[copy * INDEPENDENT_GROUPS.length + rng.int(0, INDEPENDENT_GROUPS.length - 1)]! : rng.pick(nhsTrusts.get(ri)!.slice(copy * 2, copy * 2 + 2));
          const serviceType = tier === 'medium' ? 'medium_secure' : 'low_secure';
          addUnit({ name: `${placeName()} ${independent ? 'Hospital' : 'Unit'}`, organisation, region: ri, serviceType, commissioningLevel: tier === 'medium' ? 'regional' : 'local' }, tier, beds);
        }
      });
    }
    REGIONS.forEach((r, ri) => {
      const trust = nhsTrusts.get(ri)![copy * 2 + 1]!;
      addUnit({ name: `${placeName()} PICU`, organisation: trust, region: ri, serviceType: 'picu', commissioningLevel: 'local' }, 'picu', PICU_BEDS_PER_REGION, { specialism: 'mental_illness' });
      addUnit({ name: `${placeName()} Acute Unit`, organisation: trust, region: ri, serviceType: 'general_psychiatric', commissioningLevel: 'local' }, 'general', GENERAL_BEDS_PER_REGION, { specialism: 'mental_illness' });
      addUnit({ name: `${r.name} Community Forensic Team`, organisation: trust, region: ri, serviceType: 'community_forensic', commissioningLevel: 'local' }, null, 0);
      addUnit({ name: `HMP ${placeName()}`, organisation: trust, region: ri, serviceType: 'prison', commissioningLevel: 'local' }, null, 0);
    });
  }
  return { regions: REGIONS, organisations, units, wards };
}
