import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import { supervisionIndication } from '../../../../src/referrals/security-triage.js';
import { SUPERVISION_CRITERIA } from '../../../../src/shared/referral-vocabulary.js';
import { TIER_LABELS } from '../../../../src/shared/vocabulary.js';

/** The prison supervision criteria present, with the security they indicate, updated as boxes are ticked. */
export function SupervisionCriteria({ items, onChange }: { items: number[]; onChange(items: number[]): void }) {
  const indication = supervisionIndication(items);
  return (
    <Fieldset legend="Prison supervision criteria present">
      <Checkbox.Group value={items.map(String)} onChange={(v) => onChange(v.map(Number).sort((a, b) => a - b))} aria-label="Prison supervision criteria present">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {SUPERVISION_CRITERIA.map((c) => (
            <Checkbox key={c.item} value={String(c.item)} label={`${c.item}. ${c.label}`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Text mt="sm" fw={700} aria-live="polite">
        Indication: {TIER_LABELS[indication]}
      </Text>
      <Text size="sm" c="dimmed">
        Items 1 to 4 point to high security, items 5 to 10 to medium, none to low. An indication beside the team’s own judgement, not a decision.
      </Text>
    </Fieldset>
  );
}
