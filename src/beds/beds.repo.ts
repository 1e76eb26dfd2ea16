import { sql } from 'kysely';
import { reachesPatient, type Visibility } from '../access/access.repo.js';
import type { DbOrTx } from '../db/connection.js';

/** Bumped by triggers in the same transaction as any change to beds or placements. */
export async function bedStateGeneration(db: DbOrTx): Promise<string> {
  const row = await db.selectFrom('bed_state_generation').select('generation').executeTakeFirstOrThrow();
  return String(row.generation);
}

/** Every ward in service with its place in the hierarchy, live occupancy and current stays. */
export function selectWardSnapshots(db: DbOrTx, asOf: Date) {
  return db
    .selectFrom('ward as w')
    .innerJoin('ward_occupancy as wo', 'wo.ward_id', 'w.id')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .innerJoin('nation as n', 'n.id', 'r.nation_id')
    .select([
      'w.id as ward_id',
      'w.name as ward_name',
      'u.id as unit_id',
      'u.name as unit_name',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.sector',
      'r.id as region_id',
      'r.name as region_name',
      'n.id as nation_id',
      'n.name as nation_name',
      'r.latitude',
      'r.longitude',
      'w.tier',
      'w.security_level',
      'w.sex',
      'w.specialism',
      'w.commissioned_beds',
      'w.closed_beds',
      'wo.occupied',
      (eb) =>
        eb
          .selectFrom('placement as p')
          .select(sql<number[]>`coalesce(array_agg(floor(extract(epoch from (${asOf}::timestamptz - p.admitted_at)) / 86400)::int), '{}')`.as('d'))
          .whereRef('p.ward_id', '=', 'w.id')
          .where('p.ended_at', 'is', null)
          .as('stay_days'),
    ])
    .where('w.retired_at', 'is', null)
    .where('u.retired_at', 'is', null)
    .where('o.retired_at', 'is', null)
    .orderBy('w.id')
    .execute();
}

export const selectRegionLocations = (db: DbOrTx) => db.selectFrom('region').select(['id', 'latitude', 'longitude']).execute();

/** The home region's centre of a patient the caller has a relationship with. */
export const selectPatientHome = (db: DbOrTx, patientId: number, visibleTo: Visibility) =>
  db
    .selectFrom('patient as p')
    .innerJoin('region as r', 'r.id', 'p.home_region_id')
    .select(['r.latitude', 'r.longitude'])
    .where('p.id', '=', patientId)
    .where(reachesPatient(visibleTo, patientId))
    .executeTakeFirst();

/** Names for breadcrumb levels that may have no beds (a provider whose wards are all retired). */
export async function scopeName(db: DbOrTx, level: 'nation' | 'region' | 'organisation' | 'unit' | 'ward', id: number) {
  const row = await db.selectFrom(level).select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
