import { sql, type RawBuilder, type Selectable } from 'kysely';
import { breakGlassUntil, lookerOf, reachesPatient, visiblePatientIds, type Looker, type Visibility } from '../access/access.repo.js';
import { relationshipDays } from '../access/access.rules.js';
import { insertEventsFrom, type AuditFields } from '../audit/audit.repo.js';
import type { DbOrTx } from '../db/connection.js';
import { reusableStatement } from '../db/reusable-statement.js';
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

/** The patient columns a record shows (see recordColumns): not who registered them, or when. */
const RECORD_COLUMNS = ['id', 'nhs_number', 'chi_number', 'given_name', 'family_name', 'date_of_birth', 'sex', 'ethnicity', 'home_region_id', 'version'] as const;

export type PatientRow = Pick<Selectable<PatientTable>, (typeof RECORD_COLUMNS)[number]> & {
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
  organisation_id: number;
  region_id: number;
  nation_id: number;
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
      u.organisation_id, u.region_id, r.nation_id, o.name AS organisation_name, o.sector, r.name AS region_name, w.tier, w.security_level, w.specialism,
      pl.admitted_at, pl.ended_at, pl.start_kind, pl.source, pl.direction, pl.end_reason, pl.destination,
      pl.over_capacity_reason
    FROM placement pl
      JOIN ward w ON w.id = pl.ward_id JOIN unit u ON u.id = w.unit_id
      JOIN organisation o ON o.id = u.organisation_id JOIN region r ON r.id = u.region_id
    WHERE pl.patient_id = ${patient}) x)`;
type PlacementJson = Omit<PlacementRow, 'admitted_at' | 'ended_at'> & { admitted_at: string; ended_at: string | null };

export type PatientRecord = { patient: PatientRow; placements: PlacementRow[] };

/**
 * The columns of a patient's record (alias p, home region r), and how the looker reaches them:
 * through a relationship, or emergency access and until when. Without a looker, no check (a service
 * that checked already).
 */
function recordColumns(looker: Looker | undefined, patient: RawBuilder<number>) {
  const reach = looker
    ? sql`${reachesPatient({ ...looker, excludeBreakGlass: true }, patient)} AS related, ${breakGlassUntil(looker, sql.ref('p.id'))} AS break_glass_until`
    : sql`true AS related, NULL::timestamptz AS break_glass_until`;
  // Named, not p.*: every column is parsed on every read, and the row's own timestamps are not shown.
  return sql`${sql.join(RECORD_COLUMNS.map((c) => sql.ref(`p.${c}`)))}, r.name AS home_region_name, ${reach}`;
}

/** Of recordColumns' rows, those the looker may see: through a relationship or emergency access. */
const seenByLooker = sql<boolean>`(related OR break_glass_until IS NOT NULL)`;

type RecordRow = PatientRow & { placements: PlacementJson[] };

const placementRows = (placements: PlacementJson[]): PlacementRow[] =>
  placements.map((pl) => ({ ...pl, admitted_at: new Date(pl.admitted_at), ended_at: pl.ended_at === null ? null : new Date(pl.ended_at) }));

function toRecord({ placements, ...patient }: RecordRow): PatientRecord {
  return { patient, placements: placementRows(placements) };
}

/**
 * A patient's whole record (the row and every placement) in one statement, not audited: for
 * services that audit the action they took. With `visibleTo`, saying how that caller reaches the
 * patient (a relationship, or emergency access and until when), and only if they do unless `checked`
 * is false (a record shown after a change the caller was allowed to make).
 */
export async function selectRecord(db: DbOrTx, id: number, visibleTo?: Visibility, checked = true): Promise<PatientRecord | undefined> {
  const { rows } = await sql<RecordRow>`
    WITH shown AS MATERIALIZED (
      SELECT ${recordColumns(visibleTo && lookerOf(visibleTo), sql`${id}`)}
      FROM patient p JOIN region r ON r.id = p.home_region_id
      WHERE p.id = ${id}
    )
    SELECT shown.*, ${placementsOf(sql.ref('shown.id'))} AS placements FROM shown WHERE ${checked ? seenByLooker : sql`true`}`.execute(db);
  return rows[0] && toRecord(rows[0]);
}

/**
 * A patient's placements as an app server already holds them, and the stamp they were read at:
 * the ward directory's version, then each placement's row version (migration 0013). Every change to
 * a placement gives it a new random version, adding or deleting one changes the list, and any
 * change to a ward, unit, organisation or region replaces the directory's version, so an equal stamp
 * means equal placements.
 */
export interface KnownPlacements {
  stamp: string;
  placements: readonly Readonly<PlacementRow>[];
}

/** One look at a patient's record: by whom, when, and the audit event it makes if they may see it. */
export interface RecordRead {
  id: number;
  visibleTo: Visibility;
  audit: AuditFields;
  /** The placements this server holds for the patient, if any: sent back only if they changed. */
  known?: KnownPlacements;
}

/** A record as an audited read answers it, with the stamp of its placements (see KnownPlacements). */
export type StampedRecord = {
  patient: PatientRow;
  placements: KnownPlacements['placements'];
  /** Null only if the ward directory has lost its version row: then nothing may be kept. */
  placementsStamp: string | null;
};

/**
 * One look as the batched statement reads it from its JSON parameter: the column list of
 * json_to_recordset in recordsAudited below, which must name the same fields.
 */
type Look = AuditFields & { n: number; patient_id: number; looker_id: number; looker_role: string; now: string; known: string | null };

/**
 * Many looks at patients' records, each by its own caller, in one statement: each is checked as
 * selectRecord checks it, and each record shown is appended to the audit trail by the same statement
 * (basis: relationship or emergency access), so records and the events that they were seen commit
 * together or not at all. Answers in the order asked; undefined where the caller may not see the
 * patient, or there is none.
 *
 * The looks arrive as one JSON parameter, whose row count the planner cannot see: the statement's
 * plan is the same for one look or fifty, so PostgreSQL keeps one generic plan for it.
 *
 * A look that brings the placements its server already holds gets them back unchanged unless their
 * stamp moved: building a record's placements (four joins and a JSON document a placement) was
 * about a quarter of the statement's work. The access check and the audit event are the same
 * either way.
 */
export async function selectRecordsAudited(db: DbOrTx, reads: RecordRead[]): Promise<(StampedRecord | undefined)[]> {
  // Field by field: V8 builds `{ ...audit, n, ... }` about eight times slower (some 10 µs a look),
  // and this runs for every record read. A required field added to AuditFields is then a compile
  // error here; the statement's column list still has to be given it by hand.
  const looks = reads.map(({ id, visibleTo: { caller, now }, audit: a, known }, n): Look => ({
    user_id: a.user_id,
    username: a.username,
    role: a.role,
    scope: a.scope,
    record_type: a.record_type,
    action: a.action,
    reason: a.reason,
    request_id: a.request_id,
    n,
    patient_id: id,
    looker_id: caller.userId,
    looker_role: caller.role,
    now: now.toISOString(),
    known: known ? known.stamp : null,
  }));
  // The relationship window is the one setting the statement embeds.
  const { rows } = await db.executeQuery(recordsAudited(db, String(relationshipDays()), JSON.stringify(looks)));
  const answers: (StampedRecord | undefined)[] = reads.map(() => undefined);
  for (const { n, placements_stamp, placements, ...patient } of rows) {
    // No placements: this look brought some, and their stamp matched (never otherwise: see the statement).
    const current = placements === null ? reads[n]!.known!.placements : placementRows(placements);
    answers[n] = { patient, placements: current, placementsStamp: placements_stamp };
  }
  return answers;
}

/** The statement behind selectRecordsAudited: the same text for every batch, so composed once. */
const recordsAudited = reusableStatement((looksJson) => {
  // Each look's own caller, from its row: the same rules as for one caller's parameters.
  const looker: Looker = { userId: sql.ref('q.looker_id'), role: sql.ref('q.looker_role'), now: sql.ref('q.now') };
  return sql<PatientRow & { n: number; placements_stamp: string | null; placements: PlacementJson[] | null }>`
    WITH q AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${looksJson}::json) AS q(n int, patient_id int, looker_id int, looker_role text, now timestamptz,
        known text, user_id int, username text, role text, scope text, record_type text, action text, reason text, request_id text)
    ), shown AS MATERIALIZED (
      SELECT q.n, ${recordColumns(looker, sql.ref('q.patient_id'))}
      FROM q JOIN patient p ON p.id = q.patient_id JOIN region r ON r.id = p.home_region_id
    ), seen AS (SELECT * FROM shown WHERE ${seenByLooker}),
    logged AS (${insertEventsFrom(sql`(
      SELECT q.user_id, q.username, q.role, q.scope, q.record_type, q.action, q.reason, q.request_id,
        seen.id AS patient_id, seen.id::text AS record_id, CASE WHEN seen.related THEN 'relationship' ELSE 'break_glass' END AS basis,
        NULL::int[] AS patient_ids
      FROM seen JOIN q ON q.n = seen.n ORDER BY seen.n)`)}),
    stamped AS MATERIALIZED (SELECT seen.*, ${placementsStamp(sql.ref('seen.id'))} AS placements_stamp FROM seen)
    SELECT stamped.*,
      CASE WHEN q.known IS NULL OR stamped.placements_stamp IS NULL OR stamped.placements_stamp <> q.known
        THEN ${placementsOf(sql.ref('stamped.id'))} END AS placements
    FROM stamped JOIN q ON q.n = stamped.n`;
});

/** The stamp of a patient's placements (see KnownPlacements); null if the directory has no version. */
const placementsStamp = (patient: RawBuilder<number>) => sql<string | null>`(
  (SELECT v.version::text FROM ward_directory_version v) || ':' ||
  coalesce((SELECT string_agg(pl.row_version::text, ',' ORDER BY pl.id) FROM placement pl WHERE pl.patient_id = ${patient}), ''))`;

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
        // Whether a relationship, not only emergency access, shows this person: the basis of the look.
        reachesPatient({ ...t.visibleTo, excludeBreakGlass: true }, sql.ref('p.id')).as('related'),
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

/** The patient holding an NHS or CHI number (as stored: digits only), if any. */
export const selectPatientIdByIdentifier = async (db: DbOrTx, column: 'nhs_number' | 'chi_number', value: string) =>
  (await db.selectFrom('patient').select('id').where(column, '=', value).executeTakeFirst())?.id;
