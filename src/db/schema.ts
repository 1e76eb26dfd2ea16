// Row types of the database, as Kysely sees them. API types live in each capability's *.schema.ts;
// each repo maps rows to API types in one function.
import type { ColumnType, Generated } from 'kysely';
import type { PlanningTables } from './schema-planning.js';
import type { ReferralTables } from './schema-referrals.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface NationTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface RegionTable {
  id: Generated<number>;
  nation_id: number;
  code: string;
  name: string;
  population: number;
  latitude: number;
  longitude: number;
}

interface Lifecycle {
  retired_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Timestamp>;
}

export interface OrganisationTable extends Lifecycle {
  id: Generated<number>;
  code: string;
  name: string;
  sector: string;
  region_id: number;
}

export interface UnitTable extends Lifecycle {
  id: Generated<number>;
  organisation_id: number;
  region_id: number;
  code: string;
  name: string;
  service_type: string;
  commissioning_level: string;
}

export interface WardTable extends Lifecycle {
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  security_level: number;
  tier: string;
  sex: string;
  specialism: string;
  commissioned_beds: number;
  closed_beds: number;
}

export interface WardOccupancyTable {
  ward_id: number;
  occupied: number;
}

export interface BedStateGenerationTable {
  id: boolean;
  generation: ColumnType<string, never, never>;
}

/** Replaced by a statement trigger on any change to wards, units, organisations or regions. */
export interface WardDirectoryVersionTable {
  id: boolean;
  version: ColumnType<string, never, never>;
}

export interface PatientTable {
  id: Generated<number>;
  nhs_number: string | null;
  chi_number: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  ethnicity: string;
  home_region_id: number;
  created_by: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Timestamp>;
}

export interface PlacementTable {
  id: Generated<number>;
  patient_id: number;
  ward_id: number;
  admitted_at: Timestamp;
  ended_at: Timestamp | null;
  start_kind: 'admission' | 'transfer';
  source: string | null;
  direction: 'up' | 'down' | 'sideways' | null;
  end_reason: 'transfer' | 'discharge' | null;
  destination: string | null;
  over_capacity_reason: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  /** New on every change to the row (a trigger): see migration 0013. */
  row_version: ColumnType<string, never, never>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  /** Set by the database when a session is created (migration 0007). */
  last_sign_in_at: ColumnType<Date | null, never, never>;
  /** Authenticator secret (base32); confirmed when totp_enabled_at is set (migration 0008). */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The last time step whose code was accepted: a code works once. */
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  /** The identity provider's stable identifier for the person, bound at their first sign-in through it (migration 0010). */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_linked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set by an administrator's password (new account, reset): the user must choose their own first (migration 0011). */
  password_must_change: Generated<boolean>;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  active_role: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** When this session last proved the second factor (migration 0008). */
  second_factor_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** 'password' or 'identity_provider' (migration 0011). */
  signed_in_with: ColumnType<string, string | undefined, never>;
}

/** A sign-in started at an OpenID Connect identity provider, until it returns (migration 0009). */
/** Failed sign-ins under a name with no active account (migration 0018). */
export interface SignInFailureTable {
  name_hash: string;
  failures: number;
  locked_until: Date | null;
  last_failed_at: Generated<Date>;
}

export interface OidcLoginTable {
  id: string;
  nonce: string;
  code_verifier: string;
  return_to: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface DemoStateTable {
  id: boolean;
  seed: number;
  scale: number;
  seeded_at: Timestamp;
  as_of: Timestamp;
}

export interface AuditEventTable {
  seq: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  user_id: number | null;
  username: string;
  role: string;
  scope: string | null;
  patient_id: number | null;
  record_type: string;
  record_id: string | null;
  action: string;
  basis: string;
  reason: string | null;
  request_id: string | null;
  /** A list screen's patients, for events that showed several (migration 0005). */
  patient_ids?: number[] | null;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  route: string;
  body_hash: string;
  status: number;
  response: unknown;
  created_at: CreatedAt;
}

export interface UserScopeTable {
  user_id: number;
  role: string;
  level: 'ward' | 'unit' | 'organisation' | 'region' | 'nation';
  ref_id: number;
}

export interface CaseAssignmentTable {
  user_id: number;
  patient_id: number;
  starts_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ends_at: Timestamp | null;
}

export interface BreakGlassTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  patient_id: number;
  reason: string;
  started_at: Timestamp;
  expires_at: Timestamp;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  review_note: string | null;
}

export interface Database extends ReferralTables, PlanningTables {
  break_glass: BreakGlassTable;
  user_scope: UserScopeTable;
  case_assignment: CaseAssignmentTable;
  audit_event: AuditEventTable;
  idempotency_key: IdempotencyKeyTable;
  nation: NationTable;
  region: RegionTable;
  organisation: OrganisationTable;
  unit: UnitTable;
  ward: WardTable;
  ward_occupancy: WardOccupancyTable;
  bed_state_generation: BedStateGenerationTable;
  ward_directory_version: WardDirectoryVersionTable;
  patient: PatientTable;
  placement: PlacementTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  oidc_login: OidcLoginTable;
  sign_in_failure: SignInFailureTable;
  demo_state: DemoStateTable;
}
