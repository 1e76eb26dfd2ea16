import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';
import { ROLES } from '../shared/vocabulary.js';
import type { User } from './users.schema.js';

// User administration through the real app: accounts, roles, scopes, deactivation, every change
// audited in the same transaction and nothing half-written.

const PASSWORD = 'lantern-oak-river-7';
const NEW_PASSWORD = 'heron-quarry-violet-2';

let t: TestApp;
let reg: Register;
let adminId: number;

interface Session {
  cookie: string;
  csrf: string;
  send(method: 'GET' | 'POST' | 'PATCH', url: string, body?: object, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/**
 * Signs in with a password. Where sessions record a second factor (migration 0008), the session is
 * marked as having proved it, as an administrator with an authenticator would have: that is not what
 * these tests are about.
 */
async function signIn(username: string, password: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const { rows } = await sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'user_session' AND column_name = 'second_factor_at'`.execute(t.db);
  if (rows.length > 0) await sql`UPDATE user_session SET second_factor_at = now() WHERE user_id = (SELECT id FROM app_user WHERE username = ${username})`.execute(t.db);
  return {
    cookie,
    csrf,
    send: (method, url, body, headers = {}) =>
      t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers }, ...(body === undefined ? {} : { payload: body }) }),
  };
}

const loginStatus = async (username: string, password: string) => (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;

let admin: Session;

const newUser = (username: string, over: Record<string, unknown> = {}) => ({
  username,
  displayName: `Test ${username}`,
  roles: ['ward-clinician'],
  scopes: [{ role: 'ward-clinician', level: 'ward', refId: reg.wards.mediumMale }],
  password: PASSWORD,
  ...over,
});

/** An account as an administrator makes it, whose user has since chosen their own password (the first test follows that step). */
async function create(username: string, over: Record<string, unknown> = {}): Promise<User> {
  const res = await admin.send('POST', '/api/users', newUser(username, over));
  expect(res.statusCode, res.body).toBe(201);
  await t.db.updateTable('app_user').set({ password_must_change: false }).where('username', '=', username).execute();
  return { ...(res.json() as User), mustChangePassword: false };
}

const auditOf = (userId: number) =>
  t.db.selectFrom('audit_event').select(['action', 'reason', 'username', 'patient_id', 'record_id']).where('record_type', '=', 'user').where('record_id', '=', String(userId)).orderBy('seq').execute();

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  adminId = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  admin = await signIn('admin', TEST_PASSWORD);
});
afterAll(() => t.close());

describe('creating accounts', () => {
  it('creates a ward clinician with a ward scope who, once they have chosen their own password, reaches their ward; no hash is ever returned', async () => {
    const res = await admin.send('POST', '/api/users', newUser('c.okoro', { displayName: '  Chidi   Okoro ' }));
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json() as User;
    expect(res.headers.etag).toBe(`"${user.version}"`);
    expect(user).toMatchObject({
      username: 'c.okoro',
      displayName: 'Chidi Okoro',
      roles: ['ward-clinician'],
      scopes: [{ role: 'ward-clinician', level: 'ward', refId: reg.wards.mediumMale, name: 'Ash Ward', within: 'Moorside Unit', retired: false }],
      active: true,
      locked: false,
      lastSignInAt: null,
      mustChangePassword: true,
    });
    expect(res.body.replace('"mustChangePassword"', '')).not.toMatch(/argon2|password|lantern/i);

    const { password_hash } = await t.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^\$argon2id\$/);

    // The administrator knows the first password, so it opens nothing until the user chooses their own.
    const clinician = await signIn('c.okoro', PASSWORD);
    const held = await clinician.send('GET', '/api/patients');
    expect(held.statusCode).toBe(403);
    expect(held.json().error.code).toBe('password_change_required');
    expect((await clinician.send('GET', '/api/auth/me')).json()).toMatchObject({ mustChangePassword: true });
    const chosen = await clinician.send('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'kettle harbour violet 42' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ mustChangePassword: false });
    expect((await clinician.send('GET', '/api/patients')).statusCode).toBe(200);
    const seen = (await admin.send('GET', `/api/users/${user.id}`)).json() as User;
    expect(seen.lastSignInAt).not.toBeNull();
  });

  it('refuses a user name that is taken with 409, writing nothing', async () => {
    await create('d.taken');
    const events = await t.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const res = await admin.send('POST', '/api/users', newUser('d.taken', { displayName: 'Someone Else' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'username_taken', details: [{ field: 'username', message: 'is taken' }] });
    expect(await t.db.selectFrom('app_user').select('display_name').where('username', '=', 'd.taken').execute()).toEqual([{ display_name: 'Test d.taken' }]);
    expect(await t.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual(events);
  });

  it('refuses short and guessable passwords', async () => {
    const short = await admin.send('POST', '/api/users', newUser('e.short', { password: 'tulip-moss-' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toContainEqual({ field: 'password', message: 'must be at least 12 characters' });
    const guessable = await admin.send('POST', '/api/users', newUser('e.guess', { password: 'Password1234!' }));
    expect(guessable.statusCode).toBe(422);
    expect(guessable.json().error.code).toBe('weak_password');
    const named = await admin.send('POST', '/api/users', newUser('e.named', { password: 'e.named-is-me-ok' }));
    expect(named.json().error.message).toMatch(/must not contain the user name/);
    expect(await t.db.selectFrom('app_user').select('id').where('username', 'like', 'e.%').execute()).toEqual([]);
  });

  it('refuses a scope at a place that does not exist, or for a role the user will not hold, and saves nothing', async () => {
    const missing = await admin.send('POST', '/api/users', newUser('f.scope', { scopes: [{ role: 'ward-clinician', level: 'ward', refId: 999_999 }] }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'invalid_scope', details: [{ field: 'scopes', message: 'there is no ward with id 999999' }] });
    // A ward's id is not a unit's: each level is checked against its own table (four units, five wards).
    const wrongLevel = await admin.send('POST', '/api/users', newUser('f.scope', { scopes: [{ role: 'ward-clinician', level: 'unit', refId: reg.wards.adolescent }] }));
    expect(wrongLevel.json().error.code).toBe('invalid_scope');
    const notHeld = await admin.send('POST', '/api/users', newUser('f.scope', { scopes: [{ role: 'bed-manager', level: 'region', refId: reg.north }] }));
    expect(notHeld.statusCode).toBe(422);
    expect(notHeld.json().error.code).toBe('scope_role_not_held');
    expect(notHeld.json().error.message).toMatch(/does not hold the role bed-manager/);
    expect(await t.db.selectFrom('app_user').select('id').where('username', '=', 'f.scope').execute()).toEqual([]);
  });

  it('refuses a scope at a retired place for a new scope', async () => {
    await t.db.updateTable('ward').set({ retired_at: new Date() }).where('id', '=', reg.wards.adolescent).execute();
    try {
      const res = await admin.send('POST', '/api/users', newUser('g.retired', { scopes: [{ role: 'ward-clinician', level: 'ward', refId: reg.wards.adolescent }] }));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/Elm Ward\) has been retired/);
    } finally {
      await t.db.updateTable('ward').set({ retired_at: null }).where('id', '=', reg.wards.adolescent).execute();
    }
  });
});

describe('changing accounts', () => {
  it('changes roles and scopes against the version shown, and a stale version gets 412 with the account as it stands', async () => {
    const user = await create('h.change');
    const stale = user.version;
    const first = await admin.send('PATCH', `/api/users/${user.id}`, { displayName: 'Hana Change' }, { 'if-match': `"${stale}"` });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ displayName: 'Hana Change', version: stale + 1 });

    const conflict = await admin.send(
      'PATCH',
      `/api/users/${user.id}`,
      { roles: ['ward-clinician', 'ward-manager'], scopes: [{ role: 'ward-manager', level: 'ward', refId: reg.wards.mediumFemale }] },
      { 'if-match': `"${stale}"` },
    );
    expect(conflict.statusCode).toBe(412);
    expect(conflict.json().error).toMatchObject({ code: 'version_conflict', current: { id: user.id, displayName: 'Hana Change', version: stale + 1 } });

    expect((await admin.send('PATCH', `/api/users/${user.id}`, { displayName: 'No Version' })).statusCode).toBe(428);

    const ok = await admin.send(
      'PATCH',
      `/api/users/${user.id}`,
      { roles: ['ward-clinician', 'ward-manager'], scopes: [...user.scopes.map(({ role, level, refId }) => ({ role, level, refId })), { role: 'ward-manager', level: 'ward', refId: reg.wards.mediumFemale }] },
      { 'if-match': `"${stale + 1}"` },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as User).scopes.map((s) => `${s.role} ${s.name}`)).toEqual(['ward-clinician Ash Ward', 'ward-manager Birch Ward']);

    // Taking a role away takes its scopes with it.
    const dropped = await admin.send('PATCH', `/api/users/${user.id}`, { roles: ['ward-clinician'] }, { 'if-match': `"${stale + 2}"` });
    expect((dropped.json() as User).scopes.map((s) => s.role)).toEqual(['ward-clinician']);

    const reasons = (await auditOf(user.id)).filter((e) => e.action === 'admin').map((e) => e.reason);
    expect(reasons).toEqual([
      `created; roles: +ward-clinician; scopes: +ward ${reg.wards.mediumMale} (Ash Ward) as ward-clinician`,
      'display name: "Test h.change" → "Hana Change"',
      `roles: +ward-manager; scopes: +ward ${reg.wards.mediumFemale} (Birch Ward) as ward-manager`,
      `roles: -ward-manager; scopes: -ward ${reg.wards.mediumFemale} (Birch Ward) as ward-manager`,
    ]);
  });

  it('keeps an administrator from deactivating themselves or dropping their own administrator role', async () => {
    const me = (await admin.send('GET', `/api/users/${adminId}`)).json() as User;
    const deactivate = await admin.send('POST', `/api/users/${adminId}/deactivate`, {}, { 'if-match': `"${me.version}"` });
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json().error).toMatchObject({ code: 'self_change_refused', message: expect.stringMatching(/cannot deactivate your own account/) });
    const demote = await admin.send('PATCH', `/api/users/${adminId}`, { roles: ['bed-manager'] }, { 'if-match': `"${me.version}"` });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('self_change_refused');
    expect(await t.db.selectFrom('app_user').select(['roles', 'active']).where('id', '=', adminId).executeTakeFirstOrThrow()).toEqual({ roles: ['admin'], active: true });
  });

  it('keeps an administrator from giving themselves a role that reaches patients: another administrator must', async () => {
    const me = (await admin.send('GET', `/api/users/${adminId}`)).json() as User;
    const grab = await admin.send('PATCH', `/api/users/${adminId}`, { roles: ['admin', 'bed-manager'], scopes: [{ role: 'bed-manager', level: 'nation', refId: reg.nationId }] }, { 'if-match': `"${me.version}"` });
    expect(grab.statusCode).toBe(409);
    expect(grab.json().error).toMatchObject({ code: 'self_change_refused', message: expect.stringMatching(/cannot give yourself a role/) });
    expect(await t.db.selectFrom('app_user').select('roles').where('id', '=', adminId).executeTakeFirstOrThrow()).toEqual({ roles: ['admin'] });
    expect(await t.db.selectFrom('user_scope').select('role').where('user_id', '=', adminId).execute()).toEqual([]);
  });

  it('ends the sessions acting in a role taken away, so giving it back does not bring them back', async () => {
    const user = await create('j.twohats');
    const withBoth = await admin.send('PATCH', `/api/users/${user.id}`, { roles: ['ward-clinician', 'ward-manager'], scopes: [...user.scopes.map(({ role, level, refId }) => ({ role, level, refId })), { role: 'ward-manager', level: 'ward', refId: reg.wards.mediumMale }] }, { 'if-match': `"${user.version}"` });
    expect(withBoth.statusCode, withBoth.body).toBe(200);
    const session = await signIn('j.twohats', PASSWORD);
    expect((await session.send('POST', '/api/auth/role', { role: 'ward-manager' })).statusCode).toBe(200);
    const dropped = await admin.send('PATCH', `/api/users/${user.id}`, { roles: ['ward-clinician'] }, { 'if-match': `"${user.version + 1}"` });
    expect(dropped.statusCode).toBe(200);
    expect((await session.send('GET', '/api/patients')).statusCode).toBe(401);
    const back = await admin.send('PATCH', `/api/users/${user.id}`, { roles: ['ward-clinician', 'ward-manager'] }, { 'if-match': `"${user.version + 2}"` });
    expect(back.statusCode).toBe(200);
    expect((await session.send('GET', '/api/patients')).statusCode).toBe(401);
  });
});

describe('deactivation, unlocking and passwords', () => {
  it('ends the user’s sessions when deactivated, so their next request is refused, until reactivated', async () => {
    const user = await create('i.leaver');
    const session = await signIn('i.leaver', PASSWORD);
    expect(await t.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
    // A request just before: this server now holds the checked session, and must drop it at once.
    expect((await session.send('GET', '/api/patients')).statusCode).toBe(200);

    const res = await admin.send('POST', `/api/users/${user.id}/deactivate`, {}, { 'if-match': `"${user.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, version: user.version + 1 });
    expect(await t.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()).toEqual([]);

    const next = await session.send('GET', '/api/patients');
    expect(next.statusCode).toBe(401);
    expect(next.json().error.code).toBe('unauthenticated');
    expect(await loginStatus('i.leaver', PASSWORD)).toBe(401);
    expect((await auditOf(user.id)).at(-1)).toMatchObject({ action: 'admin', reason: 'deactivated; 1 session ended', username: 'admin', patient_id: null });

    const again = await admin.send('POST', `/api/users/${user.id}/reactivate`, {}, { 'if-match': `"${user.version + 1}"` });
    expect(again.json()).toMatchObject({ active: true });
    expect(await loginStatus('i.leaver', PASSWORD)).toBe(200);
  });

