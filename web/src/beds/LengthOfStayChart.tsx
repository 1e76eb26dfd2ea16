import { useMemo } from 'react';
import { Text } from '@mantine/core';
import type { BedState } from '../../../src/beds/beds.schema.js';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { BED_COLOURS } from '../ui/colours';
import { durationInWords, formatDays, formatNumber } from '../ui/format';

/** How long the people in these beds have been there so far, with the median in words. */
export function LengthOfStayChart({ lengthOfStay }: { lengthOfStay: BedState['lengthOfStay'] }) {
  const { buckets, medianDays } = lengthOfStay;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: buckets.map((b) => b.label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: 'People', minInterval: 1 },
      series: [{ type: 'bar', name: 'People', color: BED_COLOURS.occupied, data: buckets.map((b) => b.count) }],
    }),
    [buckets],
  );
  const people = buckets.reduce((sum, b) => sum + b.count, 0);
  const summary =
    medianDays === null
      ? 'Nobody is in these beds now.'
      : `The median current length of stay is ${formatDays(Math.round(medianDays))} (${durationInWords(medianDays)}): half of the ${formatNumber(people)} people in these beds have been there longer than that.`;
  const biggest = buckets.reduce<(typeof buckets)[number] | undefined>((top, b) => (!top || b.count > top.count ? b : top), undefined);
  return (
    <>
      <Text mb="xs">{summary}</Text>
      <EChart option={option} label={`Bar chart of the number of people by current length of stay. ${summary}`} height={260} />
      {biggest && people > 0 && (
        <Text size="sm" mt="xs">
          The largest group is {biggest.label}, with {formatNumber(biggest.count)} {biggest.count === 1 ? 'person' : 'people'}.
        </Text>
      )}
    </>
  );
}
