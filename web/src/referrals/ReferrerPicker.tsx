import { NativeSelect, SimpleGrid } from '@mantine/core';
import { SERVICE_TYPE_LABELS } from '../../../src/shared/vocabulary.js';
import { useOrganisations, useRegions, useUnits } from '../directory/directory.api';
import { idFrom } from '../patients/patient-format';
import { regionOptions, withPrompt } from '../ui/options';

export interface Referrer {
  regionId: string;
  organisationId: string;
  unitId: string;
}

interface Props {
  value: Referrer;
  onChange(value: Referrer): void;
  errors: { organisationId?: string; unitId?: string };
}

/** Where the referral comes from: region, then the organisation, then (optionally) its unit or prison. */
export function ReferrerPicker({ value, onChange, errors }: Props) {
  const regions = useRegions();
  const regionId = idFrom(value.regionId);
  const organisationId = idFrom(value.organisationId);
  const organisations = useOrganisations({ regionId }, regionId !== undefined);
  const units = useUnits({ organisationId }, organisationId !== undefined);

  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <NativeSelect
        label="Region of the referrer"
        data={withPrompt('Choose a region', regionOptions(regions.data ?? []))}
        value={value.regionId}
        onChange={(e) => onChange({ regionId: e.currentTarget.value, organisationId: '', unitId: '' })}
      />
      <NativeSelect
        label="Referring organisation"
        disabled={!regionId}
        error={errors.organisationId}
        data={withPrompt(regionId ? 'Choose an organisation' : 'Choose a region first', (organisations.data ?? []).map((o) => ({ value: String(o.id), label: o.name })))}
        value={value.organisationId}
        onChange={(e) => onChange({ ...value, organisationId: e.currentTarget.value, unitId: '' })}
      />
      <NativeSelect
        label="Referring unit or prison"
        description="Optional"
        disabled={!organisationId}
        error={errors.unitId}
        data={withPrompt(organisationId ? 'Not a particular unit' : 'Choose an organisation first', (units.data ?? []).map((u) => ({ value: String(u.id), label: `${u.name} (${SERVICE_TYPE_LABELS[u.serviceType]})` })))}
        value={value.unitId}
        onChange={(e) => onChange({ ...value, unitId: e.currentTarget.value })}
      />
    </SimpleGrid>
  );
}
