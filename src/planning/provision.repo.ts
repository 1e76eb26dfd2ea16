import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';

// SQL for beds per 100,000: the directory's secure beds, and each user's own comparator sets
// (scoped by owner: another user's set is not found).

/** Commissioned secure beds of every ward in service now, by region, tier, sex and specialism. */
export const selectCommissionedBeds = (db: DbOrTx) =>
  db
    .selectFrom('ward as w')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .select(['u.region_id', 'w.tier', 'w.sex', 'w.specialism', sql<number>`sum(w.commissioned_beds)::int`.as('beds')])
    .where('w.tier', 'in', ['high', 'medium', 'low'])
    .where('w.retired_at', 'is', null)
    .where('u.retired_at', 'is', null)
    .groupBy(['u.region_id', 'w.tier', 'w.sex', 'w.specialism'])
    .execute();

const SET_COLUMNS = ['id', 'name', 'description', 'entries', 'version', 'created_at', 'updated_at'] as const;

export const selectSets = (db: DbOrTx, ownerId: number) => db.selectFrom('planning_comparator_set').select(SET_COLUMNS).where('owner_id', '=', ownerId).orderBy('name').execute();
export type ComparatorSetRow = Awaited<ReturnType<typeof selectSets>>[number];

export const selectSet = (db: DbOrTx, id: number, ownerId: number) =>
  db.selectFrom('planning_comparator_set').select(SET_COLUMNS).where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();

export const insertSet = (db: DbOrTx, ownerId: number, set: { name: string; description: string | null; entries: unknown[] }) =>
  db
    .insertInto('planning_comparator_set')
    .values({ owner_id: ownerId, name: set.name, description: set.description, entries: JSON.stringify(set.entries) })
    .returning(SET_COLUMNS)
    .executeTakeFirstOrThrow();

/** Updates the set if it is still at `version`; undefined if not found or changed since. */
export const updateSet = (db: DbOrTx, id: number, ownerId: number, version: number, set: { name: string; description: string | null; entries: unknown[] }) =>
  db
    .updateTable('planning_comparator_set')
    .set({ name: set.name, description: set.description, entries: JSON.stringify(set.entries), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('version', '=', version)
    .returning(SET_COLUMNS)
    .executeTakeFirst();

export const deleteSet = (db: DbOrTx, id: number, ownerId: number, version: number) =>
  db.deleteFrom('planning_comparator_set').where('id', '=', id).where('owner_id', '=', ownerId).where('version', '=', version).returning('id').executeTakeFirst();
