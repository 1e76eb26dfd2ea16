import { Badge, Group, List, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { describeComparison, HEADLINE_MEASURES, verdict, type Verdict } from '../../../src/planning/reading.js';
import type { SimulationResult } from './planning.api';
import { READING_COLOURS } from './planning-colours';
import { figure } from './results';

const KEYS = ['prisonWithinLimitShare', 'meanWaitDays', 'excessSecurityCostPerYear', 'excessSecurityBedDaysPerYear'];
const COLOUR: Record<Verdict, string> = { better: READING_COLOURS.good, worse: READING_COLOURS.bad, 'no clear change': READING_COLOURS.neutral, changed: READING_COLOURS.info };

/** Each variant against the baseline in plain words: what changes, by how much, and how sure we are. */
export function Readings({ result }: { result: SimulationResult }) {
  const measures = HEADLINE_MEASURES.filter((m) => KEYS.includes(m.key));
  return (
    <SimpleGrid cols={{ base: 1, lg: Math.min(2, result.variants.length) }}>
      {result.variants.map((v) => (
        <Paper key={v.name} withBorder p="md" component="section" aria-label={`What ${v.name} changes`}>
          <Title order={3} size="h4" mb="xs">
            {v.name}: what changes across the whole system
          </Title>
          <List spacing="xs" listStyleType="none" p={0}>
            {measures.map((m) => {
              const base = figure(result.baseline, null, m.key)!;
              const after = figure(v.summary, null, m.key)!;
              const diff = figure(v.difference, null, m.key)!;
              const reading = verdict(diff, m.better);
              return (
                <List.Item key={m.key}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Badge color={COLOUR[reading]} variant="filled" miw={150}>
                      {reading}
                    </Badge>
                    <Text size="sm">{describeComparison(m, base, after, diff).replace(/: [a-z ]+$/, '')}</Text>
                  </Group>
                </List.Item>
              );
            })}
          </List>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
