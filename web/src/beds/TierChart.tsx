import { useMemo } from 'react';
import { Text } from '@mantine/core';
import type { BedState } from '../../../src/beds/beds.schema.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { BED_COLOURS } from '../ui/colours';
import { formatNumber, formatPercent } from '../ui/format';
import { inSentence } from '../ui/options';

/** Occupied, vacant and closed beds of each tier as stacked bars, with the busiest tier in words. */
export function TierChart({ byTier }: { byTier: BedState['byTier'] }) {
  const option = useMemo<ChartOption>(() => {
    const series = (name: string, colour: string, values: (number | null)[]) => ({ type: 'bar' as const, name, stack: 'beds', color: colour, data: values });
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      // A withheld figure (null) draws no bar and reads "Withheld".
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : 'Withheld') },
      xAxis: { type: 'category', data: byTier.map((t) => TIER_LABELS[t.tier]), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: 'Beds' },
      series: [
        series('Occupied', BED_COLOURS.occupied, byTier.map((t) => t.occupied)),
        series('Vacant', BED_COLOURS.vacant, byTier.map((t) => t.vacant)),
        series('Closed', BED_COLOURS.closed, byTier.map((t) => t.closed)),
      ],
    };
  }, [byTier]);

  const busiest = byTier.reduce<(typeof byTier)[number] | undefined>(
    (top, t) => (t.available > 0 && t.occupancyPct !== null && (!top || t.occupancyPct > top.occupancyPct!) ? t : top),
    undefined,
  );
  const withheld = byTier.filter((t) => t.withheld).map((t) => inSentence(TIER_LABELS[t.tier]));
  return (
    <>
      <EChart option={option} label="Bar chart of occupied, vacant and closed beds in each tier" patterns />
      <Text size="sm" mt="xs">
        {busiest
          ? `The fullest tier is ${inSentence(TIER_LABELS[busiest.tier])}, at ${formatPercent(busiest.occupancyPct!)} occupancy. The table gives every figure.`
          : withheld.length > 0
            ? 'Occupancy is withheld in this scope.'
            : 'No beds are available in this scope.'}
        {busiest && withheld.length > 0 && ` Occupancy is withheld for ${withheld.join(' and ')}.`}
      </Text>
    </>
  );
}
