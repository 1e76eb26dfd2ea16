import { Anchor, NativeSelect, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { WardBeds } from '../../../src/beds/beds.schema.js';
import { SERVICE_TYPE_LABELS, SPECIALISM_LABELS, tierOfServiceType } from '../../../src/shared/vocabulary.js';
import { useApiQuery } from '../api/use-api-query';
import { wardSummary } from '../beds/BedMap';
import { useRegions, useUnits } from '../directory/directory.api';
import { formatNumber } from '../ui/format';
import { codeLabel, regionOptions, withPrompt } from '../ui/options';

export interface WardChoice {
  regionId: string;
  unitId: string;
  wardId: string;
}

interface Props {
  value: WardChoice;
  onChange(value: WardChoice): void;
  error?: string;
  /** Where "Find a bed" should search from. */
  findBedHref: string;
}

const wardLabel = (w: WardBeds) =>
  `${w.wardName}: ${(w.vacant ?? 0) > 0 ? `${formatNumber(w.vacant!)} vacant` : 'full'} (${codeLabel(w.sex)}, ${SPECIALISM_LABELS[w.specialism]})`;

/** Region, then unit, then ward, showing the vacant beds of each ward. */
export function WardPicker({ value, onChange, error, findBedHref }: Props) {
  const regions = useRegions();
  const regionId = Number(value.regionId) || undefined;
  const unitId = Number(value.unitId) || undefined;
  const units = useUnits({ regionId }, regionId !== undefined);
  const wards = useApiQuery<WardBeds[]>('/beds/wards', { unitId }, { enabled: unitId !== undefined });

  const bedUnits = (units.data ?? []).filter((u) => tierOfServiceType(u.serviceType) !== null);
  const chosen = wards.data?.find((w) => String(w.wardId) === value.wardId);

  return (
    <div>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <NativeSelect
          label="Region"
          data={withPrompt('Choose a region', regionOptions(regions.data ?? []))}
          value={value.regionId}
          onChange={(e) => onChange({ regionId: e.currentTarget.value, unitId: '', wardId: '' })}
        />
        <NativeSelect
          label="Unit"
          disabled={!regionId}
          description={units.isFetching ? 'Loading units…' : undefined}
          data={withPrompt(regionId ? 'Choose a unit' : 'Choose a region first', bedUnits.map((u) => ({ value: String(u.id), label: `${u.name} (${SERVICE_TYPE_LABELS[u.serviceType]})` })))}
          value={value.unitId}
          onChange={(e) => onChange({ ...value, unitId: e.currentTarget.value, wardId: '' })}
        />
        <NativeSelect
          label="Ward"
          disabled={!unitId}
          error={error}
          description={chosen ? wardSummary(chosen) : wards.isFetching ? 'Loading wards…' : undefined}
          data={withPrompt(unitId ? 'Choose a ward' : 'Choose a unit first', (wards.data ?? []).map((w) => ({ value: String(w.wardId), label: wardLabel(w) })))}
          value={value.wardId}
          onChange={(e) => onChange({ ...value, wardId: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Text size="sm" mt="xs">
        Not sure where there is room?{' '}
        <Anchor component={Link} to={findBedHref}>
          Find a bed
        </Anchor>
      </Text>
    </div>
  );
}
