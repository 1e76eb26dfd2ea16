import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { PatientDetail } from '../patients/patients.schema.js';

let t: TestApp;
let reg: Register;
let bm: Client;
const clock = fixedClock('2026-06-01T12:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
});
afterAll(() => t.close());

async function newPatient(over: Record<string, unknown> = {}) {
  const res = await bm.post('/api/patients', patientInput(reg.north, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as PatientDetail;
}

const occupancy = async (wardId: number) =>
  (await t.db.selectFrom('ward_occupancy').select('occupied').where('ward_id', '=', wardId).executeTakeFirstOrThrow()).occupied;

describe('admit → transfer → discharge', () => {
  it('keeps one timeline, calls the step down, and frees the beds', async () => {
    const p = await newPatient();
    const admitted = await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.mediumMale, source: 'prison', admittedAt: '2026-01-10T09:00:00Z' });
    expect(admitted.statusCode, admitted.body).toBe(201);
    expect((admitted.json() as PatientDetail).currentPlacement?.wardName).toBe('Ash Ward');
    expect(await occupancy(reg.wards.mediumMale)).toBe(1);

    const moved = await bm.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.lowMale, at: '2026-05-01T10:00:00Z' });
    expect(moved.statusCode, moved.body).toBe(201);
    const detail = moved.json() as PatientDetail;
    expect(detail.placements).toHaveLength(2);
    expect(detail.placements[0]).toMatchObject({ endReason: 'transfer', endedAt: '2026-05-01T10:00:00.000Z', lengthOfStayDays: 111 });
    expect(detail.placements[1]).toMatchObject({ startKind: 'transfer', direction: 'down', tier: 'low', endedAt: null });
    // The episode runs on across the transfer: 10 Jan to 1 Jun.
    expect(detail.currentEpisodeDays).toBe(142);
    expect(await occupancy(reg.wards.mediumMale)).toBe(0);
    expect(await occupancy(reg.wards.lowMale)).toBe(1);

    const out = await bm.post(`/api/patients/${p.id}/discharge`, { at: '2026-05-20T10:00:00Z', destination: 'community' });
    expect(out.statusCode, out.body).toBe(200);
    expect((out.json() as PatientDetail).currentPlacement).toBeNull();
    expect((out.json() as PatientDetail).placements[1]).toMatchObject({ endReason: 'discharge', destination: 'community' });
    expect(await occupancy(reg.wards.lowMale)).toBe(0);
  });
});

