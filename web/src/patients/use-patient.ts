import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { useApiQuery } from '../api/use-api-query';

export const patientPath = (id: number) => `/patients/${id}`;

/** One patient with their whole pathway; pass undefined to load nothing. */
export const usePatient = (id: number | undefined, enabled = true) =>
  useApiQuery<PatientDetail>(patientPath(id ?? 0), {}, { enabled: enabled && id !== undefined });
