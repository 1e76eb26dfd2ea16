import { useState } from 'react';
import { Button, Group, PasswordInput } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '../../../src/users/users.rules.js';
import { suggestPassword } from './user-text';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  /** Under the label; by default, the advice for an administrator setting someone else's. */
  description?: string;
}

/** A new password: typed, or suggested (and then shown, so it can be handed over). */
export function PasswordField({ label, value, onChange, error, description }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <PasswordInput
        label={label}
        description={description ?? `At least ${PASSWORD_MIN_LENGTH} characters, not the user name or a well-known password. Give it to the person by a safe route, never by email. They choose their own when they first sign in with it.`}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        visible={visible}
        onVisibilityChange={setVisible}
        visibilityToggleButtonProps={{ 'aria-label': visible ? 'Hide the password' : 'Show the password' }}
        autoComplete="new-password"
        w={{ base: '100%', sm: 420 }}
      />
      <Button
        variant="default"
        onClick={() => {
          onChange(suggestPassword());
          setVisible(true);
        }}
      >
        Suggest a strong password
      </Button>
    </Group>
  );
}
