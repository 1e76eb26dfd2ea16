import { useState } from 'react';
import { Alert, Badge, Grid, List, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { SECURE_TIER_LABELS, SECURE_TIERS, type SecureTier } from '../../../src/planning/places.js';
import type { ProvisionRow, Reading } from '../../../src/planning/provision.rules.js';
import { SPECIALISM_LABELS } from '../../../src/shared/vocabulary.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { AreaSelect } from './AreaSelect';
import { ComparatorSets } from './ComparatorSets';
import { useComparatorSets, useExampleComparators, useProvision, type ComparatorChoice } from './planning.api';
import { READING_COLOURS } from './planning-colours';

const READING: Record<Reading, { label: string; color: string }> = {
  below: { label: 'Below', color: READING_COLOURS.low },
  within: { label: 'Within', color: READING_COLOURS.good },
  above: { label: 'Above', color: READING_COLOURS.high },
  'not-compared': { label: 'Not compared', color: READING_COLOURS.neutral },
};
const rate = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const sexLabel = (s: string) => (s === 'all' ? 'All' : s === 'male' ? 'Men' : 'Women');
const specialismLabel = (s: string) => (s === 'all' ? 'All' : SPECIALISM_LABELS[s as keyof typeof SPECIALISM_LABELS]);

function choiceOf(value: string): ComparatorChoice {
  const [kind, id] = value.split(':');
  return kind === 'example' ? { example: id } : kind === 'mine' ? { comparatorId: Number(id) } : {};
}

/** Beds per 100,000 population by tier, sex and specialism against a comparator set, with the risks beside. */
export function ProvisionPanel({ defaultArea }: { defaultArea: string }) {
  const [area, setArea] = useState(defaultArea);
  const [comparator, setComparator] = useState('example:england-2006');
  const examples = useExampleComparators();
  const mine = useComparatorSets();
  const provision = useProvision(area, choiceOf(comparator));
  const p = provision.data;
  const below = p?.rows.some((r) => r.reading === 'below') ?? false;
  const above = p?.rows.some((r) => r.reading === 'above') ?? false;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={900}>
        <AreaSelect value={area} onChange={setArea} description="Beds in service now, over the area's population" />
        <NativeSelect
          label="Compare with"
          description="A published set or one of yours"
          value={comparator}
          onChange={(e) => setComparator(e.currentTarget.value)}
          data={[
            { value: '', label: 'No comparator' },
            { group: 'Published (HDL 2006, Appendix V)', items: (examples.data ?? []).map((e) => ({ value: `example:${e.key}`, label: e.name })) },
            { group: 'Your sets', items: (mine.data ?? []).map((s) => ({ value: `mine:${s.id}`, label: s.name })) },
          ]}
        />
      </SimpleGrid>
      {provision.isPending && <Loading what="Counting beds" />}
      {provision.isError && <ErrorMessage error={provision.error} title="Beds per 100,000 could not be worked out" />}
      {p && (
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Title order={3} id="per100k-heading" mb={4}>
              {p.area.name}: beds per 100,000 people
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Population {formatNumber(p.area.population)}. {p.comparator ? `Compared with ${p.comparator.name}.` : 'Choose a comparator set to read each rate against.'}
            </Text>
            <Stack gap="lg">
              {SECURE_TIERS.filter((t) => p.rows.some((r) => r.tier === t)).map((tier) => (
                <ProvisionTable key={tier} tier={tier} rows={p.rows.filter((r) => r.tier === tier)} area={p.area.name} />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <Title order={3}>What the numbers risk</Title>
              <Text size="sm">
                Benchmarks guide, they do not decide: demography, offending rates and how services are organised (some regional, some national) differ between areas (HDL 2006 §35–38).
              </Text>
              <Alert color={READING_COLOURS.low} variant={below ? 'light' : 'outline'} title={below ? 'Below the comparators: risks of too few beds' : 'Risks of too few beds'}>
                <List size="sm" spacing={4}>
                  {p.risks.under.map((r) => (
                    <List.Item key={r}>{r}</List.Item>
                  ))}
                </List>
              </Alert>
              <Alert color={READING_COLOURS.high} variant={above ? 'light' : 'outline'} title={above ? 'Above the comparators: risks of too many beds' : 'Risks of too many beds'}>
                <List size="sm" spacing={4}>
                  {p.risks.over.map((r) => (
                    <List.Item key={r}>{r}</List.Item>
                  ))}
                </List>
              </Alert>
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {p && (
        <section aria-labelledby="regions-heading">
          <Title order={3} id="regions-heading" mb="xs">
            Every region: secure beds per 100,000
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby="regions-heading" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Region</Table.Th>
                  <Table.Th scope="col">Nation</Table.Th>
                  <Table.Th scope="col" className="numeric">
                    Population
                  </Table.Th>
                  {(['high', 'medium', 'low'] as const).map((t) => (
                    <Table.Th scope="col" key={t} className="numeric">
                      {SECURE_TIER_LABELS[t]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.regions.map((r) => (
                  <Table.Tr key={r.code} fw={r.code === area ? 700 : undefined}>
                    <Table.Th scope="row">{r.name}</Table.Th>
                    <Table.Td>{r.nationName}</Table.Td>
                    <Table.Td className="numeric">{formatNumber(r.population)}</Table.Td>
                    {(['high', 'medium', 'low'] as const).map((t) => (
                      <Table.Td key={t} className="numeric">
                        {rate(r[t].per100k)} <Text span size="xs" c="dimmed">({formatNumber(r[t].beds)})</Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
      <ComparatorSets />
    </Stack>
  );
}

const range = (c: NonNullable<ProvisionRow['comparator']>) => (c.min === c.max ? rate(c.min) : `${rate(c.min)} – ${rate(c.max)}`);

/** One tier's rates: the tier as a whole, then by sex and specialism, each read against the comparators. */
function ProvisionTable({ tier, rows, area }: { tier: SecureTier; rows: ProvisionRow[]; area: string }) {
  const id = `per100k-${tier}`;
  return (
    <div>
      <Title order={4} id={id} mb={4}>
        {SECURE_TIER_LABELS[tier]}
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table aria-label={`${area}: ${SECURE_TIER_LABELS[tier].toLowerCase()} beds per 100,000 people`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Sex</Table.Th>
              <Table.Th scope="col">Specialism</Table.Th>
              <Table.Th scope="col" className="numeric">
                Beds
              </Table.Th>
              <Table.Th scope="col" className="numeric">
                Per 100,000
              </Table.Th>
              <Table.Th scope="col" className="numeric">
                Comparators
              </Table.Th>
              <Table.Th scope="col">Against them</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const total = r.sex === 'all' && r.specialism === 'all';
              return (
                <Table.Tr key={`${r.sex}|${r.specialism}`} fw={total ? 700 : undefined}>
                  {total ? (
                    <Table.Th scope="row" colSpan={2}>
                      All {SECURE_TIER_LABELS[tier].toLowerCase()} beds
                    </Table.Th>
                  ) : (
                    <>
                      <Table.Th scope="row">{sexLabel(r.sex)}</Table.Th>
                      <Table.Td>{specialismLabel(r.specialism)}</Table.Td>
                    </>
                  )}
                  <Table.Td className="numeric">{formatNumber(r.beds)}</Table.Td>
                  <Table.Td className="numeric">{rate(r.per100k)}</Table.Td>
                  <Table.Td className="numeric" title={r.comparator?.areas.map((a) => `${a.area}: ${a.per100k ?? a.note ?? '–'}`).join('\n')}>
                    {r.comparator ? (
                      <>
                        {range(r.comparator)}
                        {r.comparator.min !== r.comparator.max && (
                          <Text span size="xs" c="dimmed" display="block">
                            median {rate(r.comparator.median)}
                          </Text>
                        )}
                      </>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={READING[r.reading].color}>
                      {READING[r.reading].label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
