import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import { fixedClock } from '../clock.js';
import { can } from '../http/policy.js';
import { decide, ROUTE_REACH, type Decision, type Relationship } from '../http/reach.js';
import type { PatientDetail } from '../patients/patients.schema.js';
import { ROLES, type Role } from '../shared/vocabulary.js';

// The policy matrix: every route in the OpenAPI document × every role × each way a user can stand
// towards a record, and the answer must be exactly what the policy table (policy.ts + reach.ts)
// says: 403 when the role may not do this to anyone, the very same 404 as a record that does not
// exist when the record is not theirs, and service otherwise. Nothing anyone tries changes a record
// they cannot reach. A route the table does not name fails the test.

const SCENARIOS = ['own_ward', 'other_ward_same_unit', 'other_unit', 'other_organisation', 'no_relationship', 'discharged_long_ago', 'break_glass'] as const;
type Scenario = (typeof SCENARIOS)[number];

const clock = fixedClock('2026-06-01T12:00:00Z');
const KEEPER = 'matrix-keeper';
const MISSING = 999_999;
let t: TestApp;
let reg: Register;
let keeper: Client;

interface Records {
  patient: number;
  referral: number;
  conference: number;
  prisonReturn: number;
  familyName: string;
}
const records = {} as Record<Scenario, Records>;
/** Each planning role's own job and comparator set, and one belonging to somebody else. */
const owned = new Map<string, { job: number; comparators: number }>();
let breakGlassClaim = 0;
/** The keeper's own account: the one the administrator's account routes act on. */
let keeperId = 0;

/** Which relationships a user acting in `role` holds to the records of a scenario. */
function held(role: Role, scenario: Scenario): Relationship[] {
  // A case manager's caseload opens the person's record; the referral queue is reached through scope.
  if (scenario === 'own_ward') return role === 'case-manager' ? ['assigned', 'owner'] : ['placed', 'referred', 'owner'];
  if (scenario === 'break_glass') return ['break_glass'];
  return [];
}

const WARD_OF: Record<Scenario, keyof Register['wards'] | null> = {
  own_ward: 'mediumMale',
  other_ward_same_unit: 'mediumFemale',
  other_unit: 'lowMale',
  other_organisation: 'lowMaleSouth',
  no_relationship: null,
  discharged_long_ago: 'mediumMale',
  break_glass: 'lowMaleSouth',
};

