import { sql, type Kysely } from 'kysely';
import {
  ADMISSION_SOURCES,
  COMMISSIONING_LEVELS,
  DISCHARGE_DESTINATIONS,
  ETHNICITY_CODES,
  ROLES,
  SECTORS,
  SERVICE_TYPES,
  SEXES,
  SPECIALISMS,
  TIERS,
} from '../../shared/vocabulary.js';

// Enumerations are written into CHECK constraints from the shared vocabulary, so the database and the
// API refuse exactly the same codes.
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await sql`
    CREATE TABLE nation (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,3}$'),
      name text NOT NULL UNIQUE
    );
    CREATE TABLE region (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      nation_id integer NOT NULL REFERENCES nation,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      population integer NOT NULL CHECK (population > 0),
      latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
      UNIQUE (nation_id, name)
    );
    CREATE TABLE organisation (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      sector text NOT NULL CHECK (sector IN (${list(SECTORS)})),
      region_id integer NOT NULL REFERENCES region,
      retired_at timestamptz,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE unit (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organisation_id integer NOT NULL REFERENCES organisation,
      region_id integer NOT NULL REFERENCES region,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      service_type text NOT NULL CHECK (service_type IN (${list(SERVICE_TYPES)})),
      commissioning_level text NOT NULL CHECK (commissioning_level IN (${list(COMMISSIONING_LEVELS)})),
      retired_at timestamptz,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX unit_organisation ON unit (organisation_id);
    CREATE INDEX unit_region ON unit (region_id);
    CREATE TABLE ward (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES unit,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      security_level smallint NOT NULL CHECK (security_level BETWEEN 0 AND 3),
      -- The tier the ward's beds count under; set by the service from the security level and the unit.
      tier text NOT NULL CHECK (tier IN (${list(TIERS)})),
      sex text NOT NULL CHECK (sex IN (${list(SEXES)})),
      specialism text NOT NULL CHECK (specialism IN (${list(SPECIALISMS)})),
      commissioned_beds integer NOT NULL CHECK (commissioned_beds >= 0),
      closed_beds integer NOT NULL DEFAULT 0 CHECK (closed_beds >= 0),
      retired_at timestamptz,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ward_closed_within_commissioned CHECK (closed_beds <= commissioned_beds),
      CONSTRAINT ward_tier_matches_security_level CHECK (
        (tier = 'high' AND security_level = 3) OR (tier = 'medium' AND security_level = 2)
        OR (tier = 'low' AND security_level = 1) OR (tier IN ('picu', 'general') AND security_level = 0))
    );
    CREATE INDEX ward_unit ON ward (unit_id);
    CREATE INDEX ward_match ON ward (tier, sex, specialism) WHERE retired_at IS NULL;

    -- Live bed state: one counter per ward kept by the placement trigger below, so bed state and
    -- find-a-bed never count placements at request time.
    CREATE TABLE ward_occupancy (
      ward_id integer PRIMARY KEY REFERENCES ward ON DELETE CASCADE,
      occupied integer NOT NULL DEFAULT 0 CHECK (occupied >= 0)
    );
    -- Bumped in the same transaction as any change that alters bed state, so app servers can cache
    -- the summary and know, with one cheap read, whether it is still current.
    CREATE TABLE bed_state_generation (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      generation bigint NOT NULL DEFAULT 1
    );
    INSERT INTO bed_state_generation DEFAULT VALUES;

    CREATE TABLE patient (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      nhs_number char(10) UNIQUE CHECK (nhs_number ~ '^[0-9]{10}$'),
      chi_number char(10) UNIQUE CHECK (chi_number ~ '^[0-9]{10}$'),
      given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 80),
      family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 80),
      date_of_birth date NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
      sex text NOT NULL CHECK (sex IN (${list(SEXES)})),
      ethnicity char(1) NOT NULL CHECK (ethnicity IN (${list(ETHNICITY_CODES)})),
      home_region_id integer NOT NULL REFERENCES region,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT patient_has_identifier CHECK (nhs_number IS NOT NULL OR chi_number IS NOT NULL)
    );
    CREATE INDEX patient_family_name ON patient (lower(family_name) text_pattern_ops);
    CREATE INDEX patient_given_name ON patient (lower(given_name) text_pattern_ops);

    CREATE TABLE app_user (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9.-]{1,60}$'),
      display_name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${list(ROLES)}]::text[]),
      active boolean NOT NULL DEFAULT true,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE user_session (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      active_role text NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX user_session_user ON user_session (user_id);

    CREATE TABLE placement (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      patient_id integer NOT NULL REFERENCES patient,
      ward_id integer NOT NULL REFERENCES ward,
      admitted_at timestamptz NOT NULL,
      ended_at timestamptz,
      start_kind text NOT NULL CHECK (start_kind IN ('admission', 'transfer')),
      source text CHECK (source IN (${list(ADMISSION_SOURCES)})),
      direction text CHECK (direction IN ('up', 'down', 'sideways')),
      end_reason text CHECK (end_reason IN ('transfer', 'discharge')),
      destination text CHECK (destination IN (${list(DISCHARGE_DESTINATIONS)})),
      over_capacity_reason text CHECK (length(over_capacity_reason) BETWEEN 10 AND 500),
      created_by integer REFERENCES app_user,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT placement_ends_after_start CHECK (ended_at IS NULL OR ended_at > admitted_at),
      CONSTRAINT placement_end_has_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
      CONSTRAINT placement_discharge_has_destination CHECK ((coalesce(end_reason, '') = 'discharge') = (destination IS NOT NULL)),
      CONSTRAINT placement_admission_has_source CHECK ((start_kind = 'admission') = (source IS NOT NULL)),
      CONSTRAINT placement_transfer_has_direction CHECK ((start_kind = 'transfer') = (direction IS NOT NULL)),
      -- One timeline per person: no two placements of a patient may overlap in time.
      CONSTRAINT placement_no_overlap EXCLUDE USING gist (patient_id WITH =, tstzrange(admitted_at, ended_at, '[)') WITH &&)
    );
    -- At most one open placement per person (also implied by the exclusion; this one names the rule).
    CREATE UNIQUE INDEX placement_one_open ON placement (patient_id) WHERE ended_at IS NULL;
    CREATE INDEX placement_ward_open ON placement (ward_id, admitted_at) WHERE ended_at IS NULL;
    CREATE INDEX placement_patient ON placement (patient_id, admitted_at);

    CREATE TABLE demo_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      seed integer NOT NULL,
      scale integer NOT NULL,
      seeded_at timestamptz NOT NULL,
      as_of timestamptz NOT NULL
    );

    CREATE FUNCTION ward_occupancy_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ward_occupancy (ward_id) VALUES (NEW.id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER ward_occupancy_row AFTER INSERT ON ward FOR EACH ROW EXECUTE FUNCTION ward_occupancy_row();

    CREATE FUNCTION placement_occupancy() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.ended_at IS NULL THEN
        UPDATE ward_occupancy SET occupied = occupied - 1 WHERE ward_id = OLD.ward_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.ended_at IS NULL THEN
        UPDATE ward_occupancy SET occupied = occupied + 1 WHERE ward_id = NEW.ward_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER placement_occupancy AFTER INSERT OR DELETE OR UPDATE OF ended_at, ward_id ON placement
      FOR EACH ROW EXECUTE FUNCTION placement_occupancy();

    CREATE FUNCTION bump_bed_state_generation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE bed_state_generation SET generation = generation + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER bed_state_generation AFTER INSERT OR UPDATE OR DELETE ON placement
      FOR EACH STATEMENT EXECUTE FUNCTION bump_bed_state_generation();
    CREATE TRIGGER bed_state_generation AFTER INSERT OR UPDATE OR DELETE ON ward
      FOR EACH STATEMENT EXECUTE FUNCTION bump_bed_state_generation();
    CREATE TRIGGER bed_state_generation AFTER INSERT OR UPDATE OR DELETE ON unit
      FOR EACH STATEMENT EXECUTE FUNCTION bump_bed_state_generation();
    CREATE TRIGGER bed_state_generation AFTER INSERT OR UPDATE OR DELETE ON organisation
      FOR EACH STATEMENT EXECUTE FUNCTION bump_bed_state_generation();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS demo_state, placement, user_session, app_user, patient, bed_state_generation,
      ward_occupancy, ward, unit, organisation, region, nation CASCADE;
    DROP FUNCTION IF EXISTS ward_occupancy_row, placement_occupancy, bump_bed_state_generation;
  `.execute(db);
}
