import { useMemo } from 'react';
import { SimpleGrid, Text, Title } from '@mantine/core';
import { EChart } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatPercent } from '../../ui/format';
import type { MeasureGroup } from '../referrals.api';

/** The Bradley limit the run charts are read against (2009; NHS England 2021): 14 days to admission. */
const TARGET_DAYS = 14;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`;

const COLOURS = { median: '#005eb8', p90: '#7c2855', target: '#d5281b', percent: '#007f3b' };

/** A line per series, with gaps where small numbers were withheld (null), and circles as well as colour. */
const line = (name: string, colour: string, data: (number | null)[], symbol: string, dashed = false) => ({
  type: 'line' as const,
  name,
  color: colour,
  data,
  symbol,
  symbolSize: 7,
  connectNulls: false,
  lineStyle: { width: dashed ? 2 : 3, type: dashed ? ('dashed' as const) : ('solid' as const) },
});

/** Days to admission (median and 90th percentile against the 14-day limit) and % within 14 days, month by month. */
export function RunCharts({ group }: { group: MeasureGroup }) {
  const months = group.months;
  const days = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: 'value', name: 'Days', min: 0 },
      series: [
        line('Median days to admission', COLOURS.median, months.map((m) => m.medianDaysToAdmission), 'circle'),
        line('90th percentile', COLOURS.p90, months.map((m) => m.p90DaysToAdmission), 'triangle'),
        { ...line(`${TARGET_DAYS}-day limit`, COLOURS.target, months.map(() => TARGET_DAYS), 'none', true), tooltip: { show: false } },
      ],
    }),
    [months],
  );
  const percent = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatPercent(v) : 'Withheld') },
      xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: 'value', name: '%', min: 0, max: 100 },
      series: [line('Admitted within 14 days', COLOURS.percent, months.map((m) => m.percentWithin14), 'circle')],
    }),
    [months],
  );

  const t = group.totals;
  const summary =
    t.medianDaysToAdmission === null
      ? `Too few admissions in ${group.name} to show.`
      : `In ${group.name}, the median time from referral to admission was ${t.medianDaysToAdmission} days and 9 in 10 were admitted within ${t.p90DaysToAdmission ?? 'an unknown number of'} days; ${t.percentWithin14 === null ? 'the share within 14 days is withheld' : `${formatPercent(t.percentWithin14)} were admitted within 14 days`}.`;

  return (
    <>
      <Text mb="sm">{summary}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <div>
          <Title order={3} size="h4" mb="xs">
            Days from referral to admission
          </Title>
          <EChart option={days} label={`Run chart of the median and 90th percentile days from referral to admission by month, against the 14-day limit. ${summary}`} />
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            Admitted within 14 days
          </Title>
          <EChart option={percent} label={`Run chart of the percentage admitted within 14 days by month. ${summary}`} />
        </div>
      </SimpleGrid>
    </>
  );
}
