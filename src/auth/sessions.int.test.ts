import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerUrlOf, TEST_PASSWORD, withClient, type TestApp } from '../../test/support/test-app.js';

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

describe('checking sessions under load', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // Fifty clients on one session once sent fifty reads of it each time its cached check ran out,
  // and every other request (the audited record reads among them) waited for a connection.
  it('reads a session once for a burst of its requests, leaving the pool to other work', async () => {
    const s = await signIn();
    await withClient(await ownerUrlOf(t.db), async (locker) => {
      // Hold every read of the sessions table, so the burst's reads pile up where they can be counted.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE');
      // Connections waiting for that lock (the statistics are snapshotted once a transaction: cleared first).
      const waiting = async () => {
        await locker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await locker.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE '%user_session%'");
        return Number(rows[0].n);
      };
      const burst = Array.from({ length: 12 }, () => s.me());
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await sleep(20);
      await sleep(200);
      const readsWaiting = await waiting();
      // The pool (five connections here) still serves a request that needs the database.
      const health = await Promise.race([t.app.inject({ method: 'GET', url: '/api/health' }).then((r) => r.statusCode), sleep(3000).then(() => 'no connection free')]);
      await locker.query('COMMIT');
      expect(readsWaiting).toBe(1);
      expect(health).toBe(200);
      expect((await Promise.all(burst)).map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    });
  });
});
