import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import { lockWardOccupancy } from '../placements/placements.repo.js';

// SQL only. Every function takes the pool or a transaction first.

export const listNations = (db: DbOrTx) =>
  db
    .selectFrom('nation as n')
    .select(['n.id', 'n.code', 'n.name'])
    .select((eb) =>
      eb.selectFrom('region as r').whereRef('r.nation_id', '=', 'n.id').select(sql<number>`coalesce(sum(r.population), 0)::int`.as('p')).as('population'),
    )
    .$narrowType<{ population: number }>()
    .orderBy('n.id')
    .execute();

export const listRegions = (db: DbOrTx) =>
  db
    .selectFrom('region as r')
    .innerJoin('nation as n', 'n.id', 'r.nation_id')
    .select(['r.id', 'r.code', 'r.name', 'r.nation_id', 'n.name as nation_name', 'r.population', 'r.latitude', 'r.longitude'])
    .orderBy('n.id')
    .orderBy('r.name')
    .execute();

export interface DirectoryFilter {
  includeRetired?: boolean;
  organisationId?: number;
  unitId?: number;
  regionId?: number;
  id?: number;
}

export function selectOrganisations(db: DbOrTx, f: DirectoryFilter) {
  let q = db.selectFrom('organisation as o').selectAll('o');
  if (f.id !== undefined) q = q.where('o.id', '=', f.id);
  if (f.regionId !== undefined) q = q.where('o.region_id', '=', f.regionId);
  if (!f.includeRetired && f.id === undefined) q = q.where('o.retired_at', 'is', null);
  return q.orderBy('o.name').execute();
}

export function selectUnits(db: DbOrTx, f: DirectoryFilter) {
  let q = db
    .selectFrom('unit as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select('o.name as organisation_name');
  if (f.id !== undefined) q = q.where('u.id', '=', f.id);
  if (f.organisationId !== undefined) q = q.where('u.organisation_id', '=', f.organisationId);
  if (f.regionId !== undefined) q = q.where('u.region_id', '=', f.regionId);
  if (!f.includeRetired && f.id === undefined) q = q.where('u.retired_at', 'is', null);
  return q.orderBy('o.name').orderBy('u.name').execute();
}

export function selectWards(db: DbOrTx, f: DirectoryFilter) {
  let q = db.selectFrom('ward as w').innerJoin('unit as u', 'u.id', 'w.unit_id').selectAll('w').select(['u.name as unit_name', 'u.service_type as unit_service_type']);
  if (f.id !== undefined) q = q.where('w.id', '=', f.id);
  if (f.unitId !== undefined) q = q.where('w.unit_id', '=', f.unitId);
  if (f.organisationId !== undefined) q = q.where('u.organisation_id', '=', f.organisationId);
  if (f.regionId !== undefined) q = q.where('u.region_id', '=', f.regionId);
  if (!f.includeRetired && f.id === undefined) q = q.where('w.retired_at', 'is', null);
  return q.orderBy('u.name').orderBy('w.name').execute();
}

export type OrganisationRow = Awaited<ReturnType<typeof selectOrganisations>>[number];
export type UnitRow = Awaited<ReturnType<typeof selectUnits>>[number];
export type WardRow = Awaited<ReturnType<typeof selectWards>>[number];

export type DirectoryTable = 'organisation' | 'unit' | 'ward';

/** Insert one directory record, returning its id. */
export async function insertRecord(db: DbOrTx, table: DirectoryTable, values: Record<string, unknown>): Promise<number> {
  const row = await db
    .insertInto(table as 'ward')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Update only if the record is still at `version`; bumps the version. Returns false when the record
 * is missing or was changed by someone else (the caller tells which).
 */
export async function updateIfVersion(
  db: DbOrTx,
  table: DirectoryTable,
  id: number,
  version: number,
  values: Record<string, unknown>,
): Promise<boolean> {
  const result = await db
    .updateTable(table as 'ward')
    .set({ ...(values as object), version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Children still in service, which block retiring a parent. */
export async function countLiveChildren(db: DbOrTx, table: DirectoryTable, id: number): Promise<number> {
  if (table === 'organisation') {
    const r = await db.selectFrom('unit').select(sql<number>`count(*)::int`.as('n')).where('organisation_id', '=', id).where('retired_at', 'is', null).executeTakeFirstOrThrow();
    return r.n;
  }
  if (table === 'unit') {
    const r = await db.selectFrom('ward').select(sql<number>`count(*)::int`.as('n')).where('unit_id', '=', id).where('retired_at', 'is', null).executeTakeFirstOrThrow();
    return r.n;
  }
  const r = await db.selectFrom('ward_occupancy').select('occupied').where('ward_id', '=', id).executeTakeFirst();
  return r?.occupied ?? 0;
}

/** code → id for the given table, for CSV rows that name their parent by code. */
export async function idsByCode(db: DbOrTx, table: DirectoryTable | 'region'): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table as 'ward').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * A unit's service type, held FOR SHARE: a ward placed under it commits before the unit can be
 * retired (retiring locks it FOR UPDATE, then counts its wards), so no ward lands in a retired unit.
 */
export const unitServiceType = (db: DbOrTx, unitId: number) =>
  db.selectFrom('unit').select(['service_type', 'retired_at']).where('id', '=', unitId).forShare().executeTakeFirst();

/** An organisation, held FOR SHARE while a unit is placed under it (as unitServiceType). */
export const organisationRetired = (db: DbOrTx, organisationId: number) =>
  db.selectFrom('organisation').select('retired_at').where('id', '=', organisationId).forShare().executeTakeFirst();

/**
 * Locks what a retirement must hold while it counts what is still in service. For a ward, first its
 * occupancy row, which an admission locks before it places anyone (the same order as the admission,
 * so neither waits on the other in a circle). Then the record's own row FOR NO KEY UPDATE: that
 * waits for a unit or ward being placed under it (those hold it FOR SHARE), but not for a placement's
 * foreign key, which an admission holding the occupancy row would otherwise wait on.
 */
export async function lockForRetirement(db: DbOrTx, table: DirectoryTable, id: number): Promise<void> {
  if (table === 'ward') await lockWardOccupancy(db, id);
  await lockAgainstChildren(db, table, id);
}

/** A record's row FOR NO KEY UPDATE: waits for, and then holds off, anything being placed under it. */
export async function lockAgainstChildren(db: DbOrTx, table: DirectoryTable, id: number): Promise<void> {
  await db.selectFrom(table as 'ward').select('id').where('id', '=', id).forNoKeyUpdate().execute();
}
