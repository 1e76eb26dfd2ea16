import { Alert, Button, List, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber, plural } from '../ui/format';
import type { TrailCheck } from './audit.api';

function CheckResult({ result }: { result: TrailCheck }) {
  if (result.ok) {
    return (
      <Text role="status" fw={700}>
        Intact: {plural(result.events, 'event')}, every link checks out.
      </Text>
    );
  }
  return (
    <Alert color="red" title="The audit trail has been altered">
      {plural(result.events, 'event')} checked. These problems were found:
      <List size="sm" mt="xs">
        {result.breaks.map((b) => (
          <List.Item key={`${b.seq} ${b.problem}`}>
            Event {formatNumber(Number(b.seq))}: {b.problem}
          </List.Item>
        ))}
        {!result.headMatches && <List.Item>The latest event does not match the recorded end of the chain: events may have been removed from the end.</List.Item>}
      </List>
    </Alert>
  );
}

/** Recompute the hash chain of the whole audit trail, to show that no event has been changed or removed. */
export function AuditTrailCheck() {
  const check = useMutation({ mutationFn: () => api<TrailCheck>('/audit/verify') });
  return (
    <>
      <Title order={2} mb="sm">
        Audit trail check
      </Title>
      <Text mb="sm">Each event in the audit trail is linked to the one before it. The check follows every link to show that nothing has been changed or removed.</Text>
      <Button onClick={() => check.mutate()} loading={check.isPending} mb="md">
        Check the audit trail
      </Button>
      {check.isError && <ErrorMessage error={check.error} title="The audit trail could not be checked" />}
      {check.data && <CheckResult result={check.data} />}
    </>
  );
}
