import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import { COMMISSIONING_LEVELS } from '../shared/vocabulary.js';
import type { ImportReport, Ward } from './directory.schema.js';

let t: TestApp;
let reg: Register;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  admin = await t.as('admin');
});
afterAll(() => t.close());

const newWard = (over: Record<string, unknown> = {}) => ({
  code: 'W-NEW1',
  name: 'Fir Ward',
  unitId: reg.mediumUnit,
  securityLevel: 2,
  sex: 'male',
  specialism: 'personality_disorder',
  commissionedBeds: 12,
  closedBeds: 0,
  ...over,
});

describe('wards: create, edit with If-Match, retire', () => {
  it('creates a ward, counts it under the tier of its security level, and shows it in bed state', async () => {
    const res = await admin.post('/api/directory/wards', newWard());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const state = await admin.get(`/api/beds/state?unitId=${reg.mediumUnit}`);
    expect(state.json().children.map((c: { name: string }) => c.name)).toContain('Fir Ward');
  });

  it('refuses a ward more secure than its unit, and a ward in a prison', async () => {
    const high = await admin.post('/api/directory/wards', newWard({ code: 'W-NEW2', securityLevel: 3 }));
    expect(high.statusCode).toBe(422);
    expect(high.json().error.message).toMatch(/cannot be more secure than its unit/);
    const prison = await admin.post('/api/directory/wards', newWard({ code: 'W-NEW3', unitId: reg.prisonUnit, securityLevel: 0 }));
    expect(prison.json().error.message).toMatch(/Prisons and community teams hold no beds/);
  });

  it('refuses closed beds above commissioned beds and duplicate codes, naming the problem', async () => {
    const closed = await admin.post('/api/directory/wards', newWard({ code: 'W-NEW4', commissionedBeds: 5, closedBeds: 6 }));
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toBe('Closed beds cannot be more than commissioned beds.');
    const dup = await admin.post('/api/directory/wards', newWard());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('A ward with this code already exists.');
  });

  it('needs the version to edit; a stale version gets 412 with the current record', async () => {
    const [ward] = (await admin.get(`/api/directory/wards?unitId=${reg.mediumUnit}`)).json() as Ward[];
    const noVersion = await admin.patch(`/api/directory/wards/${ward!.id}`, { closedBeds: 1 });
    expect(noVersion.statusCode).toBe(428);
    const ok = await admin.patch(`/api/directory/wards/${ward!.id}`, { name: 'Ash Ward (renamed)' }, { 'if-match': `"${ward!.version}"` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Ash Ward (renamed)', version: ward!.version + 1 });
    const stale = await admin.patch(`/api/directory/wards/${ward!.id}`, { name: 'Lost edit' }, { 'if-match': `"${ward!.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', current: { name: 'Ash Ward (renamed)', version: ward!.version + 1 } });
    const after = (await admin.get(`/api/directory/wards/${ward!.id}`)).json() as Ward;
    expect(after.name).toBe('Ash Ward (renamed)');
  });

  it('will not retire a unit with wards in service; retires an empty ward and hides it from lists', async () => {
    const unit = (await admin.get(`/api/directory/units/${reg.lowUnit}`)).json() as { version: number };
    const blocked = await admin.post(`/api/directory/units/${reg.lowUnit}/retire`, {}, { 'if-match': String(unit.version) });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toMatch(/ward\(s\) are still in service/);
    const fir = ((await admin.get('/api/directory/wards')).json() as Ward[]).find((w) => w.code === 'W-NEW1')!;
    const retired = await admin.post(`/api/directory/wards/${fir.id}/retire`, {}, { 'if-match': String(fir.version) });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().retiredAt).not.toBeNull();
    const codes = ((await admin.get('/api/directory/wards')).json() as Ward[]).map((w) => w.code);
    expect(codes).not.toContain('W-NEW1');
    const all = ((await admin.get('/api/directory/wards?includeRetired=true')).json() as Ward[]).map((w) => w.code);
    expect(all).toContain('W-NEW1');
  });

  it('audits every change: where a unit sits decides who reaches its patients', async () => {
    const unit = (await admin.get(`/api/directory/units/${reg.lowUnit}`)).json() as { version: number };
    const moved = await admin.patch(`/api/directory/units/${reg.lowUnit}`, { name: 'Larch House (renamed)' }, { 'if-match': String(unit.version) });
    expect(moved.statusCode, moved.body).toBe(200);
    const events = await t.db.selectFrom('audit_event').select(['username', 'action', 'record_type', 'record_id', 'reason']).where('record_type', 'in', ['ward', 'unit', 'organisation']).orderBy('seq').execute();
    expect(events.map((e) => `${e.action} ${e.record_type} ${e.reason}`)).toEqual(['admin ward created', 'admin ward changed: name', 'admin ward retired', 'admin unit changed: name']);
    expect(events.at(-1)).toMatchObject({ username: 'admin', record_id: String(reg.lowUnit) });
  });

  it('places nothing under a retired unit, keeps the type of a unit with wards, and wants the version to retire twice', async () => {
    const fir = ((await admin.get('/api/directory/wards?includeRetired=true')).json() as Ward[]).find((w) => w.code === 'W-NEW1')!;
    const empty = await admin.post('/api/directory/units', { code: 'U-EMPTY', name: 'Empty Unit', organisationId: reg.nhs, regionId: reg.north, serviceType: 'medium_secure', commissioningLevel: COMMISSIONING_LEVELS[0] });
    expect(empty.statusCode, empty.body).toBe(201);
    const emptyId = (empty.json() as { id: number }).id;
    expect((await admin.post(`/api/directory/units/${emptyId}/retire`, {}, { 'if-match': '1' })).statusCode).toBe(200);
    const under = await admin.post('/api/directory/wards', newWard({ code: 'W-UNDER', unitId: emptyId }));
    expect(under.statusCode).toBe(422);
    expect(under.json().error.message).toMatch(/unit is retired/);
    // A unit with wards in service keeps its type: its wards' tiers follow from it.
    const medium = (await admin.get(`/api/directory/units/${reg.mediumUnit}`)).json() as { version: number };
    const retyped = await admin.patch(`/api/directory/units/${reg.mediumUnit}`, { serviceType: 'low_secure' }, { 'if-match': String(medium.version) });
    expect(retyped.statusCode).toBe(409);
    expect(retyped.json().error.message).toMatch(/Move or retire its wards first/);
    // Retiring what is already retired still checks the version.
    expect((await admin.post(`/api/directory/wards/${fir.id}/retire`, {}, { 'if-match': String(fir.version - 1) })).statusCode).toBe(412);
  });

  it('does not retire a ward while an admission to it is being saved', async () => {
    const ward = (await admin.post('/api/directory/wards', newWard({ code: 'W-RACE' }))).json() as Ward;
    const patient = await t.db.insertInto('patient').values({ given_name: 'Race', family_name: 'Testperson', nhs_number: '9434765919', date_of_birth: '1980-01-01', sex: 'male', ethnicity: 'A', home_region_id: reg.north }).returning('id').executeTakeFirstOrThrow();
    let retiring: ReturnType<Client['post']> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // An admission in flight holds the ward's occupancy row, as the app's admission does.
      await trx.selectFrom('ward_occupancy').select('ward_id').where('ward_id', '=', ward.id).forUpdate().execute();
      await trx.insertInto('placement').values({ patient_id: patient.id, ward_id: ward.id, admitted_at: new Date(), start_kind: 'admission', source: 'court' }).execute();
      retiring = admin.post(`/api/directory/wards/${ward.id}/retire`, {}, { 'if-match': String(ward.version) });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await retiring!;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toMatch(/1 patient\(s\) are on this ward/);
  });

  it('does not admit to a ward retired while the admission waited for it', async () => {
    const ward = (await admin.post('/api/directory/wards', newWard({ code: 'W-RACE2' }))).json() as Ward;
    const bm = await t.as('bed-manager');
    const patient = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Waiting' }))).json() as { id: number };
    let admitting: ReturnType<Client['post']> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // A retirement in flight holds the ward's occupancy row, as the app's retirement does first.
      await trx.selectFrom('ward_occupancy').select('ward_id').where('ward_id', '=', ward.id).forUpdate().execute();
      await trx.updateTable('ward').set({ retired_at: new Date() }).where('id', '=', ward.id).execute();
      admitting = bm.post(`/api/patients/${patient.id}/admit`, { wardId: ward.id, source: 'court' });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await admitting!;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('ward_retired');
    expect(await t.db.selectFrom('placement').select('id').where('patient_id', '=', patient.id).execute()).toEqual([]);
  });

  it('lets only administrators change the directory', async () => {
    const clinician = await t.as('ward-clinician');
    const res = await clinician.post('/api/directory/wards', newWard({ code: 'W-NOPE' }));
    expect(res.statusCode).toBe(403);
    expect((await clinician.get('/api/directory/wards')).statusCode).toBe(200);
  });
});

describe('CSV import and export', () => {
  const csv = (rows: string[]) =>
    ['code,name,unit_code,security_level,sex,specialism,commissioned_beds,closed_beds,retired', ...rows].join('\n');

  it('names the row and column of every problem and saves nothing', async () => {
    const res = await admin.request(
      'POST',
      '/api/directory/import?kind=wards',
      csv(['W-CSV1,Good Ward,U-MED,2,male,mental_illness,10,0,no', 'W-CSV2,Bad Ward,U-NOPE,2,male,mental_illness,ten,0,no', 'W-CSV3,Worse Ward,U-MED,2,other,mental_illness,8,0,maybe']),
      { 'content-type': 'text/csv' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('csv_invalid');
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'unit_code', message: 'no unit has the code "U-NOPE"' },
        { row: 3, field: 'commissioned_beds', message: 'must be a whole number, not "ten"' },
        { row: 4, field: 'retired', message: 'must be yes or no' },
      ]),
    );
    const codes = ((await admin.get('/api/directory/wards')).json() as Ward[]).map((w) => w.code);
    expect(codes).not.toContain('W-CSV1');
  });

  it('checks a clean file on a dry run, then imports it all in one go', async () => {
    const body = csv(['W-CSV1,Good Ward,U-MED,2,male,mental_illness,10,0,no', 'W-MM,Ash Ward,U-MED,2,male,mental_illness,14,2,no']);
    const dry = await admin.request('POST', '/api/directory/import?kind=wards&dryRun=true', body, { 'content-type': 'text/csv' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, created: 1, updated: 1 });
    expect(((await admin.get('/api/directory/wards')).json() as Ward[]).map((w) => w.code)).not.toContain('W-CSV1');
    const real = await admin.request('POST', '/api/directory/import?kind=wards', body, { 'content-type': 'text/csv' });
    expect(real.json() as ImportReport).toMatchObject({ dryRun: false, created: 1, updated: 1 });
    const ash = ((await admin.get('/api/directory/wards')).json() as Ward[]).find((w) => w.code === 'W-MM')!;
    expect(ash).toMatchObject({ commissionedBeds: 14, closedBeds: 2 });
  });

  it('refuses the whole file when a record it changes is changed by someone else meanwhile', async () => {
    let importing: ReturnType<Client['request']> | undefined;
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('ward').set({ name: 'Ash Ward (colleague)', version: sql<number>`version + 1` }).where('code', '=', 'W-MM').execute();
      importing = admin.request('POST', '/api/directory/import?kind=wards', csv(['W-CSV2,Another Ward,U-MED,2,male,mental_illness,10,0,no', 'W-MM,Ash Ward (import),U-MED,2,male,mental_illness,14,2,no']), { 'content-type': 'text/csv' });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await importing!;
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toMatch(/Row 3: someone changed this record/);
    const codes = ((await admin.get('/api/directory/wards')).json() as Ward[]).map((w) => [w.code, w.name]);
    expect(codes).toContainEqual(['W-MM', 'Ash Ward (colleague)']);
    expect(codes.map(([c]) => c)).not.toContain('W-CSV2');
  });

  it('exports what it imports', async () => {
    const res = await admin.get('/api/directory/export?kind=wards');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.split('\r\n')[0]).toBe('code,name,unit_code,security_level,sex,specialism,commissioned_beds,closed_beds,retired');
    expect(res.body).toContain('W-CSV1,Good Ward,U-MED,2,male,mental_illness,10,0,no');
    const again = await admin.request('POST', '/api/directory/import?kind=wards&dryRun=true', res.body, { 'content-type': 'text/csv' });
    expect(again.json()).toMatchObject({ created: 0, updated: 0 });
  });

  it('reports a missing column and an unclosed quote', async () => {
    const missing = await admin.request('POST', '/api/directory/import?kind=wards', 'code,name\nA,B', { 'content-type': 'text/csv' });
    expect(missing.json().error.message).toMatch(/lacks the column\(s\): unit_code/);
    const broken = await admin.request('POST', '/api/directory/import?kind=organisations', 'code,name,sector,region_code\n"OPEN,x,nhs,T-N', { 'content-type': 'text/csv' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.details[0].row).toBe(2);
  });
});
