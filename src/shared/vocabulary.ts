// The controlled vocabularies of the service directory, placements and bed state.
// Pure data shared by the server (validation, database CHECKs, CSV) and the web app (labels, pickers),
// so a code is spelled in exactly one place. Codes follow NHS England MHSDS where one exists.

export const SERVICE_TYPES = [
  'high_secure',
  'medium_secure',
  'low_secure',
  'picu',
  'general_psychiatric',
  'community_forensic',
  'prison',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  high_secure: 'High secure',
  medium_secure: 'Medium secure',
  low_secure: 'Low secure',
  picu: 'Psychiatric intensive care (PICU)',
  general_psychiatric: 'General psychiatric',
  community_forensic: 'Community forensic team',
  prison: 'Prison',
};

/** Tiers people are placed in; community teams and prisons hold no beds in this register. */
export const TIERS = ['high', 'medium', 'low', 'picu', 'general'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  high: 'High secure',
  medium: 'Medium secure',
  low: 'Low secure',
  picu: 'PICU',
  general: 'General psychiatric',
};

/** Rank used to call a transfer up, down or sideways (higher = more secure). */
export const TIER_RANK: Record<Tier, number> = { high: 4, medium: 3, low: 2, picu: 1, general: 0 };

const SERVICE_TIER: Partial<Record<ServiceType, Tier>> = {
  high_secure: 'high',
  medium_secure: 'medium',
  low_secure: 'low',
  picu: 'picu',
  general_psychiatric: 'general',
};

/** The tier of a unit's beds, or null for services that hold no beds (prison, community team). */
export function tierOfServiceType(serviceType: ServiceType): Tier | null {
  return SERVICE_TIER[serviceType] ?? null;
}

/** MHSDS ward security level expected for each bed-holding tier. */
export const EXPECTED_SECURITY_LEVEL: Record<Tier, number> = { high: 3, medium: 2, low: 1, picu: 0, general: 0 };

export const SECURITY_LEVEL_LABELS: Record<number, string> = {
  0: '0 · General',
  1: '1 · Low',
  2: '2 · Medium',
  3: '3 · High',
};

export const COMMISSIONING_LEVELS = ['national', 'regional', 'local'] as const;
export type CommissioningLevel = (typeof COMMISSIONING_LEVELS)[number];

export const SECTORS = ['nhs', 'independent'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = { nhs: 'NHS', independent: 'Independent sector' };

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const SPECIALISMS = [
  'mental_illness',
  'learning_disability',
  'personality_disorder',
  'adolescent',
  'autism',
  'acquired_brain_injury',
  'deaf',
] as const;
export type Specialism = (typeof SPECIALISMS)[number];

export const SPECIALISM_LABELS: Record<Specialism, string> = {
  mental_illness: 'Mental illness',
  learning_disability: 'Learning disability',
  personality_disorder: 'Personality disorder',
  adolescent: 'Adolescent',
  autism: 'Autism',
  acquired_brain_injury: 'Acquired brain injury',
  deaf: 'Deaf service',
};

export const ADMISSION_SOURCES = [
  'prison',
  'court',
  'police_custody',
  'community',
  'general_hospital',
  'picu',
  'other',
] as const;
export type AdmissionSource = (typeof ADMISSION_SOURCES)[number];

export const ADMISSION_SOURCE_LABELS: Record<AdmissionSource, string> = {
  prison: 'Prison',
  court: 'Court',
  police_custody: 'Police custody',
  community: 'Community',
  general_hospital: 'General hospital ward',
  picu: 'PICU',
  other: 'Other',
};

/** Where a person goes when they leave the secure system (moves within it are transfers). */
export const DISCHARGE_DESTINATIONS = ['community', 'prison_court', 'general_hospital', 'died', 'other'] as const;
export type DischargeDestination = (typeof DISCHARGE_DESTINATIONS)[number];

export const DISCHARGE_DESTINATION_LABELS: Record<DischargeDestination, string> = {
  community: 'Community',
  prison_court: 'Prison or court',
  general_hospital: 'General hospital',
  died: 'Died',
  other: 'Other',
};

/** NHS Data Dictionary ethnic category codes. */
export const ETHNICITY_LABELS = {
  A: 'White - British',
  B: 'White - Irish',
  C: 'White - Any other White background',
  D: 'Mixed - White and Black Caribbean',
  E: 'Mixed - White and Black African',
  F: 'Mixed - White and Asian',
  G: 'Mixed - Any other mixed background',
  H: 'Asian or Asian British - Indian',
  J: 'Asian or Asian British - Pakistani',
  K: 'Asian or Asian British - Bangladeshi',
  L: 'Asian or Asian British - Any other Asian background',
  M: 'Black or Black British - Caribbean',
  N: 'Black or Black British - African',
  P: 'Black or Black British - Any other Black background',
  R: 'Other - Chinese',
  S: 'Other - Any other ethnic group',
  Z: 'Not stated',
} as const;
export type EthnicityCode = keyof typeof ETHNICITY_LABELS;
export const ETHNICITY_CODES = Object.keys(ETHNICITY_LABELS) as EthnicityCode[];

/** What a role may do; which role holds which is the policy table in src/http/policy.ts. */
export const PERMISSIONS = [
  'beds:read',
  'directory:read',
  'directory:write',
  'patients:read',
  'patients:write',
  'audit:read',
  'audit:review',
  // Referrals: the named queue and its events (scoped like patients), and the aggregate measures.
  'referrals:read',
  'referrals:write',
  'referrals:measures',
  // Capacity planning: calibrate from aggregates and run simulations; no named patient involved.
  'planning:run',
  // Administration: user accounts, their roles and scopes (the system administrator only).
  'users:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'ward-clinician',
  'ward-manager',
  'responsible-clinician',
  'bed-manager',
  'in-reach-clinician',
  'case-manager',
  'commissioner',
  'regional-planner',
  'national-analyst',
  'admin',
  'privacy-officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'ward-clinician': 'Ward clinician',
  'ward-manager': 'Ward manager',
  'responsible-clinician': 'Responsible clinician',
  'bed-manager': 'Admissions / bed manager',
  'in-reach-clinician': 'Prison in-reach clinician',
  'case-manager': 'Case manager',
  commissioner: 'Commissioner',
  'regional-planner': 'Regional planner',
  'national-analyst': 'National analyst',
  admin: 'System administrator',
  'privacy-officer': 'Privacy officer',
};
