import { sql } from 'kysely';
import type { Config } from '../config.js';
import { APP_ROLE, canActAs, createDb, type Db } from './connection.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import { migrateToLatest, requireLatestSchema } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  embedded: EmbeddedServer | undefined;
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder. Migrates to latest
 * (`migrate`, by default the setting), or else checks the schema is this version's.
 */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}, { migrate = config.migrate } = {}): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log(`Starting the embedded PostgreSQL in ${config.dataDir} …`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPort);
    url = embedded.url;
  }
  // Migrate as the login user (then the schema's owner), or check the schema is this version's; then
  // act as the least-privileged role.
  const login = createDb(url, 1);
  let role: string | undefined;
  try {
    if (migrate) await migrateToLatest(login);
    else {
      await requireLatestSchema(login);
      if (await mayRewriteAuditTrail(login)) {
        log('Warning: SECUREPATH_MIGRATE=false, but this login is a superuser or a member of the schema\'s owner: it can still rewrite the audit trail. Log in as a role that can only act as securepath_app (see docs/configuration.md).');
      }
    }
    role = (await canActAs(login, APP_ROLE)) ? APP_ROLE : undefined;
    if (!role) log(`Warning: cannot act as ${APP_ROLE}; running with the login user's privileges (see docs/configuration.md).`);
  } catch (e) {
    await embedded?.stop();
    throw e;
  } finally {
    await login.destroy();
  }
  const db = createDb(url, Number(process.env.SECUREPATH_DB_POOL ?? 10), role);
  return {
    db,
    embedded,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** Whether the login itself (not the role it acts as) could undo the audit trail's protections. */
async function mayRewriteAuditTrail(login: Db): Promise<boolean> {
  const { rows } = await sql<{ may: boolean }>`
    SELECT r.rolsuper OR pg_has_role(session_user, c.relowner, 'MEMBER') AS may
    FROM pg_roles r, pg_class c WHERE r.rolname = session_user AND c.oid = 'public.audit_event'::regclass`.execute(login);
  return rows[0]?.may ?? true;
}
