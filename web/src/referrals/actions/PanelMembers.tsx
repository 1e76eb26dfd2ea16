import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DISCIPLINE_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { TIER_LABELS } from '../../../../src/shared/vocabulary.js';
import { optionsOf, withPrompt } from '../../ui/options';

export interface Member {
  name: string;
  discipline: string;
  tier: string;
}

export const EMPTY_MEMBER: Member = { name: '', discipline: '', tier: '' };
const SECURE_TIERS = { high: TIER_LABELS.high, medium: TIER_LABELS.medium, low: TIER_LABELS.low };

interface Props {
  members: Member[];
  onChange(members: Member[]): void;
  /** Problems by field, e.g. "members.0.name", or "members" for the list as a whole. */
  errors: Record<string, string>;
}

/** Who sat on the panel: name, discipline, and the tier each works in (a regional panel draws on every tier). */
export function PanelMembers({ members, onChange, errors }: Props) {
  const update = (i: number, change: Partial<Member>) => onChange(members.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <Fieldset legend="Panel members">
      <Stack gap="sm">
        {members.map((m, i) => (
          <Group key={i} align="flex-end" wrap="wrap" gap="sm" role="group" aria-label={`Member ${i + 1}`}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1, minWidth: 280 }}>
              <TextInput label={`Member ${i + 1}: name`} value={m.name} onChange={(e) => update(i, { name: e.currentTarget.value })} error={errors[`members.${i}.name`]} autoComplete="off" />
              <NativeSelect label="Discipline" data={withPrompt('Choose', optionsOf(DISCIPLINE_LABELS))} value={m.discipline} onChange={(e) => update(i, { discipline: e.currentTarget.value })} error={errors[`members.${i}.discipline`]} />
              <NativeSelect label="Works in" data={withPrompt('Choose a tier', optionsOf(SECURE_TIERS))} value={m.tier} onChange={(e) => update(i, { tier: e.currentTarget.value })} error={errors[`members.${i}.tier`]} />
            </SimpleGrid>
            {members.length > 1 && (
              <Button variant="subtle" color="red.9" onClick={() => onChange(members.filter((_, j) => j !== i))} aria-label={`Remove member ${i + 1}`}>
                Remove
              </Button>
            )}
          </Group>
        ))}
        {errors.members && (
          <Text c="red.9" size="sm" fw={700}>
            {errors.members}
          </Text>
        )}
        <Group>
          <Button variant="outline" size="sm" onClick={() => onChange([...members, EMPTY_MEMBER])}>
            Add a member
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Checks for each member row: every field given. */
export const memberChecks = (members: Member[]): [string, boolean, string][] =>
  members.flatMap((m, i) => [
    [`members.${i}.name`, m.name.trim().length >= 2, 'Give the member’s name'],
    [`members.${i}.discipline`, Boolean(m.discipline), 'Choose a discipline'],
    [`members.${i}.tier`, Boolean(m.tier), 'Choose the tier they work in'],
  ]);
