import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/auth/totp.js';
import { expectAccessible, proveSecondFactor, screenshot, signIn, startE2E, type E2E } from './harness.js';

// A ward clinician needs a record outside their ward in an emergency; the privacy officer sees the
// claim, reviews it, and checks the audit trail is intact.

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e.close());

describe('break-glass and the privacy officer', () => {
  it('opens an out-of-scope record with a reason, under a banner', async () => {
    // Someone currently placed outside the ward clinician's ward, with an NHS number.
    const { rows } = await sql<{ id: number; nhs: string }>`
      SELECT p.id, p.nhs_number AS nhs FROM patient p JOIN placement pl ON pl.patient_id = p.id AND pl.ended_at IS NULL
      WHERE p.nhs_number IS NOT NULL AND pl.ward_id NOT IN (SELECT ref_id FROM user_scope WHERE level = 'ward') ORDER BY p.id LIMIT 1`.execute(e2e.db);
    const target = rows[0]!;
    const page = await e2e.page();
    await signIn(page, e2e.base, 'ward-clinician');
    await page.goto(`${e2e.base}/patients/${target.id}`);
    await page.getByRole('link', { name: 'Claim emergency access' }).click();
    // First time: two-step sign-in is set up; the claim then takes the next code from the app.
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'two-step sign-in set-up');
    await screenshot(page, 'second-factor-setup');
    const secret = await proveSecondFactor(page, e2e, 'ward-clinician');
    await page.getByLabel('NHS or CHI number').fill(target.nhs);
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByLabel('Reason for emergency access').fill('Patient transferred to our ward tonight; need the risk history now');
    await expectAccessible(page, 'emergency access form');
    await page.getByRole('button', { name: 'Open the record' }).click();
    await page.waitForURL(new RegExp(`/patients/${target.id}$`));
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Emergency access — you can see this record until/);
    await expectAccessible(page, 'patient under emergency access');
    await screenshot(page, 'break-glass-banner');
  });

  it('shows the claim to the privacy officer, who reviews it and checks the chain', async () => {
    const page = await e2e.page();
    await signIn(page, e2e.base, 'privacy-officer');
    await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
    const claims = page.getByRole('table', { name: 'Emergency access claims, newest first' });
    await expect.poll(() => claims.innerText()).toMatch(/risk history/);
    await expectAccessible(page, 'privacy: claims');
    await screenshot(page, 'privacy-claims');
    await claims.getByRole('button', { name: 'Mark reviewed' }).first().click();
    await page.getByLabel('Review note').fill('Confirmed with the ward manager.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await expect.poll(async () => (await e2e.db.selectFrom('break_glass').select('review_note').executeTakeFirstOrThrow()).review_note).toBe('Confirmed with the ward manager.');

    await page.getByRole('tab', { name: 'Audit trail check' }).click();
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Intact: [\d,]+ events, every link checks out\./);
    await expectAccessible(page, 'privacy: audit check');
  });
});
