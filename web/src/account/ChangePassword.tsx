import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { Me } from '../../../src/auth/auth.schema.js';
import { PASSWORD_MIN_LENGTH } from '../../../src/users/users.rules.js';
import { api } from '../api/client';
import { useSetMe } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { PasswordField } from '../users/PasswordField';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };

/**
 * Choose a new password, giving the current one. The user's other sessions end; this one goes on.
 * Typed twice, because a mistyped new password would lock its owner out.
 */
export function ChangePassword({ onChanged }: { onChanged?(): void }) {
  const setMe = useSetMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => api<Me>('/auth/password', { json: { currentPassword: current, newPassword: next } }),
    onSuccess: (me) => {
      setCurrent('');
      setNext('');
      setAgain('');
      setMe(me);
      onChanged?.();
    },
  });
  const errors = fieldErrors(change.error, LABELS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== again);
    if (next === again) change.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password">
      <Stack gap="sm" align="flex-start">
        {change.isError && !errors.currentPassword && !errors.newPassword && <ErrorMessage error={change.error} title="The password was not changed" labels={LABELS} />}
        <PasswordInput
          label={LABELS.currentPassword}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.currentPassword}
          autoComplete="current-password"
          w={{ base: '100%', sm: 420 }}
        />
        <PasswordField
          label={LABELS.newPassword}
          value={next}
          onChange={setNext}
          error={errors.newPassword}
          description={`At least ${PASSWORD_MIN_LENGTH} characters, not your user name or a well-known password: three or more random words work well.`}
        />
        <PasswordInput
          label="New password again"
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? 'does not match the new password' : undefined}
          autoComplete="new-password"
          w={{ base: '100%', sm: 420 }}
        />
        <Text size="sm">Your other sessions (other browsers or devices) are signed out.</Text>
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
