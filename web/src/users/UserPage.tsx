import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Anchor, Stack, Text } from '@mantine/core';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { FactList } from '../ui/FactList';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { AccountActions } from './AccountActions';
import { lastSignInText, statusText } from './user-text';
import { UserEditor } from './UserEditor';
import { useUser, type User } from './users.api';

const idFrom = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);

/** One account: its facts, its name, roles and scopes, and what can be done to it. */
export function UserPage() {
  const { me } = useAuth();
  const id = idFrom(useParams().id);
  const location = useLocation();
  const user = useUser(id);
  const [message, setMessage] = useState<string | null>((location.state as { message?: string } | null)?.message ?? null);

  if (id === undefined || user.isError) {
    const notFound = id === undefined || (user.error instanceof ApiError && user.error.status === 404);
    return (
      <>
        <PageHeading title={notFound ? 'User not found' : 'The user could not be loaded'} />
        {user.isError && <ErrorMessage error={user.error} title="The user could not be loaded" />}
        <Anchor component={Link} to="/users">
          Back to users
        </Anchor>
      </>
    );
  }
  if (user.isPending) return <Loading what="Loading the user" />;

  const u = user.data;
  const isSelf = me?.id === u.id;
  const done = (_saved: User, text: string) => setMessage(text);
  return (
    <>
      <Anchor component={Link} to="/users" size="sm">
        Back to users
      </Anchor>
      <PageHeading title={`${u.displayName} (${u.username})`} />
      {message && (
        <Text role="status" fw={600} mb="md">
          {message}
        </Text>
      )}
      <FactList
        cols={{ base: 1, sm: 2, md: 3 }}
        facts={[
          ['Status', statusText(u)],
          ['Last signed in', lastSignInText(u)],
          ['Two-step sign-in', u.secondFactor ? 'Set up' : 'Not set up'],
          ['Password', u.mustChangePassword ? 'Set by an administrator: they choose their own at next sign-in' : 'Chosen by the user'],
          ['Identity provider', u.providerLinkedAt ? `Bound ${formatDateTime(u.providerLinkedAt)}` : 'Not bound'],
          ['Account created', formatDateTime(u.createdAt)],
          ['Version', String(u.version)],
        ]}
      />
      <Stack gap="xl">
        <UserEditor user={u} isSelf={isSelf} onSaved={done} />
        <AccountActions user={u} isSelf={isSelf} onDone={done} />
      </Stack>
    </>
  );
}
