// Statistical disclosure control for people who see aggregates only (commissioners, planners,
// analysts; `seesAggregatesOnly` in src/http/policy.ts). As NHS statistics publish them (domain brief
// §11: "published counts about fewer than 8 people are suppressed and others rounded to 5"): a count
// of 1 to 7 people is withheld, with every figure derived from it, and other counts are rounded to the
// nearest 5 (0 stays 0), so nobody can be recognised from a small cell.
//
// Differencing. Every figure is worked out from the exact count of the cell it describes and then
// rounded, totals included: a total is never the sum of rounded parts, so a total minus its shown
// parts is only known to within the rounding of every figure involved. On top of that, each table
// of figures that add up to a total shown beside it (a place's children, its tiers, sexes,
// specialisms, length-of-stay bands) has secondary suppression (`withheldCells`): while the cells
// withheld in it hold 1 to 7 people between them (a single withheld cell always does), the next
// smallest cell is withheld too. The total minus the shown cells then describes 8 or more people
// spread over at least two cells, never one small cell.

export const SMALL_COUNT_MAX = 7;
export const ROUND_TO = 5;

/** 1 to 7 people: too few to show. */
export const isSmall = (n: number) => n >= 1 && n <= SMALL_COUNT_MAX;
/** To the nearest 5 (an integer never falls half way). */
export const rounded = (n: number) => Math.round(n / ROUND_TO) * ROUND_TO;

/** A count as shown: exact for clinical roles; withheld (null) or rounded under disclosure control. */
export function shownCount(n: number, controlled: boolean): number | null {
  if (!controlled) return n;
  return isSmall(n) ? null : rounded(n);
}

/**
 * Which cells of one table to withhold (true) so that the table's total minus the cells shown
 * cannot reveal a small one: every cell of 1 to 7 people, and then, while the withheld cells
 * together hold 1 to 7 people, the next smallest cell with anyone in it (secondary suppression).
 * `already` marks cells withheld for another reason (secondary suppression in a table nested inside
 * this one), which count towards the withheld total.
 */
export function withheldCells(counts: readonly number[], already?: readonly boolean[]): boolean[] {
  const withheld = counts.map((n, i) => isSmall(n) || (already?.[i] ?? false));
  let hidden = counts.reduce((sum, n, i) => (withheld[i] ? sum + n : sum), 0);
  while (isSmall(hidden)) {
    let next = -1;
    for (let i = 0; i < counts.length; i++) {
      if (!withheld[i] && counts[i]! > 0 && (next < 0 || counts[i]! < counts[next]!)) next = i;
    }
    // Nothing left to withhold: the table's total is itself 1 to 7 and withheld.
    if (next < 0) break;
    withheld[next] = true;
    hidden += counts[next]!;
  }
  return withheld;
}
