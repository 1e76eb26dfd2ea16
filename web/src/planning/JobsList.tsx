import { Badge, Button, Group, Progress, Table, Text } from '@mantine/core';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useCancelJob, useJobs, type JobSummary } from './planning.api';
import { READING_COLOURS } from './planning-colours';

const STATUS_COLOUR: Record<JobSummary['status'], string> = { queued: READING_COLOURS.neutral, running: READING_COLOURS.info, done: READING_COLOURS.good, failed: READING_COLOURS.bad, cancelled: READING_COLOURS.neutral };
const KIND: Record<JobSummary['kind'], string> = { simulation: 'Scenarios', capacity_search: 'Capacity search' };

/** The planner's own runs, newest first: open a finished one, stop a running one, clear old ones. */
export function JobsList({ onOpen }: { onOpen(job: JobSummary): void }) {
  const jobs = useJobs();
  const cancel = useCancelJob();
  if (jobs.isPending) return <Loading what="Loading your runs" />;
  if (jobs.isError) return <ErrorMessage error={jobs.error} title="Your runs could not be loaded" />;
  if (jobs.data.length === 0) return <Text>You have not run anything yet. Runs you start appear here, and keep running if you leave the page.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Your planning runs" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Scenario</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Started</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Progress</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.data.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Th scope="row">{j.scenarioName}</Table.Th>
              <Table.Td>{KIND[j.kind]}</Table.Td>
              <Table.Td className="nowrap">{formatDateTime(j.createdAt)}</Table.Td>
              <Table.Td>
                <Badge variant="filled" color={STATUS_COLOUR[j.status]}>
                  {j.status}
                </Badge>
              </Table.Td>
              <Table.Td miw={140}>
                <Progress value={j.progress * 100} aria-label={`${Math.round(j.progress * 100)}% done`} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {j.status === 'done' && (
                    <Button size="xs" onClick={() => onOpen(j)}>
                      Show results
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" color="red" onClick={() => cancel.mutate(j.id)}>
                    {j.status === 'queued' || j.status === 'running' ? 'Cancel' : 'Remove'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
