import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber } from '../ui/format';
import { useCancelJob, type Job } from './planning.api';

const STATUS: Record<Job['status'], string> = {
  queued: 'Waiting for a free slot',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A job's progress bar (replications done), with what it is doing in words and a way to stop it. */
export function JobProgress({ job }: { job: Job }) {
  const cancel = useCancelJob();
  const live = job.status === 'queued' || job.status === 'running';
  const pct = Math.round(job.progress * 100);
  const what =
    job.status === 'queued'
      ? `${STATUS.queued}${job.queuePosition ? `: ${job.queuePosition} run${job.queuePosition === 1 ? '' : 's'} ahead` : ''}…`
      : `${STATUS[job.status]}: ${formatNumber(job.replicationsDone)} of ${formatNumber(job.replicationsTotal)} replications (${pct}%)`;
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={600} role="status" aria-live="polite">
          {what}
        </Text>
        {live && (
          <Button variant="subtle" color="red" size="xs" onClick={() => cancel.mutate(job.id)} loading={cancel.isPending}>
            Cancel run
          </Button>
        )}
      </Group>
      <Progress value={pct} size="lg" animated={live} color={job.status === 'failed' ? 'red' : job.status === 'cancelled' ? 'gray' : undefined} aria-label={`Replications done: ${pct}%`} />
      {job.status === 'failed' && <ErrorMessage error={new Error(job.error ?? 'The run failed.')} title="The run did not finish" />}
    </Stack>
  );
}
