import { sql, type Kysely } from 'kysely';
import { ROLES } from '../../shared/vocabulary.js';

// Who may reach which patients: each role a user holds applies over one or more scopes (a ward, a
// unit, an organisation, a region or a nation); case managers reach the patients assigned to them.

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_scope (
      user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN (${list(ROLES)})),
      level text NOT NULL CHECK (level IN ('ward', 'unit', 'organisation', 'region', 'nation')),
      ref_id integer NOT NULL,
      PRIMARY KEY (user_id, role, level, ref_id)
    );
    CREATE TABLE case_assignment (
      user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      patient_id integer NOT NULL REFERENCES patient ON DELETE CASCADE,
      starts_at timestamptz NOT NULL DEFAULT now(),
      ends_at timestamptz,
      PRIMARY KEY (user_id, patient_id, starts_at),
      CHECK (ends_at IS NULL OR ends_at > starts_at)
    );
    CREATE INDEX case_assignment_patient ON case_assignment (patient_id);
    -- Who registered a patient: they keep sight of the record until it has a placement in their scope.
    ALTER TABLE patient ADD COLUMN created_by integer REFERENCES app_user;
    CREATE INDEX placement_recent ON placement (ward_id, patient_id) WHERE ended_at IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS case_assignment, user_scope; ALTER TABLE patient DROP COLUMN IF EXISTS created_by;`.execute(db);
}
