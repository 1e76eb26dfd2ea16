import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import type { PatientDetail } from './patients.schema.js';

let t: TestApp;
let reg: Register;
let bm: Client;

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
});
afterAll(() => t.close());

describe('registering a patient', () => {
  it('accepts an NHS number typed with spaces and stores the digits', async () => {
    const res = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: '943 476 5919', familyName: 'Okonkwo' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ nhsNumber: '9434765919', familyName: 'Okonkwo', currentPlacement: null, placements: [] });
  });

  it('refuses a wrong check digit and a duplicate NHS number, saving nothing', async () => {
    const wrong = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: '9434765918' }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_nhs_number', details: [{ field: 'nhsNumber' }] });
    const dup = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: '9434765919' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('A patient with this NHS number is already registered.');
  });

  it('accepts a CHI number that matches the date of birth, refuses one that does not', async () => {
    const ok = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: undefined, chiNumber: '1203841256', dateOfBirth: '1984-03-12' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const bad = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: undefined, chiNumber: '1203841256', dateOfBirth: '1984-03-13' }));
    expect(bad.json().error.code).toBe('invalid_chi_number');
  });

  it('refuses no identifier, an impossible date, a future date and an unknown region', async () => {
    expect((await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: undefined }))).json().error.message).toBe('Enter an NHS number or a CHI number.');
    expect((await bm.post('/api/patients', patientInput(reg.north, { dateOfBirth: '1990-02-30' }))).json().error.code).toBe('invalid_date');
    expect((await bm.post('/api/patients', patientInput(reg.north, { dateOfBirth: '2999-01-01' }))).json().error.code).toBe('date_in_future');
    expect((await bm.post('/api/patients', patientInput(99999))).statusCode).toBe(422);
  });
});

describe('search and pathway view', () => {
  it('finds by name start and by NHS number, with the current ward', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north, { givenName: 'Morwenna', familyName: 'Trelawney' }))).json() as PatientDetail;
    await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'community', overCapacityReason: undefined });
    const byName = (await bm.get('/api/patients?q=trel%20mor')).json();
    expect(byName.total).toBe(1);
    expect(byName.items[0]).toMatchObject({ familyName: 'Trelawney', currentWardName: 'Cedar Ward', currentTier: 'low' });
    const byNumber = (await bm.get(`/api/patients?q=${p.nhsNumber!.slice(0, 3)}%20${p.nhsNumber!.slice(3, 6)}`)).json();
    expect(byNumber.items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect((await bm.get('/api/patients?q=%25')).json().total).toBe(0); // a wildcard is just a character
  });

  it('returns the same 404 for an id that does not exist', async () => {
    const res = await bm.get('/api/patients/424242');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Patient not found.' } });
  });
});

describe('correcting a patient’s details', () => {
  it('needs the version, refuses a stale one with the current record, and keeps the check digit rule', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Misspelt' }))).json() as PatientDetail;
    expect((await bm.patch(`/api/patients/${p.id}`, { familyName: 'Mispelt' })).statusCode).toBe(428);
    const fixed = await bm.patch(`/api/patients/${p.id}`, { familyName: 'Correctly-Spelt' }, { 'if-match': `"${p.version}"` });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ familyName: 'Correctly-Spelt', version: p.version + 1 });
    const stale = await bm.patch(`/api/patients/${p.id}`, { givenName: 'Overwrite' }, { 'if-match': `"${p.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.current).toMatchObject({ familyName: 'Correctly-Spelt' });
    const badNhs = await bm.patch(`/api/patients/${p.id}`, { nhsNumber: '9434765918' }, { 'if-match': `"${p.version + 1}"` });
    expect(badNhs.json().error.code).toBe('invalid_nhs_number');
    const trail = await t.db.selectFrom('audit_event').select(['action', 'reason']).where('patient_id', '=', p.id).where('action', '=', 'update').execute();
    expect(trail).toEqual([{ action: 'update', reason: 'changed: familyName' }]);
  });

  it('lets exactly one of 50 simultaneous edits from the same version through; the other 49 get 412 and nothing is lost', async () => {
    const p = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Contested' }))).json() as PatientDetail;
    const names = Array.from({ length: 50 }, (_, i) => `Edit-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(names.map((familyName) => bm.patch(`/api/patients/${p.id}`, { familyName }, { 'if-match': `"${p.version}"` })));
    const won = results.filter((r) => r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode === 412);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(49);
    // Every refusal carries the winner's saved record, so each clinician can see what changed.
    const winner = (won[0]!.json() as PatientDetail).familyName;
    for (const r of refused) expect(r.json().error.current).toMatchObject({ familyName: winner, version: p.version + 1 });
    const stored = (await bm.get(`/api/patients/${p.id}`)).json() as PatientDetail;
    expect(stored).toMatchObject({ familyName: winner, version: p.version + 1 });
    // The history holds exactly the one change that was saved: none was silently overwritten.
    const updates = await t.db.selectFrom('audit_event').select('reason').where('patient_id', '=', p.id).where('action', '=', 'update').execute();
    expect(updates).toEqual([{ reason: 'changed: familyName' }]);
  });
});
