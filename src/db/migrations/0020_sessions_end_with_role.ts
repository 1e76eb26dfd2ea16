import { sql, type Kysely } from 'kysely';

// Taking a role away ends the sessions acting in it. A session whose active role was taken away was
// refused at once, but stayed in the table; given the role back within its absolute timeout, it came
// back to life with its second factor proved (found in review).

/** Migration 0007's trigger function, with or without ending the sessions of a role taken away. */
const accessChanged = (endSessionsOfRolesTakenAway: boolean) => sql`
  CREATE OR REPLACE FUNCTION app_user_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.roles IS DISTINCT FROM OLD.roles THEN
      DELETE FROM user_scope WHERE user_id = NEW.id AND NOT (role = ANY (NEW.roles));
      ${sql.raw(endSessionsOfRolesTakenAway ? 'DELETE FROM user_session WHERE user_id = NEW.id AND NOT (active_role = ANY (NEW.roles));' : '')}
    END IF;
    IF OLD.active AND NOT NEW.active THEN
      DELETE FROM user_session WHERE user_id = NEW.id;
    END IF;
    RETURN NULL;
  END $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await accessChanged(true).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await accessChanged(false).execute(db);
}
