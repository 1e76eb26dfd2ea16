import { sql, type Insertable } from 'kysely';
import { reachesPatient, referralInCallerScope, type Visibility } from '../access/access.repo.js';
import type { DbOrTx } from '../db/connection.js';
import type { CaseConferenceTable, PrisonReturnTable } from '../db/schema-referrals.js';

// SQL for prison ↔ hospital liaison: case conferences and returns to prison.

export const insertConference = (db: DbOrTx, row: Insertable<CaseConferenceTable>) => db.insertInto('case_conference').values(row).returning('id').executeTakeFirstOrThrow();

export const selectConferences = (db: DbOrTx, referralId: number) => db.selectFrom('case_conference').selectAll().where('referral_id', '=', referralId).orderBy('scheduled_for').execute();
export type ConferenceRow = Awaited<ReturnType<typeof selectConferences>>[number];

/** A conference, locked, if its patient is one the caller has a relationship with. */
/**
 * A conference the caller may record: about a patient they reach, and, if it belongs to a referral,
 * on a referral they reach too (its gist and record are the referral's, which reaching the patient
 * alone, by emergency access say, does not open).
 */
export const lockConference = (db: DbOrTx, id: number, v: Visibility) =>
  db
    .selectFrom('case_conference')
    .selectAll()
    .where('id', '=', id)
    .where(reachesPatient(v, sql.ref('case_conference.patient_id')))
    .where(sql<boolean>`(case_conference.referral_id IS NULL OR EXISTS (SELECT 1 FROM referral rf WHERE rf.id = case_conference.referral_id AND ${referralInCallerScope(v.caller, v.now)}))`)
    .forUpdate()
    .executeTakeFirst();

export const recordConference = (db: DbOrTx, id: number, set: { held_at: Date; attended: string[]; disclosable_record: string; intelligence_gist: string | null }) =>
  db
    .updateTable('case_conference')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertPrisonReturn = (db: DbOrTx, row: Insertable<PrisonReturnTable>) => db.insertInto('prison_return').values(row).returning('id').executeTakeFirstOrThrow();

function returnsQuery(db: DbOrTx, v: Visibility) {
  return db
    .selectFrom('prison_return as pr')
    .innerJoin('patient as p', 'p.id', 'pr.patient_id')
    .innerJoin('unit as o', 'o.id', 'pr.prison_unit_id')
    .selectAll('pr')
    .select(['p.given_name', 'p.family_name', 'o.name as prison_name'])
    // The prison sets a supervision level within 48 hours of reception.
    .select(sql<Date | null>`pr.received_at + interval '48 hours'`.as('supervision_due_at'))
    .where(reachesPatient(v, sql.ref('pr.patient_id')));
}
export type PrisonReturnRow = Awaited<ReturnType<ReturnType<typeof returnsQuery>['execute']>>[number];

/**
 * Returns still needing something: reception not recorded, or a supervision level not yet set; each
 * saying whether a relationship, not only emergency access, shows its person (the basis of the look).
 */
export const selectOpenReturns = (db: DbOrTx, v: Visibility) =>
  returnsQuery(db, v)
    .select(reachesPatient({ ...v, excludeBreakGlass: true }, sql.ref('pr.patient_id')).as('related'))
    .where('pr.supervision_set_at', 'is', null)
    .orderBy('pr.planned_for')
    .limit(500)
    .execute();

export const selectReturn = (db: DbOrTx, v: Visibility, id: number, lock = false) => {
  const q = returnsQuery(db, v).where('pr.id', '=', id);
  return (lock ? q.forUpdate('pr') : q).executeTakeFirst();
};

export const updateReturn = (db: DbOrTx, id: number, set: { received_at?: Date; supervision_level?: string; supervision_set_at?: Date }) =>
  db
    .updateTable('prison_return')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
