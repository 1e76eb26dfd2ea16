import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';

// A user changes their own password: proving the current one, under the password policy, ending
// their other sessions; and one whose password an administrator set must do so before anything else.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signIn(username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) return { status: res.statusCode, send: undefined };
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    status: 200,
    me: res.json() as { mustChangePassword: boolean },
    send: (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) }),
  };
}
const change = (s: Awaited<ReturnType<typeof signIn>>, currentPassword: string, newPassword: string) => s.send!('POST', '/api/auth/password', { currentPassword, newPassword });
const failedLogins = async (username: string) => (await t.db.selectFrom('app_user').select('failed_logins').where('username', '=', username).executeTakeFirstOrThrow()).failed_logins;

describe('changing one’s own password', () => {
  const NEW = 'copper lantern meadow 7';

  it('needs the current password; a wrong one counts towards the lockout and changes nothing', async () => {
    const s = await signIn('ward-manager', TEST_PASSWORD);
    const wrong = await change(s, 'not my password', NEW);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_current_password', details: [{ field: 'currentPassword' }] });
    expect(await failedLogins('ward-manager')).toBe(1);
    expect((await signIn('ward-manager', TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses a new password that breaks the policy, or is the current one, saying which field', async () => {
    const s = await signIn('ward-manager', TEST_PASSWORD);
    const short = await change(s, TEST_PASSWORD, 'short');
    expect(short.statusCode).toBe(422);
    expect(short.json().error).toMatchObject({ code: 'weak_password' });
    expect(short.json().error.details[0].field).toBe('newPassword');
    const same = await change(s, TEST_PASSWORD, TEST_PASSWORD);
    expect(same.json().error).toMatchObject({ code: 'weak_password', details: [{ field: 'newPassword', message: 'is the same as the current one' }] });
    expect(await failedLogins('ward-manager')).toBe(0); // a right current password clears the count
  });

  it('takes the new password, keeps this session, ends the others, and audits it without either password', async () => {
    const other = await signIn('case-manager', TEST_PASSWORD);
    const s = await signIn('case-manager', TEST_PASSWORD);
    const res = await change(s, TEST_PASSWORD, NEW);
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.send!('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await other.send!('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await signIn('case-manager', TEST_PASSWORD)).status).toBe(401);
    expect((await signIn('case-manager', NEW)).status).toBe(200);
    const { rows } = await sql<{ reason: string; action: string }>`SELECT reason, action FROM audit_event WHERE username = 'case-manager' AND record_type = 'user' ORDER BY seq DESC LIMIT 1`.execute(t.db);
    expect(rows[0]).toEqual({ action: 'admin', reason: 'changed own password; 1 other session ended' });
    const all = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE reason LIKE ${`%${NEW}%`} OR reason LIKE ${`%${TEST_PASSWORD}%`}`.execute(t.db);
    expect(all.rows[0]!.n).toBe(0);
  });
});

describe('a password an administrator set', () => {
  it('lets the session do nothing but see who it is, sign out or choose a new password', async () => {
    await t.db.updateTable('app_user').set({ password_must_change: true }).where('username', '=', 'bed-manager').execute();
    const s = await signIn('bed-manager', TEST_PASSWORD);
    expect(s.me).toMatchObject({ mustChangePassword: true });
    for (const url of ['/api/beds/state', '/api/patients', '/api/referrals']) {
      const res = await s.send!('GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('password_change_required');
    }
    expect((await s.send!('POST', '/api/auth/role', { role: 'bed-manager' })).json().error.code).toBe('password_change_required');
    expect((await s.send!('GET', '/api/auth/me')).json()).toMatchObject({ mustChangePassword: true });
    expect((await change(s, TEST_PASSWORD, 'harbour violet kettle 9')).json()).toMatchObject({ mustChangePassword: false });
    // At once, on this server: the session's cached state is dropped with the change.
    expect((await s.send!('GET', '/api/beds/state')).statusCode).toBe(200);
  });
});
