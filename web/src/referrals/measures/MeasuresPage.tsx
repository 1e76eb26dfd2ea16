import { useSearchParams } from 'react-router';
import { Alert, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRegions } from '../../directory/directory.api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { regionOptions, withPrompt } from '../../ui/options';
import { PageHeading } from '../../ui/PageHeading';
import { useMeasures } from '../referrals.api';
import { ReferralsNav } from '../ReferralsNav';
import { BreachReasonsChart } from './BreachReasonsChart';
import { GROUP_BY_LABELS, measuresQueryFrom, type GroupBy } from './measures-query';
import { MeasuresTable } from './MeasuresTable';
import { RunCharts } from './RunCharts';

const GROUP_HEADERS: Record<GroupBy, string> = { region: 'Region', provider: 'Provider', nation: 'Nation' };

/** How many transfers met the 14-day limit, month by month, by region, provider or nation, and why the others did not. */
export function MeasuresPage() {
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const query = measuresQueryFrom(params);
  const groupBy = query.groupBy ?? 'region';
  const measures = useMeasures(query);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // A new grouping has new groups: the chart goes back to the first.
    if (key !== 'group') next.delete('group');
    setParams(next, { replace: true });
  };

  const groups = measures.data?.groups ?? [];
  const chosen = groups.find((g) => g.key === params.get('group')) ?? groups[0];

  return (
    <>
      <PageHeading title="Transfer measures" />
      <ReferralsNav />
      <Text mb="md">Time from referral to admission against the 14-day limit, the share admitted within it, assessments per referral and the reasons for breaches, by month of referral.</Text>
      <form aria-label="Choose the measures" onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" gap="md" mb="md" wrap="wrap">
          <div>
            <Text size="sm" fw={500} id="group-by-label" mb={4}>
              Group
            </Text>
            <SegmentedControl aria-labelledby="group-by-label" data={Object.entries(GROUP_BY_LABELS).map(([value, label]) => ({ value, label }))} value={groupBy} onChange={(v) => set('groupBy', v)} />
          </div>
          <TextInput type="date" label="Referred from" value={query.from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} w={180} />
          <TextInput type="date" label="Referred to" value={query.to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} w={180} />
          <NativeSelect label="Region" data={withPrompt('All regions', regionOptions(regions.data ?? []))} value={params.get('regionId') ?? ''} onChange={(e) => set('regionId', e.currentTarget.value)} w={220} />
          <Checkbox label="Prison transfers only" checked={query.prisonOnly === true} onChange={(e) => set('prisonOnly', e.currentTarget.checked ? 'true' : '')} mb={8} />
        </Group>
      </form>

      {measures.isPending && <Loading what="Computing the measures" />}
      {measures.isError && <ErrorMessage error={measures.error} title="The measures could not be computed" />}
      {measures.data && (
        <Stack gap="xl">
          <Text size="sm" c="dimmed">
            Referrals received from {formatDate(measures.data.from)} to {formatDate(measures.data.to)}.
          </Text>
          {measures.data.disclosureControlled && (
            <Alert color="nhsBlue" title="Small numbers are withheld">
              So that no person can be recognised, counts are rounded to the nearest 5, figures from small numbers are shown as “Withheld”, and the period is widened to whole calendar months, up to the last complete one.
            </Alert>
          )}
          {groups.length === 0 ? (
            <Text>No referrals in this period.</Text>
          ) : (
            <>
              <section aria-labelledby="totals-heading">
                <Title order={2} id="totals-heading" mb="sm">
                  Totals {GROUP_BY_LABELS[groupBy].toLowerCase()}
                </Title>
                <MeasuresTable groups={groups} nameHeader={GROUP_HEADERS[groupBy]} labelledBy="totals-heading" />
              </section>
              {chosen && (
                <section aria-labelledby="runs-heading">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
                    <Title order={2} id="runs-heading">
                      Month by month: {chosen.name}
                    </Title>
                    {groups.length > 1 && (
                      <NativeSelect
                        label={`${GROUP_HEADERS[groupBy]} shown in the charts`}
                        data={groups.map((g) => ({ value: g.key, label: g.name }))}
                        value={chosen.key}
                        onChange={(e) => set('group', e.currentTarget.value)}
                      />
                    )}
                  </SimpleGrid>
                  <RunCharts group={chosen} />
                  <Title order={3} size="h4" mt="lg" mb="xs">
                    Reasons for breaches
                  </Title>
                  <BreachReasonsChart group={chosen} />
                </section>
              )}
            </>
          )}
        </Stack>
      )}
    </>
  );
}
