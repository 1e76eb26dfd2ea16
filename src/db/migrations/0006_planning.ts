import { sql, type Kysely } from 'kysely';

// Capacity planning: simulation jobs run in the background for the user who asked (a job's scenario
// holds aggregates only, never a patient), and the comparator sets each user keeps for beds per 100,000.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE planning_job (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      owner_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('simulation', 'capacity_search')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
      replications_done integer NOT NULL DEFAULT 0 CHECK (replications_done >= 0),
      replications_total integer NOT NULL CHECK (replications_total > 0),
      scenario_name text NOT NULL CHECK (length(scenario_name) BETWEEN 1 AND 200),
      request jsonb NOT NULL,
      result jsonb,
      error text CHECK (length(error) BETWEEN 1 AND 2000),
      -- The app server running the job, and when it last said it was alive.
      runner text,
      heartbeat_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      CONSTRAINT planning_job_done_has_result CHECK ((status = 'done') = (result IS NOT NULL)),
      CONSTRAINT planning_job_done_is_complete CHECK (status <> 'done' OR progress = 1),
      CONSTRAINT planning_job_failed_has_error CHECK ((status = 'failed') = (error IS NOT NULL)),
      CONSTRAINT planning_job_started CHECK ((status = 'queued' AND started_at IS NULL) OR (status IN ('running', 'done') AND started_at IS NOT NULL) OR status IN ('failed', 'cancelled')),
      CONSTRAINT planning_job_running_has_runner CHECK (status <> 'running' OR (runner IS NOT NULL AND heartbeat_at IS NOT NULL)),
      CONSTRAINT planning_job_finished CHECK ((status IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
      CONSTRAINT planning_job_replications CHECK (replications_done <= replications_total)
    );
    CREATE INDEX planning_job_owner ON planning_job (owner_id, id DESC);
    CREATE INDEX planning_job_active ON planning_job (status, id) WHERE status IN ('queued', 'running');

    CREATE TABLE planning_comparator_set (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      owner_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      description text CHECK (length(description) <= 2000),
      entries jsonb NOT NULL CHECK (jsonb_typeof(entries) = 'array' AND jsonb_array_length(entries) BETWEEN 1 AND 500),
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT planning_comparator_set_name UNIQUE (owner_id, name)
    );
  `.execute(db);
  // The application's role (0002) gets these through default privileges where the migrating user set
  // them; granted here too for databases where another user ran 0002.
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'securepath_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON planning_job, planning_comparator_set TO securepath_app;
      END IF;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS planning_comparator_set, planning_job`.execute(db);
}
