import { sql, type Kysely } from 'kysely';

// Sign-in through an OpenID Connect identity provider: between sending the browser to the provider
// and its return, SecurePath keeps the sign-in's nonce and PKCE code verifier here, under the hash of
// its state, for ten minutes at most. In the database rather than one server's memory, so the
// return may reach any app server behind the load balancer; taken once, so a callback cannot be replayed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE oidc_login (
      id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
      nonce text NOT NULL CHECK (length(nonce) BETWEEN 16 AND 200),
      code_verifier text NOT NULL CHECK (code_verifier ~ '^[A-Za-z0-9._~-]{43,128}$'),
      return_to text NOT NULL DEFAULT '/' CHECK (return_to LIKE '/%'),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX oidc_login_created_at ON oidc_login (created_at);
  `.execute(db);
  // The application's role (0002) gets it through default privileges where the migrating user set
  // them; granted here too for databases where another user ran 0002.
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'securepath_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON oidc_login TO securepath_app;
      END IF;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS oidc_login`.execute(db);
}
