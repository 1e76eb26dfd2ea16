import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, startE2E, type E2E } from './harness.js';

// Two clinicians correct the same patient's details at the same time. The second to save is shown,
// field by field, what the first saved beside their own values, chooses, and saves both corrections:
// nobody's work is silently overwritten.

let e2e: E2E;
let first: Page;
let second: Page;
let patient: { id: number; given_name: string; family_name: string; version: number };

beforeAll(async () => {
  e2e = await startE2E();
  // A patient in a London bed now: in reach of the bed manager, who covers London.
  patient = await e2e.db
    .selectFrom('patient as pt')
    .innerJoin('placement as pl', 'pl.patient_id', 'pt.id')
    .innerJoin('ward as w', 'w.id', 'pl.ward_id')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['pt.id', 'pt.given_name', 'pt.family_name', 'pt.version'])
    .where('r.name', '=', 'London')
    .where('pl.ended_at', 'is', null)
    .orderBy('pt.id')
    .executeTakeFirstOrThrow();
  // Two sessions of clinicians with rights over the patient (two browsers, each signed in).
  first = await e2e.page();
  second = await e2e.page();
  await signIn(first, e2e.base, 'bed-manager');
  await signIn(second, e2e.base, 'bed-manager');
});
afterAll(() => e2e.close());

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openCorrection(page: Page) {
  await page.goto(`${e2e.base}/patients/${patient.id}`);
  await page.getByRole('button', { name: 'Correct details' }).click();
  await page.getByRole('heading', { level: 1, name: /^Correct the details of/ }).waitFor();
  await expect.poll(() => page.getByLabel('Family name').inputValue()).toBe(patient.family_name);
}

describe('correcting a patient’s details', () => {
  it('shows the second clinician what the first saved, and saves both corrections once they choose', async () => {
    const familyName = `${patient.family_name}-Hale`;
    const givenName = `${patient.given_name}ine`;
    await openCorrection(first);
    await openCorrection(second);
    await expectAccessible(second, 'correct details form');

    // The first clinician corrects the family name and saves.
    await first.getByLabel('Family name').fill(familyName);
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByRole('heading', { level: 1, name: new RegExp(`${literally(familyName)}$`) }).waitFor();
    await first.getByText('The corrected details have been saved.').waitFor();

    // The second, still on the version they opened, corrects the given name: 412, and no overwrite.
    await second.getByLabel('Given name').fill(givenName);
    await second.getByRole('button', { name: 'Save' }).click();
    const comparison = second.getByRole('table', { name: 'Your values and the current values' });
    await comparison.waitFor();
    const row = (label: string) => comparison.getByRole('row').filter({ has: second.getByRole('rowheader', { name: label, exact: true }) });
    await expect.poll(() => row('Given name').innerText()).toMatch(new RegExp(`${literally(givenName)}\\s+${literally(patient.given_name)}\\s+You changed this`));
    await expect.poll(() => row('Family name').innerText()).toMatch(new RegExp(`${literally(patient.family_name)}\\s+${literally(familyName)}\\s+Someone else changed this`));
    expect(await second.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    const stored = await e2e.db.selectFrom('patient').select(['given_name', 'family_name', 'version']).where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ given_name: patient.given_name, family_name: familyName, version: patient.version + 1 });
    await expectAccessible(second, 'correction conflict');
    await screenshot(second, 'patient-correction-conflict');

    // They keep their change on top of the colleague's version, check it, and save.
    await second.getByRole('button', { name: 'Apply my changes to the current version' }).click();
    await second.getByText('Your changes are now on top of the current version.', { exact: false }).waitFor();
    expect(await second.getByLabel('Given name').inputValue()).toBe(givenName);
    expect(await second.getByLabel('Family name').inputValue()).toBe(familyName);
    await second.getByRole('button', { name: 'Save' }).click();
    await second.getByRole('heading', { level: 1, name: `${givenName} ${familyName}` }).waitFor();
    await screenshot(second, 'patient-corrected');
    expect(await e2e.db.selectFrom('patient').select(['given_name', 'family_name', 'version']).where('id', '=', patient.id).executeTakeFirstOrThrow()).toEqual({
      given_name: givenName,
      family_name: familyName,
      version: patient.version + 2,
    });
  });
});
