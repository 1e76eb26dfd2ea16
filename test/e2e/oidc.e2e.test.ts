import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/http/errors.js';
import { startFakeIdp, type FakeIdp } from '../support/fake-oidc.js';
import { expectAccessible, screenshot, startE2E, type E2E } from './harness.js';

// A deployment with an identity provider: a ward clinician signs in with the button on the sign-in
// page, through the provider and back, in a real browser (cookies, redirects and all); and someone
// the provider knows but SecurePath does not is sent back to the sign-in page, told why.

let idp: FakeIdp;
let e2e: E2E;

beforeAll(async () => {
  idp = await startFakeIdp({ clientId: 'securepath-e2e', clientSecret: 'e2e-client-secret' });
  e2e = await startE2E({
    oidc: (base) => ({
      issuer: idp.issuer,
      clientId: 'securepath-e2e',
      clientSecret: 'e2e-client-secret',
      redirectUri: `${base}/api/auth/oidc/callback`,
      name: 'Test Care Identity',
      usernameClaim: 'preferred_username',
      usernameDomain: undefined,
    }),
  });
});
afterAll(async () => {
  await e2e.close();
  await idp.close();
});

describe('signing in through the identity provider', () => {
  it('signs a ward clinician in from the button, back on the page they asked for', async () => {
    const page = await e2e.page();
    await page.goto(`${e2e.base}/patients`);
    const button = page.getByRole('link', { name: 'Sign in with Test Care Identity' });
    await button.waitFor();
    await expectAccessible(page, 'sign-in page with identity provider');
    await screenshot(page, 'sign-in-identity-provider');

    idp.next({ username: 'ward-clinician' });
    await button.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/patients');
    expect(await page.locator('header').innerText()).toContain('Ward clinician');
    // Bound to the person at the provider from this first sign-in.
    const bound = await e2e.db.selectFrom('app_user').select(['oidc_subject']).where('username', '=', 'ward-clinician').executeTakeFirstOrThrow();
    expect(bound.oidc_subject).toBe('sub-ward-clinician');

    // Signing out signs out at the provider too, so the next person at this computer starts afresh.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('link', { name: 'Sign in with Test Care Identity' }).waitFor();
    expect(idp.lastLogout?.get('client_id')).toBe('securepath-e2e');
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'sp_session' }));
  });

  it('sends someone without a SecurePath account back to the sign-in page, saying so, with the password form still there', async () => {
    const page = await e2e.page();
    await page.goto(`${e2e.base}/login`);
    idp.next({ username: 'nobody.here' });
    await page.getByRole('link', { name: 'Sign in with Test Care Identity' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain(ERROR_CATALOGUE.oidc_no_account.message);
    expect(new URL(page.url()).search).toBe('?oidc_error=oidc_no_account');
    await page.getByLabel('User name').waitFor();
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'sp_session' }));
    await screenshot(page, 'sign-in-identity-provider-refused');
  });
});
