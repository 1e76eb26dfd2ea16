import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, expectAccessible, screenshot, signIn, startE2E, type E2E } from './harness.js';

// A bed manager's working day, in Chromium: the nation's beds, down to one ward; a new patient; a
// medium secure male bed near home; admit, step down, discharge; the pathway. Every page is scanned
// with axe on the way.

let e2e: E2E;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  page = await e2e.page();
  await signIn(page, e2e.base, 'bed-manager');
});
afterAll(() => e2e.close());

/** The number a figure card shows, e.g. "Vacant beds" → 423. */
async function figure(name: string): Promise<number> {
  const dd = page.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');
  return Number((await dd.innerText()).replace(/[^\d.]/g, ''));
}

describe('bed state board', () => {
  it('shows the nation at a glance and drills down to one ward', async () => {
    await page.goto(`${e2e.base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => figure('Commissioned beds')).toBeGreaterThan(7000);
    const occupied = await figure('Occupied beds');
    const vacant = await figure('Vacant beds');
    expect(occupied).toBeGreaterThan(6000);
    expect(vacant).toBeGreaterThan(0);
    await expectAccessible(page, 'bed state: all nations');
    await screenshot(page, 'bed-state-nation');

    await page.getByRole('link', { name: 'England', exact: true }).first().click();
    await page.getByRole('link', { name: 'London', exact: true }).first().click();
    // From a region down, the ward-by-ward bed map is drawn.
    const map = page.getByRole('list', { name: 'Bed map' });
    await map.waitFor();
    const wards = map.getByRole('listitem');
    expect(await wards.count()).toBeGreaterThan(5);
    await expect.poll(async () => (await wards.first().getAttribute('aria-label')) ?? '').toMatch(/\d+ of \d+ beds occupied/);
    await expectAccessible(page, 'bed state: London');
    await screenshot(page, 'bed-state-region');

    const breadcrumb = page.getByRole('navigation', { name: /breadcrumb|you are here/i });
    await expect.poll(() => breadcrumb.innerText()).toMatch(/All nations[\s\S]*England[\s\S]*London/);
    // Provider → unit → ward, always following the first child listed.
    for (let level = 0; level < 3; level++) {
      const before = page.url();
      await page.locator('table[aria-labelledby="children-heading"] a, #children-heading ~ * a').first().click();
      await expect.poll(() => page.url()).not.toBe(before);
    }
    await expect.poll(() => page.url()).toMatch(/wardId=\d+/);
    await expect.poll(() => figure('Commissioned beds')).toBeLessThan(30);
    await screenshot(page, 'bed-state-ward');
  });
});

describe('a patient from referral to discharge', () => {
  let patientUrl = '';

  it('registers a new patient, refusing a wrong NHS check digit first', async () => {
    await page.goto(`${e2e.base}/patients/new`);
    await page.getByLabel('Given name').fill('Jordan');
    await page.getByLabel('Family name').fill('Ashdown-Pearce');
    await page.getByLabel('Date of birth').fill('1988-07-14');
    await page.getByLabel('Sex').selectOption('male');
    await page.getByLabel('NHS number').fill('943 476 5918');
    await choose(page.getByLabel('Ethnicity'), /Caribbean/);
    await choose(page.getByLabel('Home region'), /^London$/);
    await expectAccessible(page, 'new patient form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/check digit/i).first().waitFor();
    await page.getByLabel('NHS number').fill('943 476 5919');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: /Ashdown-Pearce/ }).waitFor();
    patientUrl = page.url();
    expect(patientUrl).toMatch(/\/patients\/\d+$/);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/943 476 5919/);
  });

  it('finds a vacant medium secure male bed nearest home and admits the patient there', async () => {
    const id = patientUrl.split('/').pop();
    await page.goto(`${e2e.base}/find-a-bed?patientId=${id}&tier=medium&sex=male&specialism=mental_illness`);
    const results = page.getByRole('table', { name: 'Wards with a vacant bed, nearest first' });
    await results.waitFor();
    const firstRow = results.getByRole('row').nth(1);
    await expect.poll(() => firstRow.innerText()).toMatch(/ km/);
    // Nearest first: distances from the patient's home region never go down the list.
    const distances = (await results.getByRole('row').allInnerTexts()).slice(1).map((r) => Number(/([\d,]+) km/.exec(r)![1]!.replace(/,/g, '')));
    expect(distances.length).toBeGreaterThan(1);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(await firstRow.innerText()).toMatch(/Medium|secure|Hospital|Unit/);
    await expectAccessible(page, 'find a bed');
    await screenshot(page, 'find-a-bed');
    const ward = (await firstRow.getByRole('rowheader').innerText()).trim();
    await firstRow.getByRole('button', { name: 'Admit here' }).click();

    await choose(page.getByLabel('Admitted from'), /^Prison$/);
    await expectAccessible(page, 'admit form');
    await page.getByRole('button', { name: 'Admit' }).click();
    await page.waitForURL(/\/patients\/\d+$/);
    await expect.poll(() => page.locator('main').innerText()).toContain(ward.split('\n')[0]!);
    await page.getByRole('button', { name: 'Transfer' }).waitFor();
  });

  it('steps the patient down to low secure and then discharges them to the community', async () => {
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.getByLabel('Unit').waitFor();
    await screenshot(page, 'transfer-form');
    // Try the region's low secure units in turn until one has a vacant male mental illness bed.
    const unit = page.getByLabel('Unit');
    await expect.poll(async () => (await unit.locator('option').allInnerTexts()).some((t) => /\(Low secure\)/.test(t)), { timeout: 15_000 }).toBe(true);
    const lowUnits = (await unit.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })))).filter((o) => /\(Low secure\)/.test(o.text));
    let placed = false;
    for (const u of lowUnits) {
      await unit.selectOption(u.value);
      const ward = page.getByLabel('Ward');
      await expect.poll(async () => (await ward.locator('option').count()) > 1, { timeout: 15_000 }).toBe(true);
      const fit = (await ward.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })))).find((o) => /vacant \(Male, Mental illness\)/.test(o.text));
      if (fit) {
        await ward.selectOption(fit.value);
        placed = true;
        break;
      }
    }
    expect(placed, 'a low secure unit in the home region with a vacant male bed').toBe(true);
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.waitForURL(/\/patients\/\d+$/);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/down/i);

    await page.getByRole('button', { name: 'Discharge' }).click();
    await choose(page.getByLabel('Discharged to'), /^Community$/);
    await expectAccessible(page, 'discharge form');
    await page.getByRole('button', { name: 'Discharge' }).click();
    await page.waitForURL(/\/patients\/\d+$/);
    await page.getByRole('button', { name: 'Admit' }).waitFor();
    const table = page.getByRole('table').filter({ hasText: /Low secure/ }).first();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.length).toBe(3); // header + medium + low
    expect(rows.join('\n')).toMatch(/Discharge to community/i);
    await expectAccessible(page, 'patient pathway');
    await screenshot(page, 'patient-pathway');
  });

  it('finds the patient again by name', async () => {
    await page.goto(`${e2e.base}/patients`);
    await page.getByLabel('Search by name, NHS number or CHI number').fill('Ashdown');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('table', { name: 'Patients found' });
    await expect.poll(() => results.innerText()).toMatch(/Ashdown-Pearce/);
    await expectAccessible(page, 'patient search');
  });
});

describe('other pages and roles', () => {
  it('lets an administrator see the directory, accessible, and a commissioner no patients and only rounded counts', async () => {
    const admin = await e2e.page();
    await signIn(admin, e2e.base, 'admin');
    await admin.goto(`${e2e.base}/directory?tab=wards`);
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => admin.locator('main').innerText()).toMatch(/Ward/);
    await expectAccessible(admin, 'directory');
    await screenshot(admin, 'directory');

    const commissioner = await e2e.page();
    await signIn(commissioner, e2e.base, 'commissioner');
    const nav = commissioner.getByRole('navigation').first();
    await expect.poll(() => nav.innerText()).toMatch(/Bed state/);
    expect(await nav.innerText()).not.toMatch(/Patients/);

    // Aggregates only: people counted to the nearest 5, small numbers withheld, said on the page.
    await commissioner.goto(`${e2e.base}/`);
    await commissioner.getByText('Small numbers are withheld').waitFor();
    const occupied = commissioner.locator('dt', { hasText: /^Occupied beds$/ }).locator('xpath=following-sibling::dd[1]');
    expect(Number((await occupied.innerText()).replace(/[^\d]/g, '')) % 5).toBe(0);
    await commissioner.getByRole('link', { name: 'England', exact: true }).first().click();
    await commissioner.getByRole('link', { name: 'London', exact: true }).first().click();
    const map = commissioner.getByRole('list', { name: 'Bed map' });
    await map.waitFor();
    const labels = await map.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(5);
    for (const label of labels) expect(label).toMatch(/occupancy withheld|: \d*[05] of \d+ beds occupied/);
    await expectAccessible(commissioner, 'bed state for a commissioner');
    await screenshot(commissioner, 'bed-state-commissioner');
    await commissioner.goto(`${e2e.base}/login`);
    await expectAccessible(commissioner, 'sign-in page');
  });
});
