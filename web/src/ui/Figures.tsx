import type { ReactNode } from 'react';
import { Paper, SimpleGrid } from '@mantine/core';
import classes from './figures.module.css';

/** Headline numbers as a definition list of cards (term, value), in the bed state board's style. */
export function Figures({ figures }: { figures: [term: string, value: ReactNode][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: figures.length }} spacing="md" className={classes.list}>
      {figures.map(([term, value]) => (
        <Paper key={term} withBorder p="md" className={classes.card}>
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
