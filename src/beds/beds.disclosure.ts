import { isSmall, rounded, withheldCells } from '../shared/disclosure.js';
import type { BedCounts, BedState, WardBeds } from './beds.schema.js';
import { occupancyPct, toWardBeds, type WardSnapshot } from './beds.rules.js';

// Bed state as people who see aggregates only see it (src/shared/disclosure.ts for the rule).
//
// Which figures are about people: occupied beds, and everything worked out from them: vacant beds
// (available − occupied), occupancy (occupied ÷ available) and length of stay (bands and median).
// Commissioned, closed and available beds describe beds, are in the directory anyway, and stay exact.
// Because available is exact, an exact vacancy would give occupied back by subtraction, so under
// control vacancy and occupancy are worked out from the rounded occupied count and withheld with it.
//
// Each table is controlled on its own: the place's own figures from its exact total, then each
// breakdown (children, tiers, sexes, specialisms, length-of-stay bands) with secondary suppression
// among its rows. Wards are decided among the wards of their unit wherever they are shown (the
// unit's table of wards, the bed map, find a bed, the ward's own page), so a ward reads the same
// everywhere. Other places are decided within each table they appear in: a place withheld beside
// a small sibling still shows its own rounded total on its own page, and so, like every total it
// could be set against, is known there only to within its rounding (2 either way).

/** Counts with the people figures rounded, or withheld (null) when `withheld`. */
export function controlledCounts<C extends BedCounts>(c: C, withheld: boolean): C {
  const occupied = withheld || c.occupied === null ? null : rounded(c.occupied);
  return {
    ...c,
    occupied,
    vacant: occupied === null ? null : Math.max(0, c.available - occupied),
    occupancyPct: occupied === null ? null : occupancyPct(occupied, c.available),
    withheld: occupied === null,
  };
}

/** The rows of one table that adds up to a total shown beside it, with secondary suppression. */
export function controlledTable<C extends BedCounts>(rows: readonly C[], already?: readonly boolean[]): C[] {
  const withheld = withheldCells(
    rows.map((r) => r.occupied ?? 0),
    already,
  );
  return rows.map((r, i) => controlledCounts(r, withheld[i]!));
}

export function controlledLengthOfStay(los: BedState['lengthOfStay']): BedState['lengthOfStay'] {
  const counts = los.buckets.map((b) => b.count ?? 0);
  const people = counts.reduce((sum, n) => sum + n, 0);
  const withheld = withheldCells(counts);
  // A median of three people's stays describes those three people.
  const medianWithheld = isSmall(people);
  return {
    medianDays: medianWithheld ? null : los.medianDays,
    medianWithheld,
    buckets: los.buckets.map((b, i) => ({ ...b, count: withheld[i] ? null : rounded(counts[i]!), withheld: withheld[i]! })),
  };
}

/**
 * A new bed state, disclosure-controlled, from the exact one (which is left as it is: it may be
 * cached). `withheld` says the place's own figure is withheld although it is not small: a ward
 * withheld in its unit's table stays withheld on its own page, with every breakdown row that is the
 * whole of it (a ward has one tier, one sex, one specialism).
 */
export function controlledBedState(exact: BedState, withheld = false): BedState {
  const own = withheld || isSmall(exact.occupied ?? 0);
  const table = <C extends BedCounts>(rows: readonly C[]) => controlledTable(rows, own ? rows.map((r) => r.occupied === exact.occupied) : undefined);
  return {
    ...controlledCounts(exact, own),
    byTier: table(exact.byTier),
    bySex: table(exact.bySex),
    bySpecialism: table(exact.bySpecialism),
    children: table(exact.children),
    lengthOfStay: controlledLengthOfStay(exact.lengthOfStay),
    disclosureControlled: true,
  };
}

/** The wards whose figures are withheld: decided among the wards of each unit (the unit's table of wards). */
export function withheldWards(wards: readonly WardSnapshot[]): Set<number> {
  const byUnit = new Map<number, WardSnapshot[]>();
  for (const w of wards) {
    const list = byUnit.get(w.unitId);
    if (list) list.push(w);
    else byUnit.set(w.unitId, [w]);
  }
  const out = new Set<number>();
  for (const list of byUnit.values()) {
    const withheld = withheldCells(list.map((w) => w.occupied));
    list.forEach((w, i) => {
      if (withheld[i]) out.add(w.wardId);
    });
  }
  return out;
}

/**
 * The bed map of a scope, disclosure-controlled: each ward as its unit's table has it, and then the
 * list as one table, in case the wards withheld in it still hold only 1–7 people between them (a
 * unit whose every ward is small).
 */
export function controlledWardList(wards: readonly WardSnapshot[], withheld: ReadonlySet<number>): WardBeds[] {
  return controlledTable(
    wards.map(toWardBeds),
    wards.map((w) => withheld.has(w.wardId)),
  ).map((w) => ({ ...w, disclosureControlled: true }));
}

/** A ward's vacancy as find a bed shows it under control: from its rounded occupancy, null when withheld. */
export const controlledVacancy = (withheld: ReadonlySet<number>) => (w: WardSnapshot) =>
  withheld.has(w.wardId) ? null : Math.max(0, w.commissioned - w.closed - rounded(w.occupied));
