import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, expectAccessible, proveSecondFactor, screenshot, signIn, startE2E, type E2E } from './harness.js';

// The system administrator gives a new ward clinician an account on one ward; the clinician signs
// in and reaches their patients; when they leave, the administrator deactivates the account and
// their open session ends at once.

const USERNAME = 'e2e.clinician';
const PASSWORD = 'heron-quarry-violet-2';

let e2e: E2E;
let admin: Page;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  e2e = await startE2E();
  admin = await e2e.page();
  await signIn(admin, e2e.base, 'admin');
  // Changing user accounts needs a session that has proved a second factor.
  await proveSecondFactor(admin, e2e, 'admin');
  await admin.getByText('Set up two-step sign-in to make changes').waitFor({ state: 'detached' });
});
afterAll(() => e2e.close());

describe('user administration', () => {
  it('creates a ward clinician with a ward scope, who signs in; deactivating them ends their session', async () => {
    // A ward in service, with the unit and region it lies in, to pick level by level.
    const { rows } = await sql<{ ward: string; code: string; unit: string; region: string }>`
      SELECT w.name AS ward, w.code, u.name AS unit, r.name AS region FROM ward w JOIN unit u ON u.id = w.unit_id JOIN region r ON r.id = u.region_id
      WHERE w.retired_at IS NULL AND u.retired_at IS NULL AND w.tier = 'medium' ORDER BY w.id LIMIT 1`.execute(e2e.db);
    const place = rows[0]!;

    await admin.getByRole('link', { name: 'Users', exact: true }).click();
    await admin.getByRole('table', { name: 'Users' }).waitFor();
    await expect.poll(() => admin.getByRole('table', { name: 'Users' }).innerText()).toMatch(/ward-clinician/);
    await expectAccessible(admin, 'users list');

    await admin.getByRole('button', { name: 'New user' }).click();
    await admin.getByRole('heading', { name: 'New user', level: 1 }).waitFor();
    await admin.getByLabel('User name', { exact: true }).fill(USERNAME);
    await admin.getByLabel('Name', { exact: true }).fill('Erin Example');
    await admin.getByRole('checkbox', { name: 'Ward clinician' }).check();
    await choose(admin.getByLabel('In region'), new RegExp(`^${escape(place.region)}$`));
    await choose(admin.getByLabel('In unit'), new RegExp(`^${escape(place.unit)}$`));
    await choose(admin.getByLabel('Ward', { exact: true }), new RegExp(`^${escape(place.ward)} \\(${escape(place.code)}\\)$`));
    await admin.getByRole('button', { name: 'Add scope' }).click();
    await expect.poll(() => admin.getByRole('table', { name: 'Scopes of this user' }).innerText()).toContain(place.ward);
    await admin.getByLabel('First password').fill(PASSWORD);
    await expectAccessible(admin, 'new user form');
    await admin.getByRole('button', { name: 'Create account' }).click();

    await admin.waitForURL(/\/users\/\d+$/);
    await expect.poll(() => admin.locator('main').innerText()).toMatch(/The account e2e\.clinician has been created/);
    const created = await e2e.db.selectFrom('app_user').select(['id', 'roles', 'active']).where('username', '=', USERNAME).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ roles: ['ward-clinician'], active: true });
    expect(await e2e.db.selectFrom('user_scope').select(['role', 'level']).where('user_id', '=', created.id).execute()).toEqual([{ role: 'ward-clinician', level: 'ward' }]);
    await expectAccessible(admin, 'user account');
    await screenshot(admin, 'users-account');

    // The new clinician signs in with the first password. The administrator knows it, so nothing
    // opens until they choose their own; then they reach their patients.
    const clinician = await e2e.page();
    await clinician.goto(`${e2e.base}/login`);
    await clinician.getByLabel(/user name/i).fill(USERNAME);
    await clinician.getByLabel(/password/i).fill(PASSWORD);
    await clinician.getByRole('button', { name: 'Sign in' }).click();
    await clinician.getByRole('heading', { name: 'Choose your own password', level: 1 }).waitFor();
    expect(await clinician.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await clinician.getByLabel('Current password').fill(PASSWORD);
    await clinician.getByLabel('New password', { exact: true }).fill('marble-sparrow-tide-8');
    await clinician.getByLabel('New password again').fill('marble-sparrow-tide-9');
    await clinician.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => clinician.locator('main').innerText()).toContain('does not match the new password');
    await clinician.getByLabel('New password again').fill('marble-sparrow-tide-8');
    await expectAccessible(clinician, 'choose own password');
    await screenshot(clinician, 'choose-own-password');
    await clinician.getByRole('button', { name: 'Change password' }).click();
    await clinician.getByRole('link', { name: 'Patients', exact: true }).click();
    await clinician.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    // They leave: the administrator deactivates the account, confirming first.
    await admin.getByRole('button', { name: 'Deactivate account' }).click();
    await admin.getByRole('group', { name: 'Confirm: Deactivate account' }).getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect.poll(() => admin.locator('main').innerText()).toMatch(/Erin Example has been deactivated and signed out/);
    expect((await e2e.db.selectFrom('app_user').select('active').where('id', '=', created.id).executeTakeFirstOrThrow()).active).toBe(false);
    await screenshot(admin, 'users-deactivated');

    // Their open session has ended: the next page they open asks them to sign in (a server reuses a
    // checked session for up to a second, so this may take one more try).
    await expect
      .poll(async () => {
        await clinician.goto(`${e2e.base}/patients`);
        return clinician.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        );
      }, { timeout: 20_000 })
      .toBe(true);

    await admin.getByRole('link', { name: 'Back to users' }).click();
    await admin.getByLabel('Status').selectOption('deactivated');
    await expect.poll(() => admin.getByRole('table', { name: 'Users' }).innerText()).toContain(USERNAME);
    await expectAccessible(admin, 'deactivated users');
    await screenshot(admin, 'users-list');
  });
});
