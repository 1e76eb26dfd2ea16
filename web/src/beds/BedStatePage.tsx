import { Link, useSearchParams } from 'react-router';
import { Anchor, Grid, Stack, Text, Title } from '@mantine/core';
import type { BedState, ScopeLevel, WardBeds } from '../../../src/beds/beds.schema.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { useApiQuery } from '../api/use-api-query';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { BedFigures } from './BedFigures';
import { BedMap } from './BedMap';
import { paramOfLevel, scopeFromParams, scopeHref, showsWards } from './bed-scope';
import { CountsTable } from './CountsTable';
import { LengthOfStayChart } from './LengthOfStayChart';
import { ScopeBreadcrumb } from './ScopeBreadcrumb';
import { TierChart } from './TierChart';
import { RoundingNote } from './Withheld';

const CHILD_HEADINGS: Record<ScopeLevel, [plural: string, singular: string]> = {
  all: ['Everywhere', 'Scope'],
  nation: ['Nations', 'Nation'],
  region: ['Regions', 'Region'],
  organisation: ['Providers', 'Provider'],
  unit: ['Units', 'Unit'],
  ward: ['Wards', 'Ward'],
};

/** The bed state board: figures, the ward-by-ward bed map, drill-down by place, tiers and length of stay. */
export function BedStatePage() {
  const [params] = useSearchParams();
  const scope = scopeFromParams(params);
  const state = useApiQuery<BedState>('/beds/state', scope);
  const withWards = showsWards(scope);
  const wards = useApiQuery<WardBeds[]>('/beds/wards', scope, { enabled: withWards });

  if (state.isPending) {
    return (
      <>
        <PageHeading title="Bed state" />
        <Loading what="Loading the bed state" />
      </>
    );
  }
  if (state.isError) {
    return (
      <>
        <PageHeading title="Bed state" />
        <ErrorMessage error={state.error} title="The bed state could not be loaded" />
        <Anchor component={Link} to="/">
          Show all nations
        </Anchor>
      </>
    );
  }

  const data = state.data;
  const childParam = data.childLevel ? paramOfLevel(data.childLevel) : null;
  const [childPlural, childSingular] = CHILD_HEADINGS[data.childLevel ?? 'all'];

  return (
    <>
      <PageHeading title={`Bed state: ${data.scope.name}`} />
      <ScopeBreadcrumb breadcrumb={data.scope.breadcrumb} />
      <Text size="sm" c="dimmed" mb="sm">
        As of {formatDateTime(data.asOf)}
      </Text>
      {data.disclosureControlled && <RoundingNote />}
      <BedFigures counts={data} />

      <Stack gap="xl">
        {childParam && data.children.length > 0 && (
          <section>
            <Title order={2} id="children-heading" mb="sm">
              {childPlural} in {data.scope.name}
            </Title>
            <CountsTable
              labelledBy="children-heading"
              nameHeader={childSingular}
              rows={data.children.map((child) => ({
                key: child.id,
                counts: child,
                name: (
                  <Anchor component={Link} to={scopeHref({ ...scope, [childParam]: child.id })}>
                    {child.name}
                  </Anchor>
                ),
              }))}
            />
          </section>
        )}

        {!withWards && <Text>Choose a region to see the bed map, ward by ward.</Text>}
        {withWards && (
          <section>
            <Title order={2} mb="sm">
              Bed map
            </Title>
            {wards.isPending && <Loading what="Loading the wards" />}
            {wards.isError && <ErrorMessage error={wards.error} title="The wards could not be loaded" />}
            {wards.data && <BedMap wards={wards.data} scope={scope} />}
          </section>
        )}

        <section>
          <Title order={2} id="tiers-heading" mb="sm">
            Beds by tier
          </Title>
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <CountsTable
                labelledBy="tiers-heading"
                nameHeader="Tier"
                rows={data.byTier.map((t) => ({ key: t.tier, name: TIER_LABELS[t.tier], counts: t }))}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <TierChart byTier={data.byTier} />
            </Grid.Col>
          </Grid>
        </section>

        <section>
          <Title order={2} mb="sm">
            Current length of stay
          </Title>
          <LengthOfStayChart lengthOfStay={data.lengthOfStay} people={data.occupied} />
        </section>
      </Stack>
    </>
  );
}
