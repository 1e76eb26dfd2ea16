import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { scenarioColour } from './planning-colours';
import type { ScenarioRun } from './results';

const MARK_LABELS: Record<number, string> = { 0: 'No wait', 7: '1 week', 14: '14 days', 28: '4 weeks', 56: '8 weeks', 91: '3 months', 182: '6 months', 365: '1 year' };
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** The wait for admission as a distribution: the share of admissions from outside that waited at most each time. */
export function WaitProfileChart({ runs, tier }: { runs: ScenarioRun[]; tier: SecureTier }) {
  const { option, summary } = useMemo(() => {
    const days = runs[0]!.summary.waitProfile.days;
    const option: ChartOption = {
      grid: { left: 8, right: 24, top: 40, bottom: 36, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? pct(v) : String(v)) },
      xAxis: { type: 'category', data: days.map((d) => MARK_LABELS[d] ?? `${d} days`), name: 'Waited at most', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1, name: 'Admissions', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: runs.map((run, i) => ({
        type: 'line' as const,
        name: run.name,
        color: scenarioColour(i),
        symbol: i === 0 ? 'circle' : 'triangle',
        symbolSize: 8,
        lineStyle: { width: 2, type: i === 0 ? ('solid' as const) : ('dashed' as const) },
        data: run.summary.waitProfile.tiers[tier].map((x) => x.mean),
      })),
    };
    const at14 = days.indexOf(14);
    const summary =
      at14 < 0
        ? ''
        : `Admitted within 14 days: ${runs.map((r) => `${r.name} ${pct(r.summary.waitProfile.tiers[tier][at14]!.mean)}`).join(', ')}.`;
    return { option, summary };
  }, [runs, tier]);
  return (
    <>
      <EChart option={option} label={`Line chart of the share of ${SECURE_TIER_LABELS[tier].toLowerCase()} admissions that waited at most each length of time, by scenario. ${summary}`} height={320} />
      <Text size="sm" mt="xs">
        {summary}
      </Text>
    </>
  );
}
