import { Button, Checkbox, Group, NativeSelect, SimpleGrid } from '@mantine/core';
import { OPEN_REFERRAL_STATES, REFERRAL_STATE_LABELS, URGENCY_LABELS } from '../../../src/shared/referral-vocabulary.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { useOrganisations, useRegions } from '../directory/directory.api';
import { idFrom } from '../patients/patient-format';
import { optionsOf, regionOptions, withPrompt } from '../ui/options';
import type { BoardFilters as Filters, FilterKey } from './board-query';

interface Props {
  filters: Filters;
  onChange(filters: Filters): void;
}

const SECURE_TIERS = { high: TIER_LABELS.high, medium: TIER_LABELS.medium, low: TIER_LABELS.low };
/** The board is the open queue: admitted, withdrawn and closed referrals leave it (their clocks have stopped). */
const OPEN_STATES = OPEN_REFERRAL_STATES.map((value) => ({ value, label: REFERRAL_STATE_LABELS[value] }));

/** The board's filters; each change applies at once (and goes back to the first page). */
export function BoardFilters({ filters, onChange }: Props) {
  const regions = useRegions();
  const regionId = idFrom(filters.regionId);
  const providers = useOrganisations({ regionId }, regionId !== undefined);
  const set = (key: FilterKey, value: string) => onChange({ ...filters, [key]: value, ...(key === 'regionId' ? { organisationId: '' } : {}) });
  const select = (key: FilterKey) => ({ value: filters[key], onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value) });
  const any = Object.entries(filters).some(([key, value]) => key !== 'clock' && value);

  return (
    <form role="search" aria-label="Filter referrals" onSubmit={(e) => e.preventDefault()}>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }} mb="sm">
        <NativeSelect label="Panel’s region" data={withPrompt('All regions', regionOptions(regions.data ?? []))} {...select('regionId')} />
        <NativeSelect
          label="Provider"
          disabled={!regionId}
          data={withPrompt(regionId ? 'All providers' : 'Choose a region first', (providers.data ?? []).map((o) => ({ value: String(o.id), label: o.name })))}
          {...select('organisationId')}
        />
        <NativeSelect label="Requested tier" data={withPrompt('Any tier', optionsOf(SECURE_TIERS))} {...select('tier')} />
        <NativeSelect label="Urgency" data={withPrompt('Any urgency', optionsOf(URGENCY_LABELS))} {...select('urgency')} />
        <NativeSelect label="State" data={withPrompt('Any open state', OPEN_STATES)} {...select('state')} />
      </SimpleGrid>
      <Group mb="md">
        <Checkbox
          label="Prison transfers only (s47/49, s48/49)"
          checked={filters.prisonOnly === 'true'}
          onChange={(e) => set('prisonOnly', e.currentTarget.checked ? 'true' : '')}
        />
        {any && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...filters, regionId: '', organisationId: '', tier: '', urgency: '', state: '', prisonOnly: '' })}>
            Clear filters
          </Button>
        )}
      </Group>
    </form>
  );
}
