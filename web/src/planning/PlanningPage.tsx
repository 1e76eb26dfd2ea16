import { useSearchParams } from 'react-router';
import { Tabs, Text } from '@mantine/core';
import type { Scenario } from '../../../src/planning/scenario.js';
import { api } from '../api/client';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/PageHeading';
import { CapacitySearchPanel } from './CapacitySearchPanel';
import { JobsList } from './JobsList';
import type { Job, VariantInput } from './planning.api';
import { PlanningProvider, usePlanning } from './planning-state';
import { ProvisionPanel } from './ProvisionPanel';
import { ScenarioWorkspace } from './ScenarioWorkspace';

const TABS = [
  { value: 'scenarios', label: 'Scenarios' },
  { value: 'capacity', label: 'Capacity search' },
  { value: 'provision', label: 'Beds per 100,000' },
  { value: 'runs', label: 'My runs' },
] as const;
type Tab = (typeof TABS)[number]['value'];

/** The area a planner starts from: London in the demo nation, where the demo accounts work. */
const DEFAULT_AREA = 'E-LON';

/** Capacity planning: simulate an area's secure pathway, compare scenarios, size beds, benchmark provision. */
export function PlanningPage() {
  return (
    <PlanningProvider>
      <PlanningTabs />
    </PlanningProvider>
  );
}

function PlanningTabs() {
  const [params, setParams] = useSearchParams();
  const { update } = usePlanning();
  const tab: Tab = TABS.find((t) => t.value === params.get('tab'))?.value ?? 'scenarios';
  const show = (value: Tab) => setParams(value === 'scenarios' ? {} : { tab: value });

  return (
    <>
      <PageHeading title="Capacity planning" />
      <Text mb="md" maw={900}>
        How many beds of each tier does an area need? Calibrate a model from its own admissions, stays and moves, change the beds or the flows, and see waits, 14-day transfers and the
        cost of excessive security, each with its uncertainty.
      </Text>
      <Tabs value={tab} onChange={(v) => v && show(v as Tab)} keepMounted={false}>
        <Tabs.List aria-label="Planning tools" mb="md">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="scenarios">
          <ScenarioWorkspace defaultArea={DEFAULT_AREA} />
        </Tabs.Panel>
        <Tabs.Panel value="capacity">
          <CapacitySearchPanel />
        </Tabs.Panel>
        <Tabs.Panel value="provision">
          <ProvisionPanel defaultArea={DEFAULT_AREA} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <JobsList
            onOpen={(job) => {
              // The run's own scenario and variants come back with it, so its results sit beside what produced them.
              void api<Job>(`/planning/jobs/${job.id}`).then((full) => {
                const request = full.request as { scenario: Scenario; variants?: VariantInput[] };
                const origin = `From your run of ${formatDateTime(full.createdAt)}`;
                if (job.kind === 'simulation') update({ jobId: job.id, scenario: request.scenario, variants: request.variants ?? [], calibration: null, origin });
                else update({ searchJobId: job.id, scenario: request.scenario, calibration: null, origin });
                show(job.kind === 'simulation' ? 'scenarios' : 'capacity');
              });
            }}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
