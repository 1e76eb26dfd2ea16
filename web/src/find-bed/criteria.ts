import type { FindBedQuery } from '../../../src/beds/beds.schema.js';
import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { SEXES, SPECIALISMS, TIERS, type Sex, type Specialism, type Tier } from '../../../src/shared/vocabulary.js';
import { idFrom } from '../patients/patient-format';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export interface CriteriaForm {
  tier: string;
  sex: string;
  specialism: string;
  homeRegionId: string;
}

/** The search in the URL, or null while tier, sex or specialism is missing. */
export function criteriaFrom(params: URLSearchParams): FindBedQuery | null {
  const tier = oneOf<Tier>(TIERS, params.get('tier'));
  const sex = oneOf<Sex>(SEXES, params.get('sex'));
  const specialism = oneOf<Specialism>(SPECIALISMS, params.get('specialism'));
  if (!tier || !sex || !specialism) return null;
  return { tier, sex, specialism, homeRegionId: idFrom(params.get('homeRegionId')), patientId: idFrom(params.get('patientId')) };
}

export const formFrom = (params: URLSearchParams): CriteriaForm => ({
  tier: params.get('tier') ?? '',
  sex: params.get('sex') ?? '',
  specialism: params.get('specialism') ?? '',
  homeRegionId: params.get('homeRegionId') ?? '',
});

/** A first search for a patient: their sex and home region, and the tier and specialism of their current (or last) ward. */
export function formForPatient(patient: PatientDetail): CriteriaForm {
  const latest = patient.currentPlacement ?? patient.placements.reduce<PatientDetail['currentPlacement']>((last, p) => (!last || p.admittedAt > last.admittedAt ? p : last), null);
  return {
    tier: latest?.tier ?? '',
    sex: patient.sex,
    specialism: latest?.specialism ?? '',
    homeRegionId: String(patient.homeRegionId),
  };
}
