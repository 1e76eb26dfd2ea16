import { Text, Title } from '@mantine/core';
import { ErrorMessage } from '../ui/ErrorMessage';
import { plural } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useRefusedAttempts } from './audit.api';
import { AuditEventTable } from './AuditEventTable';
import { OlderEvents, useBefore } from './OlderEvents';

/** Attempts to reach patient records that were refused or found nothing, newest first. */
export function RefusedAttempts() {
  const refused = useRefusedAttempts(useBefore());
  return (
    <>
      <Title order={2} mb="sm">
        Refused attempts
      </Title>
      <Text mb="sm">Attempts to open or change a patient record that were refused, or that asked for a patient who could not be found.</Text>
      {refused.isPending && <Loading what="Loading refused attempts" />}
      {refused.isError && <ErrorMessage error={refused.error} title="The refused attempts could not be loaded" />}
      {refused.data && (
        <>
          <Text mb="xs">{refused.data.length === 0 ? 'No attempts have been refused.' : `${plural(refused.data.length, 'refused attempt')}, newest first.`}</Text>
          {refused.data.length > 0 && <AuditEventTable events={refused.data} label="Refused attempts, newest first" withPatient />}
          <OlderEvents events={refused.data} />
        </>
      )}
    </>
  );
}
