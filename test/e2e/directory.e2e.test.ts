import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, proveSecondFactor, screenshot, signIn, startE2E, type E2E } from './harness.js';

// An administrator edits a ward while a colleague changes it too: SecurePath shows both versions and
// keeps both people's work instead of silently overwriting one.

let e2e: E2E;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  page = await e2e.page();
  await signIn(page, e2e.base, 'admin');
  // Administrators prove a second factor before they can change the directory.
  await proveSecondFactor(page, e2e, 'admin');
  await page.getByText('Set up two-step sign-in to make changes').waitFor({ state: 'detached' });
});
afterAll(() => e2e.close());

describe('directory editing', () => {
  it('shows a conflicting edit side by side and applies mine on top of the current version', async () => {
    const db = e2e.db;
    const ward = await db.selectFrom('ward').select(['id', 'code', 'name', 'closed_beds', 'commissioned_beds']).orderBy('id').executeTakeFirstOrThrow();
    await page.goto(`${e2e.base}/directory?tab=wards`);
    await page.getByLabel('Name or code contains').fill(ward.code);
    const row = page.getByRole('table', { name: 'Wards' }).getByRole('row').filter({ hasText: ward.code });
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`${ward.name} (refurbished)`);

    // Meanwhile a colleague closes a bed on the same ward.
    await sql`UPDATE ward SET closed_beds = closed_beds + 1, version = version + 1 WHERE id = ${ward.id}`.execute(db);

    await page.getByRole('button', { name: 'Save' }).click();
    const comparison = page.getByRole('table', { name: 'Your values and the current values' });
    await comparison.waitFor();
    await expect.poll(() => comparison.innerText()).toMatch(/refurbished/);
    await expectAccessible(page, 'edit conflict');
    await screenshot(page, 'directory-conflict');

    await page.getByRole('button', { name: 'Apply my changes to the current version' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => db.selectFrom('ward').select(['name', 'closed_beds']).where('id', '=', ward.id).executeTakeFirstOrThrow())
      .toEqual({ name: `${ward.name} (refurbished)`, closed_beds: ward.closed_beds + 1 });
  });
});
