import { Table, Text } from '@mantine/core';
import type { SecureTier } from '../../../src/planning/places.js';
import { formatChange, formatChangeRange, formatValue, verdict, withInterval, type Measure } from '../../../src/planning/reading.js';
import { READING_COLOURS } from './planning-colours';
import { figure, type ScenarioRun } from './results';

const ARROW = { better: '▲ better', worse: '▼ worse', 'no clear change': 'no clear change', changed: 'changed' } as const;

interface Props {
  runs: ScenarioRun[];
  measures: Measure[];
  /** null: the whole system. */
  tier: SecureTier | null;
  label: string;
}

/** Baseline and variants side by side: each figure with its 95% interval, and each change from the baseline with its own. */
export function ComparisonTable({ runs, measures, tier, label }: Props) {
  const [baseline, ...variants] = runs;
  if (!baseline) return null;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={label} striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Figure (mean, 95% CI)</Table.Th>
            <Table.Th scope="col">Baseline</Table.Th>
            {variants.map((v) => (
              <Table.Th scope="col" key={v.name}>
                {v.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measures.map((m) => {
            const base = figure(baseline.summary, tier, m.key);
            if (!base || base.mean === null) return null;
            return (
              <Table.Tr key={m.key}>
                <Table.Th scope="row">{m.label}</Table.Th>
                <Table.Td>{withInterval(base, m.unit)}</Table.Td>
                {variants.map((v) => {
                  const value = figure(v.summary, tier, m.key)!;
                  const diff = figure(v.difference!, tier, m.key)!;
                  const reading = verdict(diff, m.better);
                  return (
                    <Table.Td key={v.name}>
                      <div>{formatValue(value.mean, m.unit)}</div>
                      <Text size="sm" c={reading === 'better' ? READING_COLOURS.good : reading === 'worse' ? READING_COLOURS.bad : 'dimmed'}>
                        {formatChange(diff.mean, m.unit)}
                        {diff.ciLow !== null && diff.ciHigh !== null && ` (${formatChangeRange(diff.ciLow, diff.ciHigh, m.unit)})`} · {ARROW[reading]}
                      </Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
