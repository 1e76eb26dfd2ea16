import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';

// A session ends after 15 minutes without a request (idle) and 12 hours after sign-in (absolute),
// both settings; after either, every request is asked to sign in again.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function signIn() {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ward-clinician', password: TEST_PASSWORD } });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, me: () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }) };
}

describe('session timeouts', () => {
  it('uses the defaults: 15 minutes idle, 12 hours in all', () => {
    expect(t.config.sessionIdleMinutes).toBe(15);
    expect(t.config.sessionAbsoluteHours).toBe(12);
  });

  it('ends a session left idle for longer than the idle timeout', async () => {
    const s = await signIn();
    await sql`UPDATE user_session SET last_seen_at = now() - interval '14 minutes'`.execute(t.db);
    expect((await s.me()).statusCode).toBe(200);
    const fresh = await signIn();
    await sql`UPDATE user_session SET last_seen_at = now() - interval '16 minutes'`.execute(t.db);
    // The server reuses a checked session for a second at most.
    await new Promise((r) => setTimeout(r, 1100));
    const res = await fresh.me();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('ends a session at its absolute limit however busy it is', async () => {
    const s = await signIn();
    expect((await s.me()).statusCode).toBe(200);
    await sql`UPDATE user_session SET expires_at = now() - interval '1 second', last_seen_at = now()`.execute(t.db);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await s.me()).statusCode).toBe(401);
  });
});
