import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { durationInWords, formatNumber } from '../ui/format';
import type { CalibrationResponse } from './planning.api';

type TierFit = CalibrationResponse['report']['tiers'][number];

const FAMILY: Record<string, string> = { lognormal: 'lognormal', weibull: 'Weibull', exponential: 'exponential' };

/** Share of stays still going after so many days: observed (Kaplan–Meier) against the fitted distribution. */
export function StayFitChart({ fit, tierLabel }: { fit: TierFit; tierLabel: string }) {
  const los = fit.lengthOfStay;
  const family = FAMILY[los.fits[0]?.family ?? ''] ?? 'fitted';
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 36, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : String(v)) },
      xAxis: { type: 'value', name: 'Days since admission', nameLocation: 'middle', nameGap: 28, max: 'dataMax' },
      yAxis: { type: 'value', name: 'Still in hospital', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        {
          type: 'line',
          name: 'Observed',
          step: 'end',
          symbol: 'none',
          color: '#003d7a',
          lineStyle: { width: 2 },
          data: los.survival.filter((p) => p.observed !== null).map((p) => [p.days, p.observed]),
        },
        { type: 'line', name: `Fitted (${family})`, smooth: true, symbol: 'none', color: '#d5281b', lineStyle: { width: 2, type: 'dashed' }, data: los.survival.map((p) => [p.days, p.fitted]) },
      ],
    }),
    [los, family],
  );
  const median = los.quantiles.find((q) => q.p === 0.5);
  const summary = `${tierLabel}: ${formatNumber(los.observations)} stays seen in the window, ${formatNumber(los.completed)} of them ended. The ${family} fit has a mean stay of ${formatNumber(Math.round(los.meanDays))} days (${durationInWords(los.meanDays)}).${
    median ? ` Median stay: observed ${median.observedDays === null ? 'not reached in the window' : `${formatNumber(Math.round(median.observedDays))} days`}, fitted ${formatNumber(Math.round(median.fittedDays))} days.` : ''
  }`;
  return (
    <>
      <EChart option={option} label={`Line chart of the share of ${tierLabel.toLowerCase()} stays still going after each number of days, observed and fitted. ${summary}`} height={280} />
      <Text size="sm" mt="xs">
        {summary}
      </Text>
    </>
  );
}
