import { distanceKm } from '../beds/beds.rules.js';
import type { AdmissionSource, DischargeDestination, Sex, Specialism, Tier } from '../shared/vocabulary.js';
import { transferDirection } from '../placements/placements.rules.js';
import { EventHeap } from './event-heap.js';
import type { GenDirectory } from './nation.js';
import { PeopleFactory, type GenPatient } from './people.js';
import { Random } from './random.js';

// Years of pathway history, made by simulating the secure system day by day: people are admitted
// when a bed frees, stay for a length drawn per tier, then step down, step up, move sideways or
// leave. A step to a full tier waits in the current bed, as it does in life. The mixes are
// calibrated to the brief (domain-brief §2): a third of high/medium stays end within two years,
// nearly half last over five; medium secure discharges go 27% community, 26.5% criminal justice,
// 34% low secure.

const DAY_MS = 86_400_000;
const YEAR = 365.25;

export interface GenPlacement {
  patient: number;
  ward: number;
  start: number;
  end: number | null;
  startKind: 'admission' | 'transfer';
  source: AdmissionSource | null;
  direction: 'up' | 'down' | 'sideways' | null;
  endReason: 'transfer' | 'discharge' | null;
  destination: DischargeDestination | null;
}

type Next = 'high' | 'medium' | 'low' | DischargeDestination;

/** Where a stay at each tier leads (per cent). Medium follows the 20-year follow-up in the brief. */
export const NEXT_STEP: Record<Tier, Record<Next, number>> = {
  high: { medium: 70, low: 5, prison_court: 10, community: 4, died: 6, general_hospital: 2, other: 3, high: 0 },
  medium: { community: 27, prison_court: 26.5, low: 34, high: 3, general_hospital: 3, died: 2, other: 4.5, medium: 0 },
  low: { community: 58, medium: 10, prison_court: 14, general_hospital: 6, died: 3, other: 8, high: 1, low: 0 },
  picu: { community: 55, general_hospital: 25, low: 8, medium: 7, other: 5, died: 0, prison_court: 0, high: 0 },
  general: { community: 85, low: 5, medium: 3, other: 4, died: 1, general_hospital: 2, prison_court: 0, high: 0 },
};

const SOURCES: Record<Tier, Partial<Record<AdmissionSource, number>>> = {
  high: { prison: 60, court: 20, community: 5, general_hospital: 5, other: 10 },
  medium: { prison: 40, court: 25, police_custody: 5, community: 10, general_hospital: 10, picu: 5, other: 5 },
  low: { community: 30, general_hospital: 25, court: 15, prison: 15, picu: 10, other: 5 },
  picu: { general_hospital: 50, community: 40, police_custody: 10 },
  general: { community: 80, police_custody: 10, other: 10 },
};

/** Length of a stay at a tier, in days. */
function stayDays(rng: Random, tier: Tier): number {
  switch (tier) {
    case 'high':
    case 'medium': {
      const r = rng.next();
      if (r < 0.33) return rng.uniform(45, 2 * YEAR);
      if (r < 0.53) return rng.uniform(2 * YEAR, 5 * YEAR);
      return Math.min(5 * YEAR + rng.lognormal(1100, 0.8), 25 * YEAR);
    }
    case 'low':
      return Math.min(rng.lognormal(550, 0.8), 12 * YEAR);
    case 'picu':
      return Math.max(3, rng.lognormal(35, 0.6));
    case 'general':
      return Math.max(2, rng.lognormal(40, 0.7));
  }
}

/** Mean days a freed bed stands empty before the next admission (sets occupancy near 93%). */
const REFILL_GAP_DAYS: Record<Tier, number> = { high: 330, medium: 400, low: 80, picu: 1.5, general: 1.5 };
const INITIAL_OCCUPANCY = 0.93;
const TRANSFER_RETRY_DAYS = 21;
const TRANSFER_MAX_RETRIES = 8;
const READMISSION_SHARE = 0.2;

interface Person {
  sex: Sex;
  specialism: Specialism;
  bornMs: number;
  homeRegion: number;
  ward: number;
  tier: Tier;
  placement: number;
  stay: number;
  retries: number;
  pending: Next | null;
}

type Event = { kind: 'end' | 'move'; person: number; stay: number } | { kind: 'fill'; ward: number };

export interface History {
  patients: GenPatient[];
  placements: GenPlacement[];
  startMs: number;
  asOfMs: number;
}

