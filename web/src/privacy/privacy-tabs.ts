// The sections of the privacy page, each a tab whose value is kept in the URL (?tab=…).

export const PRIVACY_TABS = [
  { value: 'claims', label: 'Emergency access claims' },
  { value: 'patient', label: 'Who has looked at a patient' },
  { value: 'refused', label: 'Refused attempts' },
  { value: 'check', label: 'Audit trail check' },
] as const;

export type PrivacyTab = (typeof PRIVACY_TABS)[number]['value'];

/** The search of the privacy page showing who has looked at one patient's record. */
export const patientTrailParams = (patientId: number) => ({ tab: 'patient' satisfies PrivacyTab, patient: String(patientId) });

export const patientTrailHref = (patientId: number) => `/privacy?${new URLSearchParams(patientTrailParams(patientId)).toString()}`;
