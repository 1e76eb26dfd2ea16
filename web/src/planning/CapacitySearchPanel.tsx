import { useMemo, useState } from 'react';
import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { formatValue } from '../../../src/planning/reading.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { JobProgress } from './JobProgress';
import { useJob, useSubmitJob, type SearchResult } from './planning.api';
import { READING_COLOURS } from './planning-colours';
import { usePlanning } from './planning-state';
import { tiersWithBeds } from './scenario-edit';

const LABELS = { tier: 'Tier', targets: 'Targets', replications: 'Replications', years: 'Years measured' };

/** The fewest beds at a tier that meet the targets (e.g. 90% of prison transfers within 14 days). */
export function CapacitySearchPanel() {
  const { state, update } = usePlanning();
  const scenario = state.scenario;
  const tiers = scenario ? tiersWithBeds(scenario) : [];
  const [tier, setTier] = useState<SecureTier>(tiers.includes('medium') ? 'medium' : (tiers[0] ?? 'medium'));
  const [share, setShare] = useState(90);
  const [median, setMedian] = useState(7);
  const [judgeBy, setJudgeBy] = useState<'mean' | 'interval'>('mean');
  const [replications, setReplications] = useState(30);
  const [years, setYears] = useState(10);
  const submit = useSubmitJob();
  const job = useJob(state.searchJobId);
  const errors = fieldErrors(submit.error, LABELS);
  const result = job.data?.result?.kind === 'capacity_search' ? job.data.result : null;

  if (!scenario) return <Alert color={READING_COLOURS.info} variant="light" title="No scenario yet">Calibrate or load a scenario on the Scenarios tab first: the search varies its beds.</Alert>;

  const start = () =>
    submit.mutate(
      {
        kind: 'capacity_search',
        body: { scenario, tier, targets: { prisonWithinLimitShare: share / 100, medianWaitDays: median }, judgeBy, replications, years, warmupYears: state.run.warmupYears, seed: state.run.seed },
      },
      { onSuccess: ({ id }) => update({ searchJobId: id }) },
    );

  return (
    <Stack gap="lg">
      <Text>
        Find the fewest beds at one tier of <strong>{scenario.name}</strong> that meet your targets. Each bed count tried is a full simulation with the same seeds, so neighbouring counts are
        compared fairly.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
        <NativeSelect label={LABELS.tier} data={tiers.map((t) => ({ value: t, label: SECURE_TIER_LABELS[t] }))} value={tier} onChange={(e) => setTier(e.currentTarget.value as SecureTier)} error={errors.tier} />
        <NumberInput label="Prison transfers within 14 days (%)" description="At least" value={share} min={0} max={100} onChange={(v) => setShare(Number(v) || 0)} />
        <NumberInput label="Median wait (days)" description="Below" value={median} min={0.5} step={1} onChange={(v) => setMedian(Number(v) || 0)} />
        <NativeSelect
          label="Judge by"
          data={[
            { value: 'mean', label: 'The mean' },
            { value: 'interval', label: 'The whole 95% interval' },
          ]}
          value={judgeBy}
          onChange={(e) => setJudgeBy(e.currentTarget.value as 'mean' | 'interval')}
        />
        <NumberInput label={LABELS.replications} value={replications} min={2} allowDecimal={false} onChange={(v) => setReplications(Number(v) || 0)} error={errors.replications} />
        <NumberInput label={LABELS.years} value={years} min={1} max={50} onChange={(v) => setYears(Number(v) || 0)} error={errors.years} />
      </SimpleGrid>
      {submit.isError && <ErrorMessage error={submit.error} title="The search could not start" labels={LABELS} />}
      <Group>
        <Button onClick={start} loading={submit.isPending} disabled={job.data?.status === 'running' || job.data?.status === 'queued'}>
          Find the fewest beds
        </Button>
      </Group>
      {job.data && <JobProgress job={job.data} />}
      {result && <SearchResultView result={result} />}
    </Stack>
  );
}

function SearchResultView({ result }: { result: SearchResult }) {
  const label = SECURE_TIER_LABELS[result.tier].toLowerCase();
  const tried = useMemo(() => [...result.evaluations].sort((a, b) => a.beds - b.beds), [result]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: tried.map((e) => String(e.beds)), name: 'Beds', nameLocation: 'middle', nameGap: 28 },
      yAxis: [
        { type: 'value', name: 'Within 14 days', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
        { type: 'value', name: 'Median wait (days)', min: 0 },
      ],
      series: [
        { type: 'bar', name: 'Prison transfers within 14 days', color: '#005eb8', data: tried.map((e) => e.prisonWithinLimitShare.mean) },
        { type: 'line', name: 'Median wait', yAxisIndex: 1, color: '#d5281b', symbol: 'triangle', symbolSize: 9, data: tried.map((e) => e.medianWaitDays.mean) },
        ...(result.targets.prisonWithinLimitShare === undefined
          ? []
          : [{ type: 'line' as const, name: 'Target within 14 days', color: '#000000', symbol: 'none', lineStyle: { type: 'dashed' as const, width: 1 }, data: tried.map(() => result.targets.prisonWithinLimitShare!) }]),
      ],
    }),
    [tried, result.targets.prisonWithinLimitShare],
  );
  const targets = [
    result.targets.prisonWithinLimitShare !== undefined && `at least ${Math.round(result.targets.prisonWithinLimitShare * 100)}% of prison transfers within 14 days`,
    result.targets.medianWaitDays !== undefined && `a median wait under ${result.targets.medianWaitDays} days`,
  ].filter(Boolean);
  const headline =
    result.beds === null
      ? `Even ${result.maxBeds} ${label} beds do not meet ${targets.join(' and ')}.`
      : `${result.beds} ${label} beds are the fewest that meet ${targets.join(' and ')} (judged by ${result.judgeBy === 'mean' ? 'the mean' : 'the whole 95% interval'}); the scenario has ${result.startBeds} now.`;
  return (
    <Stack gap="md">
      <Alert color={result.beds === null ? READING_COLOURS.bad : READING_COLOURS.good} variant="light" title={result.beds === null ? 'No answer within the range tried' : `${result.beds} ${label} beds`}>
        {headline}
      </Alert>
      <EChart option={option} label={`Chart of prison transfers within 14 days and median wait for each number of ${label} beds tried. ${headline}`} height={300} />
      <Title order={4}>Every bed count tried</Title>
      <Table aria-label={`Bed counts tried for ${label}`} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="numeric">
              Beds
            </Table.Th>
            <Table.Th scope="col">Within 14 days</Table.Th>
            <Table.Th scope="col">Median wait</Table.Th>
            <Table.Th scope="col">Occupancy</Table.Th>
            <Table.Th scope="col">Meets the targets?</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tried.map((e) => (
            <Table.Tr key={e.beds}>
              <Table.Th scope="row" className="numeric">
                {e.beds}
              </Table.Th>
              <Table.Td>{formatValue(e.prisonWithinLimitShare.mean, 'share')}</Table.Td>
              <Table.Td>{formatValue(e.medianWaitDays.mean, 'days')}</Table.Td>
              <Table.Td>{formatValue(e.occupancy.mean, 'share')}</Table.Td>
              <Table.Td>{e.meets ? 'Yes' : `No: ${e.shortfalls.join('; ')}`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
