// Row types of the referral tables (migration 0005), as Kysely sees them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A date column: PostgreSQL `date` comes back as YYYY-MM-DD text (see the pg type parser in connection.ts). */
type DateText = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ReferralTable {
  id: Generated<number>;
  patient_id: number;
  source: string;
  referring_organisation_id: number;
  referring_unit_id: number | null;
  referring_clinician: string;
  legal_route: string;
  urgency: string;
  urgency_reason: string | null;
  requested_tier: string;
  requested_specialism: string;
  home_region_id: number;
  offence_category: string;
  target_unit_id: number | null;
  target_region_id: number;
  received_at: Timestamp;
  clock_policy: string;
  state: Generated<string>;
  first_assessment_at: Timestamp | null;
  offered_ward_id: number | null;
  placement_id: string | null;
  stopped_at: Timestamp | null;
  breach_reason: string | null;
  breach_note: string | null;
  direction_issued_on: DateText | null;
  received_on: DateText;
  assessed_on: DateText | null;
  stopped_on: DateText | null;
  assessment_count: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface AssessmentTable {
  id: Generated<number>;
  referral_id: number;
  patient_id: number;
  assessed_at: Timestamp;
  assessor_name: string;
  assessor_unit_id: number | null;
  disciplines: string[];
  recommended_tier: string;
  recommended_specialism: string;
  rationale: string;
  security_ratings: Json<Record<string, number>>;
  urgency_ratings: Json<Record<string, number>>;
  supervision_items: number[];
  supervision_indication: string;
  valid_until: DateText;
  repeats_assessment_id: number | null;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface PanelMember {
  name: string;
  discipline: string;
  tier: string;
}

export interface PanelDecisionTable {
  id: Generated<number>;
  referral_id: number;
  panel_unit_id: number | null;
  panel_region_id: number | null;
  assessment_id: number;
  decided_at: Timestamp;
  decision: string;
  reason: string;
  recommended_tier: string | null;
  members: Json<PanelMember[]>;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface ReferralEventTable {
  id: Generated<string>;
  referral_id: number;
  at: Timestamp;
  kind: string;
  detail: Json<Record<string, unknown>>;
  user_id: number | null;
  recorded_at: CreatedAt;
}

export interface CaseConferenceTable {
  id: Generated<number>;
  patient_id: number;
  referral_id: number | null;
  kind: string;
  calendar: string;
  notice_given_at: Timestamp;
  scheduled_for: Timestamp;
  notice_working_days: number;
  short_notice_reason: string | null;
  invited: string[];
  venue: string | null;
  held_at: Timestamp | null;
  attended: string[] | null;
  disclosable_record: string | null;
  intelligence_gist: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface PrisonReturnTable {
  id: Generated<number>;
  patient_id: number;
  prison_unit_id: number;
  conference_id: number | null;
  planned_for: DateText;
  handover_items: Generated<string[]>;
  received_at: Timestamp | null;
  supervision_level: string | null;
  supervision_set_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface ReferralGenerationTable {
  id: ColumnType<boolean, never, never>;
  generation: ColumnType<string, never, never>;
}

export interface ReferralTables {
  referral_generation: ReferralGenerationTable;
  referral: ReferralTable;
  assessment: AssessmentTable;
  panel_decision: PanelDecisionTable;
  referral_event: ReferralEventTable;
  case_conference: CaseConferenceTable;
  prison_return: PrisonReturnTable;
}
