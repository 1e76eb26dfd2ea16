import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { relationshipDays } from './access.rules.js';

/** Who is looking, and when: the relationship window is counted back from the service's clock. */
export interface Visibility {
  caller: Caller;
  now: Date;
  /** Leave emergency access out: to tell a relationship from a break-glass look. */
  excludeBreakGlass?: boolean;
}

export const selectScopes = (db: DbOrTx, userId: number, role: string) =>
  db.selectFrom('user_scope').select(['level', 'ref_id']).where('user_id', '=', userId).where('role', '=', role).execute();

/**
 * Who is looking and when, as SQL: the parameters of one caller, or the columns of a batch of
 * requests read together (one row per request), so one set of rules serves both.
 */
export interface Looker {
  userId: RawBuilder<number>;
  role: RawBuilder<string>;
  now: RawBuilder<Date>;
  /** Leave emergency access out: to tell a relationship from a break-glass look. */
  excludeBreakGlass?: boolean;
}

/** Who the caller is, as parameters: the part of a looker that needs no moment. */
const callerAsLooker = (caller: Caller): Pick<Looker, 'userId' | 'role'> => ({ userId: sql<number>`${caller.userId}`, role: sql<string>`${caller.role}` });

/** The looker for one caller at one moment. */
export function lookerOf(v: Visibility): Looker {
  return {
    ...callerAsLooker(v.caller),
    now: sql<Date>`${v.now.toISOString()}::timestamptz`,
    ...(v.excludeBreakGlass ? { excludeBreakGlass: true } : {}),
  };
}

const asLooker = (v: Visibility | Looker): Looker => ('caller' in v ? lookerOf(v) : v);

/** A ward (alias w) joined to its unit (u) and region (r) lies in one of the looker's scopes. */
function wardInCallerScope(l: Pick<Looker, 'userId' | 'role'>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM user_scope s
    WHERE s.user_id = ${l.userId} AND s.role = ${l.role} AND (
      (s.level = 'ward' AND s.ref_id = w.id) OR (s.level = 'unit' AND s.ref_id = u.id)
      OR (s.level = 'organisation' AND s.ref_id = u.organisation_id) OR (s.level = 'region' AND s.ref_id = u.region_id)
      OR (s.level = 'nation' AND s.ref_id = r.nation_id)))`;
}

/**
 * A referral (alias rf) lies in one of the caller's scopes: at either end (the panel it sits with, or
 * the prison, team or organisation that referred), or on the ward where a bed was offered; or the
 * caller made it. Like a placement, a closed referral keeps that relationship only for the
 * relationship window after its clock stopped.
 */
export function referralInCallerScope(caller: Caller, now: Date): RawBuilder<boolean> {
  return referralInScopeOf(lookerOf({ caller, now }));
}

function referralInScopeOf(l: Looker): RawBuilder<boolean> {
  return sql<boolean>`((rf.stopped_at IS NULL OR rf.stopped_at > ${l.now} - make_interval(days => ${relationshipDays()})) AND (EXISTS (
    SELECT 1 FROM user_scope s
    WHERE s.user_id = ${l.userId} AND s.role = ${l.role} AND (
      (s.level = 'unit' AND (s.ref_id = rf.target_unit_id OR s.ref_id = rf.referring_unit_id))
      OR (s.level = 'ward' AND s.ref_id = rf.offered_ward_id)
      OR (s.level = 'organisation' AND (s.ref_id = rf.referring_organisation_id OR s.ref_id = (SELECT tu.organisation_id FROM unit tu WHERE tu.id = rf.target_unit_id)))
      OR (s.level = 'region' AND (s.ref_id = rf.target_region_id OR s.ref_id = (SELECT ro.region_id FROM organisation ro WHERE ro.id = rf.referring_organisation_id)))
      OR (s.level = 'nation' AND s.ref_id = (SELECT tr.nation_id FROM region tr WHERE tr.id = rf.target_region_id))))
    OR rf.created_by = ${l.userId}))`;
}

/**
 * The ways a caller has a legitimate relationship with a patient, each a query of patient ids:
 * placed now, or within the relationship window, on a ward in one of their scopes; referred to or
 * from a place in their scope (open, or closed within the window); assigned to them as case
 * manager; emergency access they hold; or registered by them within the window and not yet placed
 * anywhere. With `only` (an id, or an outer query's patient column), each reads just that patient
 * by its index, so checking one record costs a few index lookups rather than the caller's whole
 * reach (a nation, for a national bed manager).
 */
function reachBranches(l: Looker, only?: number | RawBuilder<number>): RawBuilder<number>[] {
  const days = relationshipDays();
  const just = (column: string) => (only === undefined ? sql`true` : sql`${sql.ref(column)} = ${only}`);
  return [
    sql<number>`SELECT pl.patient_id FROM placement pl
      JOIN ward w ON w.id = pl.ward_id JOIN unit u ON u.id = w.unit_id JOIN region r ON r.id = u.region_id
    WHERE ${just('pl.patient_id')} AND (pl.ended_at IS NULL OR pl.ended_at > ${l.now} - make_interval(days => ${days})) AND ${wardInCallerScope(l)}`,
    sql<number>`SELECT ca.patient_id FROM case_assignment ca
    WHERE ${just('ca.patient_id')} AND ca.user_id = ${l.userId} AND ${l.role} = 'case-manager' AND ca.starts_at <= ${l.now} AND (ca.ends_at IS NULL OR ca.ends_at > ${l.now})`,
    ...(l.excludeBreakGlass ? [] : [sql<number>`SELECT bg.patient_id FROM break_glass bg WHERE ${just('bg.patient_id')} AND ${liveBreakGlass(l)}`]),
    sql<number>`SELECT rf.patient_id FROM referral rf
    WHERE ${just('rf.patient_id')} AND ${referralInScopeOf(l)}`,
    sql<number>`SELECT np.id FROM patient np
    WHERE ${just('np.id')} AND np.created_by = ${l.userId} AND np.created_at > ${l.now} - make_interval(days => ${days})
      AND NOT EXISTS (SELECT 1 FROM placement x WHERE x.patient_id = np.id)`,
  ];
}

/** Every patient the caller has a legitimate relationship with (see reachBranches), for `p.id IN (…)` in lists. */
export function visiblePatientIds(v: Visibility): RawBuilder<number> {
  return sql<number>`(${sql.join(reachBranches(lookerOf(v)), sql` UNION `)})`;
}

/**
 * Whether the caller has a legitimate relationship with one patient (an id, or the outer query's
 * patient column). Each way is tried in turn and the first that holds ends the check: a placement,
 * the usual one, answers without looking at referrals or the rest.
 */
export function reachesPatient(v: Visibility | Looker, patient: number | RawBuilder<number>): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    reachBranches(asLooker(v), patient).map((branch) => sql`EXISTS (${branch})`),
    sql` OR `,
  )})`;
}

