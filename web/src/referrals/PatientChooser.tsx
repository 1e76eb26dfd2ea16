import { useState } from 'react';
import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientSummary } from '../../../src/patients/patients.schema.js';
import { useApiQuery } from '../api/use-api-query';
import { useAuth } from '../app/auth';
import { patientIdentifier, patientName } from '../patients/patient-format';
import { PATIENT_LABELS, PatientFields, type FieldProps, type PatientForm } from '../patients/PatientFields';
import { formatDate } from '../ui/format';

export type PatientMode = 'existing' | 'new';

interface Props {
  mode: PatientMode;
  onMode(mode: PatientMode): void;
  patientId: string;
  onPatient(id: string): void;
  person: PatientForm;
  onPerson(person: PatientForm): void;
  errors: Record<string, string>;
}

/** Who is referred: a patient SecurePath already knows (searched by name or number), or a new person. */
export function PatientChooser({ mode, onMode, patientId, onPatient, person, onPerson, errors }: Props) {
  const { can } = useAuth();
  // Someone who may not search patients can still refer a person, as a new record.
  const canSearch = can('patients:read');
  const current = canSearch ? mode : 'new';
  const field: FieldProps = (key) => ({
    label: PATIENT_LABELS[key],
    value: person[key],
    // Nested fields come back as "newPatient.givenName", or bare when the server reports them missing.
    error: errors[`newPatient.${key}`] ?? errors[key],
    onChange: (e) => onPerson({ ...person, [key]: e.currentTarget.value }),
  });

  return (
    <Stack>
      {canSearch && (
        <Radio.Group label="Is the person already known to SecurePath?" value={current} onChange={(v) => onMode(v as PatientMode)}>
          <Stack gap={6} mt={6}>
            <Radio value="existing" label="Yes: find their record" />
            <Radio value="new" label="No: record a new person" />
          </Stack>
        </Radio.Group>
      )}
      {current === 'existing' ? <PatientSearch patientId={patientId} onPatient={onPatient} error={errors.patientId} /> : <PatientFields field={field} />}
    </Stack>
  );
}

/** Find a patient by name, NHS or CHI number and choose one (results as radio buttons). */
export function PatientSearch({ patientId, onPatient, error }: { patientId: string; onPatient(id: string): void; error?: string }) {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 350);
  const found = useApiQuery<{ items: PatientSummary[]; total: number }>('/patients', { q, limit: 8 }, { enabled: q.length >= 2 });
  const items = found.data?.items ?? [];
  // The chosen person stays named even when a new search no longer lists them.
  const [chosen, setChosen] = useState('');
  const describe = (p: PatientSummary) => `${patientName(p)}, born ${formatDate(p.dateOfBirth)}, ${patientIdentifier(p)}${p.currentWardName ? `, now on ${p.currentWardName}` : ''}`;
  const choose = (id: string) => {
    const p = items.find((i) => String(i.id) === id);
    if (p) setChosen(describe(p));
    onPatient(id);
  };

  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label="Search by name, NHS number or CHI number"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autoComplete="off"
        maw={420}
        error={!patientId ? error : undefined}
      />
      {q.length >= 2 && found.data && items.length === 0 && <Text size="sm">No patient matches “{q}”. Record a new person instead.</Text>}
      {items.length > 0 && (
        <Radio.Group label="Choose the person" value={patientId} onChange={choose}>
          <Stack gap={6} mt={6}>
            {items.map((p) => (
              <Radio key={p.id} value={String(p.id)} label={describe(p)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {patientId && chosen && (
        <Text fw={700} role="status">
          Chosen: {chosen}
        </Text>
      )}
    </Stack>
  );
}
