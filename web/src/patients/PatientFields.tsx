import type { ReactNode } from 'react';
import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { PatientDetail, PatientInput, PatientPatch } from '../../../src/patients/patients.schema.js';
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

/** A patient's record as the form holds it, for correcting their details. */
export const patientForm = (p: PatientDetail): PatientForm => ({
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex,
  nhsNumber: p.nhsNumber ?? '',
  chiNumber: p.chiNumber ?? '',
  ethnicity: p.ethnicity,
  homeRegionId: String(p.homeRegionId),
});

export const PATIENT_FIELDS = Object.keys(PATIENT_LABELS) as (keyof PatientForm)[];

/** The fields whose value differs from the record's (spaces at either end do not count). */
export const changedPatientFields = (form: PatientForm, base: PatientForm) => PATIENT_FIELDS.filter((k) => form[k].trim() !== base[k]);

/** A correction as the API wants it: only the changed fields, a blank one sent for the server to judge. */
export function toPatientPatch(form: PatientForm, fields: readonly (keyof PatientForm)[]): PatientPatch {
  const patch: Record<string, string | number> = {};
  for (const key of fields) {
    const v = form[key].trim();
    patch[key] = key === 'homeRegionId' && v ? Number(v) : v;
  }
  return patch as PatientPatch;
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
