import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { PatientDetail } from '../patients/patients.schema.js';
import { REPLAYED } from './idempotency.js';

let t: TestApp;
let reg: Register;
let bm: Client;

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
});
afterAll(() => t.close());

const placements = (patientId: number) => t.db.selectFrom('placement').select('id').where('patient_id', '=', patientId).execute();

describe('Idempotency-Key on clinical events', () => {
  it('returns the original response to a replay and creates nothing more', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const headers = { 'idempotency-key': 'admit-7f3c2a91-0001' };
    const body = { wardId: reg.wards.lowMale, source: 'prison', admittedAt: '2026-01-02T10:00:00Z' };
    const first = await bm.post(`/api/patients/${p.id}/admit`, body, headers);
    expect(first.statusCode).toBe(201);
    const again = await bm.post(`/api/patients/${p.id}/admit`, body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await placements(p.id)).toHaveLength(1);
  });

  it('refuses the same key with a different body and changes nothing', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const headers = { 'idempotency-key': 'admit-7f3c2a91-0002' };
    await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'prison' }, headers);
    const other = await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMaleSouth, source: 'prison' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await placements(p.id)).toHaveLength(1);
  });

  it('keeps no key when the request fails, so a corrected retry can use it', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const headers = { 'idempotency-key': 'discharge-7f3c2a91-0003' };
    const early = await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community' }, headers);
    expect(early.json().error.code).toBe('not_admitted');
    await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'court', admittedAt: '2026-01-01T00:00:00Z' });
    const retry = await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community' }, headers);
    expect(retry.statusCode, retry.body).toBe(200);
  });

  it('sends two simultaneous requests with one key through once', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const headers = { 'idempotency-key': 'admit-7f3c2a91-0004' };
    const body = { wardId: reg.wards.lowMale, source: 'court' };
    const [a, b] = await Promise.all([bm.post(`/api/patients/${p.id}/admit`, body, headers), bm.post(`/api/patients/${p.id}/admit`, body, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect(await placements(p.id)).toHaveLength(1);
  });

  it('shows a replayed answer only to someone who may still see the record, and audits each showing', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const headers = { 'idempotency-key': 'admit-7f3c2a91-0005' };
    const body = { wardId: reg.wards.lowMale, source: 'court', admittedAt: '2026-01-02T10:00:00Z' };
    expect((await bm.post(`/api/patients/${p.id}/admit`, body, headers)).statusCode).toBe(201);
    expect((await bm.post(`/api/patients/${p.id}/admit`, body, headers)).statusCode).toBe(201);
    const replays = await t.db.selectFrom('audit_event').select(['action', 'record_type']).where('patient_id', '=', p.id).where('reason', '=', REPLAYED).execute();
    expect(replays).toEqual([{ action: 'read', record_type: 'patient' }]);

    // The bed manager's scope is taken away: the same replay now finds nothing, as any look would.
    const { id: userId } = await t.db.selectFrom('app_user').select('id').where('username', '=', 'bed-manager').executeTakeFirstOrThrow();
    const scopes = await t.db.selectFrom('user_scope').selectAll().where('user_id', '=', userId).execute();
    await t.db.deleteFrom('user_scope').where('user_id', '=', userId).execute();
    try {
      const gone = await bm.post(`/api/patients/${p.id}/admit`, body, headers);
      expect(gone.statusCode).toBe(404);
      expect(gone.body).not.toContain(p.familyName);
    } finally {
      await t.db.insertInto('user_scope').values(scopes).execute();
    }
    expect(await placements(p.id)).toHaveLength(1);
  });

  it('refuses a key too short to be unique', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north))).json() as PatientDetail;
    const res = await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'court' }, { 'idempotency-key': 'abc' });
    expect(res.statusCode).toBe(400);
  });
});
