import { Paper, SimpleGrid } from '@mantine/core';
import type { BedCounts } from '../../../src/beds/beds.schema.js';
import { formatNumber, formatPercent } from '../ui/format';
import classes from './figures.module.css';

/** The headline numbers of a scope, as a definition list (term = what, description = how many). */
export function BedFigures({ counts }: { counts: BedCounts }) {
  const figures: [string, string][] = [
    ['Commissioned beds', formatNumber(counts.commissioned)],
    ['Closed beds', formatNumber(counts.closed)],
    ['Occupied beds', formatNumber(counts.occupied)],
    ['Vacant beds', formatNumber(counts.vacant)],
    ['Occupancy', formatPercent(counts.occupancyPct)],
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" className={classes.list}>
      {figures.map(([term, value]) => (
        <Paper key={term} withBorder p="md" className={classes.card}>
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
