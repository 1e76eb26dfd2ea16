import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import type { AssessmentTable, PanelDecisionTable } from '../db/schema-referrals.js';

// SQL for the assessments and panel decisions on a referral.

export const insertAssessment = (db: DbOrTx, row: Insertable<AssessmentTable>) => db.insertInto('assessment').values(row).returning('id').executeTakeFirstOrThrow();

/** The person's assessment still valid on a day, on any referral: a new one would repeat it. */
export const selectValidAssessmentOfPatient = (db: DbOrTx, patientId: number, today: string) =>
  db
    .selectFrom('assessment')
    .select(['id', 'referral_id', 'valid_until'])
    .where('patient_id', '=', patientId)
    .where('valid_until', '>=', today)
    .orderBy('assessed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The referral's own assessment valid on a day: what a panel decides on. */
export const selectValidAssessment = (db: DbOrTx, referralId: number, today: string) =>
  db
    .selectFrom('assessment')
    .select(['id', 'recommended_tier', 'valid_until'])
    .where('referral_id', '=', referralId)
    .where('valid_until', '>=', today)
    .orderBy('assessed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const selectAssessments = (db: DbOrTx, referralId: number) =>
  db
    .selectFrom('assessment as a')
    .leftJoin('unit as u', 'u.id', 'a.assessor_unit_id')
    .leftJoin('app_user as by', 'by.id', 'a.recorded_by')
    .selectAll('a')
    .select(['u.name as assessor_unit_name', 'by.display_name as recorded_by_name'])
    .where('a.referral_id', '=', referralId)
    .orderBy('a.assessed_at')
    .execute();
export type AssessmentRow = Awaited<ReturnType<typeof selectAssessments>>[number];

export const insertDecision = (db: DbOrTx, row: Insertable<PanelDecisionTable>) => db.insertInto('panel_decision').values(row).returning('id').executeTakeFirstOrThrow();

export const selectDecisions = (db: DbOrTx, referralId: number) =>
  db
    .selectFrom('panel_decision as d')
    .leftJoin('unit as u', 'u.id', 'd.panel_unit_id')
    .leftJoin('region as r', 'r.id', 'd.panel_region_id')
    .leftJoin('app_user as by', 'by.id', 'd.recorded_by')
    .selectAll('d')
    .select([sql<string>`coalesce(u.name, r.name || ' regional panel')`.as('panel_name'), 'by.display_name as recorded_by_name'])
    .where('d.referral_id', '=', referralId)
    .orderBy('d.decided_at')
    .execute();
export type DecisionRow = Awaited<ReturnType<typeof selectDecisions>>[number];
