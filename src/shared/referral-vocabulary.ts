// The controlled vocabularies of referrals, assessments, panels and prison liaison: codes and the
// labels people read, shared by the server (validation, database CHECKs) and the web app.

export const REFERRAL_SOURCES = [
  'prison_in_reach',
  'court',
  'police_custody',
  'general_ward_or_picu',
  'community_team',
  'secure_unit',
  'tribunal_or_direction',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  prison_in_reach: 'Prison in-reach team',
  court: 'Court',
  police_custody: 'Police custody',
  general_ward_or_picu: 'General ward or PICU',
  community_team: 'Community team',
  secure_unit: 'Another secure unit',
  tribunal_or_direction: 'Tribunal or health-board direction',
};

/** Mental Health Act routes into secure care (England & Wales sections; Scottish orders map to these). */
export const LEGAL_ROUTES = ['s47_49', 's48_49', 's37_41', 's37', 's35_36', 's38', 's2_3_civil', 'other'] as const;
export type LegalRoute = (typeof LEGAL_ROUTES)[number];
export const LEGAL_ROUTE_LABELS: Record<LegalRoute, string> = {
  s47_49: 's47/49 sentenced prisoner transfer',
  s48_49: 's48/49 remand or unsentenced prisoner transfer',
  s37_41: 's37/41 hospital order with restrictions',
  s37: 's37 hospital order',
  s35_36: 's35/36 remand to hospital',
  s38: 's38 interim hospital order',
  s2_3_civil: 'Civil detention (s2/s3)',
  other: 'Other',
};
/** Routes that move someone from prison: their referral runs the prison transfer clock. */
export const PRISON_TRANSFER_ROUTES: readonly LegalRoute[] = ['s47_49', 's48_49'];

export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { emergency: 'Emergency', urgent: 'Urgent', routine: 'Routine' };

/** The tiers a referral may ask for (the secure tiers). */
export const REFERRAL_TIERS = ['high', 'medium', 'low'] as const;
export type ReferralTier = (typeof REFERRAL_TIERS)[number];
export const TIER_LABELS_SECURE: Record<ReferralTier, string> = { high: 'high secure', medium: 'medium secure', low: 'low secure' };

export const OFFENCE_CATEGORIES = [
  'homicide',
  'violence_against_person',
  'sexual',
  'arson',
  'robbery',
  'weapons',
  'criminal_damage',
  'drugs',
  'theft_burglary',
  'public_order',
  'other',
  'none',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];
export const OFFENCE_CATEGORY_LABELS: Record<OffenceCategory, string> = {
  homicide: 'Homicide',
  violence_against_person: 'Violence against the person',
  sexual: 'Sexual offence',
  arson: 'Arson',
  robbery: 'Robbery',
  weapons: 'Weapons offence',
  criminal_damage: 'Criminal damage',
  drugs: 'Drug offence',
  theft_burglary: 'Theft or burglary',
  public_order: 'Public order',
  other: 'Other offence',
  none: 'No index offence',
};

/** How the transfer clock runs, chosen when a referral is created and kept for its life. */
export const CLOCK_POLICIES = ['single_14', 'two_stage_14'] as const;
export type ClockPolicy = (typeof CLOCK_POLICIES)[number];
export const CLOCK_POLICY_LABELS: Record<ClockPolicy, string> = {
  single_14: 'One 14-day clock: referral received to admission',
  two_stage_14: 'Two 14-day stages: referral to first assessment, then assessment to transfer',
};

