import { useState } from 'react';
import { Button, Group, NativeSelect, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useApiQuery } from '../api/use-api-query';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDate, formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { withPrompt } from '../ui/options';
import type { DirectoryRecord, FilterDef, KindConfig } from './directory-kinds';
import { RecordEditor } from './RecordEditor';
import { RetireButton } from './RetireButton';

/** Rows drawn at once; narrowing the filters shows the rest. */
const MAX_ROWS = 200;

type Filters = Partial<Record<FilterDef['param'], string>>;

/** One kind of directory record: filters, the table, and (for editors) create, edit and retire. */
export function DirectoryTab({ config }: { config: KindConfig }) {
  const { can } = useAuth();
  const canWrite = can('directory:write');
  const [filters, setFilters] = useState<Filters>({});
  const [includeRetired, setIncludeRetired] = useState(false);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<DirectoryRecord | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const query = { includeRetired: includeRetired || undefined, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) };
  const list = useApiQuery<DirectoryRecord[]>(`/directory/${config.kind}`, query);

  const needle = text.trim().toLowerCase();
  const rows = (list.data ?? []).filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle));
  const shown = rows.slice(0, MAX_ROWS);

  const finish = (done: string) => {
    setEditing(null);
    setMessage(done);
  };
  const edit = (record: DirectoryRecord | 'new') => {
    setMessage(null);
    setEditing(record);
  };

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2}>{config.plural}</Title>
        {canWrite && editing === null && <Button onClick={() => edit('new')}>New {config.singular}</Button>}
      </Group>

      {message && (
        <Text role="status" fw={600} mb="sm">
          {message}
        </Text>
      )}
      {editing !== null && (
        <RecordEditor
          key={editing === 'new' ? 'new' : editing.id}
          config={config}
          record={editing === 'new' ? null : editing}
          onDone={finish}
          onCancel={() => setEditing(null)}
        />
      )}

      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput label="Name or code contains" value={text} onChange={(e) => setText(e.currentTarget.value)} w={240} />
        {config.filters.map((f) => (
          <NativeSelect
            key={f.param}
            label={f.label}
            data={withPrompt(`All`, f.options)}
            value={filters[f.param] ?? ''}
            onChange={(e) => setFilters({ ...filters, [f.param]: e.currentTarget.value })}
            w={260}
          />
        ))}
        <Switch label="Include retired" checked={includeRetired} onChange={(e) => setIncludeRetired(e.currentTarget.checked)} mb={8} />
      </Group>

      {list.isPending && <Loading what={`Loading ${config.plural.toLowerCase()}`} />}
      {list.isError && <ErrorMessage error={list.error} title={`The ${config.plural.toLowerCase()} could not be loaded`} />}
      {list.data && (
        <>
          <Text size="sm" mb="xs">
            {rows.length > MAX_ROWS
              ? `Showing the first ${formatNumber(MAX_ROWS)} of ${formatNumber(rows.length)}. Narrow the filters to see the rest.`
              : `${formatNumber(rows.length)} ${rows.length === 1 ? config.singular : config.plural.toLowerCase()}.`}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={config.plural}>
              <Table.Thead>
                <Table.Tr>
                  {config.columns.map((c) => (
                    <Table.Th key={c.header} scope="col" className={c.numeric ? 'numeric' : undefined}>
                      {c.header}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Status</Table.Th>
                  {canWrite && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((record) => (
                  <Table.Tr key={record.id}>
                    {config.columns.map((c) => (
                      <Table.Td key={c.header} className={c.numeric ? 'numeric' : undefined}>
                        {c.cell(record)}
                      </Table.Td>
                    ))}
                    <Table.Td>{record.retiredAt ? `Retired ${formatDate(record.retiredAt)}` : 'In use'}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {!record.retiredAt && (
                          <Group gap="xs" wrap="nowrap" align="flex-start">
                            <Button size="xs" variant="default" onClick={() => edit(record)}>
                              Edit
                            </Button>
                            <RetireButton config={config} record={record} onDone={setMessage} />
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
