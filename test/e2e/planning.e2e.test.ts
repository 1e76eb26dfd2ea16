import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, startE2E, type E2E } from './harness.js';

// A regional planner, as a new user would: calibrates London from the demo register, runs the baseline
// and "+10 low secure beds" with a few replications, reads the comparison, then sizes low secure beds
// and benchmarks beds per 100,000 against the 2006 tables.

let e2e: E2E;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  page = await e2e.page();
  await signIn(page, e2e.base, 'regional-planner');
});
afterAll(() => e2e.close());

describe('capacity planning', () => {
  it('calibrates the demo region and shows the stay-length fit', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Capacity planning' }).waitFor();
    // The planner's own region is chosen once the list of areas has loaded.
    await expect.poll(() => page.getByLabel('Area', { exact: true }).inputValue()).toBe('E-LON');
    await page.getByRole('button', { name: 'Calibrate from the register' }).click();
    await page.getByRole('heading', { name: 'How long stays last: observed and fitted' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Beds in the model\s+\d{3}/);
    await expect.poll(() => page.getByRole('img', { name: /still going after each number of days, observed and fitted/ }).count()).toBe(1);
    await expectAccessible(page, 'planning: calibrated');
    await screenshot(page, 'planning-calibrated');
  });

  it('runs the baseline and "+10 low secure beds" and reads off the change with its uncertainty', async () => {
    const lowBeds = Number(await page.getByLabel('Low secure beds', { exact: true }).inputValue());
    expect(lowBeds).toBeGreaterThan(100);
    await page.getByRole('button', { name: '+10 low secure beds' }).click();
    await page.getByRole('list', { name: 'Variants to compare' }).getByText('+10 low secure beds').waitFor();
    await page.getByLabel('Replications', { exact: true }).fill('12');
    await page.getByLabel('Years measured', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Run the baseline and 1 variant' }).click();
    await page.getByRole('progressbar').first().waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /replications/ }).innerText(), { timeout: 60_000 }).toMatch(/^Finished: 24 of 24 replications/);

    const table = page.getByRole('table', { name: 'Scenario comparison across the whole system' });
    await table.waitFor();
    const header = await table.getByRole('row').first().innerText();
    expect(header).toMatch(/Baseline[\s\S]*\+10 low secure beds/);
    const compliance = await table.getByRole('row', { name: /14-day compliance/ }).innerText();
    // Baseline value with its 95% interval, the variant's value, and the change with its interval.
    expect(compliance).toMatch(/\d+% \(95% CI \d+(\.\d)?% to \d+(\.\d)?%\)/);
    expect(compliance).toMatch(/[+−±][\d.]+ points \([+−±][\d.]+ to [+−±][\d.]+ points\)/);
    const readings = page.getByRole('region', { name: 'What +10 low secure beds changes' });
    await expect.poll(() => readings.innerText()).toMatch(/14-day compliance \(prison transfers\) \d+% → \d+%/);
    await expect.poll(() => readings.innerText()).toMatch(/Cost of excessive security a year £[\d,]+ → £[\d,]+/);
    await expect.poll(() => page.getByRole('img', { name: /Fan chart of low secure beds occupied/ }).count()).toBe(1);
    await expectAccessible(page, 'planning: results');
    await screenshot(page, 'planning-results');
  });

  it('finds the fewest low secure beds meeting the targets', async () => {
    await page.getByRole('tab', { name: 'Capacity search' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Capacity search' });
    await panel.getByLabel('Tier', { exact: true }).selectOption('low');
    await panel.getByLabel('Replications', { exact: true }).fill('4');
    await panel.getByLabel('Years measured', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Find the fewest beds' }).click();
    await expect.poll(() => page.locator('main').innerText(), { timeout: 90_000 }).toMatch(/(\d+ low secure beds are the fewest that meet)|(do not meet)/);
    await page.getByRole('table', { name: 'Bed counts tried for low secure' }).waitFor();
    await expectAccessible(page, 'planning: capacity search');
    await screenshot(page, 'planning-capacity-search');
  });

  it('benchmarks beds per 100,000 against the 2006 comparators, with the risks beside them', async () => {
    await page.getByRole('tab', { name: 'Beds per 100,000' }).click();
    const medium = page.getByRole('table', { name: 'London: medium secure beds per 100,000 people' });
    await medium.waitFor();
    // Men's medium secure mental illness beds, read against eight English authorities (0.67 to 7.38).
    const men = await medium.getByRole('row', { name: /^Men\s+Mental illness/ }).innerText();
    expect(men).toMatch(/\d+\s+\d+\.\d\d\s+0\.67 – 7\.38[\s\S]*(Below|Within|Above)/i);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/risks of too few beds/i);
    await page.getByLabel('Compare with').selectOption({ label: 'Scotland 2006: regional proposals' });
    const low = page.getByRole('table', { name: 'London: low secure beds per 100,000 people' });
    await expect.poll(async () => (await low.innerText()).includes('0.27 – 0.52')).toBe(true);
    await expectAccessible(page, 'planning: beds per 100,000');
    await screenshot(page, 'planning-provision');
  });

  it('keeps none of the planner\'s work in the tab after signing out, for the next person at this computer', async () => {
    expect(await page.evaluate(() => sessionStorage.getItem('securepath.planning'))).toMatch(/scenario/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});
