import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { JobProgress } from './JobProgress';
import { useJob, useSubmitJob, type Limits } from './planning.api';
import { usePlanning, type RunSize } from './planning-state';

const LABELS = { replications: 'Replications', years: 'Years measured', warmupYears: 'Warm-up years', seed: 'Random seed' };

/** How big a run to make, the button that starts it, and its progress. */
export function RunPanel({ limits }: { limits: Limits | undefined }) {
  const { state, update } = usePlanning();
  const submit = useSubmitJob();
  const job = useJob(state.jobId);
  const errors = fieldErrors(submit.error, LABELS);
  const set = (key: keyof RunSize) => (v: string | number) => update({ run: { ...state.run, [key]: Number(v) || 0 } });
  const running = job.data?.status === 'queued' || job.data?.status === 'running';
  const n = state.variants.length;

  const start = () =>
    state.scenario &&
    submit.mutate(
      { kind: 'simulation', body: { scenario: state.scenario, variants: state.variants, ...state.run } },
      { onSuccess: ({ id }) => update({ jobId: id }) },
    );

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <NumberInput
          label={LABELS.replications}
          description={`Independent runs, at most ${limits?.maxReplications ?? '…'}`}
          value={state.run.replications}
          min={2}
          max={limits?.maxReplications}
          allowDecimal={false}
          onChange={set('replications')}
          error={errors.replications}
        />
        <NumberInput label={LABELS.years} description="Measured after the warm-up" value={state.run.years} min={1} max={50} onChange={set('years')} error={errors.years} />
        <NumberInput label={LABELS.warmupYears} description="Simulated first, not measured" value={state.run.warmupYears} min={0} max={20} onChange={set('warmupYears')} />
        <NumberInput label={LABELS.seed} description="The same seed repeats a run" value={state.run.seed} min={0} allowDecimal={false} onChange={set('seed')} />
      </SimpleGrid>
      {submit.isError && <ErrorMessage error={submit.error} title="The run could not start" labels={LABELS} />}
      <Group>
        <Button size="md" onClick={start} loading={submit.isPending} disabled={!state.scenario || running}>
          {n === 0 ? 'Run the baseline' : `Run the baseline and ${n} variant${n === 1 ? '' : 's'}`}
        </Button>
        <Text size="sm" c="dimmed">
          Every scenario uses the same random seeds, so differences come from the changes, not from chance.
        </Text>
      </Group>
      {job.data && <JobProgress job={job.data} />}
      {job.isError && <ErrorMessage error={job.error} title="The run's progress could not be read" />}
    </Stack>
  );
}