describe('admission must fit the ward', () => {
  it('refuses the wrong sex without a reason, and records the reason when given', async () => {
    const p = await newPatient({ sex: 'female' });
    const refused = await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.mediumMale, source: 'court' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ward_mismatch' });
    expect(refused.json().error.message).toMatch(/male ward and the patient is female/);
    expect(await occupancy(reg.wards.mediumMale)).toBe(0);
  });

  it('refuses a full ward, then admits with an over-capacity reason shown on the placement', async () => {
    const a = await newPatient();
    const b = await newPatient();
    const c = await newPatient();
    expect((await bm.post(`/api/patients/${a.id}/admit`, { wardId: reg.wards.mediumMale, source: 'prison' })).statusCode).toBe(201);
    expect((await bm.post(`/api/patients/${b.id}/admit`, { wardId: reg.wards.mediumMale, source: 'prison' })).statusCode).toBe(201);
    const full = await bm.post(`/api/patients/${c.id}/admit`, { wardId: reg.wards.mediumMale, source: 'prison' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('ward_full');
    expect(full.json().error.message).toMatch(/2 of 2/);
    const reason = 'Emergency transfer agreed with the clinical director overnight';
    const over = await bm.post(`/api/patients/${c.id}/admit`, { wardId: reg.wards.mediumMale, source: 'prison', overCapacityReason: reason });
    expect(over.statusCode, over.body).toBe(201);
    expect((over.json() as PatientDetail).currentPlacement?.overCapacityReason).toBe(reason);
    expect(await occupancy(reg.wards.mediumMale)).toBe(3);
  });

  it('counts closed beds as unavailable', async () => {
    const women = await Promise.all([1, 2, 3].map(() => newPatient({ sex: 'female' })));
    for (const w of women.slice(0, 2)) expect((await bm.post(`/api/patients/${w.id}/admit`, { wardId: reg.wards.mediumFemale, source: 'court' })).statusCode).toBe(201);
    // 3 commissioned, 1 closed: the third woman finds the ward full.
    const third = await bm.post(`/api/patients/${women[2]!.id}/admit`, { wardId: reg.wards.mediumFemale, source: 'court' });
    expect(third.json().error.code).toBe('ward_full');
  });

  it('keeps adults off the adolescent ward', async () => {
    const adult = await newPatient();
    const res = await bm.post(`/api/patients/${adult.id}/admit`, { wardId: reg.wards.adolescent, source: 'court' });
    expect(res.json().error.message).toMatch(/adolescent ward and the patient is an adult/);
  });

  it('refuses a ward in a prison or a retired ward as a clear error', async () => {
    const p = await newPatient();
    const missing = await bm.post(`/api/patients/${p.id}/admit`, { wardId: 999999, source: 'court' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('unknown_reference');
  });
});

describe('bad placement requests change nothing', () => {
  it('refuses to transfer or discharge someone who is not admitted', async () => {
    const p = await newPatient();
    const tr = await bm.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.lowMale });
    expect(tr.statusCode).toBe(409);
    expect(tr.json().error).toMatchObject({ code: 'not_admitted' });
    const dc = await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community' });
    expect(dc.json().error.code).toBe('not_admitted');
  });

  it('refuses a second admission, dates in the future and dates out of order', async () => {
    const p = await newPatient();
    expect((await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'community', admittedAt: '2026-03-01T00:00:00Z' })).statusCode).toBe(201);
    expect((await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'community' })).json().error.code).toBe('already_admitted');
    const future = await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community', at: '2026-06-01T12:06:00Z' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('date_in_future');
    const before = await bm.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.lowMale, at: '2026-02-01T00:00:00Z' });
    expect(before.json().error.code).toBe('date_out_of_order');
    const rows = await t.db.selectFrom('placement').selectAll().where('patient_id', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ended_at).toBeNull();
  });

  it('refuses unknown patients with the same 404 body', async () => {
    const res = await bm.post('/api/patients/987654/admit', { wardId: reg.wards.lowMale, source: 'court' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Patient not found.' } });
  });

  it('refuses a body with fields it does not know', async () => {
    const p = await newPatient();
    const res = await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'court', ward: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'ward' });
  });
});

describe('the database itself guards the timeline', () => {
  it('refuses two open placements and overlapping placements even from raw SQL', async () => {
    const p = await newPatient();
    const base = { patient_id: p.id, start_kind: 'admission' as const, source: 'court', direction: null, over_capacity_reason: null, created_by: null };
    await t.db.insertInto('placement').values({ ...base, ward_id: reg.wards.lowMale, admitted_at: '2020-01-01T00:00:00Z', ended_at: '2020-06-01T00:00:00Z', end_reason: 'discharge', destination: 'community' }).execute();
    await expect(
      t.db.insertInto('placement').values({ ...base, ward_id: reg.wards.lowMale, admitted_at: '2020-05-01T00:00:00Z', ended_at: '2020-07-01T00:00:00Z', end_reason: 'discharge', destination: 'community' }).execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    await t.db.insertInto('placement').values({ ...base, ward_id: reg.wards.lowMale, admitted_at: '2021-01-01T00:00:00Z', ended_at: null, end_reason: null, destination: null }).execute();
    await expect(
      t.db.insertInto('placement').values({ ...base, ward_id: reg.wards.lowMaleSouth, admitted_at: '2022-01-01T00:00:00Z', ended_at: null, end_reason: null, destination: null }).execute(),
    ).rejects.toMatchObject({ code: expect.stringMatching(/23505|23P01/) });
    // A discharge must say where to.
    await expect(sql`UPDATE placement SET ended_at = '2022-01-01', end_reason = 'discharge' WHERE patient_id = ${p.id} AND ended_at IS NULL`.execute(t.db)).rejects.toMatchObject({ code: '23514' });
  });
});

describe('two people acting at once', () => {
  it('lets only one of two simultaneous admissions take the last bed', async () => {
    const a = await newPatient();
    const b = await newPatient();
    // lowMaleSouth has 3 beds; fill two so one remains.
    const fillers = await Promise.all([1, 2].map(() => newPatient()));
    const already = await occupancy(reg.wards.lowMaleSouth);
    for (const f of fillers.slice(0, Math.max(0, 2 - already))) await bm.post(`/api/patients/${f.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'court' });
    const results = await Promise.all([a, b].map((p) => bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'court' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await occupancy(reg.wards.lowMaleSouth)).toBe(3);
  });
});
