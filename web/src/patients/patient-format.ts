import type { PatientSummary } from '../../../src/patients/patients.schema.js';
import { formatNhsNumber } from '../ui/format';

type Named = Pick<PatientSummary, 'givenName' | 'familyName'>;
type Identified = Pick<PatientSummary, 'nhsNumber' | 'chiNumber'>;

export const patientName = (p: Named) => `${p.givenName} ${p.familyName}`;

/** "NHS 485 777 3456", "CHI 0101011234" or "No NHS or CHI number". */
export function patientIdentifier(p: Identified): string {
  if (p.nhsNumber) return `NHS ${formatNhsNumber(p.nhsNumber)}`;
  if (p.chiNumber) return `CHI ${p.chiNumber}`;
  return 'No NHS or CHI number';
}

/** A positive whole number from a URL part, or undefined. */
export function idFrom(value: string | null | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
