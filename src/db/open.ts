import type { Config } from '../config.js';
import { createDb, type Db } from './connection.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import { migrateToLatest } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  embedded: EmbeddedServer | undefined;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder. Migrates to latest. */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log(`Starting the embedded PostgreSQL in ${config.dataDir} …`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPort);
    url = embedded.url;
  }
  const db = createDb(url, Number(process.env.SECUREPATH_DB_POOL ?? 10));
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    await embedded?.stop();
    throw e;
  }
  return {
    db,
    embedded,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
