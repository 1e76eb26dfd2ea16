import type { ReactNode } from 'react';
import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { PatientInput } from '../../../src/patients/patients.schema.js';
import { ETHNICITY_LABELS, SEXES } from '../../../src/shared/vocabulary.js';
import { optionsOf, optionsOfCodes, withPrompt } from '../ui/options';

export type PatientForm = Record<keyof PatientInput, string>;

export const PATIENT_LABELS: PatientForm = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  nhsNumber: 'NHS number',
  chiNumber: 'CHI number',
  ethnicity: 'Ethnicity',
  homeRegionId: 'Home region',
};

export const EMPTY_PATIENT: PatientForm = { givenName: '', familyName: '', dateOfBirth: '', sex: '', nhsNumber: '', chiNumber: '', ethnicity: '', homeRegionId: '' };

/** The form as the API wants it: blanks left out (the server names what is missing), ids as numbers. */
export function toPatientInput(form: PatientForm): PatientInput {
  const input: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(form)) {
    const v = value.trim();
    if (v) input[key] = key === 'homeRegionId' ? Number(v) : v;
  }
  return input as unknown as PatientInput;
}

/** Props of one input: its label, value, error and change handler. */
export type FieldProps = (key: keyof PatientForm) => { label: string; value: string; error?: string; onChange(e: { currentTarget: { value: string } }): void };

/** The details that identify a person (new patient, new referral); `beside` sits next to ethnicity. */
export function PatientFields({ field, beside }: { field: FieldProps; beside?: ReactNode }) {
  return (
    <>
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
        {beside}
      </SimpleGrid>
    </>
  );
}
