// TEMPORARY scratch: renders the referral pages against mocked API answers to check layout. Delete before hand-over.
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshot = async (p: Page, name: string) => {
  await p.screenshot({ path: `test/e2e/__screens__/${name}.png`, fullPage: true });
  await p.addScriptTag({ content: AXE });
  const v = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((x) => `${x.impact} ${x.id}: ${x.help} @ ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  console.log(name, v);
};

let browser: Browser;
let server: http.Server;
let page: Page;
const e2e = { base: '' };
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' };
const today = new Date();
const iso = (d: number) => new Date(today.getTime() + d * 86400000).toISOString();
const date = (d: number) => iso(d).slice(0, 10);
const instruments = [JSON.parse(readFileSync('src/referrals/instruments/dundrum-1.json', 'utf8')), JSON.parse(readFileSync('src/referrals/instruments/dundrum-2.json', 'utf8'))];
const stage = (start: number, days: number, breached = false) => ({ name: 'referral_to_admission', startedOn: date(start), dueOn: date(start + 14), endedOn: null, days, breached });
const clock = (status: string, start: number, remaining: number) => ({
  policy: 'single_14',
  status,
  current: stage(start, -start, remaining < 0),
  stages: [stage(start, -start, remaining < 0)],
  daysRemaining: remaining,
  dueAt: iso(remaining + 1).slice(0, 10) + 'T00:00:00.000Z',
  breached: remaining < 0,
  stoppedOn: null,
});
const summary = (id: number, name: string, c: ReturnType<typeof clock>, extra: object = {}) => ({
  id,
  patient: { id: id + 100, name, nhsNumber: '9434765919', chiNumber: null },
  source: 'prison_in_reach',
  legalRoute: 's47_49',
  urgency: 'urgent',
  requestedTier: 'medium',
  requestedSpecialism: 'mental_illness',
  homeRegion: { id: 1, name: 'London' },
  referringOrganisation: { id: 1, name: 'North London NHS Trust' },
  referringUnit: { id: 5, name: 'HMP Pentonbridge' },
  targetUnit: { id: 7, name: 'Ashford Unit', organisationName: 'East London NHS Trust' },
  targetRegion: { id: 1, name: 'London' },
  state: 'assessed',
  receivedAt: iso(-10),
  clock: c,
  assessmentCount: 1,
  validAssessmentUntil: date(80),
  breachReason: null,
  direction: null,
  flags: [],
  version: 3,
  ...extra,
});
const ratings = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, (i % 4) + 1]));
const assessment = (id: number, repeats: number | null) => ({
  id,
  assessedAt: iso(-8 + id),
  assessorName: id === 1 ? 'Dr Priya Raman' : 'Dr Ken Blake',
  assessorUnit: null,
  disciplines: ['psychiatrist', 'nurse'],
  recommendedTier: 'medium',
  recommendedSpecialism: 'mental_illness',
  rationale: 'Active psychosis with recent violence on the wing; needs medium secure care.',
  securityRatings: ratings('S', 11),
  securityTotal: 27,
  urgencyRatings: ratings('U', 6),
  urgencyTotal: 14,
  supervisionItems: [5, 7],
  supervisionIndication: 'medium',
  validUntil: date(80),
  valid: true,
  repeatsAssessmentId: repeats,
  recordedBy: 'Bed Manager (demo)',
});
const detail = {
  ...summary(1, 'Dariusz Okonkwo-Hale', clock('amber', -12, 2), { flags: ['duplicate_assessment', 'direction_expiring'], direction: { issuedOn: date(-11), expiresOn: date(2), daysRemaining: 2, status: 'expiring' }, assessmentCount: 2 }),
  referringClinician: 'Dr Amara Mensah',
  urgencyReason: 'Stopped eating for four days',
  offenceCategory: 'violence_against_person',
  breachNote: null,
  offeredWard: null,
  placementId: null,
  assessments: [assessment(1, null), assessment(2, 1)],
  decisions: [
    { id: 1, panel: 'Birch Low Secure Unit', decidedAt: iso(-5), decision: 'decline', reason: 'Risk exceeds low security.', recommendedTier: 'medium', members: [{ name: 'Dr Tom Fielding', discipline: 'psychiatrist', tier: 'low' }], assessmentId: 1, recordedBy: 'Bed Manager (demo)' },
  ],
  conferences: [
    {
      id: 1, patientId: 101, referralId: 1, kind: 'transfer', calendar: 'england_wales', noticeGivenAt: iso(-6), scheduledFor: iso(-2), noticeWorkingDays: 2, shortNoticeReason: 'Clinical deterioration on the wing',
      invited: ['visiting_psychiatrist', 'healthcare_manager'], missingInvitees: ['residential_unit_manager', 'security_manager'], venue: 'HMP Pentonbridge healthcare', heldAt: iso(-2),
      attended: ['visiting_psychiatrist', 'healthcare_manager'], disclosableRecord: 'We agreed that Mr Okonkwo-Hale needs a hospital bed.', intelligenceGist: 'Information from a third party suggests a risk to a named officer.', version: 2,
    },
    { id: 2, patientId: 101, referralId: 1, kind: 'transfer', calendar: 'england_wales', noticeGivenAt: iso(-1), scheduledFor: iso(3), noticeWorkingDays: 3, shortNoticeReason: null, invited: ['visiting_psychiatrist'], missingInvitees: [], venue: null, heldAt: null, attended: [], disclosableRecord: null, intelligenceGist: null, version: 1 },
  ],
  events: [
    { id: 'e1', at: iso(-12), kind: 'received', summary: 'Referral received from HMP Pentonbridge', by: 'In-reach Clinician (demo)' },
    { id: 'e2', at: iso(-7), kind: 'assessed', summary: 'Assessed by Dr Priya Raman: recommends medium secure', by: 'Bed Manager (demo)' },
    { id: 'e3', at: iso(-6), kind: 'repeat_assessment', summary: 'Repeat assessment by Dr Ken Blake while assessment 1 was valid', by: 'Bed Manager (demo)' },
    { id: 'e4', at: iso(-5), kind: 'declined', summary: 'Declined by the panel (recommends Medium secure): risk exceeds low security', by: 'Bed Manager (demo)' },
  ],
  actions: ['assess', 'decide', 'forward', 'offer', 'admit', 'close', 'breach_reason', 'direction', 'conference'],
};
const board = {
  total: 3,
  byState: { assessed: 3 },
  byClock: { on_track: 41, amber: 6, breached: 9 },
  items: [
    summary(2, 'Jordan Whitfield', clock('breached', -17, -3), { flags: ['breach_reason_needed'], urgency: 'emergency', state: 'accepted', targetUnit: null }),
    summary(1, 'Dariusz Okonkwo-Hale', clock('amber', -12, 2), { flags: ['duplicate_assessment', 'direction_expiring'], direction: { issuedOn: date(-11), expiresOn: date(2), daysRemaining: 2, status: 'expiring' } }),
    summary(3, 'Aisha Bello', clock('on_track', -2, 12), { urgency: 'routine', state: 'received', requestedTier: 'low' }),
  ],
  asOf: iso(0),
};
const point = (month: string, k: number) => ({ month, referrals: 40 + k, admitted: 30 + k, medianDaysToAdmission: 12 + (k % 5), p90DaysToAdmission: 30 + (k % 7) * 3, percentWithin14: 55 + (k % 6) * 4, assessmentsPerReferral: 1.4, suppressed: false });
const months = Array.from({ length: 12 }, (_, i) => point(`2025-${String(i + 1).padStart(2, '0')}`, i));
const measures = {
  from: '2025-01-01', to: '2025-12-31', groupBy: 'region', disclosureControlled: true,
  groups: ['London', 'North West', 'South East'].map((name, i) => ({ key: String(i + 1), name, totals: { ...point('total', i), suppressed: i === 2, percentWithin14: i === 2 ? null : 61.5 }, months, breachReasons: { no_bed_at_tier: 14, assessment_delay: 6, moj_warrant: 3, funding: null, other: 2 } })),
};
const returns = [
  { id: 1, patient: { id: 9, name: 'Lee Carter' }, prison: { id: 2, name: 'HMP Pentonbridge' }, conferenceId: 1, plannedFor: date(-2), handoverItems: ['conference_record'], missingHandoverItems: ['risk_history', 'care_plan'], receivedAt: iso(-1), supervisionDueAt: iso(1), supervisionLevel: null, supervisionSetAt: null, status: 'supervision_due', version: 2 },
  { id: 2, patient: { id: 10, name: 'Mo Patel' }, prison: { id: 2, name: 'HMP Pentonbridge' }, conferenceId: null, plannedFor: date(4), handoverItems: [], missingHandoverItems: ['conference_record'], receivedAt: null, supervisionDueAt: null, supervisionLevel: null, supervisionSetAt: null, status: 'awaiting_reception', version: 1 },
];
const settings = { clockPolicy: 'single_14', amberDays: 3, assessmentValidDays: 90, directionWarnDays: 3, timeZone: 'Europe/London', instruments };

const me = { id: 1, username: 'bed-manager', displayName: 'Bed Manager (demo)', roles: ['bed-manager'], activeRole: 'bed-manager', permissions: ['beds:read', 'directory:read', 'patients:read', 'patients:write', 'referrals:read', 'referrals:write', 'referrals:measures'], csrfToken: 'x' };
const regions = [{ id: 1, code: 'E-LON', name: 'London', nationId: 1, nationName: 'England', population: 9 }, { id: 2, code: 'E-NW', name: 'North West', nationId: 1, nationName: 'England', population: 7 }];
const units = [{ id: 7, code: 'U7', name: 'Ashford Unit', organisationId: 1, organisationName: 'East London NHS Trust', regionId: 1, serviceType: 'medium_secure', commissioningLevel: 'regional', retiredAt: null, version: 1 }];
const wards = [{ wardId: 3, wardName: 'Oak Ward', unitId: 7, unitName: 'Ashford Unit', organisationName: 'East London NHS Trust', tier: 'medium', securityLevel: 2, sex: 'male', specialism: 'mental_illness', commissioned: 15, closed: 0, available: 15, occupied: 13, vacant: 2, occupancyPct: 86.7 }];

async function setup() {
  const dist = path.resolve('web/dist');
  server = http.createServer((req, res) => {
    const file = path.join(dist, (req.url ?? '/').split('?')[0]!);
    const hit = existsSync(file) && !file.endsWith('/') && path.extname(file) ? file : path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(hit)] ?? 'application/octet-stream' });
    res.end(readFileSync(hit));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  e2e.base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  await page.route(/\/api\//, async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname.replace('/api', '');
    const body =
      p === '/auth/me' ? me : p === '/directory/regions' ? regions : p === '/directory/units' ? units : p === '/directory/organisations' ? [] : p === '/beds/wards' ? wards : p === '/referrals' ? board : p === '/referrals/settings' ? settings : p === '/referrals/measures' ? measures : p === '/prison-returns' ? returns : p === '/referrals/notice' ? { workingDays: 2, enough: false, earliestDate: date(5), bankHolidays: [] } : detail;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
}
async function teardown() {
  await browser.close();
  server.close();
}

async function look() {
  await page.goto(`${e2e.base}/referrals`);
  await page.locator('[data-figure="on_track"]').waitFor();
  await screenshot(page, 'mock-board');
  await page.goto(`${e2e.base}/referrals/1`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(page, 'mock-detail');
  await page.goto(`${e2e.base}/referrals/1?step=assess`);
  await page.locator('#action-heading').waitFor();
  await page.getByRole('checkbox', { name: /^5\. / }).check();
  await screenshot(page, 'mock-assess');
  await page.goto(`${e2e.base}/referrals/1?step=conference`);
  await page.locator('#action-heading').waitFor();
  await page.getByLabel('Date and time of the conference').fill(iso(1).slice(0, 16));
  await page.getByText('Short notice').first().waitFor();
  await screenshot(page, 'mock-conference');
  await page.goto(`${e2e.base}/referrals/1?step=decide`);
  await page.locator('#action-heading').waitFor();
  await page.getByRole('radio', { name: /^Decline/ }).check();
  await screenshot(page, 'mock-decide');
  for (const step of ['forward', 'offer', 'admit', 'close', 'breach_reason', 'direction']) {
    await page.goto(`${e2e.base}/referrals/1?step=${step}`);
    await page.locator('#action-heading').waitFor();
    await page.waitForTimeout(300);
    await page.locator('section[aria-labelledby="action-heading"]').screenshot({ path: `test/e2e/__screens__/mock-step-${step}.png` });
  }
  await page.goto(`${e2e.base}/referrals/1`);
  await page.getByRole('button', { name: 'Record this conference' }).click();
  await page.locator('#action-heading').waitFor();
  await screenshot(page, 'mock-record');
  await page.locator('section[aria-labelledby="action-heading"]').screenshot({ path: `test/e2e/__screens__/mock-step-record.png` });
  await page.goto(`${e2e.base}/referrals/new`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(page, 'mock-new');
  await page.goto(`${e2e.base}/referrals/measures`);
  await page.locator('canvas').first().waitFor();
  await page.waitForTimeout(800);
  await screenshot(page, 'mock-measures');
  await page.goto(`${e2e.base}/referrals/prison-returns`);
  await page.getByRole('table').waitFor();
  await screenshot(page, 'mock-returns');
}
await setup();
try {
  await look();
} finally {
  await teardown();
}
