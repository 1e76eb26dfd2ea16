import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ROLE_LABELS } from '../../../src/shared/vocabulary.js';
import { USER_STATUSES, type UserStatus } from '../../../src/users/users.rules.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { optionsOf, withPrompt } from '../ui/options';
import { PageHeading } from '../ui/PageHeading';
import { Pager } from '../ui/Pager';
import { lastSignInText, roleList, scopesText, statusText } from './user-text';
import { userPath, useUsers } from './users.api';

const PAGE_SIZE = 25;

const STATUS_LABELS: Record<UserStatus, string> = { active: 'Active', deactivated: 'Deactivated', locked: 'Locked out', all: 'All accounts' };

/** Every user account: search by name, role and status; open one to change it. */
export function UsersPage() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<UserStatus>('active');
  const [page, setPage] = useState(1);
  // The server audits every list: search once the typing pauses, not on every key.
  const [q] = useDebouncedValue(text.trim(), 350);
  const users = useUsers({ q: q || undefined, role: role || undefined, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const total = users.data?.total ?? 0;

  return (
    <>
      <PageHeading title="Users" actions={<Button onClick={() => void navigate('/users/new')}>New user</Button>} />
      <Text mb="md">Who may sign in to SecurePath, in which roles and over which places. Every change, and every look at this list, is recorded in the audit trail.</Text>
      <Group align="flex-end" mb="md" wrap="wrap" role="search" aria-label="Find users">
        <TextInput type="search" label="User name or name contains" value={text} onChange={(e) => filter(setText)(e.currentTarget.value)} w={{ base: '100%', sm: 300 }} autoComplete="off" />
        <NativeSelect label="Role" data={withPrompt('Any role', optionsOf(ROLE_LABELS))} value={role} onChange={(e) => filter(setRole)(e.currentTarget.value)} w={260} />
        <NativeSelect
          label="Status"
          data={USER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={status}
          onChange={(e) => filter(setStatus)(e.currentTarget.value as UserStatus)}
          w={200}
        />
      </Group>

      {users.isPending && <Loading what="Loading users" />}
      {users.isError && <ErrorMessage error={users.error} title="The users could not be loaded" />}
      {users.data && (
        <>
          <Text role="status" mb="xs">
            {total === 0 ? 'No user matches.' : `${formatNumber(total)} ${total === 1 ? 'user' : 'users'}${total > PAGE_SIZE ? `, ${formatNumber(PAGE_SIZE)} a page` : ''}.`}
          </Text>
          {users.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={960}>
              <Table striped highlightOnHover aria-label="Users">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">User name</Table.Th>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Roles</Table.Th>
                    <Table.Th scope="col">Scopes</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Last signed in</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={userPath(u.id)}>
                          {u.username}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{u.displayName}</Table.Td>
                      <Table.Td>{roleList(u.roles)}</Table.Td>
                      <Table.Td>{u.scopes.length > 0 ? scopesText(u.scopes) : ''}</Table.Td>
                      <Table.Td>{statusText(u)}</Table.Td>
                      <Table.Td className="nowrap">{lastSignInText(u)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
    </>
  );
}
