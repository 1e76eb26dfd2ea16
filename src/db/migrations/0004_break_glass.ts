import { sql, type Kysely } from 'kysely';

// Emergency ("break-glass") access: a clinician without a relationship may open one patient's record
// for a limited time, giving a written reason; every claim waits in the privacy officer's queue.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE break_glass (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user,
      role text NOT NULL,
      patient_id integer NOT NULL REFERENCES patient,
      reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 1000),
      started_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      reviewed_at timestamptz,
      reviewed_by integer REFERENCES app_user,
      review_note text,
      CHECK (expires_at > started_at),
      CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
    );
    CREATE INDEX break_glass_active ON break_glass (user_id, patient_id, expires_at);
    CREATE INDEX break_glass_unreviewed ON break_glass (started_at) WHERE reviewed_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS break_glass`.execute(db);
}
