import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput } from '../../test/support/register-fixture.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';
import { ERROR_CATALOGUE } from './errors.js';
import { MAX_FAILED_LOGINS } from '../auth/auth.service.js';
import { ROLES } from '../shared/vocabulary.js';
import { can, type Permission } from './policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimit: 20_000 } });
});
afterAll(() => t.close());

describe('sign-in and sessions', () => {
  it('sets an HttpOnly SameSite session cookie and never returns the password hash', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bed-manager', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/sp_session=/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(res.body).not.toMatch(/argon2/);
  });

  it('answers 401 to every patient and directory route without a session', async () => {
    for (const url of ['/api/patients', '/api/patients/1', '/api/directory/wards', '/api/beds/state', '/api/beds/find?tier=low&sex=male&specialism=mental_illness']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('refuses a change without the CSRF token', async () => {
    const c = await t.as('bed-manager');
    const res = await t.app.inject({ method: 'POST', url: '/api/patients', headers: { cookie: c.cookie }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('gives the same answer for a wrong user name and a wrong password, and locks after repeated failures', async () => {
    const { password_hash } = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'case-manager').executeTakeFirstOrThrow();
    await t.db.insertInto('app_user').values({ username: 'locked-out', display_name: 'Locked', password_hash, roles: ['case-manager'] }).execute();
    const wrongUser = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    const wrongPass = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locked-out', password: 'x' } });
    expect(wrongUser.statusCode).toBe(401);
    expect(wrongUser.body).toBe(wrongPass.body);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locked-out', password: 'x' } });
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locked-out', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
  });

  it('answers a name with no account exactly as a real one, attempt for attempt, lock included', async () => {
    const { password_hash } = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'case-manager').executeTakeFirstOrThrow();
    await t.db.insertInto('app_user').values({ username: 'real-name', display_name: 'Real', password_hash, roles: ['case-manager'] }).execute();
    const attempts = async (username: string) => {
      const answers: string[] = [];
      for (let i = 0; i <= MAX_FAILED_LOGINS; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'not it' } });
        answers.push(`${res.statusCode} ${res.body}`);
      }
      return answers;
    };
    const real = await attempts('real-name');
    expect(real.at(-1)).toMatch(/^429 .*account_locked/);
    expect(await attempts('no-such-name')).toEqual(real);
    // What is kept of the name is a hash: a password typed where the name goes is not stored.
    expect(JSON.stringify(await t.db.selectFrom('sign_in_failure').selectAll().execute())).not.toContain('no-such-name');
  });

  it('checks no more than five of many sign-in attempts made at once before the account locks', async () => {
    const { password_hash } = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'case-manager').executeTakeFirstOrThrow();
    await t.db.insertInto('app_user').values({ username: 'rushed', display_name: 'Rushed', password_hash, roles: ['case-manager'] }).execute();
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rushed', password: `guess-${i}` } })));
    const answers = guesses.map((g) => g.statusCode).sort();
    expect(answers).toEqual([...Array<number>(MAX_FAILED_LOGINS).fill(401), ...Array<number>(12 - MAX_FAILED_LOGINS).fill(429)]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rushed', password: TEST_PASSWORD } });
    expect(right.json().error.code).toBe('account_locked');
  });

  it('ends the session on logout', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'commissioner', password: TEST_PASSWORD } });
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = res.json().csrfToken as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('keeps commissioners to aggregates: bed state yes, patients no', async () => {
    const c = await t.as('commissioner');
    expect((await c.get('/api/beds/state')).statusCode).toBe(200);
    expect((await c.get('/api/patients?q=a')).statusCode).toBe(403);
    expect((await c.get('/api/beds/find?tier=low&sex=male&specialism=mental_illness&patientId=1')).statusCode).toBe(404);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON, oversized bodies and unknown routes with the error shape', async () => {
    const c = await t.as('bed-manager');
    const bad = await c.request('POST', '/api/patients', '{"givenName": ', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    const big = await c.request('POST', '/api/patients', JSON.stringify({ givenName: 'x'.repeat(30_000) }), { 'content-type': 'application/json' });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const none = await c.get('/api/nothing-here');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('sends security headers including a strict Content-Security-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps every answer of the API out of browser and proxy caches, refusals included', async () => {
    const reg = await createRegister(t.db);
    const c = await t.as('bed-manager');
    const created = await c.post('/api/patients', patientInput(reg.north, { nhsNumber: '943 476 5919' }));
    expect(created.statusCode).toBe(201);
    const record = await c.get(`/api/patients/${created.json().id}`);
    const patients = await c.get('/api/patients');
    const answers = {
      record,
      list: patients,
      signIn: await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ward-clinician', password: TEST_PASSWORD } }),
      noSession: await t.app.inject({ method: 'GET', url: '/api/patients' }),
      notPermitted: await (await t.as('commissioner')).get('/api/patients'),
      notThere: await c.get('/api/patients/999999999'),
      noRoute: await c.get('/api/nothing-here'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, `${r.statusCode} ${r.headers['cache-control']}`]))).toEqual({
      record: '200 no-store',
      list: '200 no-store',
      signIn: '200 no-store',
      noSession: '401 no-store',
      notPermitted: '403 no-store',
      notThere: '404 no-store',
      noRoute: '404 no-store',
    });
  });
});

