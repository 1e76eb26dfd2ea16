import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRegister, patientInput, referralInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import { fixedClock } from '../clock.js';
import type { Board, ReferralDetail } from './referrals.schema.js';
import { GENERATION_RECHECK_MS } from './referrals.service.js';
import type { Static } from 'typebox';

// A prison transfer through the API, the way a bed manager runs it: intake, assessment, a decline at
// one unit, forwarding with the same assessment, acceptance, a bed, admission within the clock.

const clock = fixedClock('2026-06-01T09:00:00Z');
let t: TestApp;
let reg: Register;
let bm: Client;

const ratings = (prefix: string, n: number, value = 2) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, value]));
const assessment = (over: Record<string, unknown> = {}) => ({
  assessorName: 'Dr A Assessor',
  disciplines: ['psychiatrist', 'nurse'],
  recommendedTier: 'medium',
  recommendedSpecialism: 'mental_illness',
  rationale: 'Serious violence in custody; needs medium secure care now.',
  securityRatings: ratings('S', 11),
  urgencyRatings: ratings('U', 6, 3),
  supervisionItems: [5, 7],
  ...over,
});
const members = [
  { name: 'Dr M Medium', discipline: 'psychiatrist', tier: 'medium' },
  { name: 'L Low', discipline: 'nurse', tier: 'low' },
];

