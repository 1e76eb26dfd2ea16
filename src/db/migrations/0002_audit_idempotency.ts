import { sql, type Kysely } from 'kysely';

// The audit trail of every read and write of patient data, hash-chained by the database itself, and
// idempotency keys for clinical-event POSTs.
//
// The chain is kept by a trigger under a row lock on `audit_head`, so events are numbered and
// chained in one order whatever the application does; the application cannot choose a sequence
// number or a hash. Audit rows can be inserted, never changed: a trigger refuses UPDATE, DELETE and
// TRUNCATE, and the application's role (securepath_app) is granted INSERT and SELECT only.

/** The chain trigger's function as this migration made it (0012 changes it; its down restores this). */
export const chainFunction = (verb: 'CREATE' | 'CREATE OR REPLACE') => `
    ${verb} FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE head audit_head;
    BEGIN
      SELECT * INTO head FROM audit_head FOR UPDATE;
      NEW.seq := head.last_seq + 1;
      NEW.prev_hash := head.last_hash;
      NEW.hash := encode(sha256(convert_to(audit_event_text(NEW), 'UTF8')), 'hex');
      UPDATE audit_head SET last_seq = NEW.seq, last_hash = NEW.hash;
      RETURN NEW;
    END $$;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_head (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      last_seq bigint NOT NULL DEFAULT 0,
      last_hash text NOT NULL DEFAULT repeat('0', 64)
    );
    INSERT INTO audit_head DEFAULT VALUES;

    CREATE TABLE audit_event (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      user_id integer,
      username text NOT NULL,
      role text NOT NULL,
      scope text,
      patient_id integer,
      record_type text NOT NULL,
      record_id text,
      action text NOT NULL CHECK (action IN ('read', 'search', 'list', 'create', 'update', 'admit', 'transfer', 'discharge', 'denied', 'break_glass')),
      basis text NOT NULL CHECK (basis IN ('relationship', 'break_glass', 'role', 'denied')),
      reason text,
      request_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_event_patient ON audit_event (patient_id, seq) WHERE patient_id IS NOT NULL;
    CREATE INDEX audit_event_denied ON audit_event (seq) WHERE action = 'denied';

    -- The text hashed for an event: every field in a fixed order, so verify can recompute it.
    CREATE FUNCTION audit_event_text(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT concat_ws('|', e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(e.user_id::text, ''), e.username,
        e.role, coalesce(e.scope, ''), coalesce(e.patient_id::text, ''), e.record_type, coalesce(e.record_id, ''), e.action, e.basis,
        coalesce(e.reason, ''), coalesce(e.request_id, ''), e.prev_hash)
    $$;

    ${sql.raw(chainFunction('CREATE'))}
    CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

    CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit events cannot be changed or removed' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable();

    CREATE TABLE idempotency_key (
      user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
      route text NOT NULL,
      body_hash text NOT NULL,
      status integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    );
  `.execute(db);

  // Least privilege for the application: created where the migrating user may create roles.
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'securepath_app') THEN
        BEGIN
          CREATE ROLE securepath_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'cannot create role securepath_app; grant it by hand (docs/configuration.md)';
        END;
      END IF;
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'securepath_app') THEN
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO securepath_app', current_database());
        GRANT USAGE ON SCHEMA public TO securepath_app;
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO securepath_app;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO securepath_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM securepath_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
        -- The chain head is written only by the trigger, which runs with the owner's rights.
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_head FROM securepath_app;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON kysely_migration, kysely_migration_lock FROM securepath_app;
        -- Tables added by later migrations are the application's too, unless a migration revokes.
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO securepath_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO securepath_app;
      END IF;
    END $$;
  `.execute(db);
  await sql`ALTER FUNCTION audit_event_chain() SECURITY DEFINER`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS idempotency_key, audit_event, audit_head CASCADE; DROP FUNCTION IF EXISTS audit_event_chain, audit_event_immutable, audit_event_text;`.execute(db);
}