describe('API description', () => {
  it('publishes OpenAPI with every route, and every route declares who may call it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/beds/state', '/api/beds/find', '/api/patients/{id}/admit', '/api/directory/import']));
    // Deny by default: a route that declares no access rule is refused to everyone; none should exist.
    const undeclared = t.app.routeTable.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(20);
  });

  it('answers every role on every parameter-free read route exactly as the policy table says', async () => {
    const reads = t.app.routeTable.filter((r) => r.method === 'GET' && !r.url.includes(':') && r.access !== 'public' && r.access !== 'session');
    for (const role of ROLES) {
      const c = await t.as(role);
      for (const r of reads) {
        const url = r.url === '/api/beds/find' ? `${r.url}?tier=low&sex=male&specialism=mental_illness` : r.url === '/api/directory/export' ? `${r.url}?kind=wards` : r.url;
        const res = await c.get(url);
        const allowed = can(role, r.access as Permission);
        expect(res.statusCode === 403, `${role} ${r.url} → ${res.statusCode}`).toBe(!allowed);
      }
    }
  });

  it('documents every error code in docs/errors.md with its status, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, e.status])));
  });
});

describe('acting in one role at a time', () => {
  it('switches between roles the user holds, and only those', async () => {
    const { password_hash } = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await t.db.insertInto('app_user').values({ username: 'two-hats', display_name: 'Two Hats', password_hash, roles: ['commissioner', 'bed-manager'] }).execute();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'two-hats', password: TEST_PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
    expect(login.json().activeRole).toBe('commissioner');
    expect((await t.app.inject({ method: 'GET', url: '/api/patients', headers })).statusCode).toBe(403);
    const switched = await t.app.inject({ method: 'POST', url: '/api/auth/role', headers, payload: { role: 'bed-manager' } });
    expect(switched.json()).toMatchObject({ activeRole: 'bed-manager', permissions: expect.arrayContaining(['patients:write']) });
    expect((await t.app.inject({ method: 'GET', url: '/api/patients', headers })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/role', headers, payload: { role: 'admin' } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('sign-in rate limit', () => {
  it('slows down repeated sign-in attempts from one address', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('counts sign-in attempts per address whatever session cookie they carry', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const cookie = `sp_session=${randomBytes(24).toString('base64url')}`;
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie }, payload: { username: 'nobody', password: 'x' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('gives each signed-in session its own limit, though they share an address', async () => {
    const setting = process.env.SECUREPATH_RATE_LIMIT_PER_MINUTE;
    process.env.SECUREPATH_RATE_LIMIT_PER_MINUTE = '3';
    const limited = await createTestApp().finally(() => {
      if (setting === undefined) delete process.env.SECUREPATH_RATE_LIMIT_PER_MINUTE;
      else process.env.SECUREPATH_RATE_LIMIT_PER_MINUTE = setting;
    });
    try {
      const signIn = async () => (await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } })).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const first = await signIn();
      const second = await signIn();
      const me = async (cookie: string) => (await limited.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode;
      const firstCodes = [await me(first), await me(first), await me(first), await me(first)];
      expect(firstCodes).toEqual([200, 200, 200, 429]);
      expect(await me(second)).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
