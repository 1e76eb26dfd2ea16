import { Alert, Stack, Text } from '@mantine/core';
import { CalibrateForm } from './CalibrateForm';
import { CalibrationSummary } from './CalibrationSummary';
import { useJob, useLimits } from './planning.api';
import { READING_COLOURS } from './planning-colours';
import { usePlanning } from './planning-state';
import { ResultsView } from './ResultsView';
import { RunPanel } from './RunPanel';
import { ScenarioEditor } from './ScenarioEditor';
import { ScenarioFileButtons } from './ScenarioFileButtons';
import { Step } from './Step';
import { VariantsEditor } from './VariantsEditor';

/** The planner's path: a scenario from history (or a file), its key figures, variants, a run, results. */
export function ScenarioWorkspace({ defaultArea }: { defaultArea: string }) {
  const { state } = usePlanning();
  const limits = useLimits();
  const job = useJob(state.jobId);
  const result = job.data?.result?.kind === 'simulation' ? job.data.result : null;

  return (
    <Stack gap="lg">
      <Step n={1} title="Start from an area's history" intro="Calibrate a model of the secure pathway from the register, or load a scenario file you saved before.">
        <CalibrateForm defaultArea={defaultArea} />
        <Text fw={600} mt="lg" mb="xs">
          Or work with a file
        </Text>
        <ScenarioFileButtons />
        {state.calibration && (
          <Stack mt="lg">
            <CalibrationSummary calibration={state.calibration} />
          </Stack>
        )}
      </Step>
      {state.scenario ? (
        <>
          <Step n={2} title="Check the key figures" intro={state.calibration ? `Scenario: ${state.scenario.name}.` : `Scenario: ${state.scenario.name} (${state.origin}).`}>
            <ScenarioEditor />
          </Step>
          <Step n={3} title="Add variants to compare" intro="Each variant is the baseline with a change. Results show the difference with its 95% interval.">
            <VariantsEditor maxVariants={limits.data?.maxVariants ?? 6} />
          </Step>
          <Step n={4} title="Run the simulation" intro="The run continues on the server if you leave this page; find it again under My runs.">
            <RunPanel limits={limits.data} />
          </Step>
        </>
      ) : (
        <Alert color={READING_COLOURS.info} variant="light" title="No scenario yet">
          Calibrate one from an area&apos;s history above, or load a scenario file, to check its figures, add variants and run it.
        </Alert>
      )}
      {result && (
        <Step n={5} title="Results" intro={result.scenario}>
          <ResultsView result={result} />
        </Step>
      )}
    </Stack>
  );
}