async function sceneFor(scenario: Scenario): Promise<Records> {
  const familyName = `Matrix-${scenario.replaceAll('_', '-')}`;
  const sex = scenario === 'other_ward_same_unit' ? 'female' : 'male';
  const ward = WARD_OF[scenario];
  // The discharged person's story starts and ends in the past: admitted, referred on, gone 45 days.
  if (scenario === 'discharged_long_ago') clock.set('2026-04-01T09:00:00Z');
  const p = (await keeper.post('/api/patients', patientInput(reg.north, { familyName, sex }))).json() as PatientDetail;
  if (ward) expect((await keeper.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards[ward], source: 'court', admittedAt: '2026-01-01T00:00:00Z' })).statusCode).toBe(201);
  const referral = await keeper.post('/api/referrals', {
    patientId: p.id,
    source: 'prison_in_reach',
    referringOrganisationId: reg.nhs,
    referringUnitId: reg.prisonUnit,
    referringClinician: 'Dr P In-Reach',
    legalRoute: 's48_49',
    urgency: 'routine',
    requestedTier: 'low',
    requestedSpecialism: 'mental_illness',
    homeRegionId: reg.north,
    offenceCategory: 'violence_against_person',
    targetUnitId: reg.lowUnit,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const referralId = (referral.json() as { id: number }).id;
  // As if a bed had been offered on the scenario's ward: that is what puts a referral in a ward's scope.
  if (ward) await t.db.updateTable('referral').set({ offered_ward_id: reg.wards[ward] }).where('id', '=', referralId).execute();
  const conference = await keeper.post(`/api/patients/${p.id}/conferences`, {
    kind: 'return',
    calendar: 'england_wales',
    noticeGivenAt: clock.now().toISOString(),
    scheduledFor: new Date(clock.now().getTime() + 10 * 86_400_000).toISOString(),
    invited: ['visiting_psychiatrist'],
  });
  expect(conference.statusCode, conference.body).toBe(201);
  const back = await keeper.post(`/api/patients/${p.id}/prison-returns`, { prisonUnitId: reg.prisonUnit, plannedFor: '2026-07-01', handoverItems: [] });
  expect(back.statusCode, back.body).toBe(201);
  if (scenario === 'discharged_long_ago') {
    clock.set('2026-04-10T09:00:00Z');
    const { version } = (await keeper.get(`/api/referrals/${referralId}`)).json() as { version: number };
    const closed = await keeper.request('POST', `/api/referrals/${referralId}/close`, { outcome: 'not_needed', note: 'Discharged to the community', at: clock.now().toISOString() }, { 'if-match': `"${version}"` });
    expect(closed.statusCode, closed.body).toBe(200);
    // It had been offered a bed on Ash Ward: a closed referral keeps a ward's sight only for the window.
    await t.db.updateTable('referral').set({ offered_ward_id: reg.wards.mediumMale }).where('id', '=', referralId).execute();
    clock.set('2026-04-17T09:00:00Z');
    expect((await keeper.post(`/api/patients/${p.id}/discharge`, { destination: 'community', at: clock.now().toISOString() })).statusCode).toBe(200);
    clock.set('2026-06-01T12:00:00Z');
  }
  return { patient: p.id, referral: referralId, conference: (conference.json() as { id: number }).id, prisonReturn: (back.json() as { id: number }).id, familyName };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  reg = await createRegister(t.db);
  // The keeper makes the fixtures with nation-wide reach; nobody under test shares it.
  const hash = (await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'bed-manager').executeTakeFirstOrThrow()).password_hash;
  const k = await t.db.insertInto('app_user').values({ username: KEEPER, display_name: 'Fixture keeper', password_hash: hash, roles: ['bed-manager'] }).returning('id').executeTakeFirstOrThrow();
  await t.db.deleteFrom('user_scope').execute();
  await t.db.insertInto('user_scope').values({ user_id: k.id, role: 'bed-manager', level: 'nation', ref_id: reg.nationId }).execute();
  // Every clinical account under test works on Ash Ward; the case manager has no ward, only a caseload.
  const users = await t.db.selectFrom('app_user').select(['id', 'username']).where('username', 'in', [...ROLES]).execute();
  const idOf = Object.fromEntries(users.map((u) => [u.username, u.id])) as Record<Role, number>;
  const wardRoles = ROLES.filter((r) => can(r, 'patients:read') && r !== 'case-manager');
  await t.db.insertInto('user_scope').values(wardRoles.map((role) => ({ user_id: idOf[role], role, level: 'ward' as const, ref_id: reg.wards.mediumMale }))).execute();
  keeper = await t.asUser(KEEPER);
  keeperId = k.id;

  for (const s of SCENARIOS) records[s] = await sceneFor(s);
  await t.db
    .insertInto('case_assignment')
    .values([
      { user_id: idOf['case-manager'], patient_id: records.own_ward.patient, starts_at: '2026-01-01T00:00:00Z' },
      { user_id: idOf['case-manager'], patient_id: records.discharged_long_ago.patient, starts_at: '2026-01-01T00:00:00Z', ends_at: '2026-04-17T09:00:00Z' },
    ])
    .execute();
  for (const role of ROLES.filter((r) => can(r, 'patients:read'))) {
    const claim = await (await t.as(role)).post('/api/access/break-glass', { patientId: records.break_glass.patient, reason: 'Admitted to our ward tonight; need the risk history', code: await t.totpCode(role) });
    expect(claim.statusCode, claim.body).toBe(201);
  }
  breakGlassClaim = (await t.db.selectFrom('break_glass').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  // Planning records: each planning role's own, and the keeper's that nobody else may see.
  for (const [username, userId] of [...ROLES.filter((r) => can(r, 'planning:run')).map((r) => [r, idOf[r]] as const), [KEEPER, k.id] as const]) {
    const job = await t.db
      .insertInto('planning_job')
      .values({ owner_id: userId, kind: 'simulation', status: 'failed', error: 'A fixture, never run', finished_at: new Date(), progress: 0, replications_done: 0, replications_total: 1, scenario_name: `Job of ${username}`, request: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const set = await t.db
      .insertInto('planning_comparator_set')
      .values({ owner_id: userId, name: `Set of ${username}`, entries: JSON.stringify([{ area: 'Trent', tier: 'low', sex: 'all', specialism: 'all', per100k: 2.5 }]) })
      .returning('id')
      .executeTakeFirstOrThrow();
    owned.set(username, { job: job.id, comparators: set.id });
  }
}, 120_000);
afterAll(() => t.close());

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** For a list or search: the record of the scenario, which must be listed exactly when allowed. */
  lists?: (body: string) => boolean;
}
/** The ids a call uses: the scenario's records, or ids that exist nowhere. */
type Ids = Records & { job: number; comparators: number };

const STALE = { 'if-match': '"999"' };
const at = '2025-12-01T00:00:00Z'; // before every fixture admission: a harmless date for writes

/**
 * How to call each route. Writes carry a body that passes validation and the access check but then
 * fails a clinical rule (a stale version, a date out of order, someone already admitted), so the
 * matrix can see the access decision without changing anything it can reach.
 */
function callFor(route: string, ids: Ids): Call {
  const [method, path] = route.split(' ') as [Call['method'], string];
  const url = path.replace(':id', String(route.includes('/planning/jobs/') ? ids.job : route.includes('/planning/comparators/:id') ? ids.comparators : route.includes('/referrals/:id') ? ids.referral : route.includes('/conferences/:id') ? ids.conference : route.includes('/prison-returns/:id') ? ids.prisonReturn : route.includes('/audit/break-glass/:id') ? breakGlassClaim : route.includes('/users/:id') ? keeperId : ids.patient));
  const refStep = (body: unknown): Call => ({ method, url, body, headers: STALE });
  switch (route) {
    case 'GET /api/patients':
      return { method, url: `${url}?q=${ids.familyName}&limit=100`, lists: (b) => b.includes(ids.familyName) };
    case 'GET /api/referrals':
      return { method, url: `${url}?limit=100`, lists: (b) => (JSON.parse(b) as { items: { id: number }[] }).items.some((i) => i.id === ids.referral) };
    case 'GET /api/prison-returns':
      return { method, url, lists: (b) => (JSON.parse(b) as { id: number }[]).some((i) => i.id === ids.prisonReturn) };
    case 'GET /api/planning/jobs':
      return { method, url, lists: (b) => (JSON.parse(b) as { id: number }[] | { items: { id: number }[] }).toString() !== '' && JSON.stringify(JSON.parse(b)).includes(`"id":${ids.job},`) };
    case 'GET /api/planning/comparators':
      return { method, url, lists: (b) => JSON.stringify(JSON.parse(b)).includes(`"id":${ids.comparators},`) };
    case 'GET /api/beds/find':
      return { method, url: `${url}?tier=low&sex=male&specialism=mental_illness&patientId=${ids.patient}` };
    case 'GET /api/directory/export':
      return { method, url: `${url}?kind=wards` };
    case 'GET /api/referrals/notice':
      return { method, url: `${url}?calendar=england_wales&noticeDate=2026-06-01&conferenceDate=2026-06-10` };
    case 'PATCH /api/patients/:id':
      return { method, url, body: { familyName: 'Overwritten' }, headers: STALE };
    case 'POST /api/patients/:id/admit':
      return { method, url, body: { wardId: reg.wards.mediumMale, source: 'court', admittedAt: at } };
    case 'POST /api/patients/:id/transfer':
      return { method, url, body: { wardId: MISSING, at } };
    case 'POST /api/patients/:id/discharge':
      return { method, url, body: { destination: 'community', at } };
    case 'POST /api/patients/:id/prison-returns':
      return { method, url, body: { prisonUnitId: reg.mediumUnit, plannedFor: '2026-07-01', handoverItems: [] } };
    case 'POST /api/patients/:id/conferences':
      return { method, url, body: { kind: 'return', calendar: 'england_wales', noticeGivenAt: at, scheduledFor: '2025-12-20T10:00:00Z', invited: ['visiting_psychiatrist'] }, headers: STALE };
    case 'POST /api/conferences/:id/record':
      return { method, url, body: { heldAt: at, attended: ['visiting_psychiatrist'], disclosableRecord: 'A record the patient may read.' }, headers: STALE };
    case 'POST /api/prison-returns/:id/reception':
      return { method, url, body: { receivedAt: at }, headers: STALE };
    case 'POST /api/prison-returns/:id/supervision':
      return { method, url, body: { level: 'low', setAt: at }, headers: STALE };
    case 'POST /api/referrals/:id/close':
      return refStep({ outcome: 'withdrawn', note: 'No longer wanted', at });
    case 'PUT /api/referrals/:id/breach-reason':
      return refStep({ reason: 'no_bed_at_tier' });
    case 'PUT /api/referrals/:id/direction':
      return refStep({ issuedOn: '2026-05-30' });
    case 'POST /api/referrals/:id/offer':
      return refStep({ wardId: reg.wards.lowMale });
    case 'POST /api/referrals/:id/admit':
      return refStep({});
    case 'POST /api/referrals/:id/forward':
      return refStep({ targetUnitId: reg.mediumUnit, reason: 'Needs medium secure care' });
    case 'POST /api/referrals/:id/decisions':
      return refStep({ decision: 'accept', reason: 'We have a bed', members: [{ name: 'Dr M', discipline: 'psychiatrist', tier: 'low' }] });
    case 'POST /api/referrals/:id/conferences':
      return refStep({ kind: 'return', calendar: 'england_wales', noticeGivenAt: at, scheduledFor: '2025-12-20T10:00:00Z', invited: ['visiting_psychiatrist'] });
    case 'POST /api/referrals/:id/assessments':
      return refStep({
        assessorName: 'Dr A Assessor',
        disciplines: ['psychiatrist'],
        assessedAt: at,
        recommendedTier: 'low',
        recommendedSpecialism: 'mental_illness',
        rationale: 'A stale version: never saved.',
        securityRatings: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`S${i + 1}`, 1])),
        urgencyRatings: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`U${i + 1}`, 1])),
        supervisionItems: [],
      });
    case 'PUT /api/planning/comparators/:id':
      return { method, url, body: { name: 'Renamed', entries: [{ area: 'Trent', tier: 'low', sex: 'all', specialism: 'all', per100k: 3 }] }, headers: STALE };
    case 'DELETE /api/planning/comparators/:id':
      return { method, url, headers: STALE };
    case 'POST /api/audit/break-glass/:id/review':
      return { method, url, body: { note: 'Reviewed in the matrix test' } };
    case 'POST /api/access/break-glass':
      return { method, url, body: { patientId: ids.patient, reason: 'too short', code: '123456' } };
    default:
      return { method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) };
  }
}

