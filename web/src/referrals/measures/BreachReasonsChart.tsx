import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { BREACH_REASON_LABELS, type BreachReason } from '../../../../src/shared/referral-vocabulary.js';
import { EChart } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatNumber } from '../../ui/format';
import { codeLabel } from '../../ui/options';
import type { MeasureGroup } from '../referrals.api';

const reasonLabel = (code: string) => BREACH_REASON_LABELS[code as BreachReason] ?? codeLabel(code);

/** Why clocks were breached, largest first; counts withheld for small numbers are said, not drawn. */
export function BreachReasonsChart({ group }: { group: MeasureGroup }) {
  const entries = Object.entries(group.breachReasons);
  // Smallest first: a horizontal bar chart draws its first category at the bottom.
  const shown = useMemo(() => Object.entries(group.breachReasons).filter((e): e is [string, number] => e[1] !== null && e[1] > 0).sort((a, b) => a[1] - b[1]), [group]);
  const withheld = entries.filter(([, n]) => n === null).map(([code]) => reasonLabel(code));
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 32, top: 8, bottom: 28, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'Breaches', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'category', data: shown.map(([code]) => reasonLabel(code)) },
      series: [{ type: 'bar', name: 'Breaches', color: '#d5281b', data: shown.map(([, n]) => n), label: { show: true, position: 'right' } }],
    }),
    [shown],
  );
  const top = shown[shown.length - 1];
  const summary = top ? `The most common reason for a breach in ${group.name} was ${reasonLabel(top[0]).toLowerCase()} (${formatNumber(top[1])}).` : `No breach reasons to show for ${group.name}.`;
  return (
    <>
      <Text mb="xs">{summary}</Text>
      {shown.length > 0 && <EChart option={option} label={`Bar chart of the reasons clocks were breached. ${summary}`} height={Math.max(160, 40 * shown.length + 40)} />}
      {withheld.length > 0 && (
        <Text size="sm" mt="xs">
          Withheld because the numbers are small: {withheld.join(', ')}.
        </Text>
      )}
    </>
  );
}
