import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { createRegister, patientInput, referralInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { PatientDetail } from '../patients/patients.schema.js';

// A clinician with no relationship to a patient may claim emergency access with a reason: the record
// opens for an hour, bannered, and the claim waits in the privacy officer's queue.

const clock = fixedClock('2026-06-01T12:00:00Z');
let t: TestApp;
let reg: Register;
let clinician: Client;
let privacy: Client;
let stranger: PatientDetail;

beforeAll(async () => {
  t = await createTestApp({ clock });
  reg = await createRegister(t.db);
  const bm = await t.as('bed-manager');
  stranger = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Stranger' }))).json() as PatientDetail;
  await bm.post(`/api/patients/${stranger.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'court', admittedAt: '2026-05-01T00:00:00Z' });
  // The ward clinician works on Ash Ward only, so Stranger (on Delta Ward) is out of reach.
  const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'ward-clinician').executeTakeFirstOrThrow();
  await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
  await t.db.insertInto('user_scope').values({ user_id: user.id, role: 'ward-clinician', level: 'ward', ref_id: reg.wards.mediumMale }).execute();
  clinician = await t.as('ward-clinician');
  privacy = await t.as('privacy-officer');
});
afterAll(() => t.close());

describe('break-glass', () => {
  it('needs a real reason', async () => {
    const res = await clinician.post('/api/access/break-glass', { identifier: stranger.nhsNumber, reason: 'urgent', code: '123456' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('reason');
  });

  it('needs two-step sign-in set up, and a right code, before anything is looked up', async () => {
    const body = { identifier: stranger.nhsNumber, reason: 'Patient collapsed in reception; need medication history now' };
    const unset = await clinician.post('/api/access/break-glass', { ...body, code: '123456' });
    expect(unset.statusCode).toBe(403);
    expect(unset.json().error.code).toBe('second_factor_not_set_up');
    await t.totpCode('ward-clinician');
    const wrong = await clinician.post('/api/access/break-glass', { ...body, code: '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('second_factor_invalid');
    // The same answer whether or not the number belongs to anyone: a wrong code reveals nothing.
    expect((await clinician.post('/api/access/break-glass', { identifier: '999 999 9999', reason: body.reason, code: '000000' })).body).toBe(wrong.body);
    expect(await t.db.selectFrom('break_glass').select('id').execute()).toEqual([]);
  });

  it('takes a code once: the same code cannot open a second record', async () => {
    const code = await t.totpCode('ward-clinician');
    const other = (await (await t.as('bed-manager')).post('/api/patients', patientInput(reg.north, { familyName: 'Second' }))).json() as PatientDetail;
    const first = await clinician.post('/api/access/break-glass', { patientId: other.id, reason: 'Patient collapsed in reception; need medication history now', code });
    expect(first.statusCode, first.body).toBe(201);
    const replay = await clinician.post('/api/access/break-glass', { patientId: stranger.id, reason: 'Patient collapsed in reception; need medication history now', code });
    expect(replay.json().error.code).toBe('second_factor_invalid');
    await t.db.deleteFrom('break_glass').execute();
  });

  it('opens the record for an hour with a banner date, audited as emergency access', async () => {
    expect((await clinician.get(`/api/patients/${stranger.id}`)).statusCode).toBe(404);
    const reason = 'Patient collapsed in reception; need medication history now';
    const claim = await clinician.post('/api/access/break-glass', { identifier: stranger.nhsNumber!.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'), reason, code: await t.totpCode('ward-clinician') });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json()).toEqual({ patientId: stranger.id, expiresAt: '2026-06-01T13:00:00.000Z' });
    const read = await clinician.get(`/api/patients/${stranger.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().emergencyAccessUntil).toBe('2026-06-01T13:00:00.000Z');
    const events = await t.db.selectFrom('audit_event').select(['action', 'basis', 'reason']).where('patient_id', '=', stranger.id).where('username', '=', 'ward-clinician').orderBy('seq').execute();
    expect(events).toEqual([
      { action: 'break_glass', basis: 'break_glass', reason },
      { action: 'read', basis: 'break_glass', reason: null },
    ]);
  });

  it('audits whatever is done under emergency access as such: a search that finds the person, a correction', async () => {
    const found = (await clinician.get('/api/patients?q=Stranger')).json() as { items: { id: number }[] };
    expect(found.items.map((i) => i.id)).toEqual([stranger.id]);
    const { version } = (await clinician.get(`/api/patients/${stranger.id}`)).json() as PatientDetail;
    const corrected = await clinician.patch(`/api/patients/${stranger.id}`, { givenName: 'Corrected' }, { 'if-match': `"${version}"` });
    expect(corrected.statusCode, corrected.body).toBe(200);
    // The corrected record keeps the banner, and offers no move: the ward is not the clinician's.
    expect(corrected.json()).toMatchObject({ givenName: 'Corrected', emergencyAccessUntil: '2026-06-01T13:00:00.000Z', mayMove: false });
    const events = await t.db.selectFrom('audit_event').select(['action', 'basis']).where('patient_id', '=', stranger.id).where('action', 'in', ['search', 'update']).orderBy('seq').execute();
    expect(events).toEqual([
      { action: 'search', basis: 'break_glass' },
      { action: 'update', basis: 'break_glass' },
    ]);
    // A list that shows the person (returns to prison) is audited as emergency access for them.
    const bm = await t.as('bed-manager');
    expect((await bm.post(`/api/patients/${stranger.id}/prison-returns`, { prisonUnitId: reg.prisonUnit, plannedFor: '2026-07-01', handoverItems: [] })).statusCode).toBe(201);
    const listed = (await clinician.get('/api/prison-returns')).json() as { patient: { id: number } }[];
    expect(listed.map((r) => r.patient.id)).toContain(stranger.id);
    const list = await t.db.selectFrom('audit_event').select(['basis', 'patient_ids']).where('record_type', '=', 'prison_returns').where('username', '=', 'ward-clinician').execute();
    expect(list).toEqual([{ basis: 'break_glass', patient_ids: [stranger.id] }]);
  });

  it('does not let emergency access make a referral, which would keep the patient in sight after the hour', async () => {
    const bm = await t.as('bed-manager');
    const outsider = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Outsider' }))).json() as PatientDetail;
    await bm.post(`/api/patients/${outsider.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'court', admittedAt: '2026-05-01T00:00:00Z' });
    // The in-reach clinician works in the prison only.
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'in-reach-clinician').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
    await t.db.insertInto('user_scope').values({ user_id: user.id, role: 'in-reach-clinician', level: 'unit', ref_id: reg.prisonUnit }).execute();
    const inReach = await t.as('in-reach-clinician');
    expect((await inReach.get(`/api/patients/${outsider.id}`)).statusCode).toBe(404);
    const code = await t.totpCode('in-reach-clinician');
    expect((await inReach.post('/api/access/break-glass', { patientId: outsider.id, reason: 'Prisoner unwell at court; need the current care plan', code })).statusCode).toBe(201);
    const res = await inReach.post('/api/referrals', { ...referralInput(reg), patientId: outsider.id, targetUnitId: reg.mediumUnit });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.message).toMatch(/does not let you refer/);
    expect(await t.db.selectFrom('referral').select('id').where('patient_id', '=', outsider.id).execute()).toEqual([]);
    const denied = await t.db.selectFrom('audit_event').select(['action', 'record_id', 'reason']).where('username', '=', 'in-reach-clinician').where('action', '=', 'denied').orderBy('seq').execute();
    expect(denied).toEqual([
      { action: 'denied', record_id: String(outsider.id), reason: 'read: not found' },
      { action: 'denied', record_id: String(outsider.id), reason: 'refer: not permitted' },
    ]);
    await t.db.deleteFrom('break_glass').where('role', '=', 'in-reach-clinician').execute();
  });

  it('closes again when the hour is up', async () => {
    clock.set('2026-06-01T13:00:01Z');
    expect((await clinician.get(`/api/patients/${stranger.id}`)).statusCode).toBe(404);
    clock.set('2026-06-01T12:00:00Z');
  });

  it('puts every claim in the privacy officer queue until reviewed', async () => {
    const queue = (await privacy.get('/api/audit/break-glass')).json() as { id: number; username: string; reason: string }[];
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ username: 'ward-clinician', reason: expect.stringMatching(/collapsed/) });
    // Looking at the queue is audited, naming the patient whose claim it shows.
    const looks = await t.db.selectFrom('audit_event').select(['action', 'patient_ids']).where('record_type', '=', 'break_glass_queue').execute();
    expect(looks).toEqual([{ action: 'list', patient_ids: [stranger.id] }]);
    expect((await privacy.post(`/api/audit/break-glass/${queue[0]!.id}/review`, { note: 'Checked with the ward: appropriate.' })).statusCode).toBe(204);
    const reviewed = await t.db.selectFrom('audit_event').select(['action', 'patient_id', 'record_id']).where('record_type', '=', 'break_glass').where('username', '=', 'privacy-officer').execute();
    expect(reviewed).toEqual([{ action: 'update', patient_id: stranger.id, record_id: String(queue[0]!.id) }]);
    expect((await privacy.get('/api/audit/break-glass')).json()).toEqual([]);
    expect(((await privacy.get('/api/audit/break-glass?includeReviewed=true')).json() as unknown[]).length).toBe(1);
    expect((await clinician.get('/api/audit/break-glass')).statusCode).toBe(403);
    // Nobody reviews their own claim.
    const officer = await t.db.selectFrom('app_user').select('id').where('username', '=', 'privacy-officer').executeTakeFirstOrThrow();
    const own = await t.db.insertInto('break_glass').values({ user_id: officer.id, role: 'privacy-officer', patient_id: stranger.id, reason: 'A claim of my own, made for this test', started_at: clock.now(), expires_at: new Date(clock.now().getTime() + 60_000) }).returning('id').executeTakeFirstOrThrow();
    expect((await privacy.post(`/api/audit/break-glass/${own.id}/review`, { note: 'Looks fine to me.' })).statusCode).toBe(403);
    await t.db.deleteFrom('break_glass').where('id', '=', own.id).execute();
  });

  it('hides no claim waiting for review, however many wait', async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'ward-clinician').executeTakeFirstOrThrow();
    await sql`INSERT INTO break_glass (user_id, role, patient_id, reason, started_at, expires_at)
      SELECT ${user.id}, 'ward-clinician', ${stranger.id}, 'One of many claims made for this test', ${clock.now()}::timestamptz - make_interval(mins => n), ${clock.now()}::timestamptz + interval '1 hour'
      FROM generate_series(1, 501) n`.execute(t.db);
    expect(((await privacy.get('/api/audit/break-glass')).json() as unknown[]).length).toBe(501);
    await t.db.deleteFrom('break_glass').where('reason', '=', 'One of many claims made for this test').execute();
  });

  it('answers an unknown number like any other not-found, and records the attempt', async () => {
    const res = await clinician.post('/api/access/break-glass', { identifier: '999 999 9999', reason: 'Checking a number given by the police liaison', code: await t.totpCode('ward-clinician') });
    expect(res.statusCode).toBe(404);
    const byId = await clinician.post('/api/access/break-glass', { patientId: 2_147_483_000, reason: 'Checking a number given by the police liaison', code: await t.totpCode('ward-clinician') });
    expect(byId.statusCode).toBe(404);
    expect(byId.body).toBe(res.body);
    // Both recorded as refused; the number typed is kept nowhere in the trail.
    const denied = (await privacy.get('/api/audit/denied')).json() as { recordType: string; recordId: string | null }[];
    expect(denied.slice(0, 2)).toEqual([expect.objectContaining({ recordType: 'break_glass', recordId: null }), expect.objectContaining({ recordType: 'break_glass', recordId: null })]);
    const kept = await t.db.selectFrom('audit_event').select('seq').where(sql<boolean>`concat_ws(' ', record_id, reason) LIKE '%9999999999%' OR concat_ws(' ', record_id, reason) LIKE '%999 999%'`).execute();
    expect(kept).toEqual([]);
  });

  it('is not open to roles that never see patients', async () => {
    const commissioner = await t.as('commissioner');
    expect((await commissioner.post('/api/access/break-glass', { patientId: stranger.id, reason: 'I would like to look at this record please', code: '123456' })).statusCode).toBe(403);
  });
});
