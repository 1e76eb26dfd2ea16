import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { scenarioColour } from './planning-colours';
import type { ScenarioRun } from './results';

const YEAR_DAYS = 365.25;

/**
 * Beds occupied over the measured years: for each scenario the median across replications and a band
 * holding 95% of them (2.5th to 97.5th percentile), with the scenario's beds as a dotted line.
 */
export function OccupancyFan({ runs, tier, warmupYears }: { runs: ScenarioRun[]; tier: SecureTier; warmupYears: number }) {
  const { option, summary } = useMemo(() => {
    const first = runs[0]!.summary.series;
    const perYear = YEAR_DAYS / first.periodDays;
    const skip = Math.round(warmupYears * perYear);
    const periods = first.occupied[tier].median.length - skip;
    const categories = Array.from({ length: periods }, (_, k) => `Year ${Math.floor(k / perYear) + 1}, quarter ${(k % Math.round(perYear)) + 1}`);
    const series: NonNullable<ChartOption['series']> = [];
    runs.forEach((run, i) => {
      const fan = run.summary.series.occupied[tier];
      const lower = fan.p025.slice(skip);
      const upper = fan.p975.slice(skip);
      const colour = scenarioColour(i);
      // One name per scenario, median first (the legend draws the first series of a name), so the
      // legend shows and toggles the scenario's median, band and beds together.
      const name = run.name;
      series.push(
        { type: 'line', name, data: fan.median.slice(skip), symbol: 'none', color: colour, lineStyle: { width: 2, type: i === 0 ? 'solid' : 'dashed' } },
        { type: 'line', name, stack: `band${i}`, data: lower, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
        { type: 'line', name, stack: `band${i}`, data: upper.map((u, k) => u - lower[k]!), symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: colour, opacity: 0.13 }, color: colour, tooltip: { show: false }, silent: true },
        { type: 'line', name, data: categories.map(() => run.summary.beds[tier]), symbol: 'none', color: colour, lineStyle: { width: 1, type: 'dotted' }, tooltip: { show: false }, silent: true },
      );
    });
    const option: ChartOption = {
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0, data: runs.map((r) => r.name) },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : String(v)) },
      xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { interval: Math.round(perYear) - 1, formatter: (v: string) => v.replace(/, quarter \d+$/, '') } },
      yAxis: { type: 'value', name: 'Beds occupied', scale: true },
      series,
    };
    const last = (run: ScenarioRun) => {
      const fan = run.summary.series.occupied[tier];
      return `${run.name}: median ${fan.median.at(-1)!.toFixed(0)} of ${run.summary.beds[tier]} beds in the final quarter (95% of runs between ${fan.p025.at(-1)!.toFixed(0)} and ${fan.p975.at(-1)!.toFixed(0)})`;
    };
    return { option, summary: `${runs.map(last).join('. ')}.` };
  }, [runs, tier, warmupYears]);
  return (
    <>
      <EChart option={option} label={`Fan chart of ${SECURE_TIER_LABELS[tier].toLowerCase()} beds occupied over the measured years for each scenario. ${summary}`} height={320} />
      <Text size="xs" c="dimmed" mt={4}>
        Line: the median of the replications. Shading: where 95% of them fell. Dotted: the beds.
      </Text>
      <Text size="sm" mt="xs">
        {summary}
      </Text>
    </>
  );
}
