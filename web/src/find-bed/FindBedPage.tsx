import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Anchor, Text, Title } from '@mantine/core';
import type { BedMatch } from '../../../src/beds/beds.schema.js';
import { toSearch } from '../api/client';
import { useApiQuery } from '../api/use-api-query';
import { useAuth } from '../app/auth';
import { idFrom, patientIdentifier, patientName } from '../patients/patient-format';
import { usePatient } from '../patients/use-patient';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { RoundingNote } from '../beds/Withheld';
import { BedMatchTable } from './BedMatchTable';
import { criteriaFrom, formForPatient, formFrom, type CriteriaForm } from './criteria';
import { FindBedForm } from './FindBedForm';

const RESULTS = 50;

/** Vacant beds that fit a need, nearest the home region first; for a patient, a step to admit or transfer them there. */
export function FindBedPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const patientId = idFrom(params.get('patientId'));
  const patient = usePatient(patientId, can('patients:read'));
  const criteria = criteriaFrom(params);
  const matches = useApiQuery<BedMatch[]>('/beds/find', { ...criteria, limit: RESULTS }, { enabled: criteria !== null });

  const search = (form: CriteriaForm) => setParams({ ...form, ...(patientId ? { patientId: String(patientId) } : {}) });

  // Opened for a patient with nothing chosen yet: start from what their record says.
  const untouched = !params.has('tier') && !params.has('sex') && !params.has('specialism');
  useEffect(() => {
    if (untouched && patient.data) setParams({ ...formForPatient(patient.data), patientId: String(patient.data.id) }, { replace: true });
  }, [untouched, patient.data, setParams]);

  const person = patient.data;
  const admitted = Boolean(person?.currentPlacement);
  const action =
    person && can('patients:write')
      ? {
          label: admitted ? 'Transfer here' : 'Admit here',
          onPick: (m: BedMatch) =>
            void navigate(
              `/patients/${person.id}/${admitted ? 'transfer' : 'admit'}${toSearch({ regionId: m.regionId, unitId: m.unitId, wardId: m.wardId, specialism: criteria?.specialism })}`,
            ),
        }
      : undefined;

  return (
    <>
      <PageHeading title="Find a bed" />
      {person && (
        <Alert color="nhsBlue" mb="md" title={`Finding a bed for ${patientName(person)}`}>
          {patientIdentifier(person)}.{' '}
          {person.currentPlacement ? `Now on ${person.currentPlacement.wardName}, ${person.currentPlacement.unitName}.` : 'Not in a secure bed now.'}{' '}
          <Anchor component={Link} to={`/patients/${person.id}`}>
            Back to {patientName(person)}
          </Anchor>
        </Alert>
      )}
      {patient.isError && <ErrorMessage error={patient.error} title="The patient could not be loaded" />}

      <FindBedForm
        key={`${params.toString()}|${person?.id ?? ''}`}
        // A search for a patient measures distance from their home unless another region is chosen.
        initial={{ ...formFrom(params), homeRegionId: params.get('homeRegionId') ?? (person ? String(person.homeRegionId) : '') }}
        onSearch={search}
      />

      <section>
        <Title order={2} mt="xl" mb="sm">
          Vacant beds, nearest first
        </Title>
        {criteria === null && <Text>Choose a tier, sex and specialism, then select Find a bed.</Text>}
        {criteria !== null && matches.isPending && <Loading what="Searching for vacant beds" />}
        {matches.isError && <ErrorMessage error={matches.error} title="The search did not work" />}
        {matches.data &&
          (matches.data.length === 0 ? (
            <Text>No ward with a vacant bed matches. Try another tier or specialism, or ask the case manager about a bed outside the area.</Text>
          ) : (
            <>
              {matches.data.some((m) => m.disclosureControlled) && <RoundingNote />}
              <Text mb="xs" role="status">
                {formatNumber(matches.data.length)} {matches.data.length === 1 ? 'ward has' : 'wards have'} a vacant bed that matches
                {matches.data.length === RESULTS ? ' (the nearest shown)' : ''}
                {matches.data.some((m) => m.withheld) ? ', or may have one where occupancy is withheld' : ''}.
              </Text>
              <BedMatchTable matches={matches.data} action={action} />
            </>
          ))}
      </section>
    </>
  );
}
