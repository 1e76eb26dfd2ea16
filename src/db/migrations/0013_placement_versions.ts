import { sql, type Kysely } from 'kysely';

// App servers keep the placements they have read and ask the database, on every record read,
// whether they are still current (patients.repo's placement stamp). For that, each placement row,
// and the ward directory its placements name (wards, units, organisations, regions), carries a
// version that changes with every change, in the same transaction.
//
// Random, not counted: a database restored to an earlier point, or a standby promoted, counts again
// from where it was, and a number a server saw before the restore could come back with other data.
// A random version never comes back. (Transaction ids, xmin, come round again the same way.)

/** The ward directory: every table a placement's names and tier come from. */
const DIRECTORY_TABLES = ['ward', 'unit', 'organisation', 'region'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE placement ADD COLUMN row_version uuid NOT NULL DEFAULT gen_random_uuid();
    CREATE FUNCTION placement_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.row_version := gen_random_uuid();
      RETURN NEW;
    END $$;
    -- On insert too: a row copied back in (from an export, say) must not keep the version it had.
    CREATE TRIGGER placement_row_version BEFORE INSERT OR UPDATE ON placement FOR EACH ROW EXECUTE FUNCTION placement_row_version();

    CREATE TABLE ward_directory_version (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version uuid NOT NULL DEFAULT gen_random_uuid()
    );
    INSERT INTO ward_directory_version DEFAULT VALUES;
    -- Run with the owner's rights, so the application itself can only read the version (below).
    CREATE FUNCTION new_ward_directory_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      UPDATE public.ward_directory_version SET version = gen_random_uuid();
      RETURN NULL;
    END $$;
  `.execute(db);
  for (const table of DIRECTORY_TABLES) {
    await sql`CREATE TRIGGER ward_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION new_ward_directory_version()`.execute(db);
  }
  // The application reads the version and moves it only through the triggers: it cannot set it back
  // to one a server has seen, nor remove it. Granted here too for databases where another user ran 0002.
  await sql`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'securepath_app') THEN
        GRANT SELECT ON ward_directory_version TO securepath_app;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ward_directory_version FROM securepath_app;
      END IF;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of DIRECTORY_TABLES) await sql`DROP TRIGGER IF EXISTS ward_directory_version ON ${sql.table(table)}`.execute(db);
  await sql`
    DROP FUNCTION IF EXISTS new_ward_directory_version();
    DROP TABLE IF EXISTS ward_directory_version;
    DROP TRIGGER IF EXISTS placement_row_version ON placement;
    DROP FUNCTION IF EXISTS placement_row_version();
    ALTER TABLE placement DROP COLUMN IF EXISTS row_version;
  `.execute(db);
}
