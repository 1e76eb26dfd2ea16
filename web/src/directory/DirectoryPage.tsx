import { useSearchParams } from 'react-router';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { DirectoryKind } from '../../../src/directory/directory.schema.js';
import { useAuth } from '../app/auth';
import { PageHeading } from '../ui/PageHeading';
import { KIND_NAMES, KINDS, useKindConfigs } from './directory-kinds';
import { DirectoryTab } from './DirectoryTab';
import { ExportLinks } from './ExportLinks';
import { ImportPanel } from './ImportPanel';

/** The service directory: providers, units and wards, with CSV export and import. */
export function DirectoryPage() {
  const { can } = useAuth();
  const configs = useKindConfigs();
  const [params, setParams] = useSearchParams();
  const tab: DirectoryKind = KINDS.find((k) => k === params.get('tab')) ?? 'organisations';

  return (
    <>
      <PageHeading title="Directory" />
      <Tabs value={tab} onChange={(value) => value && setParams({ tab: value })} keepMounted={false}>
        <Tabs.List aria-label="Kind of record">
          {KINDS.map((kind) => (
            <Tabs.Tab key={kind} value={kind}>
              {KIND_NAMES[kind]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {KINDS.map((kind) => (
          <Tabs.Panel key={kind} value={kind} pt="md">
            <DirectoryTab config={configs[kind]} />
          </Tabs.Panel>
        ))}
      </Tabs>

      <Stack component="section" mt="xl" gap="sm">
        <Title order={2}>Export</Title>
        <Text>Download the directory as CSV files to open in a spreadsheet.</Text>
        <ExportLinks />
      </Stack>
      {can('directory:write') && (
        <Stack component="section" mt="xl" gap="sm">
          <Title order={2}>Import</Title>
          <ImportPanel />
        </Stack>
      )}
    </>
  );
}
