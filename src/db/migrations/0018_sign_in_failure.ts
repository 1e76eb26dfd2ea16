import { sql, type Kysely } from 'kysely';
import { grantRowsToAppRole } from '../app-role-grants.js';

// Failed sign-ins under a name that has no active account, counted and locked exactly as an
// account's are (app_user.failed_logins, locked_until): so a lock, or its absence, says nothing about
// whether an account of that name exists. Kept by a hash of the name, as people sometimes type a
// password where the name goes; rows a day past their last failure are cleared as new ones come.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_failure (
      name_hash text PRIMARY KEY,
      failures integer NOT NULL CHECK (failures > 0),
      locked_until timestamptz,
      last_failed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failed_at);
  `.execute(db);
  await grantRowsToAppRole(db, ['sign_in_failure']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sign_in_failure`.execute(db);
}
