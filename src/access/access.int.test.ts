import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { callerFor, createTestApp, type Client, type TestApp } from '../../test/support/test-app.js';
import { auditFields } from '../audit/audit.service.js';
import { selectRecord, selectRecordsAudited, type RecordRead } from '../patients/patients.repo.js';
import type { PatientDetail } from '../patients/patients.schema.js';

// A ward clinician's sight of patients is their relationship to them: placed on their ward now or in
// the last 30 days. Everyone else looks exactly like nobody: the same 404, the same body.

const clock = fixedClock('2026-06-01T12:00:00Z');
let t: TestApp;
let reg: Register;
let bm: Client;
let clinician: Client;
const patients: Record<string, number> = {};

async function placed(name: string, wardId: number, sex: 'male' | 'female', endedDaysAgo?: number) {
  const p = (await bm.post('/api/patients', patientInput(reg.north, { familyName: name, sex }))).json() as PatientDetail;
  await bm.post(`/api/patients/${p.id}/admit`, { wardId, source: 'court', admittedAt: '2026-01-01T00:00:00Z' });
  if (endedDaysAgo !== undefined) {
    const at = new Date(clock.now().getTime() - endedDaysAgo * 86_400_000).toISOString();
    expect((await bm.post(`/api/patients/${p.id}/discharge`, { destination: 'community', at })).statusCode).toBe(200);
  }
  patients[name] = p.id;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
  // The ward clinician works on Ash Ward only.
  const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'ward-clinician').executeTakeFirstOrThrow();
  await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
  await t.db.insertInto('user_scope').values({ user_id: user.id, role: 'ward-clinician', level: 'ward', ref_id: reg.wards.mediumMale }).execute();
  clinician = await t.as('ward-clinician');
  await placed('OwnWard', reg.wards.mediumMale, 'male');
  await placed('SameUnitOtherWard', reg.wards.mediumFemale, 'female');
  await placed('OtherUnit', reg.wards.lowMale, 'male');
  await placed('OtherOrganisation', reg.wards.lowMaleSouth, 'male');
  await placed('LeftRecently', reg.wards.mediumMale, 'male', 10);
  await placed('LeftLongAgo', reg.wards.mediumMale, 'male', 45);
  patients.NoRelationship = ((await bm.post('/api/patients', patientInput(reg.north, { familyName: 'NoRelationship' }))).json() as PatientDetail).id;
});
afterAll(() => t.close());

const EXPECTED: Record<string, 200 | 404> = {
  OwnWard: 200,
  SameUnitOtherWard: 404,
  OtherUnit: 404,
  OtherOrganisation: 404,
  LeftRecently: 200,
  LeftLongAgo: 404,
  NoRelationship: 404,
};

