import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { Scenario } from '../../../src/planning/scenario.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { AreaSelect } from './AreaSelect';
import { useCalibrate, type CalibrationInput } from './planning.api';
import { usePlanning } from './planning-state';

const LABELS = { area: 'Area', from: 'Window from', to: 'Window to', pooling: 'Group people by' };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last five years up to today: long enough for secure stays to be seen ending. */
function defaultWindow(): Pick<CalibrationInput, 'from' | 'to'> {
  const to = new Date();
  const from = new Date(to);
  from.setUTCFullYear(to.getUTCFullYear() - 5);
  return { from: isoDay(from), to: isoDay(to) };
}

/** Choose an area and a window of its history; calibrate a scenario from it. */
export function CalibrateForm({ defaultArea }: { defaultArea: string }) {
  const { update } = usePlanning();
  const [form, setForm] = useState<CalibrationInput>({ area: defaultArea, pooling: 'sex-and-specialism', ...defaultWindow() });
  const calibrate = useCalibrate();
  const errors = fieldErrors(calibrate.error, LABELS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    calibrate.mutate(form, {
      onSuccess: (response) => update({ scenario: response.scenario as Scenario, calibration: response, origin: `Calibrated from ${response.area.name}, ${response.report.from} to ${response.report.to}`, jobId: null }),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Calibrate from the register">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <AreaSelect value={form.area} onChange={(area) => setForm({ ...form, area })} description="Where the beds and the history come from" error={errors.area} />
        <TextInput type="date" label={LABELS.from} description="At least a year before the end" value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={errors.from} />
        <TextInput type="date" label={LABELS.to} description="Not after today" value={form.to} onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} error={errors.to} />
        <NativeSelect
          label={LABELS.pooling}
          description="Beds are kept for people of one group"
          data={[
            { value: 'sex-and-specialism', label: 'Sex and specialism' },
            { value: 'sex', label: 'Sex only' },
          ]}
          value={form.pooling}
          onChange={(e) => setForm({ ...form, pooling: e.currentTarget.value as CalibrationInput['pooling'] })}
        />
      </SimpleGrid>
      {calibrate.isError && Object.keys(errors).length === 0 && <ErrorMessage error={calibrate.error} title="The area could not be calibrated" labels={LABELS} />}
      <Group mt="md" gap="md">
        <Button type="submit" loading={calibrate.isPending}>
          Calibrate from the register
        </Button>
        <Text size="sm" c="dimmed">
          Reads admissions, lengths of stay and moves in the window; no patient is identified.
        </Text>
      </Group>
    </form>
  );
}
