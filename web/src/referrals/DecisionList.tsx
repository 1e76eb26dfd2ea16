import { List, Paper, Stack, Text } from '@mantine/core';
import { DISCIPLINE_LABELS } from '../../../src/shared/referral-vocabulary.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { formatDate, formatDateTime } from '../ui/format';
import { tierLabel } from './referral-text';
import type { Assessment, Decision } from './referrals.api';

/** Every panel's decision, in order: accepted or declined, why, what was recommended instead, and who sat. */
export function DecisionList({ decisions, assessments }: { decisions: Decision[]; assessments: Assessment[] }) {
  const byId = new Map(assessments.map((a) => [a.id, a]));
  const basis = (id: number) => {
    const a = byId.get(id);
    return a ? `${a.assessorName}’s assessment of ${formatDate(a.assessedAt)}` : 'an earlier assessment';
  };
  return (
    <Stack gap="sm">
      {decisions.map((d) => (
        <Paper key={d.id} withBorder p="sm" component="article">
          <Text fw={700}>
            {d.decision === 'accept' ? 'Accepted' : 'Declined'} by the {d.panel} panel, {formatDateTime(d.decidedAt)}
            {d.recommendedTier ? `: recommends ${tierLabel(d.recommendedTier)}` : ''}
          </Text>
          <Text>{d.reason}</Text>
          <Text size="sm" mt={4}>
            Decided on {basis(d.assessmentId)}. Recorded by {d.recordedBy}. Members:
          </Text>
          <List size="sm">
            {d.members.map((m, i) => (
              <List.Item key={i}>
                {m.name}, {DISCIPLINE_LABELS[m.discipline].toLowerCase()}, {TIER_LABELS[m.tier].toLowerCase()}
              </List.Item>
            ))}
          </List>
        </Paper>
      ))}
    </Stack>
  );
}
