import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';

/** The ward with its live occupancy, row-locked so two admissions cannot both take the last bed. */
/**
 * The lock on a ward's occupancy row: taken by an admission before it places anyone, and by the
 * ward's retirement before it counts who is there, so one always waits for the other.
 */
export const lockWardOccupancy = (db: DbOrTx, wardId: number) => db.selectFrom('ward_occupancy').select('ward_id').where('ward_id', '=', wardId).forUpdate().execute();

/**
 * Locks a ward's occupancy for an admission, then reads the ward. Two statements, not one join: a
 * statement that waited for the lock would see the ward as it was before (a retirement committed
 * meanwhile, say, which takes the same lock first); the second statement sees it as it is now.
 */
export async function lockWardForAdmission(db: DbOrTx, wardId: number) {
  await lockWardOccupancy(db, wardId);
  return db
    .selectFrom('ward as w')
    .innerJoin('ward_occupancy as o', 'o.ward_id', 'w.id')
    .select(['w.id', 'w.tier', 'w.sex', 'w.specialism', 'w.commissioned_beds', 'w.closed_beds', 'w.retired_at', 'o.occupied'])
    .where('w.id', '=', wardId)
    .executeTakeFirst();
}

export const selectOpenPlacement = (db: DbOrTx, patientId: number) =>
  db
    .selectFrom('placement as pl')
    .innerJoin('ward as w', 'w.id', 'pl.ward_id')
    .select(['pl.id', 'pl.ward_id', 'pl.admitted_at', 'w.tier'])
    .where('pl.patient_id', '=', patientId)
    .where('pl.ended_at', 'is', null)
    .executeTakeFirst();

export const selectLastEnd = (db: DbOrTx, patientId: number) =>
  db
    .selectFrom('placement')
    .select('ended_at')
    .where('patient_id', '=', patientId)
    .orderBy('admitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertPlacement = (
  db: DbOrTx,
  v: {
    patient_id: number;
    ward_id: number;
    admitted_at: Date;
    start_kind: 'admission' | 'transfer';
    source: string | null;
    direction: 'up' | 'down' | 'sideways' | null;
    over_capacity_reason: string | null;
    created_by: number;
  },
) => db.insertInto('placement').values(v).returning(sql<string>`id::text`.as('id')).executeTakeFirstOrThrow();

export const endPlacement = (
  db: DbOrTx,
  id: number | string,
  v: { ended_at: Date; end_reason: 'transfer' | 'discharge'; destination: string | null },
) => db.updateTable('placement').set(v).where('id', '=', Number(id)).where('ended_at', 'is', null).execute();
