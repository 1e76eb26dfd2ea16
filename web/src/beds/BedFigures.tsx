import type { BedCounts } from '../../../src/beds/beds.schema.js';
import { Figures } from '../ui/Figures';
import { formatNumber } from '../ui/format';
import { Count, Percent } from './Withheld';

/** The headline numbers of a scope, as a definition list (term = what, description = how many). */
export function BedFigures({ counts }: { counts: BedCounts }) {
  return (
    <Figures
      figures={[
        ['Commissioned beds', formatNumber(counts.commissioned)],
        ['Closed beds', formatNumber(counts.closed)],
        ['Occupied beds', <Count value={counts.occupied} />],
        ['Vacant beds', <Count value={counts.vacant} />],
        ['Occupancy', <Percent value={counts.occupancyPct} />],
      ]}
    />
  );
}
