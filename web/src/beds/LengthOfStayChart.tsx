import { useMemo } from 'react';
import { Text } from '@mantine/core';
import type { BedState } from '../../../src/beds/beds.schema.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { BED_COLOURS } from '../ui/colours';
import { durationInWords, formatDays, formatNumber } from '../ui/format';

interface Props {
  lengthOfStay: BedState['lengthOfStay'];
  /** How many people are in these beds (the scope's occupied beds), or null when withheld. */
  people: number | null;
}

/** How long the people in these beds have been there so far, with the median in words. */
export function LengthOfStayChart({ lengthOfStay, people }: Props) {
  const { buckets, medianDays, medianWithheld } = lengthOfStay;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      // A withheld band (null) draws no bar and reads "Withheld".
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : 'Withheld') },
      xAxis: { type: 'category', data: buckets.map((b) => b.label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: 'People', minInterval: 1 },
      series: [{ type: 'bar', name: 'People', color: BED_COLOURS.occupied, data: buckets.map((b) => b.count) }],
    }),
    [buckets],
  );
  const summary = medianWithheld
    ? 'The median length of stay is withheld: fewer than 8 people are in these beds.'
    : medianDays === null
      ? 'Nobody is in these beds now.'
      : `The median current length of stay is ${formatDays(Math.round(medianDays))} (${durationInWords(medianDays)}): half of the ${people === null ? '' : `${formatNumber(people)} `}people in these beds have been there longer than that.`;
  const biggest = buckets.reduce<(typeof buckets)[number] | undefined>((top, b) => (b.count !== null && (!top || b.count > top.count!) ? b : top), undefined);
  const withheld = buckets.filter((b) => b.withheld).map((b) => b.label.toLowerCase());
  return (
    <>
      <Text mb="xs">{summary}</Text>
      <EChart option={option} label={`Bar chart of the number of people by current length of stay. ${summary}`} height={260} />
      {biggest && biggest.count! > 0 && (
        <Text size="sm" mt="xs">
          The largest group{withheld.length > 0 ? ' shown' : ''} is {biggest.label}, with {formatNumber(biggest.count!)} {biggest.count === 1 ? 'person' : 'people'}.
          {withheld.length > 0 && ` Withheld to protect small numbers: ${withheld.join(', ')}.`}
        </Text>
      )}
    </>
  );
}
