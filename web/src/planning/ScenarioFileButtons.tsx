import { useState } from 'react';
import { Alert, Button, FileButton, Group, List } from '@mantine/core';
import { parseScenario, type FieldError } from '../../../src/planning/scenario.js';
import { usePlanning } from './planning-state';
import { scenarioFile } from './scenario-edit';

/** Download the scenario as a JSON file (docs/scenario.schema.json); upload one, checked field by field. */
export function ScenarioFileButtons() {
  const { state, update } = usePlanning();
  const [problems, setProblems] = useState<{ file: string; errors: FieldError[] } | null>(null);

  const download = () => {
    if (!state.scenario) return;
    const { name, text } = scenarioFile(state.scenario);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    const parsed = parseScenario(await file.text());
    if (!parsed.ok) return setProblems({ file: file.name, errors: parsed.errors });
    setProblems(null);
    update({ scenario: parsed.scenario, calibration: null, origin: `Loaded from ${file.name}`, jobId: null });
  };

  return (
    <>
      <Group gap="sm">
        <FileButton onChange={(f) => void upload(f)} accept="application/json,.json">
          {(props) => (
            <Button variant="default" {...props}>
              Load a scenario file
            </Button>
          )}
        </FileButton>
        <Button variant="default" onClick={download} disabled={!state.scenario}>
          Download the scenario
        </Button>
      </Group>
      {problems && (
        <Alert color="red" title={`${problems.file} is not a scenario SecurePath can run`} mt="md">
          Correct these fields and load it again:
          <List size="sm" mt="xs">
            {problems.errors.slice(0, 12).map((e) => (
              <List.Item key={`${e.path}:${e.message}`}>
                <code>{e.path}</code>: {e.message}
              </List.Item>
            ))}
          </List>
          {problems.errors.length > 12 && `…and ${problems.errors.length - 12} more.`}
        </Alert>
      )}
    </>
  );
}