/** Where a referral stands. Open states first; admitted, withdrawn and no longer needed stop the clock. */
export const REFERRAL_STATES = ['received', 'assessed', 'declined', 'accepted', 'bed_offered', 'admitted', 'withdrawn', 'not_needed'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const OPEN_REFERRAL_STATES: readonly ReferralState[] = ['received', 'assessed', 'declined', 'accepted', 'bed_offered'];
export const REFERRAL_STATE_LABELS: Record<ReferralState, string> = {
  received: 'Awaiting assessment',
  assessed: 'Assessed, awaiting panel',
  declined: 'Declined, to forward',
  accepted: 'Accepted, awaiting bed',
  bed_offered: 'Bed offered',
  admitted: 'Admitted',
  withdrawn: 'Withdrawn',
  not_needed: 'No longer needs hospital',
};

export const BREACH_REASONS = ['no_bed_at_tier', 'assessment_delay', 'moj_warrant', 'tier_dispute', 'too_unwell_to_move', 'funding', 'other'] as const;
export type BreachReason = (typeof BREACH_REASONS)[number];
export const BREACH_REASON_LABELS: Record<BreachReason, string> = {
  no_bed_at_tier: 'No bed at the recommended tier',
  assessment_delay: 'Assessment delay',
  moj_warrant: 'Ministry of Justice warrant',
  tier_dispute: 'Dispute about tier',
  too_unwell_to_move: 'Too unwell to move',
  funding: 'Funding',
  other: 'Other',
};

export const DISCIPLINES = ['psychiatrist', 'nurse', 'psychologist', 'social_worker', 'occupational_therapist', 'other'] as const;
export type Discipline = (typeof DISCIPLINES)[number];
export const DISCIPLINE_LABELS: Record<Discipline, string> = {
  psychiatrist: 'Psychiatrist',
  nurse: 'Nurse',
  psychologist: 'Psychologist',
  social_worker: 'Social worker',
  occupational_therapist: 'Occupational therapist',
  other: 'Other',
};

/** Prison supervision criteria (001 Annex D appendix): items 1–4 point to high security, 5–10 to medium. */
export const SUPERVISION_CRITERIA: { item: number; label: string }[] = [
  { item: 1, label: 'Sentence for serious assault' },
  { item: 2, label: 'Serious violence within 3 years' },
  { item: 3, label: 'Means and will to escape' },
  { item: 4, label: 'Organising serious indiscipline' },
  { item: 5, label: 'Violence in the last year' },
  { item: 6, label: 'Substance misuse' },
  { item: 7, label: 'Significant psychiatric history' },
  { item: 8, label: 'Serious outstanding charge' },
  { item: 9, label: 'Impulsivity' },
  { item: 10, label: 'Vulnerability' },
];

export const PANEL_DECISIONS = ['accept', 'decline'] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

export const CONFERENCE_KINDS = ['transfer', 'return'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, string> = {
  transfer: 'Transfer from prison to hospital',
  return: 'Return from hospital to prison',
};

/** Bank-holiday calendars for working-day notice. */
export const CALENDARS = ['england_wales', 'scotland'] as const;
export type Calendar = (typeof CALENDARS)[number];
export const CALENDAR_LABELS: Record<Calendar, string> = { england_wales: 'England and Wales', scotland: 'Scotland' };

/** Who the liaison protocol (001 Annex D) says to invite, by kind of conference. */
export const CONFERENCE_ROLES = [
  'visiting_psychiatrist',
  'healthcare_manager',
  'residential_unit_manager',
  'security_manager',
  'responsible_clinician',
  'key_worker',
  'prison_unit_manager',
  'patient',
  'other',
] as const;
export type ConferenceRole = (typeof CONFERENCE_ROLES)[number];
export const CONFERENCE_ROLE_LABELS: Record<ConferenceRole, string> = {
  visiting_psychiatrist: 'Visiting psychiatrist',
  healthcare_manager: 'Prison healthcare manager',
  residential_unit_manager: 'Residential unit manager',
  security_manager: 'Intelligence analyst or security manager',
  responsible_clinician: 'Responsible clinician (RMO)',
  key_worker: 'Key worker / CPA coordinator',
  prison_unit_manager: 'Prison unit manager',
  patient: 'Patient',
  other: 'Other',
};
export const PROTOCOL_INVITEES: Record<ConferenceKind, readonly ConferenceRole[]> = {
  transfer: ['visiting_psychiatrist', 'healthcare_manager', 'residential_unit_manager', 'security_manager'],
  return: ['responsible_clinician', 'key_worker', 'prison_unit_manager', 'healthcare_manager'],
};

/** What travels with a person returned to prison. */
export const HANDOVER_ITEMS = ['conference_record', 'risk_history', 'care_plan', 'medication', 'discharge_summary', 'legal_papers'] as const;
export type HandoverItem = (typeof HANDOVER_ITEMS)[number];
export const HANDOVER_ITEM_LABELS: Record<HandoverItem, string> = {
  conference_record: 'Disclosable conference record',
  risk_history: 'Historical risk document',
  care_plan: 'Care plan',
  medication: 'Medication and prescription chart',
  discharge_summary: 'Discharge summary',
  legal_papers: 'Legal papers',
};
