import { useState } from 'react';
import { Alert, Grid, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { SECURE_TIER_LABELS, type NextPlace, type Source } from '../../../src/planning/places.js';
import { ADMISSION_SOURCE_LABELS, DISCHARGE_DESTINATION_LABELS } from '../../../src/shared/vocabulary.js';
import { formatNumber } from '../ui/format';
import { Figures } from '../ui/Figures';
import type { CalibrationResponse } from './planning.api';
import { StayFitChart } from './StayFitChart';

const PLACE_LABELS: Record<NextPlace, string> = {
  ...DISCHARGE_DESTINATION_LABELS,
  high: 'Step to high secure',
  medium: 'Step to medium secure',
  low: 'Step to low secure',
  picu: 'PICU',
  other: 'Elsewhere (incl. outside the area)',
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** What calibration found: beds, occupancy and flows, and how well each tier's stay lengths fit. */
export function CalibrationSummary({ calibration }: { calibration: CalibrationResponse }) {
  const { report } = calibration;
  const [tier, setTier] = useState(report.tiers[0]?.tier ?? 'medium');
  const fit = report.tiers.find((t) => t.tier === tier) ?? report.tiers[0]!;
  const beds = report.tiers.reduce((s, t) => s + t.beds, 0);
  const occupied = report.tiers.reduce((s, t) => s + t.meanOccupied, 0);
  const arrivals = report.arrivals.reduce((s, a) => s + a.perYear, 0);
  const prison = report.arrivals.filter((a) => a.source === 'prison').reduce((s, a) => s + a.perYear, 0);
  const bySource = new Map<Source, number>();
  for (const a of report.arrivals) bySource.set(a.source, (bySource.get(a.source) ?? 0) + a.perYear);
  const sources = [...bySource].sort((a, b) => b[1] - a[1]).map(([source]) => source);

  return (
    <Stack gap="lg">
      <Figures
        figures={[
          ['Beds in the model', formatNumber(beds)],
          ['Occupied on average', `${formatNumber(Math.round(occupied))} (${pct(occupied / beds)})`],
          ['Admissions a year', formatNumber(Math.round(arrivals))],
          ['From prison a year', formatNumber(Math.round(prison))],
          ['Window', `${report.windowYears.toFixed(1)} years`],
        ]}
      />
      <section aria-labelledby="fit-heading">
        <Title order={3} id="fit-heading" mb="xs">
          How long stays last: observed and fitted
        </Title>
        <SegmentedControl
          mb="sm"
          aria-label="Tier of the stay-length fit"
          value={fit.tier}
          onChange={(v) => setTier(v as typeof tier)}
          data={report.tiers.map((t) => ({ value: t.tier, label: SECURE_TIER_LABELS[t.tier] }))}
        />
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <StayFitChart fit={fit} tierLabel={SECURE_TIER_LABELS[fit.tier]} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Table aria-label={`${SECURE_TIER_LABELS[fit.tier]} stay lengths, observed and fitted`} mb="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Stays ended within</Table.Th>
                  <Table.Th scope="col" className="numeric">
                    Observed
                  </Table.Th>
                  <Table.Th scope="col" className="numeric">
                    Fitted
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fit.lengthOfStay.quantiles.map((q) => (
                  <Table.Tr key={q.p}>
                    <Table.Th scope="row">{pct(q.p)} of stays</Table.Th>
                    <Table.Td className="numeric">{q.observedDays === null ? 'not reached' : `${formatNumber(Math.round(q.observedDays))} days`}</Table.Td>
                    <Table.Td className="numeric">{formatNumber(Math.round(q.fittedDays))} days</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Table aria-label={`Where ${SECURE_TIER_LABELS[fit.tier].toLowerCase()} stays led`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Where stays led</Table.Th>
                  <Table.Th scope="col" className="numeric">
                    Stays
                  </Table.Th>
                  <Table.Th scope="col" className="numeric">
                    Share
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fit.next.map((n) => (
                  <Table.Tr key={n.place}>
                    <Table.Th scope="row">{PLACE_LABELS[n.place]}</Table.Th>
                    <Table.Td className="numeric">{n.stays === null ? 'Withheld' : formatNumber(n.stays)}</Table.Td>
                    <Table.Td className="numeric">{pct(n.share)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Grid.Col>
        </Grid>
      </section>
      <section aria-labelledby="arrivals-heading">
        <Title order={3} id="arrivals-heading" mb="xs">
          Admissions a year, by where people came from
        </Title>
        <Table aria-labelledby="arrivals-heading" maw={640} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">From</Table.Th>
              {report.tiers.map((t) => (
                <Table.Th scope="col" key={t.tier} className="numeric">
                  {SECURE_TIER_LABELS[t.tier]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.map((source) => (
              <Table.Tr key={source}>
                <Table.Th scope="row">{ADMISSION_SOURCE_LABELS[source]}</Table.Th>
                {report.tiers.map((t) => {
                  const a = report.arrivals.find((x) => x.source === source && x.tier === t.tier);
                  return (
                    <Table.Td key={t.tier} className="numeric">
                      {a ? a.perYear.toFixed(1) : '–'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {report.disclosureControlled && (
        <Alert color="nhsBlue" title="Small numbers are withheld" variant="light">
          So that no person can be recognised, counts are rounded to the nearest 5 and counts of 1 to 7 are shown as “Withheld”. Rates and shares are worked out from the rounded counts, a withheld one
          taken as 5. The window is taken in whole calendar months, up to the last complete one.
        </Alert>
      )}
      {report.notes.length > 0 && (
        <Alert color="nhsBlue" title="What the history could not support" variant="light">
          <List size="sm">
            {report.notes.slice(0, 8).map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
          {report.notes.length > 8 && <Text size="sm">…and {report.notes.length - 8} more like these.</Text>}
        </Alert>
      )}
    </Stack>
  );
}