/**
 * On what the caller's reach of a patient rests, for the audit event of what they do with the record:
 * a relationship, or only the emergency access they claimed (so the privacy officer's review of the
 * claim sees everything done under it). Call it for a patient already found within reach.
 */
export async function accessBasis(db: DbOrTx, v: Visibility, patientId: number): Promise<'relationship' | 'break_glass'> {
  const row = await sql<{ related: boolean }>`SELECT ${reachesPatient({ ...v, excludeBreakGlass: true }, patientId)} AS related`.execute(db);
  return row.rows[0]?.related ? 'relationship' : 'break_glass';
}

/** Whether a ward is in the caller's scope: moving someone there needs rights at that end too. */
export async function wardInScope(db: DbOrTx, caller: Caller, wardId: number): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    SELECT ${wardInCallerScope(callerAsLooker(caller))} AS ok
    FROM ward w JOIN unit u ON u.id = w.unit_id JOIN region r ON r.id = u.region_id
    WHERE w.id = ${wardId}`.execute(db);
  return row.rows[0]?.ok ?? false;
}

/** A claim of emergency access (alias bg) made by the looker, in their role, and running now. */
function liveBreakGlass(l: Looker): RawBuilder<boolean> {
  return sql<boolean>`bg.user_id = ${l.userId} AND bg.role = ${l.role} AND bg.started_at <= ${l.now} AND bg.expires_at > ${l.now}`;
}

/**
 * When the caller's emergency access to a patient (an id, or the outer query's patient column)
 * ends, or null if they hold none: for the banner and the audit basis.
 */
export function breakGlassUntil(v: Visibility | Looker, patient: RawBuilder<number>): RawBuilder<Date | null> {
  return sql<Date | null>`(SELECT max(bg.expires_at) FROM break_glass bg WHERE bg.patient_id = ${patient} AND ${liveBreakGlass(asLooker(v))})`;
}

export const insertBreakGlass = (db: DbOrTx, row: { user_id: number; role: string; patient_id: number; reason: string; started_at: Date; expires_at: Date }) =>
  db.insertInto('break_glass').values(row).returning(['id', 'expires_at']).executeTakeFirstOrThrow();

export const findPatientByIdentifier = (db: DbOrTx, identifier: string) =>
  db.selectFrom('patient').select('id').where((eb) => eb.or([eb('nhs_number', '=', identifier), eb('chi_number', '=', identifier)])).executeTakeFirst();

/**
 * The claims, newest first: every one still waiting for review (a work queue hides none of its work),
 * and with the reviewed ones too, the newest 500 of all.
 */
export const selectBreakGlassQueue = (db: DbOrTx, includeReviewed: boolean) => {
  const q = db
    .selectFrom('break_glass as b')
    .innerJoin('app_user as u', 'u.id', 'b.user_id')
    .leftJoin('app_user as r', 'r.id', 'b.reviewed_by')
    .select(['b.id', 'b.patient_id', 'b.role', 'b.reason', 'b.started_at', 'b.expires_at', 'b.reviewed_at', 'b.review_note', 'u.username', 'u.display_name', 'r.username as reviewer']);
  if (!includeReviewed) return q.where('b.reviewed_at', 'is', null).orderBy('b.started_at', 'desc').execute();
  return q.orderBy('b.started_at', 'desc').limit(500).execute();
};

export const lockUnreviewedClaim = (db: DbOrTx, id: number) =>
  db.selectFrom('break_glass').select(['user_id', 'patient_id']).where('id', '=', id).where('reviewed_at', 'is', null).forUpdate().executeTakeFirst();

export const markReviewed = (db: DbOrTx, id: number, reviewer: number, note: string) =>
  db.updateTable('break_glass').set({ reviewed_at: sql<Date>`now()`, reviewed_by: reviewer, review_note: note }).where('id', '=', id).where('reviewed_at', 'is', null).executeTakeFirst();
