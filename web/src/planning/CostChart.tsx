import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { withInterval } from '../../../src/planning/reading.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { TIER_COLOURS } from './planning-colours';
import type { ScenarioRun } from './results';

const money = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;

/** The yearly cost of excessive security (people held at a higher tier than they need) by scenario and tier. */
export function CostChart({ runs, tiers }: { runs: ScenarioRun[]; tiers: SecureTier[] }) {
  const { option, summary } = useMemo(() => {
    const option: ChartOption = {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? money(v) : String(v)) },
      xAxis: { type: 'category', data: runs.map((r) => r.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: '£ a year', axisLabel: { formatter: (v: number) => (v >= 1e6 ? `£${(v / 1e6).toFixed(1)}m` : `£${Math.round(v / 1000)}k`) } },
      // Only high and medium can hold someone at a higher tier than they need (nobody steps down from low to a bed).
      series: tiers.filter((t) => t !== 'low').map((t) => ({
        type: 'bar' as const,
        name: `Held at ${SECURE_TIER_LABELS[t].toLowerCase()}`,
        stack: 'cost',
        barMaxWidth: 140,
        color: TIER_COLOURS[t],
        data: runs.map((r) => r.summary.tiers[t].excessSecurityCostPerYear.mean ?? 0),
      })),
    };
    const summary = runs.map((r) => `${r.name}: ${withInterval(r.summary.system.excessSecurityCostPerYear, 'money')}`).join('; ');
    return { option, summary: `Cost of excessive security a year. ${summary}.` };
  }, [runs, tiers]);
  return (
    <>
      <EChart option={option} label={`Stacked bar chart of the yearly cost of excessive security by scenario and the tier people are held at. ${summary}`} height={300} patterns />
      <Text size="sm" mt="xs">
        {summary}
      </Text>
    </>
  );
}
