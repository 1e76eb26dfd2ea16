import { sql } from 'kysely';
import { breakGlassUntil, visiblePatientIds, type Visibility } from '../access/access.repo.js';
import type { DbOrTx } from '../db/connection.js';

export const insertPatient = (
  db: DbOrTx,
  p: {
    nhs_number: string | null;
    chi_number: string | null;
    given_name: string;
    family_name: string;
    date_of_birth: string;
    sex: string;
    ethnicity: string;
    home_region_id: number;
    created_by: number | null;
  },
) => db.insertInto('patient').values(p).returning('id').executeTakeFirstOrThrow();

/**
 * The patient row, locked for the rest of the transaction when `lock` is set (placement changes).
 * With `visibleTo`, only if that caller has a relationship with the patient: otherwise nothing,
 * exactly as if the patient did not exist.
 */
export function selectPatient(db: DbOrTx, id: number, lock = false, visibleTo?: Visibility) {
  let q = db
    .selectFrom('patient as p')
    .innerJoin('region as r', 'r.id', 'p.home_region_id')
    .selectAll('p')
    .select('r.name as home_region_name')
    .where('p.id', '=', id);
  if (visibleTo) q = q.where(sql<boolean>`p.id IN ${visiblePatientIds(visibleTo, id)}`);
  if (lock) q = q.forUpdate('p');
  // Until when the caller holds emergency access to this patient: only then can the basis of a look
  // be in doubt (break-glass, or a relationship as well), so only then is it worked out separately.
  const glass = visibleTo ? breakGlassUntil(visibleTo, sql.ref('p.id')) : sql<Date | null>`NULL::timestamptz`;
  return q.select(glass.as('break_glass_until')).executeTakeFirst();
}
export type PatientRow = NonNullable<Awaited<ReturnType<typeof selectPatient>>>;

export function selectPlacements(db: DbOrTx, patientId: number) {
  return db
    .selectFrom('placement as pl')
    .innerJoin('ward as w', 'w.id', 'pl.ward_id')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select([
      sql<number>`pl.id::int`.as('id'),
      'pl.ward_id',
      'w.name as ward_name',
      'u.id as unit_id',
      'u.name as unit_name',
      'o.name as organisation_name',
      'o.sector',
      'r.name as region_name',
      'w.tier',
      'w.security_level',
      'w.specialism',
      'pl.admitted_at',
      'pl.ended_at',
      'pl.start_kind',
      'pl.source',
      'pl.direction',
      'pl.end_reason',
      'pl.destination',
      'pl.over_capacity_reason',
    ])
    .where('pl.patient_id', '=', patientId)
    .orderBy('pl.admitted_at')
    .execute();
}
export type PlacementRow = Awaited<ReturnType<typeof selectPlacements>>[number];

export interface SearchTerms {
  visibleTo: Visibility;
  digits: string | null;
  words: string[];
  limit: number;
  offset: number;
}

/** Name words match the start of a given or family name; digits match NHS or CHI numbers. */
export async function searchPatients(db: DbOrTx, t: SearchTerms) {
  // A search by name or number narrows to a few people first, then each is checked; a bare list
  // starts from the caller's reach instead.
  const narrowed = t.digits !== undefined || t.words.length > 0;
  let q = db.selectFrom('patient as p').where(sql<boolean>`p.id IN ${visiblePatientIds(t.visibleTo, narrowed ? sql.ref('p.id') : undefined)}`);
  if (t.digits) {
    const d = `${t.digits}%`;
    q = q.where((eb) => eb.or([eb('p.nhs_number', 'like', d), eb('p.chi_number', 'like', d)]));
  }
  for (const word of t.words) {
    const w = `${word.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(p.family_name)`, 'like', w), eb(sql`lower(p.given_name)`, 'like', w)]));
  }
  const [items, total] = await Promise.all([
    q
      .leftJoin('placement as pl', (j) => j.onRef('pl.patient_id', '=', 'p.id').on('pl.ended_at', 'is', null))
      .leftJoin('ward as w', 'w.id', 'pl.ward_id')
      .leftJoin('unit as u', 'u.id', 'w.unit_id')
      .select([
        'p.id',
        'p.nhs_number',
        'p.chi_number',
        'p.given_name',
        'p.family_name',
        'p.date_of_birth',
        'p.sex',
        'w.name as ward_name',
        'u.name as unit_name',
        'w.tier',
      ])
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('p.id')
      .limit(t.limit)
      .offset(t.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Changes the patient only if still at `version`; false when someone else changed it first. */
export async function updatePatientIfVersion(db: DbOrTx, id: number, version: number, values: Record<string, unknown>): Promise<boolean> {
  const result = await db
    .updateTable('patient')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
