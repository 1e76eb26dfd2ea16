import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientSummary } from '../../../src/patients/patients.schema.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { useApiQuery } from '../api/use-api-query';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDate, formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { Pager } from '../ui/Pager';
import { idFrom, patientIdentifier, patientName } from './patient-format';
import { EMERGENCY_ACCESS_PATH } from './use-patient';

const PAGE_SIZE = 20;

/** Search patients by name, NHS or CHI number; the search and page live in the URL. */
export function PatientsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = idFrom(params.get('page')) ?? 1;
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 350);

  const show = (query: string, toPage = 1) => setParams({ ...(query ? { q: query } : {}), ...(toPage > 1 ? { page: String(toPage) } : {}) });

  // Typing searches once the typing pauses (only when the typed text changes, so Back still works).
  useEffect(() => {
    if (debounced.trim() !== q) setParams(debounced.trim() ? { q: debounced.trim() } : {}, { replace: true });
  }, [debounced]);
  // Back and Forward change the search in the URL: show it in the box.
  useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);

  const result = useApiQuery<{ items: PatientSummary[]; total: number }>('/patients', { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    show(text.trim());
  };

  const total = result.data?.total ?? 0;
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, total);

  return (
    <>
      <PageHeading
        title="Patients"
        actions={
          <>
            {can('patients:read') && (
              <Button variant="default" onClick={() => void navigate(EMERGENCY_ACCESS_PATH)}>
                Emergency access
              </Button>
            )}
            {can('patients:write') && <Button onClick={() => void navigate('/patients/new')}>New patient</Button>}
          </>
        }
      />
      <form role="search" onSubmit={onSubmit}>
        <Group align="flex-end">
          <TextInput
            type="search"
            label="Search by name, NHS number or CHI number"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={{ base: '100%', sm: 420 }}
            autoComplete="off"
          />
          <Button type="submit">Search</Button>
        </Group>
      </form>

      {result.isPending && <Loading what="Searching" />}
      {result.isError && <ErrorMessage error={result.error} title="The search did not work" />}
      {result.data && (
        <>
          <Text role="status" my="md">
            {total === 0
              ? q
                ? `No patient matches “${q}”.`
                : 'No patients yet.'
              : `Showing ${formatNumber(first)} to ${formatNumber(last)} of ${formatNumber(total)} ${total === 1 ? 'patient' : 'patients'}${q ? ` matching “${q}”` : ''}.`}
          </Text>
          {result.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover aria-label="Patients found">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">NHS or CHI number</Table.Th>
                    <Table.Th scope="col">Date of birth</Table.Th>
                    <Table.Th scope="col">Current ward</Table.Th>
                    <Table.Th scope="col">Unit</Table.Th>
                    <Table.Th scope="col">Tier</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/patients/${p.id}`}>
                          {patientName(p)}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{patientIdentifier(p)}</Table.Td>
                      <Table.Td>{formatDate(p.dateOfBirth)}</Table.Td>
                      <Table.Td>{p.currentWardName ?? 'Not admitted'}</Table.Td>
                      <Table.Td>{p.currentUnitName ?? ''}</Table.Td>
                      <Table.Td>{p.currentTier ? TIER_LABELS[p.currentTier] : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={(to) => show(q, to)} />
        </>
      )}
    </>
  );
}
