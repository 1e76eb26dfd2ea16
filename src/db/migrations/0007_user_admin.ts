import { sql, type Kysely } from 'kysely';

// Administration of user accounts: the audit action `admin` for every change an administrator makes
// to an account, when each user last signed in, and the rules of roles and scopes held by the
// database itself, whichever path (API, CLI, SQL) changes them:
// - a scope is for a role the user holds, and names a place that exists at its level;
// - taking a role away takes its scopes with it;
// - deactivating an account ends its sessions at once.

const ACTIONS_BEFORE = `'read', 'search', 'list', 'create', 'update', 'admit', 'transfer', 'discharge', 'denied', 'break_glass',
      'refer', 'assess', 'decide', 'forward', 'offer', 'withdraw', 'schedule'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (
      ${sql.raw(ACTIONS_BEFORE)}, 'admin'));

    ALTER TABLE app_user ADD COLUMN last_sign_in_at timestamptz;
    -- Names entered from now on are checked; older rows are left as they are.
    ALTER TABLE app_user ADD CONSTRAINT app_user_display_name_length CHECK (length(btrim(display_name)) BETWEEN 2 AND 120) NOT VALID;

    -- A new session is a sign-in: the account records when it happened.
    CREATE FUNCTION app_user_signed_in() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE app_user SET last_sign_in_at = NEW.created_at WHERE id = NEW.user_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER app_user_signed_in AFTER INSERT ON user_session FOR EACH ROW EXECUTE FUNCTION app_user_signed_in();

    -- A scope is for a role the user holds, at a place that exists at its level (a polymorphic
    -- reference no foreign key can express).
    CREATE FUNCTION user_scope_valid() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM app_user WHERE id = NEW.user_id AND NEW.role = ANY (roles)) THEN
        RAISE EXCEPTION 'user % does not hold the role % that the scope is for', NEW.user_id, NEW.role
          USING ERRCODE = 'check_violation', CONSTRAINT = 'user_scope_role_held';
      END IF;
      IF NOT (CASE NEW.level
          WHEN 'ward' THEN EXISTS (SELECT 1 FROM ward WHERE id = NEW.ref_id)
          WHEN 'unit' THEN EXISTS (SELECT 1 FROM unit WHERE id = NEW.ref_id)
          WHEN 'organisation' THEN EXISTS (SELECT 1 FROM organisation WHERE id = NEW.ref_id)
          WHEN 'region' THEN EXISTS (SELECT 1 FROM region WHERE id = NEW.ref_id)
          WHEN 'nation' THEN EXISTS (SELECT 1 FROM nation WHERE id = NEW.ref_id)
          ELSE false END) THEN
        RAISE EXCEPTION 'there is no % with id %', NEW.level, NEW.ref_id
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'user_scope_place_exists';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER user_scope_valid BEFORE INSERT OR UPDATE ON user_scope FOR EACH ROW EXECUTE FUNCTION user_scope_valid();

    -- Taking a role away takes its scopes with it; deactivating ends every session of the account.
    CREATE FUNCTION app_user_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.roles IS DISTINCT FROM OLD.roles THEN
        DELETE FROM user_scope WHERE user_id = NEW.id AND NOT (role = ANY (NEW.roles));
      END IF;
      IF OLD.active AND NOT NEW.active THEN
        DELETE FROM user_session WHERE user_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER app_user_access_changed AFTER UPDATE OF roles, active ON app_user FOR EACH ROW EXECUTE FUNCTION app_user_access_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Fails while audit events with the action `admin` exist: the trail cannot be rewritten.
  await sql`
    DROP TRIGGER IF EXISTS app_user_access_changed ON app_user;
    DROP TRIGGER IF EXISTS user_scope_valid ON user_scope;
    DROP TRIGGER IF EXISTS app_user_signed_in ON user_session;
    DROP FUNCTION IF EXISTS app_user_access_changed, user_scope_valid, app_user_signed_in;
    ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_display_name_length;
    ALTER TABLE app_user DROP COLUMN IF EXISTS last_sign_in_at;
    ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
    ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (${sql.raw(ACTIONS_BEFORE)}));
  `.execute(db);
}
