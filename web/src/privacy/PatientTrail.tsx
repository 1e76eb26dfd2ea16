import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Group, NumberInput, Text, Title } from '@mantine/core';
import { ErrorMessage } from '../ui/ErrorMessage';
import { plural } from '../ui/format';
import { Loading } from '../ui/Loading';
import { idFrom } from '../patients/patient-format';
import { usePatientTrail } from './audit.api';
import { AuditEventTable } from './AuditEventTable';
import { OlderEvents, useBefore } from './OlderEvents';
import { patientTrailParams } from './privacy-tabs';

/** Everyone who has looked at or changed one patient's record; the patient id lives in the URL. */
export function PatientTrail() {
  const [params, setParams] = useSearchParams();
  const shown = idFrom(params.get('patient'));
  const [text, setText] = useState<string | number>(shown ?? '');
  const [invalid, setInvalid] = useState(false);
  const trail = usePatientTrail(shown, useBefore());
  // Back and Forward change the patient in the URL: show it in the box.
  useEffect(() => setText(shown ?? ''), [shown]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const id = idFrom(String(text));
    setInvalid(id === undefined);
    if (id !== undefined) setParams(patientTrailParams(id));
  };

  return (
    <>
      <Title order={2} mb="sm">
        Who has looked at a patient
      </Title>
      <form onSubmit={onSubmit}>
        <Group align="flex-end" mb="md">
          <NumberInput
            label="Patient id"
            value={text}
            onChange={setText}
            error={invalid && 'Enter a patient id: a whole number such as 12'}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            w={260}
          />
          <Button type="submit">Show</Button>
        </Group>
      </form>
      {trail.isLoading && <Loading what="Loading the audit trail" />}
      {trail.isError && <ErrorMessage error={trail.error} title="The audit trail could not be loaded" />}
      {trail.data && (
        <>
          <Text role="status" mb="xs">
            {trail.data.length === 0
              ? `Nobody has looked at the record of patient ${shown}.`
              : `${plural(trail.data.length, 'event')} on the record of patient ${shown}, newest first.`}
          </Text>
          {trail.data.length > 0 && <AuditEventTable events={trail.data} label="Who has looked at the patient, newest first" />}
          <OlderEvents events={trail.data} />
        </>
      )}
    </>
  );
}
