import { useId, useState } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DirectoryKind, ImportReport } from '../../../src/directory/directory.schema.js';
import { api, ApiError } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber } from '../ui/format';
import { fieldLabel } from '../ui/field-errors';
import { KIND_NAMES, KINDS } from './directory-kinds';
import classes from './import.module.css';


function reportText(report: ImportReport): string {
  const n = formatNumber;
  const counts = `${n(report.created)} new, ${n(report.updated)} changed, ${n(report.unchanged)} unchanged`;
  return report.dryRun
    ? `The file is ready to import: ${n(report.rows)} rows (${counts}). Nothing has been saved yet: select Import to save it.`
    : `Imported ${n(report.rows)} rows (${counts}).`;
}

/** Check a CSV file first (nothing saved), then import it: all rows or none. */
export function ImportPanel() {
  const fileInputId = useId();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<DirectoryKind>('wards');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);

  const send = useMutation({
    mutationFn: async (dryRun: boolean) => api<ImportReport>('/directory/import', { method: 'POST', query: { kind, dryRun }, csv: await file!.text() }),
    onSuccess: async (report) => {
      setChecked(report.dryRun ? report : null);
      if (!report.dryRun) await queryClient.invalidateQueries();
    },
  });

  const reset = () => {
    setChecked(null);
    send.reset();
  };
  const problems = send.error instanceof ApiError ? send.error.details : [];

  return (
    <Stack maw={900}>
      <Text>Import organisations, units or wards from a CSV file in the same layout as the export. If any row has a problem, nothing is imported.</Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label="What the file holds"
          data={KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] }))}
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as DirectoryKind);
            reset();
          }}
          w={220}
        />
        <div>
          <label htmlFor={fileInputId} className={classes.label}>
            CSV file
          </label>
          <input
            id={fileInputId}
            className={classes.file}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
      </Group>
      <Group>
        <Button variant="outline" disabled={!file} loading={send.isPending && send.variables} onClick={() => send.mutate(true)}>
          Check file
        </Button>
        <Button disabled={!file || !checked} loading={send.isPending && !send.variables} onClick={() => send.mutate(false)}>
          Import
        </Button>
      </Group>

      {send.data && (
        <Text role="status" fw={600}>
          {reportText(send.data)}
        </Text>
      )}
      {send.isError && <ErrorMessage error={send.error} withDetails={false} title={problems.length ? 'The file has problems' : 'The file could not be checked'} />}
      {problems.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder aria-label="Problems in the file">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.row !== undefined ? `Row ${formatNumber(p.row)}` : 'Whole file'}</Table.Td>
                  <Table.Td>{p.field ? `${p.field} (${fieldLabel(p.field)})` : ''}</Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