async function refer(over: Record<string, unknown> = {}, patient?: number): Promise<ReferralDetail> {
  const res = await bm.post('/api/referrals', {
    ...(patient ? { patientId: patient } : { newPatient: patientInput(reg.north) }),
    source: 'prison_in_reach',
    referringOrganisationId: reg.nhs,
    referringUnitId: reg.prisonUnit,
    referringClinician: 'Dr P In-Reach',
    legalRoute: 's48_49',
    urgency: 'urgent',
    urgencyReason: 'Not eating or drinking for three days',
    requestedTier: 'low',
    requestedSpecialism: 'mental_illness',
    homeRegionId: reg.north,
    offenceCategory: 'violence_against_person',
    targetUnitId: reg.lowUnit,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ReferralDetail;
}
const later = (days: number, hour = 10) => clock.set(new Date(Date.UTC(2026, 5, 1 + days, hour)));
/** A step of a referral as the web app sends it: against the version the user last saw (If-Match). */
const step = async (method: 'POST' | 'PUT', id: number, path: string, body: unknown) => {
  const { version } = (await bm.get(`/api/referrals/${id}`)).json() as ReferralDetail;
  return bm.request(method, `/api/referrals/${id}/${path}`, body, { 'if-match': `"${version}"` });
};
const act = async (id: number, path: string, body: unknown, status = 200, method: 'POST' | 'PUT' = 'POST') => {
  const res = await step(method, id, path, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as ReferralDetail;
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
});
afterAll(() => t.close());

describe('a prison transfer end to end', () => {
  let r: ReferralDetail;

  it('starts the 14-day clock at intake, due on day 14', async () => {
    clock.set('2026-06-01T09:00:00Z');
    r = await refer();
    expect(r.state).toBe('received');
    expect(r.clock).toMatchObject({ policy: 'single_14', status: 'on_track', daysRemaining: 14 });
    expect(r.clock.current.dueOn).toBe('2026-06-15');
    expect(r.events.map((e) => e.kind)).toEqual(['received']);
    expect(r.actions).toContain('assess');
    expect(r.actions).not.toContain('decide');
  });

  it('refuses a panel decision before any assessment', async () => {
    const res = await step('POST', r.id, 'decisions', { decision: 'accept', reason: 'Has a bed', members });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('assessment_required');
  });

  it('names each missing or out-of-range rating, and saves nothing', async () => {
    const res = await step('POST', r.id, 'assessments', assessment({ securityRatings: { ...ratings('S', 10), S1: 7 } }));
    expect(res.statusCode).toBe(400);
    const messages = (res.json().error.details as { message: string }[]).map((d) => d.message);
    expect(messages).toContain('S1 (Seriousness of violence) must be a whole number from 0 to 4');
    expect(messages).toContain('S11 (Legal process) is not rated');
    expect(((await bm.get(`/api/referrals/${r.id}`)).json() as ReferralDetail).assessmentCount).toBe(0);
  });

  it('records one assessment with the supervision-criteria indication', async () => {
    later(2);
    r = await act(r.id, 'assessments', assessment(), 201);
    expect(r.state).toBe('assessed');
    expect(r.assessmentCount).toBe(1);
    expect(r.assessments[0]).toMatchObject({ supervisionIndication: 'medium', securityTotal: 22, urgencyTotal: 18, valid: true, validUntil: '2026-09-01' });
  });

  it('needs the tier recommended instead when a panel declines', async () => {
    later(3);
    const res = await step('POST', r.id, 'decisions', { decision: 'decline', reason: 'Needs more security than we hold', members });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('recommendedTier');
    r = await act(r.id, 'decisions', { decision: 'decline', reason: 'Needs more security than we hold', recommendedTier: 'medium', members }, 201);
    expect(r.state).toBe('declined');
  });

  it('never admits a declined referral', async () => {
    const res = await step('POST', r.id, 'admit', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('referral_wrong_stage');
  });

  it('forwards to the medium secure unit with the same assessment, so that panel can decide at once', async () => {
    later(4);
    r = await act(r.id, 'forward', { targetUnitId: reg.mediumUnit, reason: 'Larch House recommends medium secure' });
    expect(r.state).toBe('assessed');
    expect(r.targetUnit?.name).toBe('Moorside Unit');
    expect(r.assessmentCount).toBe(1);
    later(5);
    r = await act(r.id, 'decisions', { decision: 'accept', reason: 'Agrees with the assessment', members }, 201);
    expect(r.decisions.map((d) => [d.panel, d.decision, d.assessmentId])).toEqual([
      ['Larch House', 'decline', r.assessments[0]!.id],
      ['Moorside Unit', 'accept', r.assessments[0]!.id],
    ]);
  });

  it('offers a bed only on a ward of the accepting unit', async () => {
    const wrong = await step('POST', r.id, 'offer', { wardId: reg.wards.lowMale });
    expect(wrong.statusCode).toBe(400);
    later(6);
    r = await act(r.id, 'offer', { wardId: reg.wards.mediumMale });
    expect(r.state).toBe('bed_offered');
    expect(r.offeredWard?.name).toBe('Ash Ward');
  });

  it('refuses an event dated before the last one, or in the future', async () => {
    expect((await step('POST', r.id, 'admit', { admittedAt: '2026-06-05T00:00:00Z' })).json().error.code).toBe('date_out_of_order');
    expect((await step('POST', r.id, 'admit', { admittedAt: '2026-07-30T00:00:00Z' })).json().error.code).toBe('date_in_future');
  });

  it('admits within the clock: the placement exists and the clock has stopped as met', async () => {
    later(10);
    r = await act(r.id, 'admit', {}, 201);
    expect(r.state).toBe('admitted');
    expect(r.clock).toMatchObject({ status: 'met', stoppedOn: '2026-06-11', daysRemaining: null });
    expect(r.placementId).not.toBeNull();
    const patient = (await bm.get(`/api/patients/${r.patient.id}`)).json();
    expect(patient.placements[0]).toMatchObject({ wardName: 'Ash Ward', source: 'prison' });
    expect(r.actions).toEqual([]);
    expect(r.events.map((e) => e.kind)).toEqual(['received', 'assessed', 'declined', 'forwarded', 'accepted', 'bed_offered', 'admitted']);
  });

  it('audits the referral against the patient', async () => {
    const actions = await t.db.selectFrom('audit_event').select('action').where('patient_id', '=', r.patient.id).where('record_type', '=', 'referral').execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['refer', 'read', 'assess', 'decide', 'forward', 'offer', 'admit']));
  });
});

describe('rules around the clock', () => {
  it('refuses a second open referral for the same person to the same unit', async () => {
    clock.set('2026-06-20T09:00:00Z');
    const first = await refer({ targetUnitId: reg.mediumUnit });
    const res = await bm.post('/api/referrals', { ...referralBody(), patientId: first.patient.id, targetUnitId: reg.mediumUnit });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('referral_already_open');
    // The refusal tells that a referral is open there, which the referrer may not see: audited.
    const denied = await t.db.selectFrom('audit_event').select('reason').where('action', '=', 'denied').where('record_type', '=', 'patient').where('record_id', '=', String(first.patient.id)).execute();
    expect(denied).toEqual([{ reason: 'refer: a referral to that panel is already open' }]);
    // To another panel is fine.
    await refer({ targetUnitId: reg.lowUnit }, first.patient.id);
  });

  it('lets a panel forward a referral to a unit outside its own scope, and then no longer shows it', async () => {
    clock.set('2026-06-22T09:00:00Z');
    const r = await refer({ targetUnitId: reg.lowUnit });
    await act(r.id, 'assessments', assessment(), 201);
    await act(r.id, 'decisions', { decision: 'decline', reason: 'Needs more security than we hold', recommendedTier: 'medium', members }, 201);
    // The responsible clinician works on Larch House (the low secure unit) only.
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'responsible-clinician').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
    await t.db.insertInto('user_scope').values({ user_id: user.id, role: 'responsible-clinician', level: 'unit', ref_id: reg.lowUnit }).execute();
    const rc = await t.as('responsible-clinician');
    const { version } = (await rc.get(`/api/referrals/${r.id}`)).json() as ReferralDetail;
    const forwarded = await rc.post(`/api/referrals/${r.id}/forward`, { targetUnitId: reg.mediumUnit, reason: 'Larch House recommends medium secure' }, { 'if-match': `"${version}"` });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect((forwarded.json() as ReferralDetail).targetUnit?.name).toBe('Moorside Unit');
    expect((await rc.get(`/api/referrals/${r.id}`)).statusCode).toBe(404);
  });

  it('flags a repeat assessment made while a valid one exists, naming who did it', async () => {
    clock.set('2026-06-21T09:00:00Z');
    const r = await refer({ targetUnitId: reg.mediumUnit });
    await act(r.id, 'assessments', assessment(), 201);
    const again = await act(r.id, 'assessments', assessment({ assessorName: 'Dr B Second' }), 201);
    expect(again.assessmentCount).toBe(2);
    expect(again.flags).toContain('duplicate_assessment');
    expect(again.events.find((e) => e.kind === 'repeat_assessment')?.summary).toMatch(/Repeat assessment by Dr B Second, recorded by Test bed-manager, while assessment \d+ was valid until/);
    // Assessed again for another panel: flagged, without naming the other referral's assessment.
    const other = await refer({ targetUnitId: reg.lowUnit }, r.patient.id);
    const elsewhere = await act(other.id, 'assessments', assessment({ assessorName: 'Dr C Third' }), 201);
    expect(elsewhere.flags).toContain('duplicate_assessment');
    expect(elsewhere.events.find((e) => e.kind === 'repeat_assessment')?.summary).toBe('Repeat assessment by Dr C Third, recorded by Test bed-manager, while an assessment made for another referral of this patient was still valid');
    expect(elsewhere.assessments.at(-1)).toMatchObject({ isRepeat: true, repeatsAssessmentId: null });
    expect(again.assessments.at(-1)).toMatchObject({ isRepeat: true, repeatsAssessmentId: again.assessments[0]!.id });
  });

  it('asks for the reason once breached, before the referral can be closed', async () => {
    clock.set('2026-05-01T09:00:00Z');
    const r = await refer({ targetUnitId: reg.mediumUnit });
    clock.set('2026-05-20T09:00:00Z');
    const now = (await bm.get(`/api/referrals/${r.id}`)).json() as ReferralDetail;
    expect(now.clock).toMatchObject({ status: 'breached', daysRemaining: -5 });
    expect(now.flags).toContain('breach_reason_needed');
    const refused = await step('POST', r.id, 'close', { outcome: 'not_needed', note: 'Improved with treatment in prison' });
    expect(refused.json().error.code).toBe('breach_reason_required');
    const other = await step('PUT', r.id, 'breach-reason', { reason: 'other' });
    expect(other.statusCode).toBe(400);
    await act(r.id, 'breach-reason', { reason: 'no_bed_at_tier' }, 200, 'PUT');
    const closed = await act(r.id, 'close', { outcome: 'not_needed', note: 'Improved with treatment in prison' });
    expect(closed.state).toBe('not_needed');
    expect(closed.clock.status).toBe('stopped');
  });

  it('keeps the policy a referral was created with (two 14-day stages)', async () => {
    clock.set('2026-06-01T09:00:00Z');
    const r = await refer({ clockPolicy: 'two_stage_14', targetUnitId: reg.lowUnit, newPatient: patientInput(reg.south) });
    expect(r.clock.current.name).toBe('referral_to_assessment');
    clock.set('2026-06-10T09:00:00Z');
    const assessed = await act(r.id, 'assessments', assessment(), 201);
    expect(assessed.clock.current).toMatchObject({ name: 'assessment_to_transfer', dueOn: '2026-06-24' });
  });

  it('refuses a step sent without the version it was made against (If-Match), changing nothing', async () => {
    clock.set('2026-06-22T09:00:00Z');
    const r = await refer({ targetUnitId: reg.mediumUnit });
    for (const [method, path, body] of [
      ['POST', 'assessments', assessment()],
      ['PUT', 'direction', { issuedOn: '2026-06-22' }],
      ['POST', 'close', { outcome: 'withdrawn', note: 'No longer wanted' }],
    ] as const) {
      const res = await bm.request(method, `/api/referrals/${r.id}/${path}`, body);
      expect(res.statusCode, path).toBe(428);
      expect(res.json().error.code).toBe('version_required');
    }
    const now = (await bm.get(`/api/referrals/${r.id}`)).json() as ReferralDetail;
    expect(now).toMatchObject({ version: r.version, state: r.state, assessmentCount: 0 });
  });

  it('refuses an edit made against an old version (If-Match), and says what changed', async () => {
    clock.set('2026-06-22T09:00:00Z');
    const r = await refer({ targetUnitId: reg.mediumUnit });
    await act(r.id, 'assessments', assessment(), 201);
    const stale = await bm.request('PUT', `/api/referrals/${r.id}/direction`, { issuedOn: '2026-06-22' }, { 'if-match': `"${r.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.current.assessmentCount).toBe(1);
    // Showing the referral as it now stands is a look at it: audited, though the change was refused.
    const shown = await t.db.selectFrom('audit_event').select(['action', 'patient_id', 'record_id']).where('record_type', '=', 'referral').where('reason', 'like', 'shown with%').execute();
    expect(shown).toEqual([{ action: 'read', patient_id: r.patient.id, record_id: String(r.id) }]);
  });

  it('warns before a transfer direction lapses (14 days counting the day of issue)', async () => {
    clock.set('2026-06-23T09:00:00Z');
    const r = await refer({ targetUnitId: reg.mediumUnit });
    const d = await act(r.id, 'direction', { issuedOn: '2026-06-10' }, 200, 'PUT');
    expect(d.direction).toMatchObject({ expiresOn: '2026-06-23', daysRemaining: 0, status: 'expiring' });
    expect(d.flags).toContain('direction_expiring');
  });
});

describe('case conferences', () => {
  it('needs a reason for less than 3 working days of notice, by the chosen calendar', async () => {
    clock.set('2026-04-02T09:00:00Z'); // Thursday before Good Friday
    const r = await refer({ targetUnitId: reg.mediumUnit });
    const conference = { kind: 'transfer', calendar: 'england_wales', scheduledFor: '2026-04-09T10:00:00Z', invited: ['visiting_psychiatrist', 'healthcare_manager'] };
    const short = await step('POST', r.id, 'conferences', conference);
    expect(short.statusCode).toBe(422);
    expect(short.json().error.message).toMatch(/Only 2 working days of notice/);
    // Notice is not dated before the referral arrived: its timeline reads in order (and a backdated
    // notice would dodge the short-notice rule).
    const backdated = await step('POST', r.id, 'conferences', { ...conference, noticeGivenAt: '2026-03-30T09:00:00Z' });
    expect(backdated.statusCode).toBe(422);
    expect(backdated.json().error.code).toBe('date_out_of_order');
    const scottish = await act(r.id, 'conferences', { ...conference, calendar: 'scotland' }, 201);
    expect(scottish.conferences[0]).toMatchObject({ noticeWorkingDays: 3, missingInvitees: ['residential_unit_manager', 'security_manager'] });
    const notice = (await bm.get('/api/referrals/notice?calendar=england_wales&noticeDate=2026-04-02&conferenceDate=2026-04-09')).json();
    expect(notice).toMatchObject({ workingDays: 2, enough: false, earliestDate: '2026-04-10', bankHolidays: ['2026-04-03', '2026-04-06'] });
  });

  it('records a version disclosable to the patient and a separate intelligence gist', async () => {
    clock.set('2026-04-20T09:00:00Z');
    const r = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
    const withConf = await Promise.all(r.items.map(async (i) => (await bm.get(`/api/referrals/${i.id}`)).json() as ReferralDetail));
    const conf = withConf.flatMap((d) => d.conferences)[0]!;
    const record = {
      heldAt: '2026-04-09T11:00:00Z',
      attended: ['visiting_psychiatrist'],
      disclosableRecord: 'We agreed transfer to Moorside Unit is needed and discussed the plan with you.',
      intelligenceGist: 'Information from a third party raises concern about contact with a named person.',
    };
    // Against the version seen, as every change is: without it, refused and nothing recorded.
    const unversioned = await bm.post(`/api/conferences/${conf.id}/record`, record);
    expect(unversioned.statusCode).toBe(428);
    expect(unversioned.json().error.code).toBe('version_required');
    const res = await bm.post(`/api/conferences/${conf.id}/record`, record, { 'if-match': `"${conf.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ heldAt: '2026-04-09T11:00:00.000Z', intelligenceGist: expect.stringContaining('third party') });
  });

  it("answers a referral's conference, to someone who reaches the patient but not the referral, as missing", async () => {
    // A responsible clinician on another unit's ward, with emergency access to the patient only.
    const conf = await t.db.selectFrom('case_conference').select(['id', 'patient_id']).where('referral_id', 'is not', null).executeTakeFirstOrThrow();
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'responsible-clinician').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
    await t.db.insertInto('user_scope').values({ user_id: user.id, role: 'responsible-clinician', level: 'ward', ref_id: reg.wards.lowMaleSouth }).execute();
    await t.db.insertInto('break_glass').values({ user_id: user.id, role: 'responsible-clinician', patient_id: conf.patient_id, reason: 'Emergency access for this test of conferences', started_at: clock.now(), expires_at: new Date(clock.now().getTime() + 3_600_000) }).execute();
    const rc = await t.as('responsible-clinician');
    expect((await rc.get(`/api/patients/${conf.patient_id}`)).statusCode).toBe(200);
    const record = { heldAt: '2026-04-09T11:00:00Z', attended: ['visiting_psychiatrist'], disclosableRecord: 'Trying to overwrite the record of this conference.' };
    const hidden = await rc.post(`/api/conferences/${conf.id}/record`, record, { 'if-match': '"0"' });
    const missing = await rc.post('/api/conferences/999999/record', record, { 'if-match': '"0"' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    await t.db.deleteFrom('break_glass').where('user_id', '=', user.id).execute();
  });
});

describe('returns to prison', () => {
  it('links a handover only to a conference about the same person, answering any other alike', async () => {
    clock.set('2026-06-22T09:00:00Z');
    const [a, b] = [(await refer()).patient.id, (await refer()).patient.id];
    const scheduled = await bm.post(`/api/patients/${a}/conferences`, {
      kind: 'return',
      calendar: 'england_wales',
      noticeGivenAt: clock.now().toISOString(),
      scheduledFor: '2026-07-02T10:00:00Z',
      invited: ['visiting_psychiatrist'],
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const conferenceId = (scheduled.json() as { id: number }).id;
    const handover = (patient: number, conference: number) => bm.post(`/api/patients/${patient}/prison-returns`, { prisonUnitId: reg.prisonUnit, plannedFor: '2026-07-01', handoverItems: [], conferenceId: conference });
    const someoneElses = await handover(b, conferenceId);
    const none = await handover(b, 999_999);
    expect(someoneElses.statusCode).toBe(422);
    expect(someoneElses.json().error).toMatchObject({ code: 'unknown_reference', details: [{ field: 'conferenceId' }] });
    expect(none.body).toBe(someoneElses.body);
    expect(await t.db.selectFrom('prison_return').select('id').where('patient_id', '=', b).execute()).toEqual([]);
    expect((await handover(a, conferenceId)).statusCode).toBe(201);
  });

  it('creates a conference and a return once for a retried request with the same Idempotency-Key', async () => {
    const a = (await refer()).patient.id;
    const key = { 'idempotency-key': `conf-${a}-retry` };
    const body = { kind: 'return', calendar: 'england_wales', noticeGivenAt: clock.now().toISOString(), scheduledFor: '2026-07-02T10:00:00Z', invited: ['visiting_psychiatrist'] };
    const [first, again] = [await bm.post(`/api/patients/${a}/conferences`, body, key), await bm.post(`/api/patients/${a}/conferences`, body, key)];
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().id).toBe(first.json().id);
    const back = { prisonUnitId: reg.prisonUnit, plannedFor: '2026-07-01', handoverItems: [], conferenceId: first.json().id };
    const returnKey = { 'idempotency-key': `return-${a}-retry` };
    const [r1, r2] = [await bm.post(`/api/patients/${a}/prison-returns`, back, returnKey), await bm.post(`/api/patients/${a}/prison-returns`, back, returnKey)];
    expect(r2.json().id).toBe(r1.json().id);
    expect(await t.db.selectFrom('prison_return').select('id').where('patient_id', '=', a).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('case_conference').select('id').where('patient_id', '=', a).execute()).toHaveLength(1);
    // The same key for a different return is refused.
    expect((await bm.post(`/api/patients/${a}/prison-returns`, { ...back, plannedFor: '2026-07-03' }, returnKey)).statusCode).toBe(422);
  });
});

describe('the board and the measures', () => {
  it('shows open referrals with clock counts, the most overdue first', async () => {
    clock.set('2026-06-25T09:00:00Z');
    const board = (await bm.get('/api/referrals')).json() as Static<typeof Board>;
    expect(board.total).toBeGreaterThan(3);
    expect(board.byClock.breached + board.byClock.amber + board.byClock.on_track).toBe(board.total);
    const left = board.items.map((i) => i.clock.daysRemaining ?? 0);
    expect(left).toEqual([...left].sort((a, b) => a - b));
    const breached = (await bm.get('/api/referrals?clock=breached')).json() as Static<typeof Board>;
    expect(breached.items.every((i) => i.clock.status === 'breached')).toBe(true);
  });

  it('answers twenty viewers at once when the kept board is too old: a fresh board, the same for each, each view audited', async () => {
    // Minutes after the board was last made, every viewer misses it together (they share one load).
    clock.set('2026-06-25T09:05:00Z');
    // The tests below take this board as made after every earlier change: a change outside this
    // server (or by a service that does not tell the board) is seen once the generation is read again.
    await new Promise((resolve) => setTimeout(resolve, GENERATION_RECHECK_MS + 50));
    const eventsBefore = await boardViewsAudited();
    const views = await Promise.all(Array.from({ length: 20 }, () => bm.get('/api/referrals')));
    expect(views.map((v) => v.statusCode)).toEqual(Array(20).fill(200));
    const boards = views.map((v) => v.json() as Static<typeof Board>);
    expect(new Set(boards.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(boards[0]!.asOf).toBe('2026-06-25T09:05:00.000Z');
    expect((await boardViewsAudited()) - eventsBefore).toBe(20);
  });

  it('answers at once with a board just past its minute while a fresh one is made, when nothing has changed', async () => {
    clock.set('2026-06-25T09:06:05Z');
    const first = (await bm.get('/api/referrals')).json() as Static<typeof Board>;
    expect(first.asOf).toBe('2026-06-25T09:05:00.000Z');
    await vi.waitFor(async () => expect(((await bm.get('/api/referrals')).json() as Static<typeof Board>).asOf).toBe('2026-06-25T09:06:05.000Z'));
  });

  it('makes a fresh board before answering once the kept one is well past its minute', async () => {
    clock.set('2026-06-25T09:07:20Z');
    expect(((await bm.get('/api/referrals')).json() as Static<typeof Board>).asOf).toBe('2026-06-25T09:07:20.000Z');
  });

  it('never answers with a board made before a change, however recent', async () => {
    clock.set('2026-06-25T09:08:25Z'); // just past the kept board's minute
    const before = (await bm.get('/api/referrals')).json() as Static<typeof Board>;
    const added = await refer();
    const after = (await bm.get('/api/referrals')).json() as Static<typeof Board>;
    expect(after.total).toBe(before.total + 1);
    expect(after.asOf).toBe('2026-06-25T09:08:25.000Z');
    expect(JSON.stringify(after)).toContain(`"id":${added.id},`);
  });

  it('shows a correction to a referred patient\'s name on the next view of the board, made through this server', async () => {
    clock.set('2026-06-25T09:08:40Z');
    const added = await refer();
    const before = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
    expect(before.items.find((i) => i.id === added.id)?.patient.name).not.toContain('Corrected');
    const patient = (await bm.get(`/api/patients/${added.patient.id}`)).json() as { version: number };
    const fix = await bm.patch(`/api/patients/${added.patient.id}`, { familyName: 'Corrected' }, { 'if-match': `"${patient.version}"` });
    expect(fix.statusCode, fix.body).toBe(200);
    // Straight after, well inside the time this server trusts a generation it read.
    const after = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
    expect(after.items.find((i) => i.id === added.id)?.patient.name).toContain('Corrected');
  });

  it('shows a unit renamed outside this server on the board once the generation is read again, not a minute later', async () => {
    clock.set('2026-06-25T09:08:50Z');
    const added = await refer();
    const before = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
    const oldName = before.items.find((i) => i.id === added.id)?.targetUnit?.name;
    expect(oldName).toBeDefined();
    await t.db.updateTable('unit').set({ name: `${oldName} (renamed)` }).where('id', '=', reg.lowUnit).execute();
    try {
      await new Promise((resolve) => setTimeout(resolve, GENERATION_RECHECK_MS + 50));
      const after = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
      expect(after.items.find((i) => i.id === added.id)?.targetUnit?.name).toBe(`${oldName} (renamed)`);
    } finally {
      await t.db.updateTable('unit').set({ name: oldName! }).where('id', '=', reg.lowUnit).execute();
    }
  });

  it('makes every filtered view of a caller\'s board from one load: the same moment, and exactly the referrals each filter names', async () => {
    clock.set('2026-06-25T09:20:00Z');
    // Unlike every referral before it: routine, medium tier, from a court, to the south's regional
    // panel; and one sent to the independent provider's unit, so that provider's view has one it made
    // and one sent to it.
    await refer({ source: 'court', legalRoute: 's37', urgency: 'routine', urgencyReason: undefined, requestedTier: 'medium', referringOrganisationId: reg.independent, referringUnitId: undefined, targetUnitId: undefined, targetRegionId: reg.south });
    const southUnit = (await t.db.selectFrom('ward').select('unit_id').where('id', '=', reg.wards.lowMaleSouth).executeTakeFirstOrThrow()).unit_id;
    await refer({ targetUnitId: southUnit });
    await new Promise((resolve) => setTimeout(resolve, GENERATION_RECHECK_MS + 50));
    const all = (await bm.get('/api/referrals?limit=200')).json() as Static<typeof Board>;
    expect(all.total).toBe(all.items.length);
    const units = new Map((await t.db.selectFrom('unit').select(['id', 'organisation_id']).execute()).map((u) => [u.id, u.organisation_id]));
    type Item = (typeof all.items)[number];
    const filters: [string, (i: Item) => boolean][] = [
      ['prisonOnly=true', (i) => ['s47_49', 's48_49'].includes(i.legalRoute)],
      ['urgency=routine', (i) => i.urgency === 'routine'],
      ['tier=medium', (i) => i.requestedTier === 'medium'],
      [`regionId=${reg.south}`, (i) => i.targetRegion.id === reg.south],
      [`unitId=${reg.lowUnit}`, (i) => i.targetUnit?.id === reg.lowUnit],
      [`organisationId=${reg.independent}`, (i) => i.referringOrganisation.id === reg.independent || (i.targetUnit !== null && units.get(i.targetUnit.id) === reg.independent)],
      ['clock=breached', (i) => i.clock.status === 'breached'],
      ['state=received', (i) => i.state === 'received'],
      [`prisonOnly=true&regionId=${reg.south}`, (i) => ['s47_49', 's48_49'].includes(i.legalRoute) && i.targetRegion.id === reg.south],
    ];
    // Half a minute later, a view with other filters still comes from the 09:20 load.
    clock.set('2026-06-25T09:20:30Z');
    for (const [query, shows] of filters) {
      const view = (await bm.get(`/api/referrals?limit=200&${query}`)).json() as Static<typeof Board>;
      expect(view.asOf, query).toBe('2026-06-25T09:20:00.000Z');
      const expected = all.items.filter(shows).map((i) => i.id);
      // Each filter here picks some referrals and leaves others, so a filter that did nothing, or
      // everything, would show.
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(all.items.length);
      expect(view.items.map((i) => i.id), query).toEqual(expected);
      expect(view.total, query).toBe(view.items.length);
      // The counts by state cover what the other filters leave (a state or clock filter then picks among them).
      if (!/state=|clock=/.test(query)) expect(view.byState, query).toEqual(view.items.reduce<Record<string, number>>((n, i) => ({ ...n, [i.state]: (n[i.state] ?? 0) + 1 }), {}));
    }
  });

  it('records each board view as one audit event naming every patient shown, found in each patient\'s trail', async () => {
    const board = (await bm.get('/api/referrals?limit=3')).json() as Static<typeof Board>;
    const shown = board.items.map((i) => i.patient.id);
    const event = await t.db.selectFrom('audit_event').select(['patient_ids', 'record_type']).where('record_type', '=', 'referral_board').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.patient_ids).toEqual(shown);
    const privacy = await t.as('privacy-officer');
    const trail = (await privacy.get(`/api/audit/patients/${shown[0]}`)).json();
    expect(JSON.stringify(trail)).toContain('referral_board');
  });

  it('reports days to admission and 14-day compliance by month for clinicians', async () => {
    const m = (await bm.get('/api/referrals/measures?groupBy=nation&from=2026-01-01&to=2026-06-30')).json();
    expect(m.disclosureControlled).toBe(false);
    const june = m.groups[0].months.find((p: { month: string }) => p.month === '2026-06');
    expect(june).toMatchObject({ admitted: 1, medianDaysToAdmission: 10, percentWithin14: 100 });
    expect(m.groups[0].breachReasons.no_bed_at_tier).toBe(1);
  });

  it('withholds small numbers from commissioners, who never see a named referral', async () => {
    const commissioner = await t.as('commissioner');
    expect((await commissioner.get('/api/referrals')).statusCode).toBe(403);
    const m = (await commissioner.get('/api/referrals/measures?groupBy=nation&from=2026-01-01&to=2026-06-30')).json();
    expect(m.disclosureControlled).toBe(true);
    expect(m.groups[0].totals).toMatchObject({ suppressed: true, medianDaysToAdmission: null });
    expect(JSON.stringify(m)).not.toMatch(/Testperson/);
    // Periods are whole months for them, complete ones (June is still going on): moving either end
    // by days gives the same answer, so two answers never differ by one day's referrals.
    const shifted = (await commissioner.get('/api/referrals/measures?groupBy=nation&from=2026-01-20&to=2026-06-03')).json();
    expect(shifted).toEqual(m);
    expect([shifted.from, shifted.to]).toEqual(['2026-01-01', '2026-05-31']);
    const thisMonth = await commissioner.get('/api/referrals/measures?groupBy=nation&from=2026-06-01&to=2026-06-30');
    expect(thisMonth.statusCode).toBe(400);
    expect(thisMonth.json().error.message).toMatch(/complete months only/);
    const clinician = (await bm.get('/api/referrals/measures?groupBy=nation&from=2026-01-20&to=2026-06-03')).json();
    expect([clinician.from, clinician.to]).toEqual(['2026-01-20', '2026-06-03']);
  });

  it('answers a referral outside the caller\'s scope exactly like a missing one', async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'case-manager').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
    const caseManager = await t.as('case-manager');
    const some = ((await bm.get('/api/referrals')).json() as Static<typeof Board>).items[0]!;
    const hidden = await caseManager.get(`/api/referrals/${some.id}`);
    const missing = await caseManager.get('/api/referrals/999999');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect(((await caseManager.get('/api/referrals')).json() as Static<typeof Board>).total).toBe(0);
  });
});

async function boardViewsAudited(): Promise<number> {
  const row = await t.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('record_type', '=', 'referral_board').executeTakeFirstOrThrow();
  return Number(row.n);
}

const referralBody = () => referralInput(reg);
