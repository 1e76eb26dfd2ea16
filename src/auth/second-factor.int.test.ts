import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';
import { totpCode } from './totp.js';

// Administrators change who can see what: their session must prove a second factor (a code from an
// authenticator app) before any administrative change goes through.

let t: TestApp;
let cookie = '';
let csrf = '';

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
  cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  csrf = res.json().csrfToken;
  expect(res.json()).toMatchObject({ totpEnrolled: false, secondFactorVerified: false });
});
afterAll(() => t.close());

const newWard = { code: 'W-2FA', name: 'Two-step Ward' };

describe('two-step sign-in for administrators', () => {
  it('refuses an administrative change until an authenticator is set up, saying what to do', async () => {
    const res = await call('POST', '/api/directory/wards', newWard);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'second_factor_not_set_up', message: expect.stringMatching(/authenticator app/) });
    // Reading is not held back: only changes need the second factor.
    expect((await call('GET', '/api/directory/wards')).statusCode).toBe(200);
  });

  it('sets up an authenticator from a secret and a first code, which proves this session', async () => {
    const setup = await call('POST', '/api/auth/second-factor/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toBe(`otpauth://totp/SecurePath%3Aadmin?secret=${secret}&issuer=SecurePath&algorithm=SHA1&digits=6&period=30`);
    // A secret not yet confirmed is not a second factor.
    expect((await call('POST', '/api/directory/wards', newWard)).json().error.code).toBe('second_factor_not_set_up');
    const wrong = await call('POST', '/api/auth/second-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('second_factor_invalid');
    const proved = await call('POST', '/api/auth/second-factor', { code: totpCode(secret, new Date()) });
    expect(proved.statusCode, proved.body).toBe(200);
    expect(proved.json()).toMatchObject({ totpEnrolled: true, secondFactorVerified: true });
    // The session goes on under a new token: the one from before the second factor opens nothing now.
    const before = cookie;
    cookie = proved.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    csrf = proved.json().csrfToken;
    expect(cookie).not.toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } })).statusCode).toBe(401);
    // Setting up an authenticator changes how the account signs in: audited.
    const setUp = await t.db.selectFrom('audit_event').select(['action', 'record_type', 'reason']).where('username', '=', 'admin').where('reason', 'like', '%authenticator%').execute();
    expect(setUp).toEqual([{ action: 'admin', record_type: 'user', reason: 'set up an authenticator for two-step sign-in' }]);
    // Past the second factor, the directory's own rules answer (here: the ward needs its details).
    const change = await call('POST', '/api/directory/wards', newWard);
    expect(change.statusCode).toBe(400);
    expect(change.json().error.code).toBe('validation_failed');
  });

  it('does not let an authenticator be replaced from a session: an administrator resets it', async () => {
    const again = await call('POST', '/api/auth/second-factor/setup');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('second_factor_already_set_up');
  });

  it('asks again after signing in anew, and refuses a code already used', async () => {
    const { totp_secret } = await t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const used = totpCode(totp_secret!, new Date());
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
    cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    csrf = res.json().csrfToken;
    expect(res.json()).toMatchObject({ totpEnrolled: true, secondFactorVerified: false });
    expect((await call('POST', '/api/directory/wards', newWard)).json().error.code).toBe('second_factor_required');
    expect((await call('POST', '/api/auth/second-factor', { code: used })).json().error.code).toBe('second_factor_invalid');
  });

  it('locks the account after repeated wrong codes, like wrong passwords', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/second-factor', { code: '000000' });
    const { locked_until } = await t.db.selectFrom('app_user').select('locked_until').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(locked_until!.getTime()).toBeGreaterThan(Date.now());
    const { totp_secret } = await t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect((await call('POST', '/api/auth/second-factor', { code: totpCode(totp_secret!, new Date(Date.now() + 30_000)) })).json().error.code).toBe('account_locked');
  });
});