const send = (c: Client, call: Call) => c.request(call.method, call.url, call.body, call.headers);

/** Changes last (a deletion must not hide a record from the reads after it), and signing out very last. */
const order = (route: string) => (route === 'POST /api/auth/logout' ? 3 : route.startsWith('DELETE') ? 2 : route.startsWith('GET') ? 0 : 1);

describe('policy matrix: every route × role × relationship', () => {
  it('names every route of the API, and only those', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    // The OpenAPI document hides only itself.
    expect(served.filter((r) => !documented.includes(r))).toEqual(['GET /api/openapi.json']);
    expect(served.filter((r) => !(r in ROUTE_REACH)), 'routes missing from ROUTE_REACH').toEqual([]);
    expect(Object.keys(ROUTE_REACH).filter((r) => !served.includes(r)), 'ROUTE_REACH names routes that do not exist').toEqual([]);
  });

  it('answers each cell exactly as the policy table says, and changes nothing it may not', async () => {
    const routes = [...t.app.routeTable].filter((r) => r.access !== 'public').sort((a, b) => order(`${a.method} ${a.url}`) - order(`${b.method} ${b.url}`));
    const before = await snapshot();
    const wrong: string[] = [];
    let cells = 0;
    for (const r of routes) {
      const route = `${r.method} ${r.url}`;
      const reach = ROUTE_REACH[route]!;
      for (const role of ROLES) {
        const c = await t.as(role);
        const own = owned.get(role) ?? owned.get(KEEPER)!;
        // A route that no record decides is asked once; the others once per scenario.
        for (const scenario of reach === 'role' ? (['own_ward'] as const) : SCENARIOS) {
          const planning = scenario === 'own_ward' ? own : owned.get(KEEPER)!;
          const ids: Ids = { ...records[scenario], ...planning };
          const expected: Decision = decide(role, r.access as string, reach, held(role, scenario));
          const call = callFor(route, ids);
          const res = await send(c, call);
          cells++;
          const got = await classify(c, route, call, res, ids);
          if (got !== expected) wrong.push(`${role} ${route} [${scenario}] expected ${expected}, got ${got} (${res.statusCode} ${res.body.slice(0, 160)})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(1500);
    // Nothing anyone tried moved a patient, changed a record or a referral they could not reach.
    expect(await snapshot()).toEqual(before);
  }, 300_000);
});

/** What the response amounts to: refused, indistinguishable from not there, or served. */
async function classify(c: Client, route: string, call: Call, res: Awaited<ReturnType<Client['request']>>, ids: Ids): Promise<Decision | string> {
  if (res.statusCode === 403) return res.json().error.code === 'not_permitted' ? 'forbid' : `403 ${res.json().error.code}`;
  if (call.lists && res.statusCode === 200) return call.lists(res.body) ? 'allow' : 'hide';
  if (res.statusCode === 404) {
    // Out of reach must look exactly like a record that does not exist: same status, same body.
    const missing = callFor(route, { ...ids, patient: MISSING, referral: MISSING, conference: MISSING, prisonReturn: MISSING, job: MISSING, comparators: MISSING });
    const ghost = await send(c, missing);
    return ghost.statusCode === 404 && ghost.body === res.body ? 'hide' : `404 unlike a missing record (${ghost.body})`;
  }
  if (res.statusCode === 401 || res.statusCode >= 500) return `${res.statusCode}`;
  return 'allow';
}

/** The records the matrix must not change: placements, patients' details, referrals and their children. */
async function snapshot() {
  const [placements, patients, referrals, conferences, returns] = await Promise.all([
    t.db.selectFrom('placement').select(['id', 'patient_id', 'ward_id', 'ended_at']).orderBy('id').execute(),
    t.db.selectFrom('patient').select(['id', 'family_name', 'version']).where('family_name', 'like', 'Matrix-%').orderBy('id').execute(),
    t.db.selectFrom('referral').select(['id', 'state', 'version', 'offered_ward_id']).orderBy('id').execute(),
    t.db.selectFrom('case_conference').select(['id', 'version']).where('held_at', 'is not', null).orderBy('id').execute(),
    t.db.selectFrom('prison_return').select(['id', 'version']).orderBy('id').execute(),
  ]);
  return { placements, patients, referrals, conferences, returns };
}