describe('relationship matrix for a ward clinician', () => {
  const BODIES: Record<string, object> = {
    discharge: { destination: 'died' },
    transfer: { wardId: 1 },
    admit: { wardId: 1, source: 'court' },
  };

  it.each(Object.entries(EXPECTED))('%s → %i, and out of scope is indistinguishable from not there', async (name, status) => {
    const res = await clinician.get(`/api/patients/${patients[name]}`);
    expect(res.statusCode).toBe(status);
    if (status === 404) expect(res.body).toBe((await clinician.get('/api/patients/999999')).body);
  });

  it('records in the audit trail the role acted in, its scope and the basis of each look', async () => {
    await clinician.get(`/api/patients/${patients.OwnWard}`);
    const last = await t.db.selectFrom('audit_event').select(['username', 'role', 'scope', 'action', 'basis', 'record_type']).where('patient_id', '=', patients.OwnWard!).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ username: 'ward-clinician', role: 'ward-clinician', scope: `ward ${reg.wards.mediumMale}`, action: 'read', basis: 'relationship', record_type: 'patient' });
  });

  it('lists in search only the patients in scope', async () => {
    const page = (await clinician.get('/api/patients?limit=100')).json() as { items: { familyName: string }[]; total: number };
    expect(page.items.map((i) => i.familyName).sort()).toEqual(['LeftRecently', 'OwnWard']);
    expect(page.total).toBe(2);
  });

  it('refuses to act on a patient out of scope with the same 404, changing nothing', async () => {
    const res = await clinician.post(`/api/patients/${patients.OtherUnit}/discharge`, { destination: 'community' });
    expect(res.statusCode).toBe(404);
    const open = await t.db.selectFrom('placement').select('id').where('patient_id', '=', patients.OtherUnit!).where('ended_at', 'is', null).execute();
    expect(open).toHaveLength(1);
  });

  it('needs rights at both ends of a transfer', async () => {
    const res = await clinician.post(`/api/patients/${patients.OwnWard}/transfer`, { wardId: reg.wards.lowMale });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/wards within your scope/);
  });

  it('needs rights at the ward a patient is on now to move or discharge them, though they can still see them', async () => {
    // Moved from the clinician's ward to another organisation's ten days ago: still seen (the 30 days).
    const p = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'MovedAway', sex: 'male' }))).json() as PatientDetail;
    await bm.post(`/api/patients/${p.id}/admit`, { wardId: reg.wards.mediumMale, source: 'court', admittedAt: '2026-01-01T00:00:00Z' });
    const movedAt = new Date(clock.now().getTime() - 10 * 86_400_000).toISOString();
    // Before the move the record says the clinician may move them; after it, that they may not.
    expect(((await clinician.get(`/api/patients/${p.id}`)).json() as PatientDetail).mayMove).toBe(true);
    expect((await bm.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.lowMaleSouth, at: movedAt })).statusCode).toBe(201);
    const seen = await clinician.get(`/api/patients/${p.id}`);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as PatientDetail).mayMove).toBe(false);

    const discharge = await clinician.post(`/api/patients/${p.id}/discharge`, { destination: 'community' });
    const pullBack = await clinician.post(`/api/patients/${p.id}/transfer`, { wardId: reg.wards.mediumMale });
    for (const res of [discharge, pullBack]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/only from wards within your scope/);
    }
    const open = await t.db.selectFrom('placement').select('ward_id').where('patient_id', '=', p.id).where('ended_at', 'is', null).execute();
    expect(open).toEqual([{ ward_id: reg.wards.lowMaleSouth }]);
  });

  it('finds beds near a patient only for one in reach, auditing the look on its basis and a refusal as denied', async () => {
    const near = (id: number) => clinician.get(`/api/beds/find?tier=low&sex=male&specialism=mental_illness&patientId=${id}`);
    const { seq: before } = await t.db.selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    expect((await near(patients.OwnWard!)).statusCode).toBe(200);
    const out = await near(patients.OtherUnit!);
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe((await near(999_999)).body);
    const events = await t.db.selectFrom('audit_event').select(['action', 'record_type', 'basis', 'record_id']).where('seq', '>', before!).orderBy('seq').execute();
    expect(events).toEqual([
      { action: 'read', record_type: 'patient_home_region', basis: 'relationship', record_id: String(patients.OwnWard) },
      { action: 'denied', record_type: 'patient', basis: 'denied', record_id: String(patients.OtherUnit) },
      { action: 'denied', record_type: 'patient', basis: 'denied', record_id: '999999' },
    ]);
  });

  it('refuses a referral of a registered person out of reach as not found, and audits the attempt', async () => {
    const { id } = await t.db.selectFrom('app_user').select('id').where('username', '=', 'in-reach-clinician').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', id).execute();
    await t.db.insertInto('user_scope').values({ user_id: id, role: 'in-reach-clinician', level: 'ward', ref_id: reg.wards.mediumMale }).execute();
    const inReach = await t.as('in-reach-clinician');
    const referral = { source: 'prison_in_reach', referringOrganisationId: reg.nhs, referringUnitId: reg.prisonUnit, referringClinician: 'Dr P In-Reach', legalRoute: 's48_49', urgency: 'routine', requestedTier: 'low', requestedSpecialism: 'mental_illness', homeRegionId: reg.north, offenceCategory: 'violence_against_person', targetUnitId: reg.lowUnit };
    const res = await inReach.post('/api/referrals', { ...referral, patientId: patients.OtherUnit });
    expect(res.statusCode).toBe(404);
    const denied = await t.db.selectFrom('audit_event').select(['record_id', 'reason']).where('username', '=', 'in-reach-clinician').where('action', '=', 'denied').execute();
    expect(denied).toEqual([{ record_id: String(patients.OtherUnit), reason: 'refer: not found' }]);
    expect(await t.db.selectFrom('referral').select('id').where('patient_id', '=', patients.OtherUnit!).execute()).toEqual([]);
  });

  it('answers any id swapped in from another patient with 404 and no change (property)', async () => {
    const outOfScope = Object.entries(EXPECTED).filter(([, s]) => s === 404).map(([n]) => patients[n]!);
    const before = await t.db.selectFrom('placement').select(['id', 'ended_at']).orderBy('id').execute();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...outOfScope), fc.constantFrom('get', 'transfer', 'discharge', 'admit'), async (id, action) => {
        const res =
          action === 'get'
            ? await clinician.get(`/api/patients/${id}`)
            : await clinician.post(`/api/patients/${id}/${action}`, BODIES[action]);
        expect(res.statusCode).toBe(404);
      }),
      { numRuns: 30 },
    );
    expect(await t.db.selectFrom('placement').select(['id', 'ended_at']).orderBy('id').execute()).toEqual(before);
  });
});