export function simulateHistory(
  dir: GenDirectory,
  opts: { seed: number; asOf: Date; years: number; onProgress?: (fraction: number) => void },
): History {
  const rng = new Random(opts.seed);
  const people = new PeopleFactory(new Random(opts.seed ^ 0xbeef));
  const asOfMs = opts.asOf.getTime();
  const startMs = asOfMs - Math.round(opts.years * YEAR) * DAY_MS;
  const end = (asOfMs - startMs) / DAY_MS;
  const toMs = (day: number) => startMs + Math.round(day * DAY_MS);

  const wards = dir.wards;
  const capacity = wards.map((w) => w.commissioned - w.closed);
  const occupied = new Array<number>(wards.length).fill(0);
  const scottish = dir.regions.map((r) => r.nation === 'SCO');

  // Wards grouped by what they take and where they are, regions ordered by distance from each other.
  const pools = new Map<string, Map<number, number[]>>();
  wards.forEach((w, i) => {
    const key = `${w.tier}|${w.sex}|${w.specialism}`;
    const byRegion = pools.get(key) ?? new Map<number, number[]>();
    byRegion.set(w.region, [...(byRegion.get(w.region) ?? []), i]);
    pools.set(key, byRegion);
  });
  const nearest = dir.regions.map((a) =>
    dir.regions
      .map((b, j) => ({ j, km: distanceKm(a.latitude, a.longitude, b.latitude, b.longitude) }))
      .sort((x, y) => x.km - y.km)
      .map((x) => x.j),
  );
  const regionWeights = Object.fromEntries(dir.regions.map((r, i) => [String(i), r.population])) as Record<string, number>;

  const patients: GenPatient[] = [];
  const placements: GenPlacement[] = [];
  const persons: Person[] = [];
  const discharged: { person: number; day: number }[] = [];
  const heap = new EventHeap<Event>();
  let staySerial = 0;

  const freeWard = (tier: Tier, sex: Sex, specialism: Specialism, home: number, sameUnit?: { unit: number; not: number }) => {
    const pool = pools.get(`${tier}|${sex}|${specialism}`) ?? (specialism !== 'mental_illness' ? pools.get(`${tier}|${sex}|mental_illness`) : undefined);
    if (!pool) return -1;
    for (const region of sameUnit ? [wards[sameUnit.not]!.region] : nearest[home]!) {
      for (const w of pool.get(region) ?? []) {
        if (occupied[w]! >= capacity[w]!) continue;
        if (sameUnit && (wards[w]!.unit !== sameUnit.unit || w === sameUnit.not)) continue;
        return w;
      }
    }
    return -1;
  };

  const startStay = (p: number, ward: number, day: number, plannedDays: number) => {
    const person = persons[p]!;
    person.ward = ward;
    person.tier = wards[ward]!.tier;
    person.stay = ++staySerial;
    person.retries = 0;
    person.pending = null;
    occupied[ward]!++;
    heap.push(day + plannedDays, { kind: 'end', person: p, stay: person.stay });
    // Longer stays usually include a move from an admission ward to a treatment or rehabilitation ward.
    if (plannedDays > 300 && rng.chance(0.85)) heap.push(day + plannedDays * rng.uniform(0.15, 0.5), { kind: 'move', person: p, stay: person.stay });
  };

  const openPlacement = (p: number, ward: number, day: number, kind: 'admission' | 'transfer', source: AdmissionSource | null, direction: GenPlacement['direction']) => {
    persons[p]!.placement = placements.length;
    placements.push({ patient: p, ward, start: toMs(day), end: null, startKind: kind, source, direction, endReason: null, destination: null });
  };

  const closePlacement = (p: number, day: number, reason: 'transfer' | 'discharge', destination: DischargeDestination | null) => {
    const person = persons[p]!;
    const pl = placements[person.placement]!;
    pl.end = toMs(day);
    pl.endReason = reason;
    pl.destination = destination;
    occupied[person.ward]!--;
    heap.push(day + rng.exponential(REFILL_GAP_DAYS[person.tier]), { kind: 'fill', ward: person.ward });
  };

  const newPerson = (ward: number, day: number): number => {
    const w = wards[ward]!;
    // Most people are placed in or near their home region; national services draw from everywhere.
    const home = rng.chance(0.75) ? w.region : Number(rng.weighted(regionWeights));
    const age = w.specialism === 'adolescent' ? rng.int(14, 17) : Math.min(70, 18 + Math.floor(rng.lognormal(12, 0.6)));
    const patient = people.make(w.sex, age, toMs(day), home, scottish[home]!);
    patients.push(patient);
    persons.push({ sex: w.sex, specialism: w.specialism, bornMs: Date.parse(patient.dateOfBirth), homeRegion: home, ward, tier: w.tier, placement: -1, stay: 0, retries: 0, pending: null });
    return persons.length - 1;
  };

  /** Someone discharged at least three months ago who fits the ward, or a new person. */
  const personFor = (ward: number, day: number): number => {
    const w = wards[ward]!;
    if (w.specialism !== 'adolescent' && discharged.length > 0 && rng.chance(READMISSION_SHARE)) {
      for (let tries = 0; tries < 6; tries++) {
        const i = rng.int(0, discharged.length - 1);
        const d = discharged[i]!;
        const person = persons[d.person]!;
        const adult = (toMs(day) - person.bornMs) / DAY_MS / YEAR >= 18;
        if (day - d.day > 90 && person.sex === w.sex && adult) {
          discharged[i] = discharged.at(-1)!;
          discharged.pop();
          person.specialism = w.specialism;
          return d.person;
        }
      }
    }
    return newPerson(ward, day);
  };

  const admit = (ward: number, day: number) => {
    const p = personFor(ward, day);
    const tier = wards[ward]!.tier;
    openPlacement(p, ward, day, 'admission', rng.weighted(SOURCES[tier] as Record<AdmissionSource, number>), null);
    startStay(p, ward, day, stayDays(rng, tier));
  };

  const leave = (p: number, day: number, next: Next) => {
    const person = persons[p]!;
    if (next === 'high' || next === 'medium' || next === 'low') {
      const adult = (toMs(day) - person.bornMs) / DAY_MS / YEAR >= 18;
      const specialism = person.specialism === 'adolescent' && adult ? 'mental_illness' : person.specialism;
      const target = freeWard(next, person.sex, specialism, person.homeRegion);
      if (target < 0) {
        // No bed at the next tier: the person waits where they are (held in excessive security
        // when stepping down), and after months of waiting leaves another way.
        if (person.retries < TRANSFER_MAX_RETRIES) {
          person.retries++;
          person.pending = next;
          heap.push(day + TRANSFER_RETRY_DAYS, { kind: 'end', person: p, stay: person.stay });
          return;
        }
        next = next === 'low' ? 'community' : 'other';
      } else {
        const from = person.tier;
        closePlacement(p, day, 'transfer', null);
        person.specialism = specialism;
        openPlacement(p, target, day, 'transfer', null, transferDirection(from, next));
        startStay(p, target, day, stayDays(rng, next));
        return;
      }
    }
    closePlacement(p, day, 'discharge', next);
    person.stay = 0;
    if (next !== 'died') discharged.push({ person: p, day });
  };

  // The people already in secure care when the history starts, part-way through their stays.
  wards.forEach((w, ward) => {
    const n = Math.round(capacity[ward]! * INITIAL_OCCUPANCY);
    for (let k = 0; k < n; k++) {
      const total = stayDays(rng, w.tier);
      const startedDaysAgo = rng.uniform(0, total);
      const p = newPerson(ward, -startedDaysAgo);
      openPlacement(p, ward, -startedDaysAgo, 'admission', rng.weighted(SOURCES[w.tier] as Record<AdmissionSource, number>), null);
      startStay(p, ward, 0, Math.max(1, total - startedDaysAgo));
    }
  });

  let reported = 0;
  for (let e = heap.pop(); e && e.time < end; e = heap.pop()) {
    const { time: day, item } = e;
    if (item.kind === 'fill') {
      if (occupied[item.ward]! < capacity[item.ward]!) admit(item.ward, day);
    } else {
      const person = persons[item.person]!;
      if (person.stay !== item.stay) continue; // the stay this event belonged to is over
      if (item.kind === 'move') {
        const w = wards[person.ward]!;
        const target = freeWard(w.tier, person.sex, person.specialism, person.homeRegion, { unit: w.unit, not: person.ward });
        if (target >= 0) {
          closePlacement(item.person, day, 'transfer', null);
          openPlacement(item.person, target, day, 'transfer', null, 'sideways');
          person.ward = target;
          occupied[target]!++;
        }
      } else {
        leave(item.person, day, person.pending ?? rng.weighted(NEXT_STEP[person.tier]));
      }
    }
    if (opts.onProgress && day / end - reported > 0.05) {
      reported = day / end;
      opts.onProgress(reported);
    }
  }
  opts.onProgress?.(1);
  return { patients, placements, startMs, asOfMs };
}
