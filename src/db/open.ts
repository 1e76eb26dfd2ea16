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
  // Migrate as the login user (the schema's owner), then act as the least-privileged role.
  const login = createDb(url, 1);
  let role: string | undefined;
  try {
    if (migrate) await migrateToLatest(login);
    else await requireLatestSchema(login);
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
