import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WardBeds } from '../../src/beds/beds.schema.js';
import type { Region, Unit } from '../../src/directory/directory.schema.js';
import { choose, expectAccessible, screenshot, signIn, startE2E, type E2E } from './harness.js';

// A prison transfer against the 14-day clock, in Chromium. A prison in-reach clinician refers a
// sentenced prisoner to a low secure unit; the bed manager records one assessment (recommending medium
// secure), records the low secure panel's decline, forwards the referral with the same assessment to a
// medium secure unit whose panel accepts, offers a bed and admits within the clock. Then the board and
// the measures, including a commissioner's view. Every page is scanned with axe on the way.

let e2e: E2E;
let clinician: Page;
let manager: Page;
let referralUrl = '';
/** A low secure unit in London (first panel) and a medium secure unit with a vacant male mental illness bed (second). */
const plan = { firstUnitId: 0, secondUnitId: 0, secondWard: '', prison: { id: 0, organisationId: 0 } };

/** The number a clock figure on the board shows: "On track" → 12. */
async function clockFigure(page: Page, clock: 'on_track' | 'amber' | 'breached'): Promise<number> {
  return Number((await page.locator(`[data-figure="${clock}"]`).innerText()).replace(/[^\d]/g, ''));
}

const main = (page: Page) => page.locator('main').innerText();

/** Select an option by value once the list (loaded from the API) holds it. */
async function selectValue(select: Locator, value: number) {
  await expect.poll(() => select.locator(`option[value="${value}"]`).count(), { timeout: 15_000 }).toBe(1);
  await select.selectOption(String(value));
}

/** The board row of a person under some filters, turning pages until it shows. */
async function boardRow(page: Page, filters: string, name: string): Promise<string> {
  await page.goto(`${e2e.base}/referrals?${filters}`);
  const table = page.getByRole('table', { name: 'Referrals, least time left first' });
  for (let turn = 0; turn < 20; turn++) {
    await page.getByText(/As of|No referral matches/).first().waitFor();
    if ((await table.count()) === 0) break;
    const row = table.getByRole('row').filter({ hasText: name });
    if ((await row.count()) > 0) return row.first().innerText();
    const next = page.getByRole('button', { name: 'Next page' });
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    const before = await table.innerText();
    await next.click();
    await expect.poll(() => table.innerText()).not.toBe(before);
  }
  throw new Error(`${name} is not on the board with ${filters}`);
}

/** Open a step of the referral ("Record an assessment") and wait for its form. */
async function openStep(page: Page, button: string, heading: RegExp) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('heading', { level: 3, name: heading }).waitFor();
}

beforeAll(async () => {
  e2e = await startE2E();
  clinician = await e2e.page();
  manager = await e2e.page();
  await signIn(clinician, e2e.base, 'in-reach-clinician');
  await signIn(manager, e2e.base, 'bed-manager');

  // Choose the two panels from the bed state as the bed manager sees it.
  const regions = (await (await manager.request.get(`${e2e.base}/api/directory/regions`)).json()) as Region[];
  const london = regions.find((r) => r.name === 'London')!;
  const wards = (await (await manager.request.get(`${e2e.base}/api/beds/wards?regionId=${london.id}`)).json()) as WardBeds[];
  const low = wards.find((w) => w.tier === 'low')!;
  const medium = wards.find((w) => w.tier === 'medium' && w.sex === 'male' && w.specialism === 'mental_illness' && (w.vacant ?? 0) > 0)!;
  expect(low && medium, 'London has a low secure unit and a medium secure male mental illness ward with a vacant bed').toBeTruthy();
  // The prison the in-reach team works in: prisons are units of the healthcare provider in the directory.
  const units = (await (await manager.request.get(`${e2e.base}/api/directory/units?regionId=${london.id}`)).json()) as Unit[];
  const prison = units.find((u) => u.serviceType === 'prison')!;
  Object.assign(plan, { firstUnitId: low.unitId, secondUnitId: medium.unitId, secondWard: medium.wardName, prison: { id: prison.id, organisationId: prison.organisationId } });
});
afterAll(() => e2e.close());

