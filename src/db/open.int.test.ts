import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, withClient } from '../../test/support/test-app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from './open.js';

// A server started with SECUREPATH_MIGRATE=false logs in as a role that can only act as the
// application's: a compromised server then holds no credentials that could rewrite the audit trail
// (with the owner's login, `RESET ROLE` undoes the application's role).

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let webUrl: string;
const web = `sp_web_${randomBytes(4).toString('hex')}`;

const asAdmin = <T>(work: (admin: pg.Client) => Promise<T>): Promise<T> => withClient(database.url, work);

beforeAll(async () => {
  database = await createTestDatabase();
  await asAdmin((admin) => admin.query(`CREATE ROLE ${web} LOGIN PASSWORD 'web-only-login' IN ROLE securepath_app`));
  const url = new URL(database.url);
  url.username = web;
  url.password = 'web-only-login';
  webUrl = url.toString();
});
afterAll(async () => {
  await database.drop();
  await withClient(inject('adminDatabaseUrl'), (admin) => admin.query(`DROP ROLE IF EXISTS ${web}`));
});

/** Runs `work` with the schema's last migration marked not applied, as on a database not yet upgraded. */
async function withoutLastMigration(work: (name: string) => Promise<unknown>) {
  const last = await asAdmin(async (admin) => (await admin.query('DELETE FROM kysely_migration WHERE name = (SELECT max(name) FROM kysely_migration) RETURNING name, timestamp')).rows[0]);
  try {
    await work(last.name as string);
  } finally {
    await asAdmin((admin) => admin.query('INSERT INTO kysely_migration (name, timestamp) VALUES ($1, $2)', [last.name, last.timestamp]));
  }
}

const open = ({ log, url = webUrl, migrate = false }: { log?: (line: string) => void; url?: string; migrate?: boolean } = {}) => openDatabase({ ...loadConfig(), databaseUrl: url, migrate }, log);

describe('a server that does not migrate', () => {
  it('acts as the application’s role from a login that can only be that role, and cannot become the owner or rewrite the audit trail', async () => {
    const said: string[] = [];
    const opened = await open({ log: (line) => said.push(line) });
    try {
      expect(said).toEqual([]);
      const { rows } = await sql<{ who: string }>`SELECT current_user AS who`.execute(opened.db);
      expect(rows[0]!.who).toBe('securepath_app');
      await sql`INSERT INTO audit_event (username, role, record_type, action, basis) VALUES ('web', 'bed-manager', 'patient', 'read', 'role')`.execute(opened.db);
    } finally {
      await opened.close();
    }
    const owner = await asAdmin(async (admin) => (await admin.query("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'")).rows[0].tableowner as string);
    await withClient(webUrl, async (client) => {
      const code = (statement: string) => client.query(statement).then(() => 'done', (err: { code?: string }) => err.code);
      expect(await code('RESET ROLE')).toBe('done');
      const { rows } = await client.query("SELECT current_user AS who, has_table_privilege('audit_event', 'UPDATE') AS may_update");
      expect(rows[0]).toEqual({ who: web, may_update: false });
      expect(await code("UPDATE audit_event SET username = 'rewritten' WHERE username = 'web'")).toBe('42501');
      expect(await code(`SET ROLE ${owner}`)).toBe('42501');
    });
    const kept = await asAdmin(async (admin) => (await admin.query("SELECT count(*)::int AS n FROM audit_event WHERE username = 'web'")).rows[0].n as number);
    expect(kept).toBe(1);
  });

  it('refuses to start on a schema behind its version, saying what to run', async () => {
    await withoutLastMigration((name) => expect(open()).rejects.toThrow(new RegExp(`behind this version of SecurePath \\(it lacks ${name}\\): run \`npx securepath migrate\` as the database's owner`)));
    const opened = await open();
    await opened.close();
  });

  it('warns when it logs in as the schema’s owner anyway, who could still rewrite the audit trail', async () => {
    const said: string[] = [];
    const opened = await open({ log: (line) => said.push(line), url: database.url });
    await opened.close();
    expect(said).toEqual([expect.stringMatching(/^Warning: SECUREPATH_MIGRATE=false, but this login is a superuser or a member of the schema's owner: it can still rewrite the audit trail/)]);
  });

  it('says how to run it when it is asked to migrate but may not', async () => {
    await withoutLastMigration(() =>
      expect(open({ migrate: true })).rejects.toThrow(/this login may not change the schema: migrations need the schema's owner, with CREATE on the database; a server meant to run without that login starts with SECUREPATH_MIGRATE=false/),
    );
  });
});