describe('reads that arrive together share one statement', () => {
  it('checks and audits each look as its own caller: each answer is what that caller would get alone', async () => {
    const callers = [await callerFor(t.db, 'ward-clinician', 'together-ward-clinician'), await callerFor(t.db, 'bed-manager', 'together-bed-manager')];
    const names = Object.keys(EXPECTED);
    const reads = names.flatMap((name) =>
      callers.map((caller) => ({ id: patients[name]!, visibleTo: { caller, now: clock.now() }, audit: auditFields(caller, { action: 'read', recordType: 'patient' }) })),
    );
    const answers = await selectRecordsAudited(t.db, reads);
    for (const [i, r] of reads.entries()) {
      const a = answers[i];
      expect(a && { patient: a.patient, placements: a.placements }).toEqual(await selectRecord(t.db, r.id, r.visibleTo));
    }
    expect(names.map((_, k) => (answers[2 * k] ? 200 : 404))).toEqual(names.map((n) => EXPECTED[n]));
    // One event per record shown, in the order asked, each with its own caller and request; none for the rest.
    const events = await t.db.selectFrom('audit_event').select(['username', 'scope', 'patient_id', 'request_id', 'basis']).where('request_id', 'like', 'together-%').orderBy('seq').execute();
    expect(events).toEqual(
      reads.filter((_, i) => answers[i]).map((r) => ({ username: r.audit.username, scope: r.audit.scope, patient_id: r.id, request_id: r.audit.request_id, basis: 'relationship' })),
    );
  });

  it('in a batch mixing kept, stale and no placements, each look gets its own patient as it stands, and no one else is shown', async () => {
    const callers = [await callerFor(t.db, 'ward-clinician'), await callerFor(t.db, 'bed-manager')];
    const reads = Object.keys(EXPECTED).flatMap((name) =>
      callers.map((caller) => ({ id: patients[name]!, visibleTo: { caller, now: clock.now() }, audit: auditFields(caller, { action: 'read', recordType: 'patient' }) })),
    );
    const first = await selectRecordsAudited(t.db, reads);
    const someone = first.find((a) => a && a.placements.length > 0)!;
    const kept = reads.map((r, i): RecordRead => {
      const a = first[i];
      // Every third brings what it was given, every third a stale stamp with another patient's
      // placements, every third nothing; a look refused the first time brings someone's placements.
      if (!a || i % 3 === 1) return { ...r, known: { stamp: 'stale', placements: someone.placements } };
      return i % 3 === 0 ? { ...r, known: { stamp: a.placementsStamp!, placements: a.placements } } : r;
    });
    const second = await selectRecordsAudited(t.db, kept);
    second.forEach((a, i) => {
      expect(a?.patient.id).toBe(first[i]?.patient.id);
      expect(a?.placements).toEqual(first[i]?.placements);
    });
    expect(second.some((a, i) => a && i % 3 === 0 && a.placements === kept[i]!.known!.placements)).toBe(true);
  });

  it('over HTTP, many callers at once each get exactly what they would alone', async () => {
    const names = Object.keys(EXPECTED);
    const alone: number[] = [];
    for (const n of names) alone.push((await bm.get(`/api/patients/${patients[n]}`)).statusCode);
    const together = await Promise.all(names.flatMap((n) => [clinician.get(`/api/patients/${patients[n]}`), bm.get(`/api/patients/${patients[n]}`)]));
    const notThere = (await clinician.get('/api/patients/999999')).body;
    names.forEach((n, k) => {
      const [mine, bms] = [together[2 * k]!, together[2 * k + 1]!];
      expect(mine.statusCode).toBe(EXPECTED[n]);
      if (mine.statusCode === 200) expect(mine.json().familyName).toBe(n);
      else expect(mine.body).toBe(notThere);
      expect(bms.statusCode).toBe(alone[k]);
    });
  });
});
