import { execFile } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, type Register } from '../../test/support/register-fixture.js';
import { createTestDatabase } from '../../test/support/test-app.js';
import { verifyPassword } from '../auth/password.js';

// `securepath users …` against a real database: the same service as the Users page, audited as the
// command-line operator.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let reg: Register;

beforeAll(async () => {
  database = await createTestDatabase();
  reg = await createRegister(database.db);
});
afterAll(() => database.drop());

function cli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['bin/securepath.js', ...args], { env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const account = (username: string) =>
  database.db.selectFrom('app_user').select(['id', 'display_name', 'roles', 'active', 'failed_logins', 'locked_until', 'password_hash']).where('username', '=', username).executeTakeFirstOrThrow();

describe('securepath users', () => {
  it('adds a ward clinician with a ward scope, reading the password from standard input, and audits it as the operator', async () => {
    const r = await cli(['users', 'add', 'w.cli', '--name', 'Wren Cli', '--role', 'ward-clinician', '--scope', `ward:${reg.wards.mediumMale}`, '--password-stdin'], 'lantern-oak-river-7\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Created w.cli (Wren Cli): Ward clinician; scopes: ward ${reg.wards.mediumMale} (Ash Ward) as ward-clinician; active.`);
    expect(r.stdout).not.toContain('lantern');
    const user = await account('w.cli');
    expect(await verifyPassword(user.password_hash, 'lantern-oak-river-7')).toBe(true);
    const event = await database.db.selectFrom('audit_event').select(['username', 'user_id', 'action', 'reason']).where('record_type', '=', 'user').where('record_id', '=', String(user.id)).executeTakeFirstOrThrow();
    expect(event).toEqual({ username: 'cli', user_id: null, action: 'admin', reason: `created; roles: +ward-clinician; scopes: +ward ${reg.wards.mediumMale} (Ash Ward) as ward-clinician` });
  });

  it('generates a strong first password when none is given, and prints it once', async () => {
    const r = await cli(['users', 'add', 'b.manager', '--name', 'Bea Manager', '--role', 'bed-manager', '--role', 'admin', '--scope', `region:${reg.north}`]);
    expect(r.code, r.stderr).toBe(0);
    const password = /First password \(shown only now[^)]*\): (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const user = await account('b.manager');
    expect(user.roles).toEqual(['bed-manager', 'admin']);
    expect(await verifyPassword(user.password_hash, password)).toBe(true);
  });

  it('refuses a taken user name, a scope at no place and a weak password, exiting non-zero', async () => {
    const taken = await cli(['users', 'add', 'w.cli', '--name', 'Another Wren', '--role', 'commissioner']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('username_taken');
    const nowhere = await cli(['users', 'add', 'x.nowhere', '--name', 'No Where', '--role', 'ward-clinician', '--scope', 'ward:999999']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('there is no ward with id 999999');
    const weak = await cli(['users', 'add', 'x.weak', '--name', 'Weak Pass', '--role', 'commissioner', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: must be at least 12 characters');
    expect(await database.db.selectFrom('app_user').select('id').where('username', 'like', 'x.%').execute()).toEqual([]);
   }, 90_000);

  it('lists accounts as JSON', async () => {
    const r = await cli(['users', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout) as { items: { username: string; scopes: { name: string }[] }[]; total: number };
    expect(page.items.map((u) => u.username)).toEqual(['b.manager', 'w.cli']);
    expect(page.items[1]!.scopes[0]!.name).toBe('Ash Ward');
    expect(r.stdout).not.toMatch(/argon2/);
  });

  it('unlocks a locked account and deactivates one, ending its sessions', async () => {
    const user = await account('w.cli');
    await database.db.updateTable('app_user').set({ failed_logins: 5, locked_until: sql<Date>`now() + interval '15 minutes'` }).where('id', '=', user.id).execute();
    const unlocked = await cli(['users', 'unlock', 'w.cli']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(await account('w.cli')).toMatchObject({ failed_logins: 0, locked_until: null });

    await database.db
      .insertInto('user_session')
      .values({ id: 'cli-test-session', user_id: user.id, active_role: 'ward-clinician', csrf_token: 'x', created_at: new Date(), last_seen_at: new Date(), expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    const r = await cli(['users', 'deactivate', 'w.cli']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Deactivated: w.cli (Wren Cli)');
    expect((await account('w.cli')).active).toBe(false);
    expect(await database.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    const reasons = await database.db.selectFrom('audit_event').select('reason').where('record_id', '=', String(user.id)).where('action', '=', 'admin').orderBy('seq').execute();
    expect(reasons.map((e) => e.reason)).toEqual([expect.stringMatching(/^created/), 'unlocked (5 failed sign-ins)', 'deactivated; 1 session ended']);

    const missing = await cli(['users', 'deactivate', 'nobody-here']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no user called nobody-here');
   }, 90_000);
});
