import { useState, type FormEvent } from 'react';
import { Checkbox, Fieldset, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PrisonReturnInput } from '../../../../src/referrals/referrals.schema.js';
import { HANDOVER_ITEM_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { api } from '../../api/client';
import { useIdempotencyKeys } from '../../api/idempotency';
import { useRegions, useUnits } from '../../directory/directory.api';
import { idFrom } from '../../patients/patient-format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { fieldErrors } from '../../ui/field-errors';
import { regionOptions, withPrompt } from '../../ui/options';
import { SaveOrCancel } from '../../ui/SaveOrCancel';
import { gapsOf, type Check } from '../actions/use-step';
import { PatientSearch } from '../PatientChooser';
import type { PrisonReturn } from '../referrals.api';

const LABELS = { patientId: 'Patient', prisonUnitId: 'Prison', plannedFor: 'Planned date of return', handoverItems: 'Handover pack' };

/** Plan a return from hospital to prison: who, to which prison, when, and what the handover pack holds so far. */
export function PlanReturnForm({ onDone, onCancel }: { onDone(message: string): void; onCancel(): void }) {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const regions = useRegions();
  const [patientId, setPatientId] = useState('');
  const [regionId, setRegionId] = useState('');
  const [prisonId, setPrisonId] = useState('');
  const [plannedFor, setPlannedFor] = useState('');
  const [items, setItems] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const units = useUnits({ regionId: idFrom(regionId) }, Boolean(regionId));
  const prisons = (units.data ?? []).filter((u) => u.serviceType === 'prison');
  const prison = prisons.find((u) => String(u.id) === prisonId);

  const save = useMutation({
    mutationFn: (input: PrisonReturnInput) => api<PrisonReturn>(`/patients/${patientId}/prison-returns`, { json: input, idempotencyKey: keyFor({ patientId, input }) }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['/prison-returns'] });
      onDone(`The return of ${r.patient.name} to prison is planned.`);
    },
  });
  const checks: Check[] = [
    ['patientId', Boolean(patientId), 'Search for the patient and choose them'],
    ['prisonUnitId', Boolean(prison), 'Choose the prison'],
    ['plannedFor', Boolean(plannedFor), 'Give the planned date'],
  ];
  const missing = tried ? gapsOf(checks) : {};
  const errors = { ...fieldErrors(save.error, LABELS), ...missing };

  const chooseRegion = (id: string) => {
    setRegionId(id);
    setPrisonId('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    save.reset();
    if (patientId && prison && plannedFor) save.mutate({ prisonUnitId: prison.id, plannedFor, handoverItems: items as PrisonReturnInput['handoverItems'] });
  };

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="plan-return-heading">
      <Title order={2} size="h3" id="plan-return-heading" mb="sm">
        Plan a return to prison
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.isError && <ErrorMessage error={save.error} title="The return could not be planned" labels={LABELS} />}
          <PatientSearch patientId={patientId} onPatient={setPatientId} error={errors.patientId} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect label="Region of the prison" data={withPrompt('Choose a region', regionOptions(regions.data ?? []))} value={regionId} onChange={(e) => chooseRegion(e.currentTarget.value)} />
            <NativeSelect
              label={LABELS.prisonUnitId}
              disabled={!regionId}
              data={withPrompt(regionId ? 'Choose a prison' : 'Choose a region first', prisons.map((u) => ({ value: String(u.id), label: u.name })))}
              value={prisonId}
              onChange={(e) => setPrisonId(e.currentTarget.value)}
              error={errors.prisonUnitId}
            />
            <TextInput type="date" label={LABELS.plannedFor} value={plannedFor} onChange={(e) => setPlannedFor(e.currentTarget.value)} error={errors.plannedFor} />
          </SimpleGrid>
          <Fieldset legend="Handover pack: what is ready to travel with the person">
            <Checkbox.Group value={items} onChange={setItems} aria-label={LABELS.handoverItems}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {Object.entries(HANDOVER_ITEM_LABELS).map(([value, label]) => (
                  <Checkbox key={value} value={value} label={label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Text size="sm" mt="xs" c="dimmed">
              What is not ticked is listed as missing until the person leaves.
            </Text>
          </Fieldset>
          <SaveOrCancel label="Plan the return" pending={save.isPending} onCancel={onCancel} />
        </Stack>
      </form>
    </Paper>
  );
}
