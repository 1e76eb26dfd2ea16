import type { Db } from '../../src/db/connection.js';
import { nextNhsNumber, type Register } from './register-fixture.js';

// A known pathway history for planning tests, on top of the small register (register-fixture.ts):
// men admitted from prison to Northshire's medium secure wards every 40 days, half moving ward within
// the stay, then discharged, stepped down to Northshire's low secure ward, or stepped down to a low
// secure ward in Southshire; women admitted from court to the women's medium ward every 100 days.
// Tests count what they expect from plan() in JavaScript, never by reading SQL results back.

export const DAY = 86_400_000;
const ORIGIN = Date.UTC(2016, 0, 1);

export interface Step {
  ward: keyof Wards;
  days: number;
}
export type Wards = { ash: number; ashTwo: number; cedar: number; delta: number; birch: number };
export interface Person {
  sex: 'male' | 'female';
  start: number;
  source: 'prison' | 'court';
  steps: Step[];
}

export function plan(): Person[] {
  const people: Person[] = [];
  for (let k = 0; k < 60; k++) {
    const medium = 250 + (k % 7) * 20;
    // Even k move to another medium ward 100 days in: the same stay.
    const mediumSteps: Step[] = k % 2 === 0 ? [{ ward: 'ash', days: 100 }, { ward: 'ashTwo', days: medium - 100 }] : [{ ward: 'ash', days: medium }];
    const low = 150 + (k % 5) * 25;
    const after: Step[] = k % 3 === 0 ? [] : [{ ward: k % 3 === 1 ? 'cedar' : 'delta', days: low }];
    people.push({ sex: 'male', start: ORIGIN + k * 40 * DAY, source: 'prison', steps: [...mediumSteps, ...after] });
  }
  for (let k = 0; k < 15; k++) people.push({ sex: 'female', start: ORIGIN + (366 + 100 * k) * DAY, source: 'court', steps: [{ ward: 'birch', days: 350 + (k % 4) * 30 }] });
  return people;
}

/** Adds a second men's medium ward (10 beds) and writes plan() into the register; returns the wards. */
export async function createPlanningHistory(db: Db, reg: Register): Promise<Wards> {
  const ashTwo = await db
    .insertInto('ward')
    .values({ unit_id: reg.mediumUnit, code: 'W-MM2', name: 'Alder Ward', tier: 'medium', security_level: 2, sex: 'male', specialism: 'mental_illness', commissioned_beds: 10, closed_beds: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const wards: Wards = { ash: reg.wards.mediumMale, ashTwo: ashTwo.id, cedar: reg.wards.lowMale, delta: reg.wards.lowMaleSouth, birch: reg.wards.mediumFemale };
  const rank = (w: keyof Wards) => (w === 'cedar' || w === 'delta' ? 1 : 2);
  for (const p of plan()) {
    const patient = await db
      .insertInto('patient')
      .values({ nhs_number: nextNhsNumber(), given_name: 'Sam', family_name: 'Planned', date_of_birth: '1980-01-01', sex: p.sex, ethnicity: 'A', home_region_id: reg.north })
      .returning('id')
      .executeTakeFirstOrThrow();
    let at = p.start;
    const rows = p.steps.map((step, i) => {
      const prev = p.steps[i - 1];
      const last = i === p.steps.length - 1;
      const begins = at;
      at += step.days * DAY;
      return {
        patient_id: patient.id,
        ward_id: wards[step.ward],
        admitted_at: new Date(begins),
        ended_at: new Date(at),
        start_kind: prev ? ('transfer' as const) : ('admission' as const),
        source: prev ? null : p.source,
        direction: prev ? (rank(step.ward) < rank(prev.ward) ? ('down' as const) : ('sideways' as const)) : null,
        end_reason: last ? ('discharge' as const) : ('transfer' as const),
        destination: last ? 'community' : null,
      };
    });
    await db.insertInto('placement').values(rows).execute();
  }
  return wards;
}

/** Stays at a tier in Northshire, as the plan makes them: runs of steps at the tier inside Northshire. */
export function northshireStays(tier: 'medium' | 'low') {
  return plan().flatMap((p) => {
    const out: { start: number; end: number; next: string; wardMoves: number }[] = [];
    let at = p.start;
    let current: (typeof out)[number] | null = null;
    for (const step of p.steps) {
      const stepTier = step.ward === 'cedar' || step.ward === 'delta' ? 'low' : 'medium';
      const inside = step.ward !== 'delta';
      const end = at + step.days * DAY;
      if (current && stepTier === tier && inside) {
        current.end = end;
        current.wardMoves++;
      } else {
        if (current) current.next = stepTier;
        current = stepTier === tier && inside ? { start: at, end, next: 'community', wardMoves: 0 } : null;
        if (current) out.push(current);
      }
      at = end;
    }
    return out;
  });
}

