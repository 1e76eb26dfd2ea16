import { Checkbox, SimpleGrid, Text } from '@mantine/core';
import { CONFERENCE_ROLE_LABELS, type ConferenceRole } from '../../../../src/shared/referral-vocabulary.js';

interface Props {
  label: string;
  value: string[];
  onChange(value: string[]): void;
  /** The roles the protocol names: marked, and any left out are listed. */
  protocol: readonly ConferenceRole[];
  error?: string;
}

/** Roles at a case conference (invited, or attended), with the ones the liaison protocol names marked. */
export function InviteeChoice({ label, value, onChange, protocol, error }: Props) {
  const left = protocol.filter((r) => !value.includes(r));
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={6}>
        {Object.entries(CONFERENCE_ROLE_LABELS).map(([role, text]) => (
          <Checkbox key={role} value={role} label={protocol.includes(role as ConferenceRole) ? `${text} (protocol)` : text} />
        ))}
      </SimpleGrid>
      {left.length > 0 && (
        <Text size="sm" mt="xs" c="#8a4b00" fw={600}>
          Not included, though the protocol names them: {left.map((r) => CONFERENCE_ROLE_LABELS[r]).join(', ')}.
        </Text>
      )}
    </Checkbox.Group>
  );
}
