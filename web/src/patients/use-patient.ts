import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { useApiQuery } from '../api/use-api-query';

export const patientPath = (id: number) => `/patients/${id}`;

/** Where a clinician claims emergency (break-glass) access to a patient they have no relationship with. */
export const EMERGENCY_ACCESS_PATH = '/patients/emergency-access';

/** One patient with their whole pathway; pass undefined to load nothing. */
export const usePatient = (id: number | undefined, enabled = true) =>
  useApiQuery<PatientDetail>(patientPath(id ?? 0), {}, { enabled: enabled && id !== undefined });
