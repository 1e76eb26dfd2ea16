import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { ETHNICITY_LABELS, type EthnicityCode } from '../../../src/shared/vocabulary.js';
import { api } from '../api/client';
import { useRegions } from '../directory/directory.api';
import { ConflictReview, type ConflictField } from '../ui/ConflictReview';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { formatDate, formatNhsNumber } from '../ui/format';
import { codeLabel, regionOptions, withPrompt } from '../ui/options';
import { useConflictEdit } from '../ui/use-conflict-edit';
import { PatientActionLayout } from './PatientActionLayout';
import { changedPatientFields, PATIENT_FIELDS, PATIENT_LABELS, PatientFields, patientForm, toPatientPatch, type PatientForm } from './PatientFields';
import { patientPath } from './use-patient';

/** What the patient page says after a correction is saved (router state). */
export interface SavedNotice {
  notice: string;
}

/**
 * Correct a patient's details. The correction sends only the changed fields with the version it
 * started from (If-Match); if a colleague saved first (412), the clinician sees both versions field
 * by field and chooses: their changes on top of the colleague's version, or the colleague's version.
 * Nothing is overwritten without them seeing it.
 */
function CorrectDetailsForm({ patient }: { patient: PatientDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const { base, baseValues, values: form, setValues: setForm, changed, conflict, notice, onSubmit, reapply, keepTheirs, mutation: save } = useConflictEdit({
    record: patient,
    toForm: patientForm,
    changedOf: changedPatientFields,
    save: ({ base, values, changed }) => api<PatientDetail>(patientPath(base.id), { method: 'PATCH', json: toPatientPatch(values, changed), ifMatch: base.version }),
    onSaved: async (saved) => {
      queryClient.setQueryData([patientPath(saved.id), {}], saved);
      await queryClient.invalidateQueries({ queryKey: ['/patients'] });
      await navigate(patientPath(saved.id), { state: { notice: 'The corrected details have been saved.' } satisfies SavedNotice });
    },
    // The rest of the app shows the record as it is now saved.
    onConflict: (current) => queryClient.setQueryData([patientPath(current.id), {}], current),
    saveLabel: 'Save',
  });

  const regionName = (id: string) => regions.data?.find((r) => String(r.id) === id)?.name ?? id;
  const display: Partial<Record<keyof PatientForm, (value: string) => string>> = {
    dateOfBirth: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v),
    sex: codeLabel,
    nhsNumber: (v) => (/^\d{10}$/.test(v) ? formatNhsNumber(v) : v),
    ethnicity: (v) => ETHNICITY_LABELS[v as EthnicityCode] ?? v,
    homeRegionId: regionName,
  };
  const conflictFields: ConflictField[] = PATIENT_FIELDS.map((name) => ({ name, label: PATIENT_LABELS[name], display: display[name] }));

  const errors = fieldErrors(save.error, PATIENT_LABELS);
  const field = (key: keyof PatientForm) => ({
    label: PATIENT_LABELS[key],
    value: form[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={760}>
        {conflict && (
          <ConflictReview
            fields={conflictFields}
            mine={form}
            current={patientForm(conflict)}
            base={baseValues}
            changed={new Set(changed)}
            onReapply={reapply}
            onDiscard={keepTheirs}
          />
        )}
        {save.isError && !conflict && <ErrorMessage error={save.error} title="The details could not be saved" labels={PATIENT_LABELS} />}
        {notice && (
          <Text role="status" fw={600}>
            {notice}
          </Text>
        )}
        <Text>Change what is wrong and select Save. Only the details you change are saved.</Text>
        <PatientFields field={field} beside={<NativeSelect {...field('homeRegionId')} data={withPrompt('Choose a region', regionOptions(regions.data ?? []))} />} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
            Save
          </Button>
          <Anchor component={Link} to={patientPath(base.id)}>
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

export function CorrectDetailsPage() {
  return (
    <PatientActionLayout verb="Correct the details of" notNow={() => null}>
      {(p) => <CorrectDetailsForm patient={p} />}
    </PatientActionLayout>
  );
}