describe('a prison transfer within 14 days', () => {
  let onTrackBefore = 0;

  it('shows the in-reach clinician the board, then takes a new referral of a prisoner', async () => {
    await clinician.goto(`${e2e.base}/referrals`);
    await clinician.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    await clinician.locator('[data-figure="on_track"]').waitFor();
    onTrackBefore = await clockFigure(clinician, 'on_track');
    await expectAccessible(clinician, 'referral board');
    await screenshot(clinician, 'referral-board');

    await clinician.getByRole('button', { name: 'New referral' }).click();
    await clinician.getByRole('heading', { level: 1, name: 'New referral' }).waitFor();
    // Asking too early names what is missing beside each field, without a round trip.
    await clinician.getByRole('button', { name: 'Make the referral' }).click();
    await expect.poll(() => main(clinician)).toMatch(/details are missing/);
    await expect.poll(() => main(clinician)).toMatch(/Choose the legal route/);

    await clinician.getByLabel('Given name').fill('Dariusz');
    await clinician.getByLabel('Family name').fill('Okonkwo-Hale');
    await clinician.getByLabel('Date of birth').fill('1991-02-03');
    await clinician.getByLabel('Sex').selectOption('male');
    await clinician.getByLabel('NHS number').fill('943 476 5919');
    await choose(clinician.getByLabel('Ethnicity'), /African/);
    await choose(clinician.getByLabel('Home region'), /^London$/);
    await clinician.getByLabel('Index offence').selectOption('violence_against_person');

    await clinician.getByLabel('Referral source').selectOption('prison_in_reach');
    await clinician.getByLabel('Referring clinician').fill('Dr Amara Mensah');
    await choose(clinician.getByLabel('Region of the referrer'), /^London$/);
    await selectValue(clinician.getByLabel('Referring organisation'), plan.prison.organisationId);
    await selectValue(clinician.getByLabel('Referring unit or prison'), plan.prison.id);

    await clinician.getByLabel('Legal route').selectOption('s47_49');
    await clinician.getByLabel('Urgency', { exact: true }).selectOption('urgent');
    await clinician.getByLabel('Reason for the urgency').fill('Stopped eating for four days; psychotic and unsafe on the wing');
    await clinician.getByLabel('Tier requested').selectOption('low');
    await clinician.getByLabel('Specialism needed').selectOption('mental_illness');
    await choose(clinician.getByLabel('Region of the unit'), /^London$/);
    await selectValue(clinician.getByLabel('Unit', { exact: true }), plan.firstUnitId);
    await expect.poll(() => clinician.getByRole('radio', { name: /service’s setting/ }).isChecked()).toBe(true);
    await expectAccessible(clinician, 'new referral form');
    await screenshot(clinician, 'referral-new');

    await clinician.getByRole('button', { name: 'Make the referral' }).click();
    await clinician.waitForURL(/\/referrals\/\d+$/);
    referralUrl = clinician.url();
    await clinician.getByRole('heading', { level: 1, name: 'Referral of Dariusz Okonkwo-Hale' }).waitFor();
    await expect.poll(() => main(clinician)).toMatch(/14 days left/);
    await expect.poll(() => main(clinician)).toMatch(/Awaiting assessment/);
  });

  it('counts the new referral on the board as on track', async () => {
    expect(await boardRow(clinician, 'state=received&tier=low&urgency=urgent&prisonOnly=true', 'Okonkwo-Hale')).toMatch(/14 days left/);
    await clinician.goto(`${e2e.base}/referrals`);
    await expect.poll(() => clockFigure(clinician, 'on_track')).toBe(onTrackBefore + 1);
  });

  it('records one assessment with DUNDRUM ratings and the supervision criteria', async () => {
    await manager.goto(referralUrl);
    await openStep(manager, 'Record an assessment', /pre-admission assessment/);
    await manager.getByLabel('Lead assessor').fill('Dr Priya Raman');
    await manager.getByRole('checkbox', { name: 'Psychiatrist' }).check();
    await manager.getByRole('checkbox', { name: 'Nurse' }).check();
    for (let i = 1; i <= 11; i++) await manager.getByRole('radio', { name: `S${i} rated ${i % 3 === 0 ? 3 : 2}` }).check();
    for (let i = 1; i <= 6; i++) await manager.getByRole('radio', { name: `U${i} rated 3` }).check();
    await manager.getByRole('checkbox', { name: /^5\. Violence in the last year/ }).check();
    // Items 5–10 point to medium security: the indication changes as the box is ticked.
    await expect.poll(() => main(manager)).toMatch(/Indication: Medium secure/);
    await manager.getByLabel('Recommended tier').selectOption('medium');
    await manager.getByLabel('Rationale').fill('Active psychosis with recent violence on the wing; needs medium secure care, not low.');
    await expectAccessible(manager, 'assessment form');
    await screenshot(manager, 'referral-assessment-form');
    await manager.getByRole('button', { name: 'Record the assessment' }).click();
    await expect.poll(() => main(manager)).toMatch(/The assessment has been recorded/);
    await expect.poll(() => main(manager)).toMatch(/Assessments \(1\)/);
    await expect.poll(() => main(manager)).toMatch(/Recommends Medium secure/);
    await expect.poll(() => main(manager)).toMatch(/Assessed by Dr Priya Raman/);
  });

  it('records the low secure panel declining, naming medium secure instead', async () => {
    await openStep(manager, 'Record the panel decision', /^Decision of the/);
    await manager.getByRole('radio', { name: /^Decline/ }).check();
    // Without the tier recommended instead, a decline is refused beside the field.
    await manager.getByLabel('Reason', { exact: true }).fill('Risk of violence exceeds what low security can manage.');
    await manager.getByLabel('Member 1: name').fill('Dr Tom Fielding');
    await manager.getByLabel('Discipline').selectOption('psychiatrist');
    await manager.getByLabel('Works in').selectOption('low');
    await manager.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => main(manager)).toMatch(/A decline must name the tier recommended instead/);
    await manager.getByLabel('Tier recommended instead').selectOption('medium');
    await expectAccessible(manager, 'panel decision form');
    await manager.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => main(manager)).toMatch(/decline has been recorded/);
    await expect.poll(() => main(manager)).toMatch(/Declined, to forward/);
  });

  it('forwards the referral to a medium secure unit with the same assessment, which accepts', async () => {
    await openStep(manager, 'Forward to another panel', /Forward to another panel/);
    await expect.poll(() => main(manager)).toMatch(/The assessment goes with it/);
    await selectValue(manager.getByLabel('Unit', { exact: true }), plan.secondUnitId);
    await manager.getByLabel('Reason for forwarding').fill('Declined at low secure; panel recommends medium secure.');
    await manager.getByRole('button', { name: 'Forward the referral' }).click();
    await expect.poll(() => main(manager)).toMatch(/The referral has been forwarded/);
    await expect.poll(() => main(manager)).toMatch(/current assessment travels with it/);
    // Nobody assessed again: still one assessment, and the next panel can decide on it.
    await expect.poll(() => main(manager)).toMatch(/Assessments \(1\)/);

    await openStep(manager, 'Record the panel decision', /^Decision of the/);
    await manager.getByRole('radio', { name: /^Accept/ }).check();
    await manager.getByLabel('Reason', { exact: true }).fill('Meets criteria for medium secure care; bed available.');
    await manager.getByLabel('Member 1: name').fill('Dr Helen Osei');
    await manager.getByLabel('Discipline').selectOption('psychiatrist');
    await manager.getByLabel('Works in').selectOption('medium');
    await manager.getByRole('button', { name: 'Add a member' }).click();
    await manager.getByLabel('Member 2: name').fill('Sam Whitlock');
    await manager.getByLabel('Discipline').nth(1).selectOption('nurse');
    await manager.getByLabel('Works in').nth(1).selectOption('medium');
    await screenshot(manager, 'referral-decision-form');
    await manager.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => main(manager)).toMatch(/acceptance has been recorded/);
    await expect.poll(() => main(manager)).toMatch(/Accepted, awaiting bed/);
  });

  it('calls a transfer case conference at short notice, with a reason, and records it with a separate gist', async () => {
    await openStep(manager, 'Arrange a case conference', /Arrange a case conference/);
    // Tomorrow morning: fewer than 3 working days, so the reason for short notice is asked for.
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    await manager.getByLabel('Date and time of the conference').fill(`${tomorrow}T10:00`);
    await expect.poll(() => main(manager)).toMatch(/Short notice/);
    await expect.poll(() => main(manager)).toMatch(/earliest date with enough notice/);
    // The protocol's invitees for a transfer are ticked already.
    await expect.poll(() => manager.getByRole('checkbox', { name: 'Visiting psychiatrist (protocol)' }).isChecked()).toBe(true);
    await manager.getByRole('button', { name: 'Arrange the conference' }).click();
    await expect.poll(() => main(manager)).toMatch(/Give the reason for short notice/);
    await manager.getByLabel('Reason for short notice').fill('Not eating or drinking; transfer cannot wait for full notice');
    await expectAccessible(manager, 'case conference form');
    await manager.getByRole('button', { name: 'Arrange the conference' }).click();
    await expect.poll(() => main(manager)).toMatch(/case conference has been arranged/);

    await manager.getByRole('button', { name: 'Record this conference' }).click();
    await manager.getByLabel('Record of the conference (disclosable)').fill('Agreed that Mr Okonkwo-Hale needs admission to medium secure care this week.');
    await manager.getByLabel('Intelligence gist (not disclosable)').fill('Third-party information about a risk to a named officer.');
    await manager.getByRole('button', { name: 'Save the record' }).click();
    await expect.poll(() => main(manager)).toMatch(/conference record has been saved/);
    const conferences = manager.getByRole('region', { name: 'Case conferences' });
    await expect.poll(() => conferences.innerText()).toMatch(/Record \(disclosable to the patient\)[\s\S]*Intelligence gist: NOT disclosable to the patient/);
    await screenshot(manager, 'referral-conference');
  });

  it('offers a bed on the accepting unit and admits within the clock', async () => {
    await openStep(manager, 'Offer a bed', /Offer a bed/);
    await manager.getByRole('radio', { name: new RegExp(`^${plan.secondWard.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, .*vacant`) }).check();
    await expectAccessible(manager, 'offer a bed');
    await manager.getByRole('button', { name: 'Offer this bed' }).click();
    await expect.poll(() => main(manager)).toMatch(/bed offer has been recorded/);

    await openStep(manager, 'Admit', /^Admit$/);
    await manager.getByRole('button', { name: 'Admit and stop the clock' }).click();
    await expect.poll(() => main(manager)).toMatch(/admitted and the clock stopped/);
    await expect.poll(() => manager.locator('[data-clock]').first().innerText()).toMatch(/^Met: admitted on day \d+ of 14$/);

    const timeline = manager.getByRole('list', { name: 'Timeline of the referral' });
    const events = await timeline.innerText();
    for (const step of [/Assessed by Dr Priya Raman/, /Declined by the panel/, /Forwarded to the/, /Accepted by the panel/, /Bed offered on/, /Admitted within the clock/]) expect(events).toMatch(step);
    await expect.poll(() => main(manager)).toMatch(/Assessments \(1\)/);
    await expectAccessible(manager, 'referral after admission');
    await screenshot(manager, 'referral-admitted');
  });

  it('takes the admitted referral off the board: the on-track count is back where it was', async () => {
    await manager.goto(`${e2e.base}/referrals`);
    await expect.poll(() => clockFigure(manager, 'on_track')).toBe(onTrackBefore);
    await expect(boardRow(manager, 'tier=low&urgency=urgent&prisonOnly=true', 'Okonkwo-Hale')).rejects.toThrow(/not on the board/);
  });
});

