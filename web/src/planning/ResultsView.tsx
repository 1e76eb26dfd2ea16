import { useState } from 'react';
import { Accordion, Grid, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { HEADLINE_MEASURES, TIER_MEASURES } from '../../../src/planning/reading.js';
import { formatNumber } from '../ui/format';
import { ComparisonTable } from './ComparisonTable';
import { CostChart } from './CostChart';
import { OccupancyFan } from './OccupancyFan';
import type { SimulationResult } from './planning.api';
import { Readings } from './Readings';
import { scenarioRuns, tiersInUse } from './results';
import { WaitProfileChart } from './WaitProfileChart';

/** A finished run: plain-language readings, the comparison table, then charts tier by tier. */
export function ResultsView({ result }: { result: SimulationResult }) {
  const runs = scenarioRuns(result);
  const tiers = tiersInUse(result);
  const [picked, setPicked] = useState<SecureTier | null>(null);
  const tier = picked && tiers.includes(picked) ? picked : (tiers.includes('low') ? 'low' : tiers[0]!);
  const tierLabel = SECURE_TIER_LABELS[tier];

  return (
    <Stack gap="xl">
      <Text size="sm" c="dimmed">
        {formatNumber(result.replications)} replications of {result.years} years after a {result.warmupYears}-year warm-up, seed {result.seed}; {formatNumber(result.events)} events in{' '}
        {result.seconds.toFixed(1)} seconds.
      </Text>
      {result.variants.length > 0 && <Readings result={result} />}
      <section aria-labelledby="comparison-heading">
        <Title order={3} id="comparison-heading" mb="xs">
          Scenario comparison: whole system
        </Title>
        <ComparisonTable runs={runs} measures={HEADLINE_MEASURES} tier={null} label="Scenario comparison across the whole system" />
      </section>
      <section aria-labelledby="tier-heading">
        <Title order={3} id="tier-heading" mb="xs">
          Tier by tier
        </Title>
        <SegmentedControl mb="md" aria-label="Tier shown in the charts" value={tier} onChange={(v) => setPicked(v as SecureTier)} data={tiers.map((t) => ({ value: t, label: SECURE_TIER_LABELS[t] }))} />
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Title order={4} mb="xs">
              {tierLabel}: beds occupied over time
            </Title>
            <OccupancyFan runs={runs} tier={tier} warmupYears={result.warmupYears} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Title order={4} mb="xs">
              {tierLabel}: how long admissions waited
            </Title>
            <WaitProfileChart runs={runs} tier={tier} />
          </Grid.Col>
        </Grid>
        <Accordion variant="contained" mt="lg">
          <Accordion.Item value="all">
            <Accordion.Control>Every figure for {tierLabel.toLowerCase()}</Accordion.Control>
            <Accordion.Panel>
              <ComparisonTable runs={runs} measures={TIER_MEASURES} tier={tier} label={`Every figure for ${tierLabel.toLowerCase()}, by scenario`} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </section>
      <section aria-labelledby="cost-heading">
        <Title order={3} id="cost-heading" mb="xs">
          Cost of excessive security
        </Title>
        <CostChart runs={runs} tiers={tiers} />
      </section>
      <Text size="xs" c="dimmed">
        Intervals: {result.intervalMethod}. Changes are paired replication by replication (the same seeds in every scenario).
      </Text>
    </Stack>
  );
}
