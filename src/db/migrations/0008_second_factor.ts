import { sql, type Kysely } from 'kysely';

// A second factor (time-based one-time passwords) for administrators and for emergency access:
// the account keeps its authenticator secret, when it was confirmed, and the last time step used
// (a code is good once); a session records when it proved the second factor.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE app_user
      ADD COLUMN totp_secret text CHECK (totp_secret ~ '^[A-Z2-7]{16,64}$'),
      ADD COLUMN totp_enabled_at timestamptz,
      ADD COLUMN totp_last_step bigint,
      ADD CONSTRAINT app_user_totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL);
    ALTER TABLE user_session ADD COLUMN second_factor_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE user_session DROP COLUMN IF EXISTS second_factor_at;
    ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_totp_enabled_has_secret,
      DROP COLUMN IF EXISTS totp_last_step, DROP COLUMN IF EXISTS totp_enabled_at, DROP COLUMN IF EXISTS totp_secret;
  `.execute(db);
}
