import { NativeSelect, Radio, SimpleGrid, Stack } from '@mantine/core';
import { SERVICE_TYPE_LABELS, tierOfServiceType } from '../../../src/shared/vocabulary.js';
import { useRegions, useUnits } from '../directory/directory.api';
import { idFrom } from '../patients/patient-format';
import { regionOptions, withPrompt } from '../ui/options';

export interface PanelChoice {
  kind: 'unit' | 'region';
  regionId: string;
  unitId: string;
}

interface Props {
  legend: string;
  value: PanelChoice;
  onChange(value: PanelChoice): void;
  errors?: { regionId?: string; unitId?: string };
  /** A unit not to offer (the panel that has just declined). */
  excludeUnitId?: number;
}

const SECURE = new Set(['high', 'medium', 'low']);

/** Which admission panel decides: one secure unit's, or a region's panel with members from every tier. */
export function PanelPicker({ legend, value, onChange, errors = {}, excludeUnitId }: Props) {
  const regions = useRegions();
  const regionId = idFrom(value.regionId);
  const units = useUnits({ regionId }, regionId !== undefined && value.kind === 'unit');
  const secureUnits = (units.data ?? []).filter((u) => SECURE.has(tierOfServiceType(u.serviceType) ?? '') && u.id !== excludeUnitId && !u.retiredAt);

  return (
    <Stack gap="sm">
      <Radio.Group label={legend} value={value.kind} onChange={(kind) => onChange({ ...value, kind: kind as PanelChoice['kind'], unitId: '' })}>
        <Stack gap={6} mt={6}>
          <Radio value="unit" label="A secure unit's admission panel" />
          <Radio value="region" label="The regional admission panel (members from every tier)" />
        </Stack>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={value.kind === 'unit' ? 'Region of the unit' : 'Region of the panel'}
          data={withPrompt('Choose a region', regionOptions(regions.data ?? []))}
          value={value.regionId}
          error={errors.regionId}
          onChange={(e) => onChange({ ...value, regionId: e.currentTarget.value, unitId: '' })}
        />
        {value.kind === 'unit' && (
          <NativeSelect
            label="Unit"
            disabled={!regionId}
            error={errors.unitId}
            description={units.isFetching ? 'Loading units…' : undefined}
            data={withPrompt(regionId ? 'Choose a secure unit' : 'Choose a region first', secureUnits.map((u) => ({ value: String(u.id), label: `${u.name} (${SERVICE_TYPE_LABELS[u.serviceType]}), ${u.organisationName}` })))}
            value={value.unitId}
            onChange={(e) => onChange({ ...value, unitId: e.currentTarget.value })}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}

/** The panel as the API wants it: a unit id, or a region id for the region's panel. */
export const panelTarget = (p: PanelChoice) => (p.kind === 'unit' ? { targetUnitId: idFrom(p.unitId) } : { targetRegionId: idFrom(p.regionId) });
