import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import { ROLE_LABELS, ROLES, type Role } from '../../../src/shared/vocabulary.js';

interface Props {
  value: Role[];
  onChange(roles: Role[]): void;
  error?: string;
  /** Roles that cannot be unticked here, with the reason shown under them (your own administrator role). */
  locked?: Partial<Record<Role, string>>;
}

/** The roles a user holds, as checkboxes named as everywhere else in SecurePath. */
export function RolesField({ value, onChange, error, locked = {} }: Props) {
  const toggle = (role: Role, on: boolean) => onChange(ROLES.filter((r) => (r === role ? on : value.includes(r))));
  return (
    <Fieldset legend="Roles">
      <Text size="sm" mb="xs">
        Tick every role this person works in. They act in one at a time and can switch between them.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            label={ROLE_LABELS[role]}
            description={locked[role]}
            checked={value.includes(role)}
            disabled={locked[role] !== undefined}
            onChange={(e) => toggle(role, e.currentTarget.checked)}
          />
        ))}
      </SimpleGrid>
      {error && (
        <Text c="red.9" size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
