import { sql, type Insertable, type Updateable } from 'kysely';
import { referralInCallerScope } from '../access/access.repo.js';
import type { DbOrTx } from '../db/connection.js';
import type { ReferralTable } from '../db/schema-referrals.js';
import type { Caller } from '../http/caller.js';

// SQL for referrals, their timeline and the queue. Every read that can show a patient takes the
// caller and returns nothing for a referral outside their scope.

export const insertReferral = (db: DbOrTx, row: Insertable<ReferralTable>) => db.insertInto('referral').values(row).returning('id').executeTakeFirstOrThrow();

/** The referral row if it is in the caller's scope; with `lock`, locked for the rest of the transaction. */
export function selectReferral(db: DbOrTx, caller: Caller, now: Date, id: number, lock: boolean) {
  const q = db.selectFrom('referral as rf').selectAll('rf').where('rf.id', '=', id).where(referralInCallerScope(caller, now));
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof selectReferral>>>;

export const updateReferral = (db: DbOrTx, id: number, set: Omit<Updateable<ReferralTable>, 'version'>) =>
  db
    .updateTable('referral')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();

export const insertEvent = (db: DbOrTx, e: { referral_id: number; at: Date; kind: string; detail?: Record<string, unknown>; user_id: number | null }) =>
  db
    .insertInto('referral_event')
    .values({ ...e, detail: JSON.stringify(e.detail ?? {}) })
    .execute();

/** The latest time on the referral's timeline: a new event may not be dated before it. */
export const selectLastEventAt = async (db: DbOrTx, referralId: number) =>
  (await db.selectFrom('referral_event').select(sql<Date | null>`max(at)`.as('at')).where('referral_id', '=', referralId).executeTakeFirst())?.at ?? null;

export const selectEvents = (db: DbOrTx, referralId: number) =>
  db
    .selectFrom('referral_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select([sql<string>`e.id::text`.as('id'), 'e.at', 'e.kind', 'e.detail', 'u.display_name'])
    .where('e.referral_id', '=', referralId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();

/**
 * Every open referral the caller may see, light rows for the queue: the clock's inputs and what the
 * board filters on. The clock is worked out and the filters applied in the service, so one load
 * serves every view of the caller's board; only one page is then loaded in full.
 */
export function selectOpenForBoard(db: DbOrTx, caller: Caller, now: Date) {
  return db
    .selectFrom('referral as rf')
    .leftJoin('unit as tu', 'tu.id', 'rf.target_unit_id')
    .select([
      'rf.id',
      'rf.state',
      'rf.urgency',
      'rf.received_at',
      'rf.first_assessment_at',
      'rf.clock_policy',
      'rf.target_region_id',
      'rf.target_unit_id',
      'tu.organisation_id as target_organisation_id',
      'rf.referring_organisation_id',
      'rf.requested_tier',
      'rf.legal_route',
    ])
    .where('rf.stopped_at', 'is', null)
    .where(referralInCallerScope(caller, now))
    .execute();
}

/** Full queue rows for the given referrals (already known to be in the caller's scope). */
export function selectSummaries(db: DbOrTx, ids: number[], today: string) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('referral as rf')
    .innerJoin('patient as p', 'p.id', 'rf.patient_id')
    .innerJoin('region as hr', 'hr.id', 'rf.home_region_id')
    .innerJoin('organisation as ro', 'ro.id', 'rf.referring_organisation_id')
    .leftJoin('unit as ru', 'ru.id', 'rf.referring_unit_id')
    .leftJoin('unit as tu', 'tu.id', 'rf.target_unit_id')
    .leftJoin('organisation as tuo', 'tuo.id', 'tu.organisation_id')
    .innerJoin('region as tr', 'tr.id', 'rf.target_region_id')
    .selectAll('rf')
    .select([
      'p.given_name',
      'p.family_name',
      'p.nhs_number',
      'p.chi_number',
      'hr.name as home_region_name',
      'ro.name as referring_organisation_name',
      'ru.name as referring_unit_name',
      'tu.name as target_unit_name',
      'tuo.name as target_organisation_name',
      'tr.name as target_region_name',
      sql<number>`(SELECT count(*)::int FROM assessment a WHERE a.referral_id = rf.id)`.as('assessment_count'),
      sql<string | null>`(SELECT max(a.valid_until)::text FROM assessment a WHERE a.referral_id = rf.id AND a.valid_until >= ${today}::date)`.as('valid_until'),
      sql<boolean>`EXISTS (SELECT 1 FROM assessment a WHERE a.referral_id = rf.id AND a.repeats_assessment_id IS NOT NULL)`.as('has_repeat'),
    ])
    .where('rf.id', 'in', ids)
    .execute();
}
export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

export const selectWardForOffer = (db: DbOrTx, wardId: number) =>
  db
    .selectFrom('ward as w')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .select(['w.id', 'w.name', 'w.tier', 'w.specialism', 'w.retired_at', 'u.id as unit_id', 'u.name as unit_name', 'u.region_id'])
    .where('w.id', '=', wardId)
    .executeTakeFirst();

export const selectUnitPanel = (db: DbOrTx, unitId: number) =>
  db.selectFrom('unit').select(['id', 'name', 'region_id', 'service_type', 'retired_at']).where('id', '=', unitId).executeTakeFirst();

export const selectOrganisation = (db: DbOrTx, id: number) => db.selectFrom('organisation').select(['id', 'region_id']).where('id', '=', id).executeTakeFirst();

export const regionExists = async (db: DbOrTx, id: number) => (await db.selectFrom('region').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/**
 * What a board was made from: the number that moves whenever a referral, a patient or a scope changes,
 * and the ward directory's version, which moves whenever a ward, unit, organisation or region does
 * (triggers keep both). The board shows the directory's names, so a renamed unit or panel is on the
 * next board as soon as the generation is read again, not when the kept board's minute is up.
 */
export const selectGeneration = async (db: DbOrTx) =>
  (
    await sql<{ generation: string }>`
      SELECT g.generation::text || ':' || coalesce((SELECT v.version::text FROM ward_directory_version v), '') AS generation
      FROM referral_generation g`.execute(db)
  ).rows[0]!.generation;
