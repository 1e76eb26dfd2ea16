import type { ReferralInput } from '../../../src/referrals/referrals.schema.js';
import { EMPTY_PATIENT, toPatientInput, type PatientForm } from '../patients/PatientFields';
import { panelTarget, type PanelChoice } from './PanelPicker';
import type { PatientMode } from './PatientChooser';
import type { Referrer } from './ReferrerPicker';

// The intake form's state (strings, as inputs hold them), its labels, and how it becomes a ReferralInput.

export const NEW_REFERRAL_PATH = '/referrals/new';

export interface ReferralForm {
  patientMode: PatientMode;
  patientId: string;
  person: PatientForm;
  referrer: Referrer;
  source: string;
  referringClinician: string;
  legalRoute: string;
  urgency: string;
  urgencyReason: string;
  requestedTier: string;
  requestedSpecialism: string;
  homeRegionId: string;
  offenceCategory: string;
  panel: PanelChoice;
  clockPolicy: string;
}

export const LABELS: Record<string, string> = {
  patientId: 'The person referred',
  source: 'Referral source',
  referringOrganisationId: 'Referring organisation',
  referringUnitId: 'Referring unit or prison',
  referringClinician: 'Referring clinician',
  legalRoute: 'Legal route',
  urgency: 'Urgency',
  urgencyReason: 'Reason for the urgency',
  requestedTier: 'Tier requested',
  requestedSpecialism: 'Specialism needed',
  homeRegionId: 'Home region',
  offenceCategory: 'Index offence',
  targetUnitId: 'Unit',
  targetRegionId: 'Region of the panel',
  receivedAt: 'Date and time the referral was received',
  clockPolicy: 'Transfer clock',
};

export const emptyReferral = (clockPolicy = ''): ReferralForm => ({
  patientMode: 'new',
  patientId: '',
  person: EMPTY_PATIENT,
  referrer: { regionId: '', organisationId: '', unitId: '' },
  source: '',
  referringClinician: '',
  legalRoute: '',
  urgency: '',
  urgencyReason: '',
  requestedTier: '',
  requestedSpecialism: '',
  homeRegionId: '',
  offenceCategory: '',
  panel: { kind: 'unit', regionId: '', unitId: '' },
  clockPolicy,
});

export const needsUrgencyReason = (urgency: string) => urgency === 'emergency' || urgency === 'urgent';

/** What is missing before it is worth asking the server, by API field name. */
export function missingFields(form: ReferralForm): Record<string, string> {
  const out: Record<string, string> = {};
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) out[field] = message;
  };
  if (form.patientMode === 'existing') need('patientId', Boolean(form.patientId), 'Search for the person and choose them, or record a new person');
  need('source', Boolean(form.source), 'Choose where the referral comes from');
  need('referringOrganisationId', Boolean(form.referrer.organisationId), 'Choose the referring organisation');
  need('referringClinician', form.referringClinician.trim().length >= 2, 'Give the name of the referring clinician');
  need('legalRoute', Boolean(form.legalRoute), 'Choose the legal route');
  need('urgency', Boolean(form.urgency), 'Choose how urgent it is');
  need('urgencyReason', !needsUrgencyReason(form.urgency) || form.urgencyReason.trim().length >= 5, 'Say why it is urgent (at least 5 characters)');
  need('requestedTier', Boolean(form.requestedTier), 'Choose the tier requested');
  need('requestedSpecialism', Boolean(form.requestedSpecialism), 'Choose the specialism needed');
  need('homeRegionId', Boolean(form.homeRegionId), 'Choose the home region');
  need('offenceCategory', Boolean(form.offenceCategory), 'Choose the index offence, or no index offence');
  if (form.panel.kind === 'unit') need('targetUnitId', Boolean(form.panel.unitId), 'Choose the unit whose panel should decide');
  else need('targetRegionId', Boolean(form.panel.regionId), 'Choose the region whose panel should decide');
  return out;
}

/** The request body; the new person's home region is the referral's. */
export function toReferralInput(form: ReferralForm, receivedAt: string | undefined): ReferralInput {
  const id = (value: string) => (value ? Number(value) : undefined);
  const input = {
    ...(form.patientMode === 'existing' ? { patientId: id(form.patientId) } : { newPatient: toPatientInput({ ...form.person, homeRegionId: form.homeRegionId }) }),
    source: form.source,
    referringOrganisationId: id(form.referrer.organisationId),
    referringUnitId: id(form.referrer.unitId),
    referringClinician: form.referringClinician.trim(),
    legalRoute: form.legalRoute,
    urgency: form.urgency,
    urgencyReason: form.urgencyReason.trim() || undefined,
    requestedTier: form.requestedTier,
    requestedSpecialism: form.requestedSpecialism,
    homeRegionId: id(form.homeRegionId),
    offenceCategory: form.offenceCategory,
    ...panelTarget(form.panel),
    receivedAt,
    clockPolicy: form.clockPolicy || undefined,
  };
  // Codes are checked by the server against its vocabularies; undefined fields are left out of the JSON.
  return input as unknown as ReferralInput;
}
