import { useState } from 'react';
import { Button, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { HANDOVER_ITEM_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { TIER_LABELS } from '../../../../src/shared/vocabulary.js';
import { useAuth } from '../../app/auth';
import { localInputToIso, toLocalInputValue } from '../../ui/datetime';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { optionsOf, withPrompt } from '../../ui/options';
import { PageHeading } from '../../ui/PageHeading';
import { Countdown } from '../ClockBadge';
import { usePrisonReturns, type PrisonReturn } from '../referrals.api';
import { ReferralsNav } from '../ReferralsNav';
import { PlanReturnForm } from './PlanReturnForm';
import { ReturnStep } from './ReturnStep';
import classes from '../clock.module.css';

const STATUS: Record<string, { label: string; tone: 'green' | 'amber' | 'red' | 'grey' }> = {
  awaiting_reception: { label: 'Awaiting reception', tone: 'grey' },
  supervision_due: { label: 'Supervision level due', tone: 'amber' },
  supervision_overdue: { label: 'Supervision level overdue', tone: 'red' },
  complete: { label: 'Complete', tone: 'green' },
};
const SECURE_TIERS = { high: TIER_LABELS.high, medium: TIER_LABELS.medium, low: TIER_LABELS.low };

function Reception({ r }: { r: PrisonReturn }) {
  const [at, setAt] = useState(() => toLocalInputValue(new Date()));
  return (
    <ReturnStep label="Record reception" path={`/prison-returns/${r.id}/reception`} version={r.version} body={() => ({ receivedAt: localInputToIso(at) })} labels={{ receivedAt: 'Received' }}>
      {(errors) => <TextInput type="datetime-local" size="xs" label="Received in prison" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.receivedAt} />}
    </ReturnStep>
  );
}

function Supervision({ r }: { r: PrisonReturn }) {
  const [level, setLevel] = useState('');
  const [at, setAt] = useState(() => toLocalInputValue(new Date()));
  return (
    <ReturnStep label="Record supervision level" path={`/prison-returns/${r.id}/supervision`} version={r.version} body={() => ({ level, setAt: localInputToIso(at) })} labels={{ level: 'Supervision level', setAt: 'Set' }}>
      {(errors) => (
        <>
          <NativeSelect size="xs" label="Supervision level" data={withPrompt('Choose', optionsOf(SECURE_TIERS))} value={level} onChange={(e) => setLevel(e.currentTarget.value)} error={errors.level} />
          <TextInput type="datetime-local" size="xs" label="Set" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.setAt} />
        </>
      )}
    </ReturnStep>
  );
}

/** What is due: the prison must set a supervision level within 48 hours of reception. */
function Due({ r }: { r: PrisonReturn }) {
  if (r.supervisionLevel) return <>{`${TIER_LABELS[r.supervisionLevel]}, set ${formatDateTime(r.supervisionSetAt!)}`}</>;
  if (!r.supervisionDueAt) return <>Within 48 hours of reception</>;
  return (
    <>
      By {formatDateTime(r.supervisionDueAt)}
      <Countdown dueAt={r.supervisionDueAt} />
    </>
  );
}

/** People returning to prison from hospital: reception, and the 48-hour reminder to set their supervision level. */
export function PrisonReturnsPage() {
  const { can } = useAuth();
  const returns = usePrisonReturns();
  const [planning, setPlanning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const overdue = (returns.data ?? []).filter((r) => r.status === 'supervision_overdue').length;
  const writer = can('referrals:write');
  return (
    <>
      <PageHeading
        title="Returns to prison"
        actions={
          can('referrals:write') &&
          !planning && (
            <Button
              onClick={() => {
                setPlanning(true);
                setMessage(null);
              }}
            >
              Plan a return
            </Button>
          )
        }
      />
      <ReferralsNav />
      <Text mb="md">The handover pack travels with the person, and the prison sets a supervision level within 48 hours of reception (001 Annex D).</Text>
      {message && (
        <Notice tone="green" title="Done" role="status" mb="md" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      {planning && (
        <PlanReturnForm
          onCancel={() => setPlanning(false)}
          onDone={(m) => {
            setPlanning(false);
            setMessage(m);
          }}
        />
      )}
      {returns.isPending && <Loading what="Loading returns to prison" />}
      {returns.isError && <ErrorMessage error={returns.error} title="The returns could not be loaded" />}
      {overdue > 0 && (
        <Notice tone="red" title="Supervision level overdue" mb="md">
          {overdue === 1 ? 'One person has' : `${overdue} people have`} been in prison more than 48 hours without a supervision level.
        </Notice>
      )}
      {returns.data && returns.data.length === 0 && <Text>No returns to prison are planned or awaiting a supervision level.</Text>}
      {returns.data && returns.data.length > 0 && (
        <Table.ScrollContainer minWidth={980}>
          <Table striped verticalSpacing="sm" aria-label="Returns to prison">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Patient</Table.Th>
                <Table.Th scope="col">Prison</Table.Th>
                <Table.Th scope="col">Planned</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Received</Table.Th>
                <Table.Th scope="col">Supervision level</Table.Th>
                <Table.Th scope="col">Handover pack</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {returns.data.map((r) => {
                const status = STATUS[r.status] ?? { label: r.status, tone: 'grey' as const };
                return (
                  <Table.Tr key={r.id}>
                    <Table.Th scope="row">{r.patient.name}</Table.Th>
                    <Table.Td>{r.prison.name}</Table.Td>
                    <Table.Td className="nowrap">{formatDate(r.plannedFor)}</Table.Td>
                    <Table.Td>
                      <span className={`${classes.badge} ${classes[status.tone]}`}>{status.label}</span>
                    </Table.Td>
                    <Table.Td>{r.receivedAt ? formatDateTime(r.receivedAt) : writer ? <Reception r={r} /> : 'Not yet'}</Table.Td>
                    <Table.Td>
                      <Due r={r} />
                      {r.receivedAt && !r.supervisionLevel && writer && <Supervision r={r} />}
                    </Table.Td>
                    <Table.Td>
                      {r.missingHandoverItems.length === 0 ? 'Complete' : `Missing: ${r.missingHandoverItems.map((i) => HANDOVER_ITEM_LABELS[i].toLowerCase()).join(', ')}`}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
