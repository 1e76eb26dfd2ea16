import type { Tier } from '../shared/vocabulary.js';
import type { GenDirectory } from './nation.js';
import type { History } from './pathways.js';

// The figures a generated nation is checked against (domain brief §1–2). Used by the calibration test
// and printed by `securepath seed` so anyone can see how close a nation came.

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

export interface Calibration {
  bedsByTier: Record<Tier, number>;
  currentPatients: number;
  occupancyByTier: Record<Tier, number>;
  /** Of high and medium stays begun at least five years before today: share ended within 2 years, share lasting over 5. */
  highMediumStays: { cohort: number; under2Years: number; over5Years: number };
  /** Where medium secure stays led: community, criminal justice, low secure, other. */
  mediumDestinations: { count: number; community: number; criminalJustice: number; lowSecure: number; other: number };
  historyYears: number;
  placements: number;
  independentShareOfSecureBeds: number;
}

export function calibrate(dir: GenDirectory, h: History): Calibration {
  const tiers: Tier[] = ['high', 'medium', 'low', 'picu', 'general'];
  const zero = () => Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
  const beds = zero();
  const available = zero();
  const occupied = zero();
  let secureBeds = 0;
  let independentBeds = 0;
  for (const w of dir.wards) {
    beds[w.tier] += w.commissioned;
    available[w.tier] += w.commissioned - w.closed;
    if (w.tier === 'high' || w.tier === 'medium' || w.tier === 'low') {
      secureBeds += w.commissioned;
      if (dir.organisations[dir.units[w.unit]!.organisation]!.sector === 'independent') independentBeds += w.commissioned;
    }
  }
  const isOpen = (end: number | null) => end === null || end > h.asOfMs;
  for (const p of h.placements) if (isOpen(p.end) && p.start <= h.asOfMs) occupied[dir.wards[p.ward]!.tier]++;

  // Group each person's placements into stays: runs of consecutive placements at one tier.
  const byPatient = new Map<number, typeof h.placements>();
  for (const p of h.placements) {
    const list = byPatient.get(p.patient);
    if (list) list.push(p);
    else byPatient.set(p.patient, [p]);
  }
  const cohortEnd = h.asOfMs - 5 * YEAR_MS;
  let cohort = 0;
  let under2 = 0;
  let over5 = 0;
  const dest = { count: 0, community: 0, criminalJustice: 0, lowSecure: 0, other: 0 };
  for (const list of byPatient.values()) {
    list.sort((a, b) => a.start - b.start);
    let i = 0;
    while (i < list.length) {
      const tier = dir.wards[list[i]!.ward]!.tier;
      let j = i;
      while (j + 1 < list.length && list[j]!.end === list[j + 1]!.start && dir.wards[list[j + 1]!.ward]!.tier === tier) j++;
      const first = list[i]!;
      const last = list[j]!;
      const next = list[j + 1];
      if ((tier === 'high' || tier === 'medium') && first.start >= h.startMs && first.start <= cohortEnd) {
        cohort++;
        const endMs = isOpen(last.end) ? h.asOfMs : last.end!;
        const years = (endMs - first.start) / YEAR_MS;
        if (!isOpen(last.end) && years < 2) under2++;
        if (years > 5) over5++;
      }
      if (tier === 'medium' && !isOpen(last.end)) {
        dest.count++;
        if (last.endReason === 'transfer' && next && next.start === last.end && dir.wards[next.ward]!.tier === 'low') dest.lowSecure++;
        else if (last.destination === 'community') dest.community++;
        else if (last.destination === 'prison_court') dest.criminalJustice++;
        else dest.other++;
      }
      i = j + 1;
    }
  }
  const share = (n: number) => (dest.count ? n / dest.count : 0);
  return {
    bedsByTier: beds,
    currentPatients: tiers.reduce((s, t) => s + occupied[t], 0),
    occupancyByTier: Object.fromEntries(tiers.map((t) => [t, available[t] ? occupied[t] / available[t] : 0])) as Record<Tier, number>,
    highMediumStays: { cohort, under2Years: cohort ? under2 / cohort : 0, over5Years: cohort ? over5 / cohort : 0 },
    mediumDestinations: {
      count: dest.count,
      community: share(dest.community),
      criminalJustice: share(dest.criminalJustice),
      lowSecure: share(dest.lowSecure),
      other: share(dest.other),
    },
    historyYears: (h.asOfMs - h.startMs) / YEAR_MS,
    placements: h.placements.length,
    independentShareOfSecureBeds: secureBeds ? independentBeds / secureBeds : 0,
  };
}
