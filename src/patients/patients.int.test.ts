import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { callerFor, createTestApp, ownerUrlOf, withClient, type Client, type TestApp } from '../../test/support/test-app.js';
import { auditFields } from '../audit/audit.service.js';
import { systemClock } from '../clock.js';
import { KnownPlacementsCache } from './known-placements.js';
import { selectRecordsAudited, type KnownPlacements } from './patients.repo.js';
import { PatientsService } from './patients.service.js';
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
    const dup = await bm.post('/api/patients', patientInput(reg.north, { nhsNumber: '943 476 5919' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('A patient with this NHS number is already registered.');
    // The answer tells that the person is on the register: the attempt is in their trail, as denied.
    const { id } = await t.db.selectFrom('patient').select('id').where('nhs_number', '=', '9434765919').executeTakeFirstOrThrow();
    const asked = await t.db.selectFrom('audit_event').select(['action', 'username', 'reason']).where('patient_id', '=', id).where('action', '=', 'denied').execute();
    expect(asked).toEqual([{ action: 'denied', username: 'bed-manager', reason: 'registered or corrected with the NHS number of someone already on the register' }]);
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
    // The 412 showed the record as it now stands: a look at it, audited as a read would be.
    const shown = await t.db.selectFrom('audit_event').select(['action', 'record_type', 'reason']).where('patient_id', '=', p.id).where('reason', 'like', 'shown with%').execute();
    expect(shown).toEqual([{ action: 'read', record_type: 'patient', reason: 'shown with a refused update: version_conflict' }]);
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

describe('a record read again, while the server keeps placements between reads', () => {
  const read = async (id: number) => (await bm.get(`/api/patients/${id}`)).json() as PatientDetail;
  /** A new patient, admitted to Cedar Ward from the community. */
  const admitted = async (familyName: string) => {
    const p = (await bm.post('/api/patients', patientInput(reg.north, { familyName }))).json() as PatientDetail;
    await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.lowMale, source: 'community' });
    return p;
  };
  /** A patients service of the test's own, with the placements it keeps in view, and a bed manager to read as. */
  const keepingService = async () => {
    const kept = new KnownPlacementsCache(10, 60_000);
    return { kept, service: new PatientsService(t.db, systemClock, kept), caller: await callerFor(t.db, 'bed-manager') };
  };

  it('shows every change to the placements: a transfer, a placement corrected elsewhere, any part of the ward directory renamed', async () => {
    const p = await admitted('Kept-Between-Reads');
    expect((await read(p.id)).placements.map((pl) => pl.wardName)).toEqual(['Cedar Ward']);
    expect((await read(p.id)).currentPlacement).toMatchObject({ wardName: 'Cedar Ward', source: 'community' });

    // Through this server.
    expect((await bm.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.lowMaleSouth })).statusCode).toBe(201);
    const moved = await read(p.id);
    expect(moved.placements.map((pl) => [pl.wardName, pl.endedAt === null])).toEqual([['Cedar Ward', false], ['Delta Ward', true]]);

    // Straight in the database, as another app server or an administrator would.
    const first = moved.placements[0]!;
    await t.db.updateTable('placement').set({ source: 'prison' }).where('id', '=', first.id).execute();
    expect((await read(p.id)).placements[0]).toMatchObject({ id: first.id, source: 'prison' });
    const ward = await t.db.selectFrom('ward as w').innerJoin('unit as u', 'u.id', 'w.unit_id').select(['w.unit_id', 'u.organisation_id', 'u.region_id']).where('w.id', '=', reg.wards.lowMaleSouth).executeTakeFirstOrThrow();
    const parts = [
      { table: 'ward', id: reg.wards.lowMaleSouth, field: 'wardName' },
      { table: 'unit', id: ward.unit_id, field: 'unitName' },
      { table: 'organisation', id: ward.organisation_id, field: 'organisationName' },
      { table: 'region', id: ward.region_id, field: 'regionName' },
    ] as const;
    for (const { table, id, field } of parts) {
      const before = (await read(p.id)).currentPlacement![field];
      await t.db.updateTable(table).set({ name: `${before} (renamed)` }).where('id', '=', id).execute();
      try {
        expect((await read(p.id)).currentPlacement![field], table).toBe(`${before} (renamed)`);
      } finally {
        await t.db.updateTable(table).set({ name: before }).where('id', '=', id).execute();
      }
      expect((await read(p.id)).currentPlacement![field], table).toBe(before);
    }
  });

  it('keeps what a read built and reuses it while the database says it is current', async () => {
    const p = await admitted('Kept');
    const { kept, service, caller } = await keepingService();
    expect((await service.detail(caller, p.id)).placements).toHaveLength(1);
    const held = kept.get(p.id)!;
    expect(held.placements.map((pl) => pl.ward_name)).toEqual(['Cedar Ward']);
    await service.detail(caller, p.id);
    expect(kept.get(p.id)).toBe(held); // unchanged: the same entry, not built again
    await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community' });
    expect((await service.detail(caller, p.id)).currentPlacement).toBeNull();
    expect(kept.get(p.id)!.stamp).not.toBe(held.stamp);
  });

  it('the application can neither set back nor remove the ward directory version that kept placements depend on', async () => {
    // t.db acts as the application's role, as the server does.
    await expect(sql`UPDATE ward_directory_version SET version = gen_random_uuid()`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`DELETE FROM ward_directory_version`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`TRUNCATE ward_directory_version`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
  });

  it('keeps nothing, and still answers, if the ward directory version is missing', async () => {
    const p = await admitted('Unversioned');
    const { kept, service, caller } = await keepingService();
    await withClient(await ownerUrlOf(t.db), async (owner) => {
      try {
        await owner.query('DELETE FROM ward_directory_version');
        expect((await service.detail(caller, p.id)).currentPlacement?.wardName).toBe('Cedar Ward');
        expect((await service.detail(caller, p.id)).currentPlacement?.wardName).toBe('Cedar Ward');
        expect(kept.size).toBe(0);
      } finally {
        await owner.query('INSERT INTO ward_directory_version DEFAULT VALUES');
      }
    });
  });

  it('gives a placement copied back in with an old version a new one', async () => {
    const p = await admitted('Copied-Back');
    const old = await t.db.selectFrom('placement').selectAll().where('patient_id', '=', p.id).executeTakeFirstOrThrow();
    await t.db.deleteFrom('placement').where('id', '=', old.id).execute();
    await sql`INSERT INTO placement (patient_id, ward_id, admitted_at, start_kind, source, row_version) VALUES (${p.id}, ${old.ward_id}, ${old.admitted_at}, 'admission', 'court', ${old.row_version})`.execute(t.db);
    const copied = await t.db.selectFrom('placement').select('row_version').where('patient_id', '=', p.id).executeTakeFirstOrThrow();
    expect(copied.row_version).not.toBe(old.row_version);
  });

  it('reuses the placements a look brings only while the database says they are current', async () => {
    const p = await admitted('Stamped');
    const caller = await callerFor(t.db, 'bed-manager');
    const look = (known?: KnownPlacements) => ({ id: p.id, visibleTo: { caller, now: new Date() }, audit: auditFields(caller, { action: 'read', recordType: 'patient' }), known });
    const [fresh] = await selectRecordsAudited(t.db, [look()]);
    const [again] = await selectRecordsAudited(t.db, [look({ stamp: fresh!.placementsStamp!, placements: fresh!.placements })]);
    expect(again!.placements).toBe(fresh!.placements); // the very list it brought: nothing rebuilt
    const [stale] = await selectRecordsAudited(t.db, [look({ stamp: 'not the stamp', placements: [] })]);
    expect(stale!.placements).toEqual(fresh!.placements);
    // Each of the three looks is audited all the same.
    const reads = await t.db.selectFrom('audit_event').select('action').where('patient_id', '=', p.id).where('action', '=', 'read').execute();
    expect(reads).toHaveLength(3);
  });
});
