import { sql, type Kysely } from 'kysely';
import {
  BREACH_REASONS,
  CALENDARS,
  CLOCK_POLICIES,
  CONFERENCE_KINDS,
  CONFERENCE_ROLES,
  DISCIPLINES,
  HANDOVER_ITEMS,
  LEGAL_ROUTES,
  OFFENCE_CATEGORIES,
  PANEL_DECISIONS,
  REFERRAL_SOURCES,
  REFERRAL_STATES,
  REFERRAL_TIERS,
  URGENCIES,
} from '../../shared/referral-vocabulary.js';
import { SPECIALISMS } from '../../shared/vocabulary.js';

// Referrals and prison transfers: the referral with its clock, the single pre-admission assessment,
// admission panel decisions, the event timeline, case conferences and returns to prison. The rules a
// bad client could break are constraints here, not only checks in the service.

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE referral (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      patient_id integer NOT NULL REFERENCES patient,
      source text NOT NULL CHECK (source IN (${list(REFERRAL_SOURCES)})),
      referring_organisation_id integer NOT NULL REFERENCES organisation,
      -- The prison, ward or team within it, when known (prisons are units of the register).
      referring_unit_id integer REFERENCES unit,
      referring_clinician text NOT NULL CHECK (length(referring_clinician) BETWEEN 2 AND 120),
      legal_route text NOT NULL CHECK (legal_route IN (${list(LEGAL_ROUTES)})),
      urgency text NOT NULL CHECK (urgency IN (${list(URGENCIES)})),
      urgency_reason text CHECK (length(urgency_reason) BETWEEN 5 AND 1000),
      requested_tier text NOT NULL CHECK (requested_tier IN (${list(REFERRAL_TIERS)})),
      requested_specialism text NOT NULL CHECK (requested_specialism IN (${list(SPECIALISMS)})),
      home_region_id integer NOT NULL REFERENCES region,
      offence_category text NOT NULL CHECK (offence_category IN (${list(OFFENCE_CATEGORIES)})),
      -- Where the referral now sits: a unit's admission panel, or (no unit) the region's panel. The
      -- region is kept for both, so scoping a queue by region needs no join.
      target_unit_id integer REFERENCES unit,
      target_region_id integer NOT NULL REFERENCES region,
      received_at timestamptz NOT NULL,
      -- Chosen when the referral is made and kept: a later change of setting rewrites no open clock.
      clock_policy text NOT NULL CHECK (clock_policy IN (${list(CLOCK_POLICIES)})),
      state text NOT NULL DEFAULT 'received' CHECK (state IN (${list(REFERRAL_STATES)})),
      first_assessment_at timestamptz,
      offered_ward_id integer REFERENCES ward,
      placement_id bigint REFERENCES placement,
      stopped_at timestamptz,
      breach_reason text CHECK (breach_reason IN (${list(BREACH_REASONS)})),
      breach_note text CHECK (length(breach_note) BETWEEN 3 AND 1000),
      direction_issued_on date,
      -- The clock's calendar days (in the service's time zone when written) and the number of
      -- assessments, kept with the row so measures over years of referrals need no conversions.
      received_on date NOT NULL,
      assessed_on date,
      stopped_on date,
      assessment_count integer NOT NULL DEFAULT 0 CHECK (assessment_count >= 0),
      created_by integer REFERENCES app_user,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      CONSTRAINT referral_urgent_has_reason CHECK (urgency = 'routine' OR urgency_reason IS NOT NULL),
      CONSTRAINT referral_stopped_state CHECK ((stopped_at IS NOT NULL) = (state IN ('admitted', 'withdrawn', 'not_needed'))),
      CONSTRAINT referral_admitted_has_placement CHECK ((state = 'admitted') = (placement_id IS NOT NULL)),
      CONSTRAINT referral_offer_has_ward CHECK (state <> 'bed_offered' OR offered_ward_id IS NOT NULL),
      CONSTRAINT referral_stops_after_receipt CHECK (stopped_at IS NULL OR stopped_at >= received_at),
      CONSTRAINT referral_stopped_day CHECK ((stopped_on IS NULL) = (stopped_at IS NULL)),
      CONSTRAINT referral_assessed_day CHECK ((assessed_on IS NULL) = (first_assessment_at IS NULL)),
      CONSTRAINT referral_assessed_after_receipt CHECK (first_assessment_at IS NULL OR first_assessment_at >= received_at),
      CONSTRAINT referral_other_breach_explained CHECK (breach_reason IS DISTINCT FROM 'other' OR breach_note IS NOT NULL)
    );
    -- One open referral per person to the same panel.
    CREATE UNIQUE INDEX referral_open_to_unit ON referral (patient_id, target_unit_id) WHERE stopped_at IS NULL AND target_unit_id IS NOT NULL;
    CREATE UNIQUE INDEX referral_open_to_region ON referral (patient_id, target_region_id) WHERE stopped_at IS NULL AND target_unit_id IS NULL;
    CREATE INDEX referral_open ON referral (received_at) WHERE stopped_at IS NULL;
    CREATE INDEX referral_received_on ON referral (received_on);
    CREATE INDEX referral_patient ON referral (patient_id);
    CREATE INDEX referral_target_unit ON referral (target_unit_id) WHERE stopped_at IS NULL;
    CREATE INDEX referral_referrer ON referral (referring_organisation_id) WHERE stopped_at IS NULL;
    CREATE INDEX referral_region ON referral (target_region_id, received_at);

    CREATE TABLE assessment (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      referral_id integer NOT NULL REFERENCES referral,
      patient_id integer NOT NULL REFERENCES patient,
      assessed_at timestamptz NOT NULL,
      assessor_name text NOT NULL CHECK (length(assessor_name) BETWEEN 2 AND 120),
      assessor_unit_id integer REFERENCES unit,
      disciplines text[] NOT NULL CHECK (cardinality(disciplines) > 0 AND disciplines <@ ARRAY[${list(DISCIPLINES)}]::text[]),
      recommended_tier text NOT NULL CHECK (recommended_tier IN (${list(REFERRAL_TIERS)}, 'not_required')),
      recommended_specialism text NOT NULL CHECK (recommended_specialism IN (${list(SPECIALISMS)})),
      rationale text NOT NULL CHECK (length(rationale) BETWEEN 10 AND 4000),
      security_ratings jsonb NOT NULL,
      urgency_ratings jsonb NOT NULL,
      supervision_items smallint[] NOT NULL DEFAULT '{}' CHECK (supervision_items <@ ARRAY[1,2,3,4,5,6,7,8,9,10]::smallint[]),
      supervision_indication text NOT NULL CHECK (supervision_indication IN (${list(REFERRAL_TIERS)})),
      valid_until date NOT NULL,
      -- Set when a valid assessment of the same person already existed: the duplicate it repeats.
      repeats_assessment_id integer REFERENCES assessment,
      recorded_by integer REFERENCES app_user,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT assessment_not_future CHECK (assessed_at <= recorded_at + interval '5 minutes')
    );
    CREATE INDEX assessment_referral ON assessment (referral_id, assessed_at);
    CREATE INDEX assessment_patient ON assessment (patient_id, valid_until);

    CREATE TABLE panel_decision (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      referral_id integer NOT NULL REFERENCES referral,
      panel_unit_id integer REFERENCES unit,
      panel_region_id integer REFERENCES region,
      -- A panel decides on an assessment: never without one.
      assessment_id integer NOT NULL REFERENCES assessment,
      decided_at timestamptz NOT NULL,
      decision text NOT NULL CHECK (decision IN (${list(PANEL_DECISIONS)})),
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 2000),
      recommended_tier text CHECK (recommended_tier IN (${list(REFERRAL_TIERS)}, 'not_required')),
      members jsonb NOT NULL CHECK (jsonb_typeof(members) = 'array' AND jsonb_array_length(members) > 0),
      recorded_by integer REFERENCES app_user,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_decision_one_panel CHECK (num_nonnulls(panel_unit_id, panel_region_id) = 1),
      CONSTRAINT panel_decline_names_tier CHECK (decision = 'accept' OR recommended_tier IS NOT NULL),
      CONSTRAINT panel_decision_not_future CHECK (decided_at <= recorded_at + interval '5 minutes')
    );
    CREATE INDEX panel_decision_referral ON panel_decision (referral_id, decided_at);

    CREATE TABLE referral_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      referral_id integer NOT NULL REFERENCES referral,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      user_id integer REFERENCES app_user,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT referral_event_not_future CHECK (at <= recorded_at + interval '5 minutes')
    );
    CREATE INDEX referral_event_referral ON referral_event (referral_id, at, id);

    CREATE TABLE case_conference (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      patient_id integer NOT NULL REFERENCES patient,
      referral_id integer REFERENCES referral,
      kind text NOT NULL CHECK (kind IN (${list(CONFERENCE_KINDS)})),
      calendar text NOT NULL CHECK (calendar IN (${list(CALENDARS)})),
      notice_given_at timestamptz NOT NULL,
      scheduled_for timestamptz NOT NULL,
      notice_working_days integer NOT NULL CHECK (notice_working_days >= 0),
      short_notice_reason text CHECK (length(short_notice_reason) BETWEEN 10 AND 1000),
      invited text[] NOT NULL CHECK (cardinality(invited) > 0 AND invited <@ ARRAY[${list(CONFERENCE_ROLES)}]::text[]),
      venue text CHECK (length(venue) <= 200),
      held_at timestamptz,
      attended text[] CHECK (attended <@ ARRAY[${list(CONFERENCE_ROLES)}]::text[]),
      -- Written so it can be shown to the patient in full; detail that would prejudice third parties
      -- or security appears only as a gist.
      disclosable_record text CHECK (length(disclosable_record) BETWEEN 10 AND 20000),
      intelligence_gist text CHECK (length(intelligence_gist) <= 4000),
      created_by integer REFERENCES app_user,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      CONSTRAINT conference_after_notice CHECK (scheduled_for > notice_given_at),
      CONSTRAINT conference_short_notice_explained CHECK (notice_working_days >= 3 OR short_notice_reason IS NOT NULL),
      CONSTRAINT conference_held_has_record CHECK ((held_at IS NULL) = (disclosable_record IS NULL))
    );
    CREATE INDEX case_conference_patient ON case_conference (patient_id, scheduled_for);
    CREATE INDEX case_conference_referral ON case_conference (referral_id) WHERE referral_id IS NOT NULL;

    CREATE TABLE prison_return (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      patient_id integer NOT NULL REFERENCES patient,
      -- The prison (a unit of the register, service type prison).
      prison_unit_id integer NOT NULL REFERENCES unit,
      conference_id integer REFERENCES case_conference,
      planned_for date NOT NULL,
      handover_items text[] NOT NULL DEFAULT '{}' CHECK (handover_items <@ ARRAY[${list(HANDOVER_ITEMS)}]::text[]),
      received_at timestamptz,
      supervision_level text CHECK (supervision_level IN (${list(REFERRAL_TIERS)})),
      supervision_set_at timestamptz,
      created_by integer REFERENCES app_user,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      CONSTRAINT prison_return_level_set_together CHECK ((supervision_level IS NULL) = (supervision_set_at IS NULL)),
      CONSTRAINT prison_return_level_after_reception CHECK (supervision_set_at IS NULL OR (received_at IS NOT NULL AND supervision_set_at >= received_at))
    );
    CREATE INDEX prison_return_patient ON prison_return (patient_id);
    CREATE INDEX prison_return_open ON prison_return (planned_for) WHERE supervision_set_at IS NULL;

    -- The referral board is cached by each app server and rebuilt when this number moves: any change
    -- to a referral (every step of one updates its row), to a patient's details, or to who may see
    -- what, bumps it in the same transaction.
    CREATE TABLE referral_generation (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      generation bigint NOT NULL DEFAULT 1
    );
    INSERT INTO referral_generation DEFAULT VALUES;
    CREATE FUNCTION bump_referral_generation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE referral_generation SET generation = generation + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER referral_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON referral FOR EACH STATEMENT EXECUTE FUNCTION bump_referral_generation();
    CREATE TRIGGER referral_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_scope FOR EACH STATEMENT EXECUTE FUNCTION bump_referral_generation();
    CREATE TRIGGER referral_generation AFTER UPDATE ON patient FOR EACH STATEMENT EXECUTE FUNCTION bump_referral_generation();

    -- A list screen (the referral board) is one audit event naming every patient it showed, so
    -- showing fifty names writes one chained event, not fifty. The patients are part of the hash;
    -- events without a list hash exactly as before.
    ALTER TABLE audit_event ADD COLUMN patient_ids integer[];
    CREATE INDEX audit_event_patient_lists ON audit_event USING gin (patient_ids) WHERE patient_ids IS NOT NULL;
    CREATE OR REPLACE FUNCTION audit_event_text(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT concat_ws('|', e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(e.user_id::text, ''), e.username,
        e.role, coalesce(e.scope, ''), coalesce(e.patient_id::text, ''), e.record_type, coalesce(e.record_id, ''), e.action, e.basis,
        coalesce(e.reason, ''), coalesce(e.request_id, ''), e.prev_hash, array_to_string(e.patient_ids, ','))
    $$;

    ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (
      'read', 'search', 'list', 'create', 'update', 'admit', 'transfer', 'discharge', 'denied', 'break_glass',
      'refer', 'assess', 'decide', 'forward', 'offer', 'withdraw', 'schedule'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS prison_return, case_conference, referral_event, panel_decision, assessment, referral, referral_generation CASCADE`.execute(db);
}
