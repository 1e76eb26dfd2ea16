import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Switch, Table, Text, Title } from '@mantine/core';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime, plural } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useEmergencyClaims, type EmergencyClaim } from './audit.api';
import { roleLabel } from './audit-text';
import { patientTrailHref } from './privacy-tabs';
import { ReviewClaim } from './ReviewClaim';

function ReviewCell({ claim, onDone }: { claim: EmergencyClaim; onDone(message: string): void }) {
  const { can } = useAuth();
  if (claim.reviewedAt) {
    return (
      <>
        Reviewed {formatDateTime(claim.reviewedAt)}
        {claim.reviewer ? ` by ${claim.reviewer}` : ''}
        {claim.reviewNote && <Text size="sm">{claim.reviewNote}</Text>}
      </>
    );
  }
  return (
    <>
      <Text size="sm" fw={700}>
        Not reviewed yet
      </Text>
      {can('audit:review') && <ReviewClaim claim={claim} onDone={onDone} />}
    </>
  );
}

/** The privacy officer's queue of emergency (break-glass) access claims, newest first. */
export function EmergencyClaims() {
  const [includeReviewed, setIncludeReviewed] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const claims = useEmergencyClaims(includeReviewed);

  return (
    <>
      <Title order={2} mb="sm">
        Emergency access claims
      </Title>
      <Text mb="sm">Each time a clinician opened a record through emergency access, with their reason. Review each one and note what you found.</Text>
      <Switch label="Show reviewed too" checked={includeReviewed} onChange={(e) => setIncludeReviewed(e.currentTarget.checked)} mb="md" />
      <Text role="status" fw={600} mb={message ? 'sm' : 0}>
        {message}
      </Text>
      {claims.isPending && <Loading what="Loading emergency access claims" />}
      {claims.isError && <ErrorMessage error={claims.error} title="The emergency access claims could not be loaded" />}
      {claims.data && (
        <>
          <Text mb="xs">
            {claims.data.length === 0
              ? includeReviewed
                ? 'No emergency access has been claimed.'
                : 'No emergency access is waiting for review.'
              : `${plural(claims.data.length, 'claim')}${includeReviewed ? '' : ' waiting for review'}.`}
          </Text>
          {claims.data.length > 0 && (
            <Table.ScrollContainer minWidth={1100}>
              <Table striped aria-label="Emergency access claims, newest first">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">Role</Table.Th>
                    <Table.Th scope="col">Patient</Table.Th>
                    <Table.Th scope="col">Reason</Table.Th>
                    <Table.Th scope="col">Access until</Table.Th>
                    <Table.Th scope="col">Review</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {claims.data.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Th scope="row" className="nowrap">
                        {formatDateTime(c.startedAt)}
                      </Table.Th>
                      <Table.Td>
                        {c.displayName} ({c.username})
                      </Table.Td>
                      <Table.Td>{roleLabel(c.role)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={patientTrailHref(c.patientId)}>
                          Who looked at patient {c.patientId}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{c.reason}</Table.Td>
                      <Table.Td className="nowrap">{formatDateTime(c.expiresAt)}</Table.Td>
                      <Table.Td>
                        <ReviewCell claim={c} onDone={setMessage} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </>
  );
}
