import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatientDetail, PatientInput } from '../../../src/patients/patients.schema.js';
import { api } from '../api/client';
import { useRegions } from '../directory/directory.api';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { regionOptions, withPrompt } from '../ui/options';
import { PageHeading } from '../ui/PageHeading';
import { EMPTY_PATIENT, PATIENT_LABELS, PatientFields, toPatientInput, type PatientForm } from './PatientFields';
import { patientPath } from './use-patient';

type Form = PatientForm;
const LABELS = PATIENT_LABELS;

export function NewPatientPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [form, setForm] = useState<Form>(EMPTY_PATIENT);
  const create = useMutation({
    mutationFn: (input: PatientInput) => api<PatientDetail>('/patients', { json: input }),
    onSuccess: async (patient) => {
      queryClient.setQueryData([patientPath(patient.id), {}], patient);
      await queryClient.invalidateQueries({ queryKey: ['/patients'] });
      await navigate(patientPath(patient.id));
    },
  });
  const errors = fieldErrors(create.error, LABELS);

  const field = (key: keyof Form) => ({
    label: LABELS[key],
    value: form[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(toPatientInput(form));
  };

  return (
    <>
      <PageHeading title="New patient" />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={760}>
          {create.isError && <ErrorMessage error={create.error} title="The patient could not be saved" labels={LABELS} />}
          <Text>Give every detail below, with either an NHS number or a CHI number.</Text>
          <PatientFields
            field={field}
            beside={<NativeSelect {...field('homeRegionId')} data={withPrompt('Choose a region', regionOptions(regions.data ?? []))} />}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Save
            </Button>
            <Anchor component={Link} to="/patients">
              Cancel
            </Anchor>
          </Group>
        </Stack>
      </form>
    </>
  );
}
