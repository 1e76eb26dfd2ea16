import { Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { DISCIPLINE_LABELS, SUPERVISION_CRITERIA } from '../../../src/shared/referral-vocabulary.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { formatDate, formatDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { tierLabel } from './referral-text';
import type { Assessment, Instrument } from './referrals.api';
import clock from './clock.module.css';

interface Props {
  assessment: Assessment;
  /** The number of this assessment on the referral, 1 for the first. */
  number: number;
  /** The assessment it repeated, when it was made while that one was valid. */
  repeated?: Assessment;
  instruments: Instrument[];
}

/** One instrument's item ratings, with labels from its definition and the total. */
function Ratings({ instrument, ratings, total }: { instrument: Instrument | undefined; ratings: Record<string, number>; total: number }) {
  const items = instrument?.items ?? Object.keys(ratings).map((code) => ({ code, label: '' }));
  const name = instrument?.name ?? 'Ratings';
  return (
    <Table striped withTableBorder verticalSpacing={2} aria-label={name}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{name}</Table.Th>
          <Table.Th scope="col" className="numeric">
            Rating
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.code}>
            <Table.Td>
              <strong>{item.code}</strong> {item.label}
            </Table.Td>
            <Table.Td className="numeric">{ratings[item.code] ?? 'Not rated'}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">Total</Table.Th>
          <Table.Td className="numeric" fw={700}>
            {total}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** A pre-admission assessment: who, when, what they recommend and why, the structured ratings and validity. */
export function AssessmentCard({ assessment: a, number, repeated, instruments }: Props) {
  const security = instruments.find((i) => i.purpose === 'security_need');
  const urgency = instruments.find((i) => i.purpose === 'urgency');
  const criteria = SUPERVISION_CRITERIA.filter((c) => a.supervisionItems.includes(c.item));
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`assessment-${a.id}`}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={3} id={`assessment-${a.id}`}>
          Assessment {number}: {formatDate(a.assessedAt)}
        </Title>
        <span className={`${clock.badge} ${a.valid ? clock.green : clock.grey}`}>{a.valid ? `Valid until ${formatDate(a.validUntil)}` : `Expired ${formatDate(a.validUntil)}`}</span>
      </Group>
      {a.isRepeat && (
        <Notice tone="orange" title="Repeat assessment" mb="sm">
          Made by {a.assessorName} (recorded by {a.recordedBy}) while {repeated ? `${repeated.assessorName}’s assessment of ${formatDate(repeated.assessedAt)}` : 'another assessment'} was still
          valid{repeated ? ` until ${formatDate(repeated.validUntil)}` : ''}. One assessment can serve every panel.
        </Notice>
      )}
      <Text>
        <strong>Recommends {tierLabel(a.recommendedTier)}</strong>, {SPECIALISM_LABELS[a.recommendedSpecialism].toLowerCase()}. Supervision criteria indicate{' '}
        <strong>{TIER_LABELS[a.supervisionIndication].toLowerCase()}</strong>.
      </Text>
      <Text size="sm" mt={4}>
        Assessed {formatDateTime(a.assessedAt)} by {a.assessorName}
        {a.assessorUnit ? `, ${a.assessorUnit.name}` : ''}, with {a.disciplines.map((d) => DISCIPLINE_LABELS[d].toLowerCase()).join(', ')}. Recorded by {a.recordedBy}.
      </Text>
      <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {a.rationale}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
        <Ratings instrument={security} ratings={a.securityRatings} total={a.securityTotal} />
        <div>
          <Ratings instrument={urgency} ratings={a.urgencyRatings} total={a.urgencyTotal} />
          <Text size="sm" mt="sm" fw={700}>
            Prison supervision criteria present
          </Text>
          <Text size="sm">{criteria.length > 0 ? criteria.map((c) => `${c.item}. ${c.label}`).join('; ') : 'None'}</Text>
        </div>
      </SimpleGrid>
    </Paper>
  );
}
