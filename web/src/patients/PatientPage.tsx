import { useLocation, useParams, useNavigate, Link } from 'react-router';
import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import type { SavedNotice } from './CorrectDetailsPage';
import { EmergencyAccessBanner } from './EmergencyAccessBanner';
import { PathwayChart } from './PathwayChart';
import { idFrom, patientName } from './patient-format';
import { PatientFacts } from './PatientFacts';
import { chronological, whyNotMove } from './placement-text';
import { PlacementTable } from './PlacementTable';
import { EMERGENCY_ACCESS_PATH, usePatient } from './use-patient';

/** One patient: who they are, where they are, and their whole pathway through secure care. */
export function PatientPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const saved = (useLocation().state as Partial<SavedNotice> | null)?.notice;
  const id = idFrom(useParams().id);
  const patient = usePatient(id);

  if (id === undefined || patient.isError) {
    const notFound = patient.error instanceof ApiError && patient.error.status === 404;
    return (
      <>
        <PageHeading title="Patient not found" />
        {patient.isError && <ErrorMessage error={patient.error} title="The patient could not be loaded" />}
        <Stack gap="xs" align="flex-start">
          <Anchor component={Link} to="/patients">
            Search for a patient
          </Anchor>
          {notFound && (
            <Text>
              Not in your care, but you urgently need the record?{' '}
              <Anchor component={Link} to={EMERGENCY_ACCESS_PATH}>
                Claim emergency access
              </Anchor>
            </Text>
          )}
        </Stack>
      </>
    );
  }
  if (patient.isPending) return <Loading what="Loading the patient" />;

  const p = patient.data;
  const placements = chronological(p.placements);
  const go = (action: string) => () => void navigate(`/patients/${p.id}/${action}`);
  const notMovable = can('patients:write') ? whyNotMove(p) : null;
  const actions = can('patients:write') && (
    <>
      {p.currentPlacement ? (
        p.mayMove && (
          <>
            <Button onClick={go('transfer')}>Transfer</Button>
            <Button variant="outline" onClick={go('discharge')}>
              Discharge
            </Button>
          </>
        )
      ) : (
        <Button onClick={go('admit')}>Admit</Button>
      )}
      <Button variant="default" onClick={go('details')}>
        Correct details
      </Button>
    </>
  );

  return (
    <>
      {p.emergencyAccessUntil && <EmergencyAccessBanner until={p.emergencyAccessUntil} />}
      <PageHeading title={patientName(p)} actions={actions} />
      {saved && (
        <Text role="status" fw={600} mb="sm">
          {saved}
        </Text>
      )}
      <PatientFacts patient={p} />
      {notMovable && (
        <Text size="sm" c="dimmed" mb="sm">
          {notMovable}
        </Text>
      )}
      <Stack gap="xl">
        <section>
          <Title order={2} mb="sm">
            Pathway
          </Title>
          <PathwayChart placements={placements} />
        </section>
        <section>
          <Title order={2} mb="sm">
            Placements
          </Title>
          {placements.length > 0 ? <PlacementTable placements={placements} /> : 'No placements yet.'}
        </section>
      </Stack>
    </>
  );
}
