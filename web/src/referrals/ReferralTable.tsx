import { Link } from 'react-router';
import { Anchor, Table, Text } from '@mantine/core';
import { REFERRAL_STATE_LABELS, URGENCY_LABELS } from '../../../src/shared/referral-vocabulary.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { patientIdentifier } from '../patients/patient-format';
import { formatDate } from '../ui/format';
import { ClockBadge } from './ClockBadge';
import { Flags } from './flags';
import { panelName } from './referral-text';
import { referralPath, type ReferralSummary } from './referrals.api';
import classes from './board.module.css';

/** The referral queue: clock first, since that is what a bed manager scans for. */
export function ReferralTable({ referrals }: { referrals: ReferralSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-label="Referrals, least time left first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Clock</Table.Th>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Urgency</Table.Th>
            <Table.Th scope="col">Needs</Table.Th>
            <Table.Th scope="col">Panel</Table.Th>
            <Table.Th scope="col">State</Table.Th>
            <Table.Th scope="col">Received</Table.Th>
            <Table.Th scope="col">To act on</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {referrals.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <ClockBadge clock={r.clock} />
              </Table.Td>
              <Table.Th scope="row">
                <Anchor component={Link} to={referralPath(r.id)} fw={700}>
                  {r.patient.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {patientIdentifier(r.patient)}
                </Text>
              </Table.Th>
              <Table.Td>
                <span className={classes.urgency} data-urgency={r.urgency}>
                  {URGENCY_LABELS[r.urgency]}
                </span>
              </Table.Td>
              <Table.Td>
                {TIER_LABELS[r.requestedTier]}
                <Text size="xs" c="dimmed">
                  {SPECIALISM_LABELS[r.requestedSpecialism]}
                </Text>
              </Table.Td>
              <Table.Td>{panelName(r)}</Table.Td>
              <Table.Td>{REFERRAL_STATE_LABELS[r.state]}</Table.Td>
              <Table.Td className="nowrap">{formatDate(r.receivedAt)}</Table.Td>
              <Table.Td>
                <Flags referral={r} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
