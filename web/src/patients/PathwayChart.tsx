import { useMemo } from 'react';
import { Text } from '@mantine/core';
import type { Placement } from '../../../src/patients/patients.schema.js';
import { TIER_LABELS, TIER_RANK, TIERS, type Tier } from '../../../src/shared/vocabulary.js';
import { EChart } from '../charts/EChart';
import { echarts, type ChartOption } from '../charts/echarts';
import { BED_COLOURS } from '../ui/colours';
import { formatDate } from '../ui/format';
import { inSentence } from '../ui/options';

const TIER_OF_RANK = new Map<number, Tier>(TIERS.map((t) => [TIER_RANK[t], t]));
const tierAt = (rank: number) => TIER_OF_RANK.get(rank);

type Point = [time: number, rank: number | '-'];

/** The pathway as a step line: up is more secure; a gap is time out of the secure system. */
function pathwayOption(placements: Placement[], now: number): ChartOption {
  const points: Point[] = [];
  const about: (Placement | null)[] = [];
  let previousEnd: number | null = null;
  for (const p of placements) {
    const start = Date.parse(p.admittedAt);
    const end = p.endedAt ? Date.parse(p.endedAt) : now;
    if (previousEnd !== null && start > previousEnd) {
      points.push([previousEnd, '-']);
      about.push(null);
    }
    points.push([start, TIER_RANK[p.tier]], [end, TIER_RANK[p.tier]]);
    about.push(p, p);
    previousEnd = end;
  }
  const ranks = TIERS.map((t) => TIER_RANK[t]);
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = about[(Array.isArray(params) ? params[0] : params)?.dataIndex ?? -1];
        if (!p) return '';
        const to = p.endedAt ? formatDate(p.endedAt) : 'now';
        const html = echarts.format.encodeHTML;
        return `<strong>${html(p.wardName)}</strong><br/>${html(p.unitName)}<br/>${TIER_LABELS[p.tier]}<br/>${formatDate(p.admittedAt)} to ${to}`;
      },
    },
    xAxis: { type: 'time' },
    yAxis: {
      type: 'value',
      min: Math.min(...ranks),
      max: Math.max(...ranks),
      interval: 1,
      axisLabel: { formatter: (rank: number) => { const t = tierAt(rank); return t ? TIER_LABELS[t] : ''; } },
    },
    series: [
      {
        type: 'line',
        name: 'Tier',
        step: 'end',
        color: BED_COLOURS.occupied,
        lineStyle: { width: 3 },
        symbolSize: 8,
        connectNulls: false,
        data: points,
      },
    ],
  };
}

/** In words: where the pathway started, how many moves, where it is now. */
function pathwaySummary(placements: Placement[]): string {
  const first = placements[0];
  const last = placements[placements.length - 1];
  if (!first || !last) return 'No placements yet.';
  const count = placements.length;
  const where = last.endedAt ? `Left the secure system on ${formatDate(last.endedAt)}.` : `Now in ${inSentence(TIER_LABELS[last.tier])} care on ${last.wardName}.`;
  return `${count} ${count === 1 ? 'placement' : 'placements'} since ${formatDate(first.admittedAt)}, starting in ${inSentence(TIER_LABELS[first.tier])} care. ${where}`;
}

export function PathwayChart({ placements }: { placements: Placement[] }) {
  const option = useMemo(() => pathwayOption(placements, Date.now()), [placements]);
  const summary = pathwaySummary(placements);
  return (
    <>
      <Text mb="xs">{summary}</Text>
      {placements.length > 0 && <EChart option={option} label={`Step chart of the level of security over time. ${summary}`} height={280} />}
    </>
  );
}
