import type { Db } from '../../src/db/connection.js';
import { ROLE_PERMISSIONS } from '../../src/http/policy.js';
import { mod11CheckDigit } from '../../src/patients/identifiers.js';

const PATIENT_ROLES = new Set(Object.entries(ROLE_PERMISSIONS).filter(([, p]) => p.includes('patients:read')).map(([r]) => r));

// A small, known register for integration tests: two regions of one nation, NHS and independent
// providers, units of several tiers and wards with known bed counts.

export interface Register {
  nationId: number;
  north: number;
  south: number;
  nhs: number;
  independent: number;
  mediumUnit: number;
  lowUnit: number;
  prisonUnit: number;
  wards: {
    mediumMale: number; // 2 beds
    mediumFemale: number; // 3 beds, 1 closed
    lowMale: number; // 4 beds
    lowMaleSouth: number; // 3 beds, independent, far region
    adolescent: number; // 2 beds
  };
}

export async function createRegister(db: Db): Promise<Register> {
  const nation = await db.insertInto('nation').values({ code: 'TST', name: 'Testland' }).returning('id').executeTakeFirstOrThrow();
  const [north, south] = await db
    .insertInto('region')
    .values([
      { nation_id: nation.id, code: 'T-N', name: 'Northshire', population: 2_000_000, latitude: 55, longitude: -2 },
      { nation_id: nation.id, code: 'T-S', name: 'Southshire', population: 3_000_000, latitude: 51, longitude: -1 },
    ])
    .returning('id')
    .execute();
  const [nhs, independent] = await db
    .insertInto('organisation')
    .values([
      { code: 'NHS-T1', name: 'Northshire NHS Trust', sector: 'nhs', region_id: north!.id },
      { code: 'IND-T1', name: 'Southcare Hospitals', sector: 'independent', region_id: south!.id },
    ])
    .returning('id')
    .execute();
  const [mediumUnit, lowUnit, lowSouth, prisonUnit] = await db
    .insertInto('unit')
    .values([
      { organisation_id: nhs!.id, region_id: north!.id, code: 'U-MED', name: 'Moorside Unit', service_type: 'medium_secure', commissioning_level: 'regional' },
      { organisation_id: nhs!.id, region_id: north!.id, code: 'U-LOW', name: 'Larch House', service_type: 'low_secure', commissioning_level: 'local' },
      { organisation_id: independent!.id, region_id: south!.id, code: 'U-LOWS', name: 'Southgate Hospital', service_type: 'low_secure', commissioning_level: 'local' },
      { organisation_id: nhs!.id, region_id: north!.id, code: 'U-HMP', name: 'HMP Northshire', service_type: 'prison', commissioning_level: 'local' },
    ])
    .returning('id')
    .execute();
  const ward = (unit: number, code: string, name: string, tier: string, level: number, sex: string, specialism: string, beds: number, closed = 0) => ({
    unit_id: unit,
    code,
    name,
    tier,
    security_level: level,
    sex,
    specialism,
    commissioned_beds: beds,
    closed_beds: closed,
  });
  const wards = await db
    .insertInto('ward')
    .values([
      ward(mediumUnit!.id, 'W-MM', 'Ash Ward', 'medium', 2, 'male', 'mental_illness', 2),
      ward(mediumUnit!.id, 'W-MF', 'Birch Ward', 'medium', 2, 'female', 'mental_illness', 3, 1),
      ward(lowUnit!.id, 'W-LM', 'Cedar Ward', 'low', 1, 'male', 'mental_illness', 4),
      ward(lowSouth!.id, 'W-LS', 'Delta Ward', 'low', 1, 'male', 'mental_illness', 3),
      ward(mediumUnit!.id, 'W-ADO', 'Elm Ward', 'medium', 2, 'male', 'adolescent', 2),
    ])
    .returning('id')
    .execute();
  // Every test account whose role reaches patients does so across the whole test nation, unless a
  // test narrows it (see src/access/access.int.test.ts).
  const users = await db.selectFrom('app_user').select(['id', 'roles']).execute();
  const scopes = users.flatMap((u) => u.roles.filter((r) => PATIENT_ROLES.has(r)).map((role) => ({ user_id: u.id, role, level: 'nation' as const, ref_id: nation.id })));
  if (scopes.length > 0) await db.insertInto('user_scope').values(scopes).onConflict((oc) => oc.doNothing()).execute();
  return {
    nationId: nation.id,
    north: north!.id,
    south: south!.id,
    nhs: nhs!.id,
    independent: independent!.id,
    mediumUnit: mediumUnit!.id,
    lowUnit: lowUnit!.id,
    prisonUnit: prisonUnit!.id,
    wards: { mediumMale: wards[0]!.id, mediumFemale: wards[1]!.id, lowMale: wards[2]!.id, lowMaleSouth: wards[3]!.id, adolescent: wards[4]!.id },
  };
}

let serial = 100000;
/** A valid NHS number from the range reserved for testing, different each call. */
export function nextNhsNumber(): string {
  for (;;) {
    const nine = `999${String(serial++).padStart(6, '0')}`;
    const check = mod11CheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

export const patientInput = (regionId: number, over: Record<string, unknown> = {}) => ({
  nhsNumber: nextNhsNumber(),
  givenName: 'Alex',
  familyName: 'Testperson',
  dateOfBirth: '1985-04-12',
  sex: 'male',
  ethnicity: 'A',
  homeRegionId: regionId,
  ...over,
});

/** A routine referral from prison in-reach to medium secure, for the test register (target and patient to add). */
export function referralInput(reg: Register) {
  return {
    source: 'prison_in_reach',
    referringOrganisationId: reg.nhs,
    referringClinician: 'Dr P In-Reach',
    legalRoute: 's47_49',
    urgency: 'routine',
    requestedTier: 'medium',
    requestedSpecialism: 'mental_illness',
    homeRegionId: reg.north,
    offenceCategory: 'robbery',
  };
}
