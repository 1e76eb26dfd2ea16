import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatientDetail, PatientInput } from '../../../src/patients/patients.schema.js';
import { ETHNICITY_LABELS, SEXES } from '../../../src/shared/vocabulary.js';
import { api } from '../api/client';
import { useRegions } from '../directory/directory.api';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { optionsOf, optionsOfCodes, regionOptions, withPrompt } from '../ui/options';
import { PageHeading } from '../ui/PageHeading';
import { patientPath } from './use-patient';

type Form = Record<keyof PatientInput, string>;

const LABELS: Form = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  nhsNumber: 'NHS number',
  chiNumber: 'CHI number',
  ethnicity: 'Ethnicity',
  homeRegionId: 'Home region',
};

const EMPTY: Form = { givenName: '', familyName: '', dateOfBirth: '', sex: '', nhsNumber: '', chiNumber: '', ethnicity: '', homeRegionId: '' };

/** The form as the API wants it: blanks left out (the server names what is missing), ids as numbers. */
function toInput(form: Form): PatientInput {
  const input: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(form)) {
    const v = value.trim();
    if (v) input[key] = key === 'homeRegionId' ? Number(v) : v;
  }
  return input as unknown as PatientInput;
}

export function NewPatientPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [form, setForm] = useState<Form>(EMPTY);
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
    create.mutate(toInput(form));
  };

  return (
    <>
      <PageHeading title="New patient" />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={760}>
          {create.isError && <ErrorMessage error={create.error} title="The patient could not be saved" labels={LABELS} />}
          <Text>Give every detail below, with either an NHS number or a CHI number.</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field('givenName')} autoComplete="off" />
            <TextInput {...field('familyName')} autoComplete="off" />
            <TextInput {...field('dateOfBirth')} type="date" />
            <NativeSelect {...field('sex')} data={withPrompt('Choose', optionsOfCodes(SEXES))} />
          </SimpleGrid>
          <Fieldset legend="NHS number or CHI number (give one)">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...field('nhsNumber')} description="10 digits, for England and Wales" inputMode="numeric" autoComplete="off" />
              <TextInput {...field('chiNumber')} description="10 digits, for Scotland" inputMode="numeric" autoComplete="off" />
            </SimpleGrid>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect {...field('ethnicity')} data={withPrompt('Choose', optionsOf(ETHNICITY_LABELS))} />
            <NativeSelect {...field('homeRegionId')} data={withPrompt('Choose a region', regionOptions(regions.data ?? []))} />
          </SimpleGrid>
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
