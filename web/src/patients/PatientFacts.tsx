import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { ETHNICITY_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { FactList } from '../ui/FactList';
import { ageInYears, durationInWords, formatDate, formatDays, formatNhsNumber } from '../ui/format';
import { codeLabel } from '../ui/options';

/** Who the patient is and where they are now, as a definition list. */
export function PatientFacts({ patient }: { patient: PatientDetail }) {
  const current = patient.currentPlacement;
  const facts: [string, string][] = [
    patient.nhsNumber ? ['NHS number', formatNhsNumber(patient.nhsNumber)] : ['CHI number', patient.chiNumber ?? 'Not recorded'],
    ['Date of birth', `${formatDate(patient.dateOfBirth)} (${ageInYears(patient.dateOfBirth)} years old)`],
    ['Sex', codeLabel(patient.sex)],
    ['Ethnicity', ETHNICITY_LABELS[patient.ethnicity]],
    ['Home region', patient.homeRegionName],
    ['Current ward', current ? `${current.wardName}, ${current.unitName} (${TIER_LABELS[current.tier]})` : 'Not in a secure bed'],
  ];
  if (current) {
    facts.push(['Current length of stay', `${formatDays(current.lengthOfStayDays)} on this ward, since ${formatDate(current.admittedAt)}`]);
  }
  if (patient.currentEpisodeDays !== null) {
    facts.push(['Time in secure care', `${durationInWords(patient.currentEpisodeDays)} (${formatDays(patient.currentEpisodeDays)}) in this episode`]);
  }
  return <FactList facts={facts} cols={{ base: 1, sm: 2, lg: 4 }} />;
}
