import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { plural } from '../ui/format';
import { PasswordField } from './PasswordField';
import { USER_LABELS } from './user-text';
import { USERS_PATH, userPath, type User } from './users.api';

interface Props {
  user: User;
  isSelf: boolean;
  onDone(user: User, message: string): void;
}

type Action = 'deactivate' | 'reactivate' | 'unlock' | 'password' | 'second-factor/reset' | 'provider-link/remove';

/** One change to the account, sent with the version on screen; a stale version shows the account as it stands. */
function useAccountAction(user: User, action: Action, onDone: Props['onDone'], message: (u: User) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body?: { password: string }) => api<User>(`${userPath(user.id)}/${action}`, { method: 'POST', ifMatch: user.version, ...(body ? { json: body } : {}) }),
    onSuccess: (saved) => {
      queryClient.setQueryData([userPath(saved.id), {}], saved);
      void queryClient.invalidateQueries({ queryKey: [USERS_PATH] });
      onDone(saved, message(saved));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict' && error.current) queryClient.setQueryData([userPath(user.id), {}], error.current);
    },
  });
}

const conflictNote = (error: unknown) =>
  error instanceof ApiError && error.code === 'version_conflict' ? ' The page now shows the account as it stands: check it, then try again.' : '';

/** A button that asks "are you sure?" in words before it acts. */
function Confirmed({ label, question, yes, danger, pending, error, onConfirm }: { label: string; question: string; yes: string; danger?: boolean; pending: boolean; error: unknown; onConfirm(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div>
        <Button variant={danger ? 'outline' : 'default'} color={danger ? 'red.9' : undefined} onClick={() => setAsking(true)}>
          {label}
        </Button>
      </div>
    );
  }
  return (
    <div role="group" aria-label={`Confirm: ${label}`}>
      <Text fw={600}>{question}</Text>
      {error !== null && (
        <Text c="red.9" size="sm" role="alert">
          {error instanceof Error ? error.message : 'Something went wrong.'}
          {conflictNote(error)}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        <Button color={danger ? 'red.9' : undefined} loading={pending} onClick={onConfirm}>
          {yes}
        </Button>
        <Button variant="default" onClick={() => setAsking(false)}>
          Cancel
        </Button>
      </Group>
    </div>
  );
}

/** Deactivate or reactivate, unlock, reset two-step sign-in, remove an identity provider binding, and set a new password. */
export function AccountActions({ user, isSelf, onDone }: Props) {
  const [password, setPassword] = useState('');
  const deactivate = useAccountAction(user, 'deactivate', onDone, (u) => `${u.displayName} has been deactivated and signed out. They cannot sign in until the account is reactivated.`);
  const reactivate = useAccountAction(user, 'reactivate', onDone, (u) => `${u.displayName} can sign in again.`);
  const unlock = useAccountAction(user, 'unlock', onDone, (u) => `${u.displayName} is unlocked and can try signing in again.`);
  const resetSecondFactor = useAccountAction(user, 'second-factor/reset', onDone, (u) => `${u.displayName}'s authenticator is taken away and their sessions have ended. They set up a new one the next time it is asked for.`);
  const unlinkProvider = useAccountAction(user, 'provider-link/remove', onDone, (u) => `${u.displayName}'s account is no longer bound to an identity at the identity provider, and their sessions have ended. Their next sign-in through it binds it again.`);
  const reset = useAccountAction(user, 'password', onDone, (u) => `A new password is set for ${u.displayName} and their sessions have ended. Give it to them by a safe route.`);

  const onReset = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ password }, { onSuccess: () => setPassword('') });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-actions-heading">
      <Title order={2} id="account-actions-heading" mb="sm">
        Account
      </Title>
      <Stack gap="lg">
        {user.active ? (
          isSelf ? (
            <Text>This is your own account: another administrator can deactivate it.</Text>
          ) : (
            <Confirmed
              key="deactivate"
              label="Deactivate account"
              question={`Deactivate ${user.displayName}? They are signed out at once (within a second on other servers) and cannot sign in until the account is reactivated. Their records and audit trail are kept.`}
              yes="Yes, deactivate"
              danger
              pending={deactivate.isPending}
              error={deactivate.error}
              onConfirm={() => deactivate.mutate(undefined)}
            />
          )
        ) : (
          <Confirmed
            key="reactivate"
            label="Reactivate account"
            question={`Reactivate ${user.displayName}? They can sign in again with their password, in the roles and scopes shown above.`}
            yes="Yes, reactivate"
            pending={reactivate.isPending}
            error={reactivate.error}
            onConfirm={() => reactivate.mutate(undefined)}
          />
        )}

        {(user.locked || user.failedLogins > 0) && (
          <div>
            <Text mb="xs">{user.locked ? `Locked after ${plural(user.failedLogins, 'failed sign-in')}.` : `${plural(user.failedLogins, 'failed sign-in')} since the last successful one.`}</Text>
            {unlock.isError && <ErrorMessage error={unlock.error} title="The account could not be unlocked" />}
            <Button variant="default" loading={unlock.isPending} onClick={() => unlock.mutate(undefined)}>
              {user.locked ? 'Unlock account' : 'Clear failed sign-ins'}
            </Button>
          </div>
        )}

        {user.secondFactor && (
          <Confirmed
            key="second-factor"
            label="Reset two-step sign-in"
            question={`Take away ${user.displayName}'s authenticator (a lost or replaced phone)? Their sessions end, and they set up a new authenticator the next time one is asked for.`}
            yes="Yes, reset it"
            pending={resetSecondFactor.isPending}
            error={resetSecondFactor.error}
            onConfirm={() => resetSecondFactor.mutate(undefined)}
          />
        )}

        {user.providerLinkedAt && (
          <Confirmed
            key="provider-link"
            label="Remove identity provider binding"
            question={`Remove the binding between ${user.displayName}'s account and their identity at the identity provider (their provider account was replaced)? Their sessions end. The next person who signs in through the provider with the user name ${user.username} is bound to this account, so make sure that is them.`}
            yes="Yes, remove it"
            danger
            pending={unlinkProvider.isPending}
            error={unlinkProvider.error}
            onConfirm={() => unlinkProvider.mutate(undefined)}
          />
        )}

        <form onSubmit={onReset} noValidate aria-labelledby="reset-password-heading">
          <Title order={3} id="reset-password-heading" mb="xs">
            Set a new password
          </Title>
          <Text size="sm" mb="sm">
            For someone who has forgotten theirs. It ends their sessions and lifts any lock.
          </Text>
          {reset.isError && !fieldErrors(reset.error, USER_LABELS).password && <ErrorMessage error={reset.error} title="The password could not be set" labels={USER_LABELS} />}
          <Stack gap="sm" align="flex-start">
            <PasswordField label="New password" value={password} onChange={setPassword} error={fieldErrors(reset.error, USER_LABELS).password} />
            <Button type="submit" loading={reset.isPending}>
              Set new password
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