  it('needs the version for deactivation and refuses a stale one', async () => {
    const user = await create('j.versioned');
    expect((await admin.send('POST', `/api/users/${user.id}/deactivate`, {})).statusCode).toBe(428);
    const stale = await admin.send('POST', `/api/users/${user.id}/deactivate`, {}, { 'if-match': `"${user.version + 5}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.current).toMatchObject({ id: user.id, active: true });
    expect((await admin.send('POST', '/api/users/999999/deactivate', {}, { 'if-match': '"1"' })).statusCode).toBe(404);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const user = await create('k.locked');
    for (let i = 0; i < 5; i++) expect(await loginStatus('k.locked', 'not-the-password')).toBe(401);
    expect(await loginStatus('k.locked', PASSWORD)).toBe(429);
    const locked = (await admin.send('GET', '/api/users?status=locked')).json() as { items: User[] };
    expect(locked.items.map((u) => u.username)).toEqual(['k.locked']);
    expect(locked.items[0]).toMatchObject({ locked: true, failedLogins: 5, lockedUntil: expect.any(String) });

    const res = await admin.send('POST', `/api/users/${user.id}/unlock`, {}, { 'if-match': `"${locked.items[0]!.version}"` });
    expect(res.json()).toMatchObject({ locked: false, failedLogins: 0, lockedUntil: null });
    expect(await loginStatus('k.locked', PASSWORD)).toBe(200);
    expect((await auditOf(user.id)).at(-1)!.reason).toBe('unlocked (5 failed sign-ins)');
  });

  it('resets a password: the old one stops working and the user’s sessions end; the audit trail never holds it', async () => {
    const user = await create('l.reset');
    const session = await signIn('l.reset', PASSWORD);
    const weak = await admin.send('POST', `/api/users/${user.id}/password`, { password: 'aaaaaaaaaaaaaaaa' }, { 'if-match': `"${user.version}"` });
    expect(weak.json().error.code).toBe('weak_password');
    const res = await admin.send('POST', `/api/users/${user.id}/password`, { password: NEW_PASSWORD }, { 'if-match': `"${user.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(NEW_PASSWORD);
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    expect((await session.send('GET', '/api/patients')).statusCode).toBe(401);
    expect(await loginStatus('l.reset', PASSWORD)).toBe(401);
    expect(await loginStatus('l.reset', NEW_PASSWORD)).toBe(200);
    expect((await auditOf(user.id)).at(-1)!.reason).toBe('password reset; 1 session ended');
  });

  it('takes away a lost authenticator: the user sets up a new one, and their sessions end', async () => {
    const user = await create('m.lostphone');
    const session = await signIn('m.lostphone', PASSWORD);
    await t.totpCode('m.lostphone');
    const before = (await admin.send('GET', `/api/users/${user.id}`)).json() as User;
    expect(before.secondFactor).toBe(true);
    const res = await admin.send('POST', `/api/users/${user.id}/second-factor/reset`, {}, { 'if-match': `"${before.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ secondFactor: false, version: before.version + 1 });
    expect((await session.send('GET', '/api/patients')).statusCode).toBe(401);
    const again = await signIn('m.lostphone', PASSWORD);
    expect((await again.send('POST', '/api/auth/second-factor/setup')).statusCode).toBe(200);
    expect((await auditOf(user.id)).at(-1)!.reason).toBe('two-step sign-in reset; 1 session ended');
  });
});

describe('listing and reading', () => {
  it('searches by user name or name, role and status, with the names of scoped places', async () => {
    await create('m.search-one', { displayName: 'Morag Findlay' });
    await create('m.search-two', { displayName: 'Findlay Other', roles: ['bed-manager'], scopes: [{ role: 'bed-manager', level: 'region', refId: reg.north }] });
    const res = await admin.send('GET', '/api/users?q=findlay');
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: User[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items.find((u) => u.username === 'm.search-two')!.scopes).toEqual([{ role: 'bed-manager', level: 'region', refId: reg.north, name: 'Northshire', within: 'Testland', retired: false }]);
    const managers = (await admin.send('GET', '/api/users?q=findlay&role=bed-manager')).json() as { items: User[] };
    expect(managers.items.map((u) => u.username)).toEqual(['m.search-two']);
    // A search text is matched literally: % and _ are not wildcards.
    expect(((await admin.send('GET', '/api/users?q=%25')).json() as { total: number }).total).toBe(0);
  });

  it('audits every list and every read of an account', async () => {
    const user = await create('n.audited');
    await admin.send('GET', '/api/users?q=n.audited');
    await admin.send('GET', `/api/users/${user.id}`);
    const list = await t.db.selectFrom('audit_event').select(['reason', 'patient_id']).where('record_type', '=', 'user').where('action', '=', 'list').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(list).toEqual({ reason: 'user accounts listed (q="n.audited", status=active): 1 of 1 shown', patient_id: null });
    expect((await auditOf(user.id)).map((e) => e.action)).toEqual(['admin', 'read']);
  });

  it('never writes a password into the audit trail, and the chain still verifies', async () => {
    const events = await t.db.selectFrom('audit_event').select('reason').where('record_type', '=', 'user').execute();
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(e.reason ?? '').not.toMatch(new RegExp(`${PASSWORD}|${NEW_PASSWORD}|argon2`));
    const verify = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'privacy-officer', password: TEST_PASSWORD } });
    const cookie = verify.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } })).json()).toMatchObject({ ok: true });
  });
});

describe('access', () => {
  const userRoutes = () => t.app.routeTable.filter((r) => r.url === '/api/users' || r.url.startsWith('/api/users/'));

  it('publishes every users route in OpenAPI, each needing users:admin, which only the system administrator holds', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = userRoutes();
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      ['GET /api/users', 'POST /api/users', 'GET /api/users/:id', 'PATCH /api/users/:id', 'POST /api/users/:id/deactivate', 'POST /api/users/:id/reactivate', 'POST /api/users/:id/unlock', 'POST /api/users/:id/second-factor/reset', 'POST /api/users/:id/provider-link/remove', 'POST /api/users/:id/password'].sort(),
    );
    for (const r of routes) {
      expect(r.access, r.url).toBe('users:admin');
      expect(doc.paths[r.url.replace(':id', '{id}')]?.[r.method.toLowerCase()], r.url).toBeDefined();
    }
  });

  it('refuses every users route to every other role with 403, changing nothing', async () => {
    const target = await create('o.target');
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const c = await signIn(role, TEST_PASSWORD);
      for (const r of userRoutes()) {
        const url = r.url.replace(':id', String(target.id));
        const body = r.method === 'GET' ? undefined : r.url.endsWith('/password') ? { password: NEW_PASSWORD } : r.method === 'PATCH' ? { roles: ['admin'] } : r.url === '/api/users' ? newUser(`o.${role}`) : {};
        const res = await c.send(r.method as 'GET' | 'POST' | 'PATCH', url, body, { 'if-match': `"${target.version}"` });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        expect(res.json().error.code).toBe('not_permitted');
      }
    }
    expect(await t.db.selectFrom('app_user').select(['roles', 'active', 'version']).where('id', '=', target.id).executeTakeFirstOrThrow()).toEqual({ roles: ['ward-clinician'], active: true, version: target.version });
    expect(await t.db.selectFrom('app_user').select('id').where('username', 'like', 'o.%').where('username', '<>', 'o.target').execute()).toEqual([]);
  });
});

describe('database invariants', () => {
  it('holds the scope rules whatever writes them: the role must be held, the place must exist, and a role taken away takes its scopes', async () => {
    const user = await create('p.invariant', {
      roles: ['ward-clinician', 'bed-manager'],
      scopes: [
        { role: 'ward-clinician', level: 'ward', refId: reg.wards.mediumMale },
        { role: 'bed-manager', level: 'region', refId: reg.north },
      ],
    });
    await expect(t.db.insertInto('user_scope').values({ user_id: user.id, role: 'case-manager', level: 'region', ref_id: reg.north }).execute()).rejects.toMatchObject({ constraint: 'user_scope_role_held' });
    await expect(t.db.insertInto('user_scope').values({ user_id: user.id, role: 'ward-clinician', level: 'unit', ref_id: 999_999 }).execute()).rejects.toMatchObject({ constraint: 'user_scope_place_exists' });
    await t.db.updateTable('app_user').set({ roles: ['ward-clinician'] }).where('id', '=', user.id).execute();
    expect(await t.db.selectFrom('user_scope').select('role').where('user_id', '=', user.id).execute()).toEqual([{ role: 'ward-clinician' }]);
    await signIn('p.invariant', PASSWORD);
    await t.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
    expect(await t.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});
