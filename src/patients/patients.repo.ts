import { sql, type RawBuilder, type Selectable } from 'kysely';
import { breakGlassUntil, reachesPatient, visiblePatientIds, type Visibility } from '../access/access.repo.js';
import { insertEventsFrom, type AuditFields } from '../audit/audit.repo.js';
import type { DbOrTx } from '../db/connection.js';
import type { PatientTable, PlacementTable } from '../db/schema.js';

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
  let q = db.selectFrom('patient as p').selectAll('p').where('p.id', '=', id);
  if (visibleTo) q = q.where(reachesPatient(visibleTo, id));
  if (lock) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export type PatientRow = Selectable<PatientTable> & {
  home_region_name: string;
  /** Until when the caller holds emergency access to the patient (null: none, or no caller). */
  break_glass_until: Date | null;
  /** Whether the caller reaches the patient without emergency access (true when no caller). */
  related: boolean;
};

export interface PlacementRow {
  id: number;
  ward_id: number;
  ward_name: string;
  unit_id: number;
  unit_name: string;
  organisation_name: string;
  sector: string;
  region_name: string;
  tier: string;
  security_level: number;
  specialism: string;
  admitted_at: Date;
  ended_at: Date | null;
  start_kind: PlacementTable['start_kind'];
  source: string | null;
  direction: PlacementTable['direction'];
  end_reason: PlacementTable['end_reason'];
  destination: string | null;
  over_capacity_reason: string | null;
}

/** A patient's placements, oldest first, as one JSON array, so the record reads in one statement. */
const placementsOf = (patient: RawBuilder<number>) => sql<PlacementJson[]>`(
  SELECT coalesce(json_agg(x ORDER BY x.admitted_at), '[]'::json) FROM (
    SELECT pl.id::int AS id, pl.ward_id, w.name AS ward_name, u.id AS unit_id, u.name AS unit_name,
      o.name AS organisation_name, o.sector, r.name AS region_name, w.tier, w.security_level, w.specialism,
      pl.admitted_at, pl.ended_at, pl.start_kind, pl.source, pl.direction, pl.end_reason, pl.destination,
      pl.over_capacity_reason
    FROM placement pl
      JOIN ward w ON w.id = pl.ward_id JOIN unit u ON u.id = w.unit_id
      JOIN organisation o ON o.id = u.organisation_id JOIN region r ON r.id = u.region_id
    WHERE pl.patient_id = ${patient}) x)`;
type PlacementJson = Omit<PlacementRow, 'admitted_at' | 'ended_at'> & { admitted_at: string; ended_at: string | null };

/**
 * A patient's whole record (the row and every placement) in one statement. With `visibleTo`, only
 * if that caller reaches the patient, through a relationship or emergency access, and saying which.
 * With `auditAs` as well, the look is appended to the audit trail by the same statement, so the
 * record and the event that it was seen commit together or not at all; and the chain's lock is
 * held only for the end of one statement, not across round trips to the application.
 */
export async function selectRecord(
  db: DbOrTx,
  id: number,
  visibleTo?: Visibility,
  auditAs?: AuditFields,
): Promise<{ patient: PatientRow; placements: PlacementRow[] } | undefined> {
  const reach = visibleTo
    ? sql`${reachesPatient({ ...visibleTo, excludeBreakGlass: true }, id)} AS related, ${breakGlassUntil(visibleTo, sql.ref('p.id'))} AS break_glass_until`
    : sql`true AS related, NULL::timestamptz AS break_glass_until`;
  const logged = auditAs
    ? sql`, logged AS (${insertEventsFrom(auditAs, sql`(SELECT id AS patient_id, id::text AS record_id, CASE WHEN related THEN 'relationship' ELSE 'break_glass' END AS basis FROM seen)`)})`
    : sql``;
  const { rows } = await sql<PatientRow & { placements: PlacementJson[] }>`
    WITH shown AS MATERIALIZED (
      SELECT p.*, r.name AS home_region_name, ${reach}
      FROM patient p JOIN region r ON r.id = p.home_region_id
      WHERE p.id = ${id}
    ), seen AS (SELECT * FROM shown WHERE related OR break_glass_until IS NOT NULL)${logged}
    SELECT seen.*, ${placementsOf(sql.ref('seen.id'))} AS placements FROM seen`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { placements, ...patient } = row;
  return {
    patient,
    placements: placements.map((pl) => ({ ...pl, admitted_at: new Date(pl.admitted_at), ended_at: pl.ended_at === null ? null : new Date(pl.ended_at) })),
  };
}

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
  let q = db.selectFrom('patient as p').where(narrowed ? reachesPatient(t.visibleTo, sql.ref('p.id')) : sql<boolean>`p.id IN ${visiblePatientIds(t.visibleTo)}`);
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
