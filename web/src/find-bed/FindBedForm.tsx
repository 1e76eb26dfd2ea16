import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid } from '@mantine/core';
import { SEXES, SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { useRegions } from '../directory/directory.api';
import { optionsOf, optionsOfCodes, regionOptions, withPrompt } from '../ui/options';
import type { CriteriaForm } from './criteria';

interface Props {
  initial: CriteriaForm;
  onSearch(criteria: CriteriaForm): void;
}

const REQUIRED: [keyof CriteriaForm, string][] = [
  ['tier', 'Choose the level of security needed'],
  ['sex', 'Choose the sex of the ward'],
  ['specialism', 'Choose the specialism needed'],
];

export function FindBedForm({ initial, onSearch }: Props) {
  const regions = useRegions();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof CriteriaForm, string>>>({});
  const set = (key: keyof CriteriaForm) => (e: ChangeEvent<HTMLSelectElement>) => setForm({ ...form, [key]: e.currentTarget.value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(REQUIRED.filter(([key]) => !form[key]));
    setErrors(missing);
    if (Object.keys(missing).length === 0) onSearch(form);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <NativeSelect label="Tier" data={withPrompt('Choose a tier', optionsOf(TIER_LABELS))} value={form.tier} onChange={set('tier')} error={errors.tier} />
        <NativeSelect label="Sex" data={withPrompt('Choose', optionsOfCodes(SEXES))} value={form.sex} onChange={set('sex')} error={errors.sex} />
        <NativeSelect
          label="Specialism"
          data={withPrompt('Choose a specialism', optionsOf(SPECIALISM_LABELS))}
          value={form.specialism}
          onChange={set('specialism')}
          error={errors.specialism}
        />
        <NativeSelect
          label="Home region"
          description="Optional. Beds nearest to it come first"
          data={withPrompt('Any region', regionOptions(regions.data ?? []))}
          value={form.homeRegionId}
          onChange={set('homeRegionId')}
        />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit">Find a bed</Button>
      </Group>
    </form>
  );
}
