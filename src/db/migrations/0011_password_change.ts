import { sql, type Kysely } from 'kysely';

// A password an administrator set (a new account, or a reset) is known to two people, so the user
// must choose their own before doing anything else: flagged here, cleared when they change it. A
// session opened through the identity provider used no password, so the demand does not hold it up.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE app_user ADD COLUMN password_must_change boolean NOT NULL DEFAULT false;
    ALTER TABLE user_session ADD COLUMN signed_in_with text NOT NULL DEFAULT 'password' CHECK (signed_in_with IN ('password', 'identity_provider'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE app_user DROP COLUMN IF EXISTS password_must_change; ALTER TABLE user_session DROP COLUMN IF EXISTS signed_in_with`.execute(db);
}