describe('transfer measures', () => {
  it('shows the bed manager run charts and totals by region', async () => {
    await manager.goto(`${e2e.base}/referrals/measures`);
    await manager.getByRole('heading', { level: 1, name: 'Transfer measures' }).waitFor();
    const totals = manager.getByRole('table', { name: /Totals by region/ });
    await expect.poll(async () => (await totals.getByRole('row').count()) > 1, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => totals.innerText()).toMatch(/London/);
    expect(await manager.locator('canvas').count()).toBeGreaterThan(0);
    await expectAccessible(manager, 'transfer measures');
    await screenshot(manager, 'referral-measures');
  });

  it('takes a commissioner from Referrals straight to the measures, with no names', async () => {
    const commissioner = await e2e.page();
    await signIn(commissioner, e2e.base, 'commissioner');
    await commissioner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
    await commissioner.waitForURL(/\/referrals\/measures$/);
    const totals = commissioner.getByRole('table', { name: /Totals by region/ });
    await expect.poll(async () => (await totals.getByRole('row').count()) > 1, { timeout: 20_000 }).toBe(true);
    expect(await main(commissioner)).not.toMatch(/Okonkwo-Hale/);
    await screenshot(commissioner, 'referral-measures-commissioner');
  });
});

describe('returns to prison', () => {
  it('plans a return, records reception and the supervision level set within 48 hours', async () => {
    await manager.goto(`${e2e.base}/referrals/prison-returns`);
    await manager.getByRole('heading', { level: 1, name: 'Returns to prison' }).waitFor();
    await manager.getByRole('button', { name: 'Plan a return' }).click();
    await manager.getByLabel('Search by name, NHS number or CHI number').fill('Okonkwo-Hale');
    await manager.getByRole('radio', { name: /Dariusz Okonkwo-Hale/ }).check();
    await choose(manager.getByLabel('Region of the prison'), /^London$/);
    await selectValue(manager.getByLabel('Prison', { exact: true }), plan.prison.id);
    await manager.getByLabel('Planned date of return').fill(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
    await manager.getByRole('checkbox', { name: 'Disclosable conference record' }).check();
    await manager.getByRole('checkbox', { name: 'Care plan' }).check();
    await expectAccessible(manager, 'plan a return to prison');
    await screenshot(manager, 'prison-return-plan');
    await manager.getByRole('button', { name: 'Plan the return' }).click();
    await expect.poll(() => main(manager)).toMatch(/return of Dariusz Okonkwo-Hale to prison is planned/);

    const table = manager.getByRole('table', { name: 'Returns to prison' });
    const row = table.getByRole('row').filter({ hasText: 'Okonkwo-Hale' });
    await expect.poll(() => row.innerText()).toMatch(/Awaiting reception/);
    expect(await row.innerText()).toMatch(/Missing: historical risk document/);
    await row.getByRole('button', { name: 'Record reception' }).click();
    await row.getByRole('button', { name: 'Save' }).click();
    // Reception starts the 48 hours: the reminder shows the deadline and the time left.
    await expect.poll(() => row.innerText()).toMatch(/Supervision level due/);
    expect(await row.innerText()).toMatch(/By \d+ \w+ \d{4}, \d{2}:\d{2}\s+1 d \d{2}:\d{2}:\d{2} left/);
    await expectAccessible(manager, 'returns to prison');
    await screenshot(manager, 'prison-returns');

    await row.getByRole('button', { name: 'Record supervision level' }).click();
    await row.getByLabel('Supervision level', { exact: true }).selectOption('medium');
    await row.getByRole('button', { name: 'Save' }).click();
    // Done: a return with its supervision level set leaves the list of things to act on.
    await expect.poll(() => table.count().then(async (n) => (n === 0 ? '' : table.innerText()))).not.toMatch(/Okonkwo-Hale/);
  });
});
