import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useAuth } from '../app/auth';
import { idFrom } from '../patients/patient-format';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { PageHeading } from '../ui/PageHeading';
import { ActionPanel } from './actions/ActionPanel';
import { AssessmentCard } from './AssessmentCard';
import { ClockPanel } from './ClockPanel';
import { ConferenceList } from './ConferenceList';
import { DecisionList } from './DecisionList';
import { Flags } from './flags';
import { ReferralFacts } from './ReferralFacts';
import { BOARD_PATH, useReferral, useReferralSettings } from './referrals.api';
import { Timeline } from './Timeline';

/** One referral: its clock, particulars, what may be done next, the assessments, decisions, conferences and every event. */
export function ReferralPage() {
  const { can } = useAuth();
  const id = idFrom(useParams().id);
  const referral = useReferral(id);
  const settings = useReferralSettings();
  const [message, setMessage] = useState<string | null>(null);

  if (id === undefined || referral.isError) {
    return (
      <>
        <PageHeading title="Referral not found" />
        {referral.isError && <ErrorMessage error={referral.error} title="The referral could not be loaded" />}
        <Anchor component={Link} to={BOARD_PATH}>
          Back to the referral board
        </Anchor>
      </>
    );
  }
  if (referral.isPending) return <Loading what="Loading the referral" />;

  const r = referral.data;
  const byId = new Map(r.assessments.map((a) => [a.id, a]));
  const assessments = [...r.assessments].sort((a, b) => a.assessedAt.localeCompare(b.assessedAt));
  return (
    <>
      <PageHeading title={`Referral of ${r.patient.name}`} />
      <Group gap="md" mb="md">
        <Anchor component={Link} to={BOARD_PATH}>
          Back to the referral board
        </Anchor>
        {can('patients:read') && (
          <Anchor component={Link} to={`/patients/${r.patient.id}`}>
            {r.patient.name}’s record
          </Anchor>
        )}
      </Group>
      {message && (
        <Notice tone="green" title="Done" mb="md" role="status" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      {r.flags.length > 0 && (
        <Group mb="sm" gap="xs">
          <Text fw={700}>To act on:</Text>
          <Flags referral={r} />
        </Group>
      )}
      <Grid gap="lg" mb="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ClockPanel clock={r.clock} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <ReferralFacts referral={r} />
        </Grid.Col>
      </Grid>

      <Stack gap="xl">
        {can('referrals:write') && <ActionPanel referral={r} onDone={setMessage} onOpen={() => setMessage(null)} />}

        <Part id="assessments" title={`Assessments (${r.assessmentCount})`}>
          {assessments.length === 0 ? (
            <Text>Not assessed yet.</Text>
          ) : (
            <Stack gap="md">
              {assessments.map((a, i) => (
                <AssessmentCard key={a.id} assessment={a} number={i + 1} repeated={a.repeatsAssessmentId ? byId.get(a.repeatsAssessmentId) : undefined} instruments={settings.data?.instruments ?? []} />
              ))}
            </Stack>
          )}
        </Part>
        {r.decisions.length > 0 && (
          <Part id="decisions" title="Panel decisions">
            <DecisionList decisions={r.decisions} assessments={r.assessments} />
          </Part>
        )}
        {r.conferences.length > 0 && (
          <Part id="conferences" title="Case conferences">
            <ConferenceList referral={r} canRecord={can('referrals:write')} onDone={setMessage} />
          </Part>
        )}
        <Part id="timeline" title="Timeline">
          <Timeline events={r.events} />
        </Part>
      </Stack>
    </>
  );
}

/** A titled part of the page, named by its heading for assistive technology. */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <Title order={2} id={`${id}-heading`} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}
