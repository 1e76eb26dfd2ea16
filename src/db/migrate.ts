import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './connection.js';
import * as m0001 from './migrations/0001_register.js';
import * as m0002 from './migrations/0002_audit_idempotency.js';
import * as m0003 from './migrations/0003_scopes.js';
import * as m0004 from './migrations/0004_break_glass.js';
import * as m0005 from './migrations/0005_referrals.js';
import * as m0006 from './migrations/0006_planning.js';
import * as m0007 from './migrations/0007_user_admin.js';
import * as m0008 from './migrations/0008_second_factor.js';
import * as m0009 from './migrations/0009_oidc_login.js';
import * as m0010 from './migrations/0010_oidc_identity.js';
import * as m0011 from './migrations/0011_password_change.js';
import * as m0012 from './migrations/0012_audit_chain_lock.js';
import * as m0013 from './migrations/0013_placement_versions.js';
import * as m0014 from './migrations/0014_audit_list_index_pending.js';
import * as m0015 from './migrations/0015_audit_chain_tail.js';
import * as m0016 from './migrations/0016_audit_chain_checked.js';
import * as m0017 from './migrations/0017_audit_chain_lock_private.js';
import * as m0018 from './migrations/0018_sign_in_failure.js';
import * as m0019 from './migrations/0019_audit_denied_by_record.js';
import * as m0020 from './migrations/0020_sessions_end_with_role.js';

// Migrations are listed here in order rather than read from disk, so a bundled or compiled build
// cannot silently skip one.
const MIGRATIONS: Record<string, Migration> = {
  '0001_register': m0001,
  '0002_audit_idempotency': m0002,
  '0003_scopes': m0003,
  '0004_break_glass': m0004,
  '0005_referrals': m0005,
  '0006_planning': m0006,
  '0007_user_admin': m0007,
  '0008_second_factor': m0008,
  '0009_oidc_login': m0009,
  '0010_oidc_identity': m0010,
  '0011_password_change': m0011,
  '0012_audit_chain_lock': m0012,
  '0013_placement_versions': m0013,
  '0014_audit_list_index_pending': m0014,
  '0015_audit_chain_tail': m0015,
  '0016_audit_chain_checked': m0016,
  '0017_audit_chain_lock_private': m0017,
  '0018_sign_in_failure': m0018,
  '0019_audit_denied_by_record': m0019,
  '0020_sessions_end_with_role': m0020,
};

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    // A login that may not change the schema is most likely a server meant not to migrate.
    const hint =
      (result.error as { code?: string }).code === '42501'
        ? ' (this login may not change the schema: migrations need the schema\'s owner, with CREATE on the database; a server meant to run without that login starts with SECUREPATH_MIGRATE=false after the owner has run `npx securepath migrate`)'
        : '';
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}${hint}`, { cause: result.error });
  }
  return result;
}

/**
 * For a server that does not migrate (SECUREPATH_MIGRATE=false): the schema must be exactly this
 * version's, or the server refuses to start, saying what to run.
 */
export async function requireLatestSchema(db: Db): Promise<void> {
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db).then(
    ({ rows }) => new Set(rows.map((r) => r.name)),
    (err: unknown) => {
      // No version table: never migrated. Anything else (a refused login, say) speaks for itself.
      if ((err as { code?: string }).code !== '42P01') throw err;
      throw new Error("The database has no SecurePath schema yet: run `npx securepath migrate` as the database's owner, then start again.", { cause: err });
    },
  );
  const missing = Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
  if (missing.length > 0) {
    throw new Error(`The database schema is behind this version of SecurePath (it lacks ${missing.join(', ')}): run \`npx securepath migrate\` as the database's owner, then start again.`);
  }
  const unknown = [...applied].filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new Error(`The database schema is newer than this version of SecurePath (it has ${unknown.join(', ')}).`);
}
