import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/db/connection.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// One PostgreSQL for the run: TEST_DATABASE_URL when given (CI's Debian PostgreSQL 15), otherwise the
// embedded one in a temporary folder. A migrated template database is made once; each test file
// clones it, so files never see each other's data.

export const TEMPLATE = 'securepath_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'securepath-test-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
    const port = 20000 + Math.floor(Math.random() * 20000);
    embedded = await startEmbeddedPostgres(dir, port, { persistent: false, unsafeFast: true });
    adminUrl = embedded.url.replace(/\/securepath$/, '/postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const db = createDb(templateUrl.toString(), 2);
  await migrateToLatest(db);
  await db.destroy();
  project.provide('adminDatabaseUrl', adminUrl);
  return async () => {
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
