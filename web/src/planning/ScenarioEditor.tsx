import { useState } from 'react';
import { Accordion, Group, NumberInput, Table, Text } from '@mantine/core';
import { SECURE_TIER_LABELS, SECURE_TIERS, type SecureTier } from '../../../src/planning/places.js';
import { SPECIALISM_LABELS } from '../../../src/shared/vocabulary.js';
import { formatNumber } from '../ui/format';
import { usePlanning } from './planning-state';
import { setArrivals, setMeanStay, setTierBeds, tierFigures } from './scenario-edit';

const num = (v: string | number) => (typeof v === 'number' ? v : Number(v));

/**
 * The scenario's key figures per tier, editable: beds (shared across pools in proportion), mean
 * length of stay (the fitted shape kept) and admissions a year (the mix of sources kept).
 */
export function ScenarioEditor() {
  const { state, update } = usePlanning();
  const [problem, setProblem] = useState<Partial<Record<SecureTier, string>>>({});
  const scenario = state.scenario;
  if (!scenario) return null;
  const rows = tierFigures(scenario);

  const edit = (tier: SecureTier, change: () => typeof scenario) => {
    try {
      update({ scenario: change() });
      setProblem({ ...problem, [tier]: undefined });
    } catch (e) {
      setProblem({ ...problem, [tier]: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Key figures of the scenario by tier" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Tier</Table.Th>
              <Table.Th scope="col">Beds</Table.Th>
              <Table.Th scope="col">Mean length of stay (days)</Table.Th>
              <Table.Th scope="col">Admissions a year</Table.Th>
              <Table.Th scope="col" className="numeric">
                From prison a year
              </Table.Th>
              <Table.Th scope="col" className="numeric">
                Tariff per bed-day
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.tier}>
                <Table.Th scope="row">{r.label}</Table.Th>
                <Table.Td>
                  <NumberInput
                    aria-label={`${r.label} beds`}
                    value={r.beds}
                    min={0}
                    step={1}
                    allowDecimal={false}
                    w={110}
                    error={problem[r.tier]}
                    onChange={(v) => num(v) >= 0 && edit(r.tier, () => setTierBeds(scenario, r.tier, num(v)))}
                  />
                </Table.Td>
                <Table.Td>
                  {r.meanStayDays === null ? (
                    '–'
                  ) : (
                    <NumberInput aria-label={`${r.label} mean length of stay in days`} value={Math.round(r.meanStayDays)} min={1} step={10} w={130} onChange={(v) => num(v) > 0 && edit(r.tier, () => setMeanStay(scenario, r.tier, num(v)))} />
                  )}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${r.label} admissions a year`}
                    value={Math.round(r.arrivalsPerYear * 10) / 10}
                    min={0}
                    step={1}
                    w={120}
                    disabled={r.arrivalsPerYear === 0}
                    onChange={(v) => num(v) >= 0 && edit(r.tier, () => setArrivals(scenario, r.tier, num(v)))}
                  />
                </Table.Td>
                <Table.Td className="numeric">{r.prisonArrivalsPerYear.toFixed(1)}</Table.Td>
                <Table.Td className="numeric">£{formatNumber(scenario.tariffs[r.tier])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Accordion variant="contained" mt="md">
        <Accordion.Item value="pools">
          <Accordion.Control>Beds by group of people ({scenario.pools.length} groups)</Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" mb="xs">
              A bed serves one group: a women&apos;s bed never takes a man. Changing a tier&apos;s beds above shares the change across groups in proportion.
            </Text>
            <Table aria-label="Beds by group of people" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Group</Table.Th>
                  {SECURE_TIERS.map((t) => (
                    <Table.Th scope="col" key={t} className="numeric">
                      {SECURE_TIER_LABELS[t]}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" className="numeric">
                    Admissions a year
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scenario.pools.map((p) => (
                  <Table.Tr key={p.name}>
                    <Table.Th scope="row">{p.name || `${p.sex}, ${SPECIALISM_LABELS[p.specialism]}`}</Table.Th>
                    {SECURE_TIERS.map((t) => (
                      <Table.Td key={t} className="numeric">
                        {p.beds[t] || '–'}
                      </Table.Td>
                    ))}
                    <Table.Td className="numeric">{p.arrivals.reduce((s, a) => s + a.perYear, 0).toFixed(1)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Group mt="xs">
        <Text size="sm" c="dimmed">
          Tariffs price excessive-security bed-days: the scenario's own, or this server's setting (by default the 2008/09 cost per patient day).
        </Text>
      </Group>
    </>
  );
}
