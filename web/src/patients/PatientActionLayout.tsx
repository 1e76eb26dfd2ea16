import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Text } from '@mantine/core';
import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { idFrom, patientIdentifier, patientName } from './patient-format';
import { usePatient } from './use-patient';

interface Props {
  /** "Admit", "Transfer", "Discharge": the page is titled "<verb> <patient name>". */
  verb: string;
  /** Why the action does not apply to this patient now (a sentence, or more), or null when it does. */
  notNow(patient: PatientDetail): ReactNode | null;
  children(patient: PatientDetail): ReactNode;
}

/** The frame of the admit, transfer and discharge pages: load the patient, title, and a way back. */
export function PatientActionLayout({ verb, notNow, children }: Props) {
  const id = idFrom(useParams().id);
  const patient = usePatient(id);
  if (patient.isError || id === undefined) {
    return (
      <>
        <PageHeading title={`${verb} a patient`} />
        <ErrorMessage error={patient.error ?? new Error('There is no such patient.')} title="The patient could not be loaded" />
      </>
    );
  }
  if (patient.isPending) return <Loading what="Loading the patient" />;
  const p = patient.data;
  const blocked = notNow(p);
  return (
    <>
      <PageHeading title={`${verb} ${patientName(p)}`} />
      <Text mb="md">
        {patientIdentifier(p)}.{' '}
        {p.currentPlacement ? `Now on ${p.currentPlacement.wardName}, ${p.currentPlacement.unitName}.` : 'Not in a secure bed now.'}{' '}
        <Anchor component={Link} to={`/patients/${p.id}`}>
          Back to {patientName(p)}
        </Anchor>
      </Text>
      {typeof blocked === 'string' ? <Text>{blocked}</Text> : (blocked ?? children(p))}
    </>
  );
}
