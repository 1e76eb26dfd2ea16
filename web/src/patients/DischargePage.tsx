import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { DischargeInput, PatientDetail } from '../../../src/patients/patients.schema.js';
import { DISCHARGE_DESTINATION_LABELS } from '../../../src/shared/vocabulary.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { optionsOf, withPrompt } from '../ui/options';
import { PatientActionLayout } from './PatientActionLayout';
import { whyNotMove } from './placement-text';
import { usePlacementAction } from './use-placement-action';
import { useWhen, WhenInput } from './WhenInput';

const LABELS = { destination: 'Discharged to', at: 'Date and time of discharge' };

function DischargeForm({ patient }: { patient: PatientDetail }) {
  const [destination, setDestination] = useState('');
  const when = useWhen();
  const post = usePlacementAction<DischargeInput>(patient.id, 'discharge');
  const errors = fieldErrors(post.error, LABELS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate({ destination: destination as DischargeInput['destination'], ...(when.iso ? { at: when.iso } : {}) });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={640}>
        {post.isError && <ErrorMessage error={post.error} title="The patient could not be discharged" labels={LABELS} />}
        <Text>This ends their stay in the secure system. To move them to another ward, use Transfer instead.</Text>
        <NativeSelect
          label={LABELS.destination}
          data={withPrompt('Choose where they went', optionsOf(DISCHARGE_DESTINATION_LABELS))}
          value={destination}
          onChange={(e) => setDestination(e.currentTarget.value)}
          error={errors.destination}
          maw={420}
        />
        <WhenInput label={LABELS.at} when={when} error={errors.at} />
        <Group>
          <Button type="submit" loading={post.isPending}>
            Discharge
          </Button>
          <Anchor component={Link} to={`/patients/${patient.id}`}>
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

export function DischargePage() {
  return (
    <PatientActionLayout verb="Discharge" notNow={(p) => (p.currentPlacement ? whyNotMove(p) : <Text>This patient is not in a secure bed now, so cannot be discharged.</Text>)}>
      {(p) => <DischargeForm patient={p} />}
    </PatientActionLayout>
  );
}
