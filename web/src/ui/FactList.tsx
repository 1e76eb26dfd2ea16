import type { ReactNode } from 'react';
import { SimpleGrid, Text, type SimpleGridProps } from '@mantine/core';
import classes from './facts.module.css';

/** Facts about a record as a definition list: term in bold, value under it, in columns. */
export function FactList({ facts, cols = { base: 1, sm: 2 } }: { facts: [term: string, value: ReactNode][]; cols?: SimpleGridProps['cols'] }) {
  return (
    <SimpleGrid component="dl" cols={cols} spacing="md" verticalSpacing="sm" className={classes.facts}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="sm" fw={700}>
            {term}
          </Text>
          <Text component="dd" className={classes.value}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
