import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, nextNhsNumber, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ROLES } from '../shared/vocabulary.js';

// A canary patient nobody under test may see. Every route, every role: its values never come back in
// a response, and never reach a log line.

const CANARY = { given: 'Quillon', family: 'Vexbridge', nhs: nextNhsNumber(), dob: '1979-02-28' };
const logs: string[] = [];
let t: TestApp;
let reg: Register;
let canaryId = 0;

beforeAll(async () => {
  t = await createTestApp({ config: { logLevel: 'info' }, logStream: { write: (line) => void logs.push(line) } });
  reg = await createRegister(t.db);
  const { id } = await t.db
    .insertInto('patient')
    .values({ nhs_number: CANARY.nhs, given_name: CANARY.given, family_name: CANARY.family, date_of_birth: CANARY.dob, sex: 'male', ethnicity: 'A', home_region_id: reg.south })
    .returning('id')
    .executeTakeFirstOrThrow();
  canaryId = id;
  await t.db.insertInto('placement').values({ patient_id: id, ward_id: reg.wards.lowMaleSouth, admitted_at: '2026-01-01T00:00:00Z', start_kind: 'admission', source: 'court' }).execute();
  // Every clinical account now works on Ash Ward only: the canary, on Delta Ward, is out of reach.
  await t.db.updateTable('user_scope').set({ level: 'ward', ref_id: reg.wards.mediumMale }).execute();
});
afterAll(() => t.close());

const leaks = (text: string) => [CANARY.given, CANARY.family, CANARY.nhs, CANARY.dob].filter((v) => text.includes(v));

function urlFor(url: string): string {
  const filled = url.replace(':id', String(canaryId));
  if (filled === '/api/patients') return `/api/patients?q=${CANARY.family}`;
  if (filled === '/api/beds/find') return `/api/beds/find?tier=low&sex=male&specialism=mental_illness&patientId=${canaryId}`;
  if (filled === '/api/directory/export') return `${filled}?kind=wards`;
  return filled;
}

describe('canary patient', () => {
  it('never appears in any response to any role, on any route', async () => {
    const checked: string[] = [];
    for (const role of ROLES) {
      const c = await t.as(role);
      for (const r of t.app.routeTable) {
        if (r.url.startsWith('/api/auth/') || r.url === '/api/openapi.json') continue;
        const url = urlFor(r.url);
        const res =
          r.method === 'GET'
            ? await c.get(url)
            : await c.request(r.method as 'POST', url, r.url.endsWith('/admit') ? { wardId: reg.wards.mediumMale, source: 'court' } : r.url.endsWith('/transfer') ? { wardId: reg.wards.mediumMale } : r.url.endsWith('/discharge') ? { destination: 'died' } : {});
        expect(leaks(res.body), `${role} ${r.method} ${url} → ${res.statusCode}`).toEqual([]);
        checked.push(`${role} ${r.method} ${r.url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(200);
    // The canary is still where it was: nothing anyone tried moved it.
    const open = await t.db.selectFrom('placement').select('ward_id').where('patient_id', '=', canaryId).where('ended_at', 'is', null).execute();
    expect(open).toEqual([{ ward_id: reg.wards.lowMaleSouth }]);
  });

  it('never reaches a log line, even when searched for by name', () => {
    expect(logs.length).toBeGreaterThan(100);
    expect(logs.filter((l) => leaks(l).length > 0)).toEqual([]);
  });
});
