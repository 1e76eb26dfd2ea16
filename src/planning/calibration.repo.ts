import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import type { StayRow } from './stays.js';

// SQL for calibration. Stays leave here without any patient id: the query groups
// each person's placements into stays itself and returns only tier, sex, specialism, dates and where
// the stay came from and led.

/** Every region with its nation, for resolving an area code to regions and a population. */
export const selectRegions = (db: DbOrTx) =>
  db
    .selectFrom('region as r')
    .innerJoin('nation as n', 'n.id', 'r.nation_id')
    .select(['r.id', 'r.code', 'r.name', 'r.population', 'n.code as nation_code', 'n.name as nation_name'])
    .orderBy('n.id')
    .orderBy('r.name')
    .execute();
export type RegionRow = Awaited<ReturnType<typeof selectRegions>>[number];

/**
 * Runs of consecutive placements at one tier inside the area (a stay, see stays.ts), overlapping
 * [from, to), with the placements before and after each run. Every placement that began before `to`
 * is read so a run that began years before the window is seen whole.
 */
export async function selectStayRows(db: DbOrTx, regionIds: readonly number[], from: Date, to: Date): Promise<StayRow[]> {
  const { rows } = await sql<StayRow>`
    WITH placed AS (
      SELECT pl.patient_id, pl.admitted_at, pl.ended_at, pl.start_kind, pl.source, pl.end_reason, pl.destination,
             w.tier, w.sex, w.specialism, u.region_id = ANY(${[...regionIds]}::int[]) AS inside
      FROM placement pl
      JOIN ward w ON w.id = pl.ward_id
      JOIN unit u ON u.id = w.unit_id
      WHERE pl.admitted_at < ${to}
    ),
    neighbours AS (
      SELECT p.*,
             lag(p.tier) OVER person AS prev_tier,
             lag(p.inside) OVER person AS prev_inside,
             lead(p.tier) OVER person AS next_tier
      FROM placed p
      WINDOW person AS (PARTITION BY p.patient_id ORDER BY p.admitted_at)
    ),
    runs AS (
      SELECT n.*,
             sum(CASE WHEN n.start_kind = 'transfer' AND n.prev_tier = n.tier AND n.prev_inside AND n.inside THEN 0 ELSE 1 END)
               OVER (PARTITION BY n.patient_id ORDER BY n.admitted_at) AS run
      FROM neighbours n
    ),
    stays AS (
      SELECT (array_agg(tier ORDER BY admitted_at))[1] AS tier,
             (array_agg(sex ORDER BY admitted_at))[1] AS sex,
             (array_agg(specialism ORDER BY admitted_at))[1] AS specialism,
             min(admitted_at) AS "startedAt",
             (array_agg(ended_at ORDER BY admitted_at DESC))[1] AS "endedAt",
             (array_agg(start_kind ORDER BY admitted_at))[1] AS "startKind",
             (array_agg(source ORDER BY admitted_at))[1] AS source,
             (array_agg(prev_tier ORDER BY admitted_at))[1] AS "prevTier",
             (array_agg(prev_inside ORDER BY admitted_at))[1] AS "prevInside",
             (array_agg(end_reason ORDER BY admitted_at DESC))[1] AS "endReason",
             (array_agg(destination ORDER BY admitted_at DESC))[1] AS destination,
             (array_agg(next_tier ORDER BY admitted_at DESC))[1] AS "nextTier",
             (count(*) - 1)::int AS "wardMoves",
             bool_and(inside) AS inside
      FROM runs
      GROUP BY patient_id, run
    )
    SELECT tier, sex, specialism, "startedAt", "endedAt", "startKind", source, "prevTier", "prevInside", "endReason", destination, "nextTier", "wardMoves"
    FROM stays
    WHERE inside AND tier IN ('high', 'medium', 'low') AND "startedAt" < ${to} AND ("endedAt" IS NULL OR "endedAt" > ${from})
  `.execute(db);
  return rows;
}

/** Beds open in the area's secure wards in service on `at`, by tier, sex and specialism. */
export const selectOpenBeds = (db: DbOrTx, regionIds: readonly number[], at: Date) =>
  db
    .selectFrom('ward as w')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .select(['w.tier', 'w.sex', 'w.specialism', sql<number>`sum(w.commissioned_beds - w.closed_beds)::int`.as('beds')])
    .where('u.region_id', 'in', [...regionIds])
    .where('w.tier', 'in', ['high', 'medium', 'low'])
    .where((eb) => eb.or([eb('w.retired_at', 'is', null), eb('w.retired_at', '>', at)]))
    .where((eb) => eb.or([eb('u.retired_at', 'is', null), eb('u.retired_at', '>', at)]))
    .groupBy(['w.tier', 'w.sex', 'w.specialism'])
    .execute();
