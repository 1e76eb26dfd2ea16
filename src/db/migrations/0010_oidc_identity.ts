import { sql, type Kysely } from 'kysely';

// An account signed in through an identity provider is bound to that provider's stable identifier
// for the person (issuer + `sub`), set at the first such sign-in. From then on the binding, not the
// user name claim, decides which account opens: a renamed or re-used name at the provider cannot
// open someone else's account. One provider identity opens at most one account.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE app_user
      ADD COLUMN oidc_issuer text,
      ADD COLUMN oidc_subject text CHECK (length(oidc_subject) BETWEEN 1 AND 255),
      ADD COLUMN oidc_linked_at timestamptz,
      ADD CONSTRAINT app_user_oidc_identity_whole CHECK (
        (oidc_issuer IS NULL AND oidc_subject IS NULL AND oidc_linked_at IS NULL)
        OR (oidc_issuer IS NOT NULL AND oidc_subject IS NOT NULL AND oidc_linked_at IS NOT NULL));
    CREATE UNIQUE INDEX app_user_oidc_identity ON app_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS app_user_oidc_identity;
    ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_oidc_identity_whole,
      DROP COLUMN IF EXISTS oidc_issuer, DROP COLUMN IF EXISTS oidc_subject, DROP COLUMN IF EXISTS oidc_linked_at;
  `.execute(db);
}
