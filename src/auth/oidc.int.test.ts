import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIdp, type FakeIdp, type NextSignIn } from '../../test/support/fake-oidc.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/test-app.js';
import type { OidcSettings } from '../config.js';
import { pkceChallenge, randomToken } from './oidc.rules.js';

// Sign-in through an OpenID Connect identity provider, against a fake provider on 127.0.0.1: the
// provider says who the person is, SecurePath decides whether they come in and as what.

const CLIENT_ID = 'securepath';
const REDIRECT_URI = 'http://localhost:3000/api/auth/oidc/callback';

const settingsFor = (idp: FakeIdp): OidcSettings => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  redirectUri: REDIRECT_URI,
  name: 'Test Care Identity',
  usernameClaim: 'preferred_username',
  usernameDomain: undefined,
});

let idp: FakeIdp;
let t: TestApp;
const logs: string[] = [];

beforeAll(async () => {
  idp = await startFakeIdp({ clientId: CLIENT_ID, clientSecret: 'fake-client-secret' });
  t = await createTestApp({ config: { oidc: settingsFor(idp), logLevel: 'info' }, logStream: { write: (line) => logs.push(line) } });
  await t.db
    .insertInto('app_user')
    .values([
      { username: 'gone.away', display_name: 'Gone Away', password_hash: 'x', roles: ['ward-clinician'], active: false },
      { username: 'locked.out', display_name: 'Locked Out', password_hash: 'x', roles: ['ward-clinician'], locked_until: new Date(Date.now() + 3_600_000) },
    ])
    .execute();
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

interface Flow {
  start: LightMyRequestResponse;
  authorizeUrl: URL;
  state: string;
  /** The browser back from the provider: the callback path with its query. */
  callbackPath: string;
}

/** The browser's way through: SecurePath → the provider → back to SecurePath's callback (not yet called). */
async function toProvider(app: TestApp, who: NextSignIn, next?: string): Promise<Flow> {
  const start = await app.app.inject({ method: 'GET', url: `/api/auth/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}` });
  expect(start.statusCode, start.body).toBe(302);
  const authorizeUrl = new URL(String(start.headers.location));
  const state = cookieOf(start, 'sp_oidc')?.value ?? '';
  idp.next(who);
  const back = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location') ?? '');
  return { start, authorizeUrl, state, callbackPath: `${callback.pathname}${callback.search}` };
}

/** The provider's redirect back, with this browser's state cookie (null: none). */
const callback = (app: TestApp, flow: Flow, stateCookie: string | null = flow.state) =>
  app.app.inject({ method: 'GET', url: flow.callbackPath, headers: stateCookie === null ? {} : { cookie: `sp_oidc=${stateCookie}` } });

async function signIn(who: NextSignIn, next?: string) {
  const flow = await toProvider(t, who, next);
  return { flow, res: await callback(t, flow) };
}

const me = (app: TestApp, res: LightMyRequestResponse) => {
  const session = cookieOf(res, 'sp_session');
  return app.app.inject({ method: 'GET', url: '/api/auth/me', headers: session ? { cookie: `sp_session=${session.value}` } : {} });
};

/** Why the server last logged a refusal. */
const lastReason = () => [...logs].reverse().map((l) => /"oidc":"([^"]+)"/.exec(l)?.[1]).find(Boolean);

/** Refused: back to the sign-in page with the error code, and no session cookie. */
function expectRefused(res: LightMyRequestResponse, code = 'oidc_failed', reason?: string) {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe(`/login?oidc_error=${code}`);
  expect(cookieOf(res, 'sp_session')).toBeUndefined();
  if (reason !== undefined) expect(lastReason()).toBe(reason);
}

describe('signing in through the identity provider', () => {
  it('says on the sign-in page that it can, by name, beside passwords', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/options' });
    expect(res.json()).toEqual({ password: true, oidc: { name: 'Test Care Identity' } });
  });

  it('sends the browser to the provider for a code, with PKCE (S256), state and nonce', async () => {
    const { flow } = await signIn({ username: 'bed-manager' });
    expect(`${flow.authorizeUrl.origin}${flow.authorizeUrl.pathname}`).toBe(`${idp.issuer}/authorize`);
    const q = Object.fromEntries(flow.authorizeUrl.searchParams);
    expect(q).toMatchObject({ response_type: 'code', scope: 'openid profile email', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code_challenge_method: 'S256' });
    expect(q.state).toBe(flow.state);
    expect(q.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The browser holds only the state, in a short-lived HttpOnly cookie sent back on the provider's redirect.
    const cookie = cookieOf(flow.start, 'sp_oidc');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
  });

  it('signs in the SecurePath account the provider names, with the same session cookie as a password', async () => {
    const { res } = await signIn({ username: '  Bed-Manager ' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(cookieOf(res, 'sp_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookieOf(res, 'sp_oidc')?.value).toBe('');
    const who = await me(t, res);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ username: 'bed-manager', activeRole: 'bed-manager', secondFactorVerified: false });
    // The code was exchanged with the client's credentials and the PKCE code verifier.
    expect(idp.lastTokenRequest?.authorization).toMatch(/^Basic /);
    expect(idp.lastTokenRequest?.form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Roles come from SecurePath: the session works like any other.
    expect((await t.app.inject({ method: 'GET', url: '/api/beds/state', headers: { cookie: `sp_session=${cookieOf(res, 'sp_session')?.value}` } })).statusCode).toBe(200);
  });

  it('returns to the page asked for, on this site only', async () => {
    expect((await signIn({ username: 'bed-manager' }, '/patients?q=x')).res.headers.location).toBe('/patients?q=x');
    expect((await signIn({ username: 'bed-manager' }, '//evil.example/')).res.headers.location).toBe('/');
  });

  it('keeps password sign-in working beside it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bed-manager', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
  });
});

describe('refusing what is not right', () => {
  it('refuses a state that is not this browser’s, and one without a cookie', async () => {
    const mine = await toProvider(t, { username: 'bed-manager' });
    const theirs = await toProvider(t, { username: 'bed-manager' });
    expectRefused(await callback(t, mine, theirs.state), 'oidc_failed', 'state_mismatch');
    expectRefused(await callback(t, mine, null), 'oidc_failed', 'state_mismatch');
  });

  it('uses a state once: a replayed callback signs nobody in', async () => {
    const flow = await toProvider(t, { username: 'bed-manager' });
    expect(cookieOf(await callback(t, flow), 'sp_session')).toBeDefined();
    expectRefused(await callback(t, flow), 'oidc_failed', 'state_unknown_or_expired');
  });

  it('refuses a sign-in that has waited more than ten minutes', async () => {
    const flow = await toProvider(t, { username: 'bed-manager' });
    await sql`UPDATE oidc_login SET created_at = now() - interval '11 minutes'`.execute(t.db);
    expectRefused(await callback(t, flow), 'oidc_failed', 'state_unknown_or_expired');
  });

  it('sends the code verifier the provider checks: another one gets no token', async () => {
    const flow = await toProvider(t, { username: 'bed-manager' });
    const other = randomToken();
    expect(pkceChallenge(other)).not.toBe(flow.authorizeUrl.searchParams.get('code_challenge'));
    await t.db.updateTable('oidc_login').set({ code_verifier: other }).execute();
    expectRefused(await callback(t, flow), 'oidc_failed', 'token_refused_400_invalid_grant');
    expect(idp.lastRefusal).toBe('code_verifier does not match the challenge');
  });

  it.each<[string, Omit<NextSignIn, 'username'>, string]>([
    ['for another audience', { claims: { aud: 'another-client' } }, 'id_token_claim_aud_check_failed'],
    ['for several audiences without SecurePath as the authorised party', { claims: { aud: [CLIENT_ID, 'another-client'] } }, 'id_token_azp_mismatch'],
    ['with another nonce', { claims: { nonce: 'not-the-nonce-we-sent-0123456789' } }, 'id_token_nonce_mismatch'],
    ['without a nonce', { claims: { nonce: undefined } }, 'id_token_claim_nonce_missing'],
    ['that has expired', { claims: { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 } }, 'id_token_ERR_JWT_EXPIRED'],
    ['from another issuer', { claims: { iss: 'https://evil.example' } }, 'id_token_claim_iss_check_failed'],
    ['signed with a key the provider never published', { foreignKey: true }, 'id_token_ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
  ])('refuses an ID token %s', async (_what, spoil, reason) => {
    const { res } = await signIn({ username: 'bed-manager', ...spoil });
    expectRefused(res, 'oidc_failed', reason);
  });

  it('accepts several audiences when SecurePath is the authorised party', async () => {
    const { res } = await signIn({ username: 'bed-manager', claims: { aud: [CLIENT_ID, 'another-client'], azp: CLIENT_ID } });
    expect(res.headers.location).toBe('/');
  });

  it('refuses when the provider sends back an error instead of a code', async () => {
    expectRefused((await signIn({ username: 'bed-manager', error: 'access_denied' })).res, 'oidc_failed', 'provider_error_access_denied');
  });

  it('signs nobody in whom SecurePath has no active account for, saying so', async () => {
    expectRefused((await signIn({ username: 'nobody.here' })).res, 'oidc_no_account');
    expectRefused((await signIn({ username: 'gone.away' })).res, 'oidc_no_account');
    // A person the provider has not named before, with no user name claim: nothing to bind to.
    expectRefused((await signIn({ username: 'bed-manager', claims: { sub: 'sub-never-seen', preferred_username: undefined } })).res, 'oidc_no_account');
  });

  it('keeps a locked account locked', async () => {
    expectRefused((await signIn({ username: 'locked.out' })).res, 'account_locked');
  });

  it('logs why, but never the code, the tokens or who the provider named', async () => {
    logs.length = 0;
    const { flow, res } = await signIn({ username: 'nobody.here' });
    expectRefused(res, 'oidc_no_account');
    const text = logs.join('\n');
    expect(text).toMatch(/OpenID Connect sign-in refused/);
    expect(text).toMatch(/"oidc":"oidc_no_account"/);
    const code = new URL(flow.callbackPath, 'http://x').searchParams.get('code') ?? '';
    for (const secret of [code, flow.state, 'nobody.here', idp.lastTokenRequest?.form.get('code_verifier') ?? '']) expect(text).not.toContain(secret);
    logs.length = 0;
    expectRefused((await signIn({ username: 'bed-manager', claims: { aud: 'another-client' } })).res);
    expect(logs.join('\n')).toMatch(/"oidc":"id_token_claim_aud_check_failed"/);
  });
});

describe('signing out', () => {
  it('sends a session opened through the provider on to sign out there too, and back to the sign-in page', async () => {
    const { res } = await signIn({ username: 'bed-manager' });
    expect((await me(t, res)).json()).toMatchObject({ signedInWith: 'identity_provider' });
    const out = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/logout' });
    expect(out.statusCode).toBe(302);
    const to = new URL(String(out.headers.location));
    expect(`${to.origin}${to.pathname}`).toBe(`${idp.issuer}/logout`);
    expect(Object.fromEntries(to.searchParams)).toEqual({ client_id: CLIENT_ID, post_logout_redirect_uri: 'http://localhost:3000/login' });
  });

  it('tells a password session apart, and goes straight to the sign-in page when the provider cannot be reached', async () => {
    const password = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bed-manager', password: TEST_PASSWORD } });
    expect(password.json()).toMatchObject({ signedInWith: 'password' });
    const down = await createTestApp({ config: { oidc: { ...settingsFor(idp), issuer: 'http://127.0.0.1:1' } } });
    try {
      const out = await down.app.inject({ method: 'GET', url: '/api/auth/oidc/logout' });
      expect(out.statusCode).toBe(302);
      expect(out.headers.location).toBe('/login');
    } finally {
      await down.close();
    }
  });
});

describe('binding an account to the person at the provider', () => {
  const binding = (username: string) =>
    t.db.selectFrom('app_user').select(['oidc_issuer', 'oidc_subject']).where('username', '=', username).executeTakeFirstOrThrow();

  it('binds the account to the provider’s identifier at the first sign-in, and audits it', async () => {
    expect(await binding('ward-manager')).toEqual({ oidc_issuer: null, oidc_subject: null });
    const { res } = await signIn({ username: 'ward-manager' });
    expect((await me(t, res)).json()).toMatchObject({ username: 'ward-manager' });
    expect(await binding('ward-manager')).toEqual({ oidc_issuer: idp.issuer, oidc_subject: 'sub-ward-manager' });
    const event = await t.db.selectFrom('audit_event').select(['username', 'action', 'record_type', 'reason']).where('record_type', '=', 'user').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ username: 'ward-manager', action: 'admin', record_type: 'user' });
    expect(event.reason).toMatch(/bound to its identity/);
  });

  it('then opens the bound account whatever name the provider sends, even none', async () => {
    await signIn({ username: 'responsible-clinician' });
    const renamed = await signIn({ username: 'rc.renamed', claims: { sub: 'sub-responsible-clinician' } });
    expect((await me(t, renamed.res)).json()).toMatchObject({ username: 'responsible-clinician' });
    const nameless = await signIn({ username: 'x', claims: { sub: 'sub-responsible-clinician', preferred_username: undefined } });
    expect((await me(t, nameless.res)).json()).toMatchObject({ username: 'responsible-clinician' });
  });

  it('refuses another identity presenting a bound account’s name: a re-used name opens nothing', async () => {
    await signIn({ username: 'case-manager' });
    const before = await binding('case-manager');
    expectRefused((await signIn({ username: 'case-manager', claims: { sub: 'sub-someone-else' } })).res, 'oidc_identity_mismatch');
    expect(await binding('case-manager')).toEqual(before);
  });

  it('binds again after an administrator removes the binding (a replaced provider account)', async () => {
    await signIn({ username: 'commissioner' });
    expectRefused((await signIn({ username: 'commissioner', claims: { sub: 'sub-new-account' } })).res, 'oidc_identity_mismatch');
    const admin = await t.asUser('admin');
    const user = (await admin.get('/api/users?q=commissioner')).json().items.find((u: { username: string }) => u.username === 'commissioner');
    expect(user.providerLinkedAt).toEqual(expect.any(String));
    const removed = await admin.post(`/api/users/${user.id}/provider-link/remove`, {}, { 'if-match': `"${user.version}"` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().providerLinkedAt).toBeNull();
    const { res } = await signIn({ username: 'commissioner', claims: { sub: 'sub-new-account' } });
    expect((await me(t, res)).json()).toMatchObject({ username: 'commissioner' });
    expect(await binding('commissioner')).toEqual({ oidc_issuer: idp.issuer, oidc_subject: 'sub-new-account' });
  });

  it('lets the database hold one account per identity at most', async () => {
    const { oidc_subject } = await binding('ward-manager');
    await expect(
      t.db.updateTable('app_user').set({ oidc_issuer: idp.issuer, oidc_subject, oidc_linked_at: new Date() }).where('username', '=', 'privacy-officer').execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

describe('the second factor', () => {
  const change = (res: LightMyRequestResponse, csrf: string) =>
    t.app.inject({ method: 'POST', url: '/api/directory/wards', headers: { cookie: `sp_session=${cookieOf(res, 'sp_session')?.value}`, 'x-csrf-token': csrf }, payload: { code: 'W-OIDC' } });

  it('counts as proved when the provider says it checked one (amr mfa)', async () => {
    const { res } = await signIn({ username: 'admin', claims: { amr: ['pwd', 'mfa'] } });
    const who = (await me(t, res)).json();
    expect(who).toMatchObject({ username: 'admin', secondFactorVerified: true });
    // Past the second factor, the directory's own rules answer (the ward needs its details).
    expect((await change(res, who.csrfToken)).json().error.code).toBe('validation_failed');
  });

  it('does not count otherwise: an administrator then proves SecurePath’s own', async () => {
    const { res } = await signIn({ username: 'admin', claims: { amr: ['pwd'] } });
    const who = (await me(t, res)).json();
    expect(who).toMatchObject({ username: 'admin', secondFactorVerified: false });
    expect((await change(res, who.csrfToken)).statusCode).toBe(403);
  });
});

describe('a public client (no client secret)', () => {
  it('signs in with PKCE alone, sending no client credentials', async () => {
    const publicIdp = await startFakeIdp({ clientId: 'securepath-public' });
    const app = await createTestApp({ config: { oidc: settingsFor(publicIdp) } });
    try {
      const start = await app.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      publicIdp.next({ username: 'commissioner' });
      const back = new URL((await fetch(String(start.headers.location), { redirect: 'manual' })).headers.get('location') ?? '');
      const res = await app.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `sp_oidc=${cookieOf(start, 'sp_oidc')?.value}` } });
      expect(res.headers.location).toBe('/');
      expect(publicIdp.lastTokenRequest?.authorization).toBeUndefined();
      expect((await me(app, res)).json()).toMatchObject({ username: 'commissioner' });
    } finally {
      await app.close();
      await publicIdp.close();
    }
  });
});

describe('a provider that cannot be reached', () => {
  it('sends the person back to the sign-in page, where the password form still works', async () => {
    const down = await createTestApp({ config: { oidc: { ...settingsFor(idp), issuer: 'http://127.0.0.1:1' } } });
    try {
      const res = await down.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expectRefused(res);
      expect(cookieOf(res, 'sp_oidc')).toBeUndefined();
      expect((await down.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bed-manager', password: TEST_PASSWORD } })).statusCode).toBe(200);
    } finally {
      await down.close();
    }
  });
});

describe('with OpenID Connect off (the default)', () => {
  it('has no such routes, answering as for any unknown one, and offers passwords only', async () => {
    const off = await createTestApp();
    try {
      expect(off.config.oidc).toBeNull();
      const unknown = await off.app.inject({ method: 'GET', url: '/api/auth/nothing-here' });
      for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y', '/api/auth/oidc/logout']) {
        const res = await off.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).toBe(unknown.body);
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect((await off.app.inject({ method: 'GET', url: '/api/auth/options' })).json()).toEqual({ password: true, oidc: null });
    } finally {
      await off.close();
    }
  });
});
