import type { BedCounts } from '../../../src/beds/beds.schema.js';
import { Figures } from '../ui/Figures';
import { formatNumber, formatPercent } from '../ui/format';

/** The headline numbers of a scope, as a definition list (term = what, description = how many). */
export function BedFigures({ counts }: { counts: BedCounts }) {
  return (
    <Figures
      figures={[
        ['Commissioned beds', formatNumber(counts.commissioned)],
        ['Closed beds', formatNumber(counts.closed)],
        ['Occupied beds', formatNumber(counts.occupied)],
        ['Vacant beds', formatNumber(counts.vacant)],
        ['Occupancy', formatPercent(counts.occupancyPct)],
      ]}
    />
  );
}
