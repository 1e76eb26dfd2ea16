import { sql, type RawBuilder } from 'kysely';
import { PLAN_EACH_TIME, type Db } from '../db/connection.js';
import { PRISON_TRANSFER_ROUTES } from '../shared/referral-vocabulary.js';

// Transfer measures straight from the referral table, with days counted on local calendar dates exactly as the live clock counts them.

/** Referrals of one group and month that took the same number of days to admission (null: not admitted). */
export interface HistogramRow {
  group_key: string;
  group_name: string;
  /** YYYY-MM */
  month: string;
  days: number | null;
  /** The breach reason ('none' when missing) for referrals that missed their clock; else null. */
  breach: string | null;
  referrals: number;
  admitted: number;
  met: number;
  assessments: number;
}

export interface MeasureFilter {
  groupBy: 'region' | 'provider' | 'nation';
  from: string;
  to: string;
  regionId?: number;
  prisonOnly?: boolean;
  timeZone: string;
}

/** The referrals in the window with the group they count under and whether they met the clock. */
function measured(f: MeasureFilter): RawBuilder<unknown> {
  const key =
    // Whole numbers hash faster than text: only a provider's key (a unit's organisation or a region's panel) needs text.
    f.groupBy === 'region' ? sql`hr.id` : f.groupBy === 'provider' ? sql`coalesce(o.id::text, 'panel-' || tr.id) COLLATE "C"` : sql`n.id`;
  const name =
    f.groupBy === 'region' ? sql`hr.name` : f.groupBy === 'provider' ? sql`coalesce(o.name, tr.name || ' regional panel')` : sql`n.name`;
  // Whether a stopped referral met its clock, under the policy it was made with (null while open).
  const inTime = sql`CASE
      WHEN d.stopped_on IS NULL THEN NULL
      WHEN d.clock_policy = 'single_14' THEN d.stopped_on - d.received_on <= 14
      ELSE coalesce(d.assessed_on, d.stopped_on) - d.received_on <= 14 AND (d.assessed_on IS NULL OR d.stopped_on - d.assessed_on <= 14)
    END`;
  // Only the tables the grouping names: each join is a pass over every referral in the window.
  const joins =
    f.groupBy === 'provider'
      ? sql`JOIN region tr ON tr.id = d.target_region_id LEFT JOIN unit tu ON tu.id = d.target_unit_id LEFT JOIN organisation o ON o.id = tu.organisation_id`
      : f.groupBy === 'nation'
        ? sql`JOIN region hr ON hr.id = d.home_region_id JOIN nation n ON n.id = hr.nation_id`
        : sql`JOIN region hr ON hr.id = d.home_region_id`;
  // The first of the month by date arithmetic (date_trunc would go through a time zone).
  return sql`(
    SELECT ${key} AS group_key, ${name} AS group_name, d.received_on - (extract(day FROM d.received_on)::int - 1) AS month, d.state,
      d.assessment_count,
      CASE WHEN d.state = 'admitted' THEN d.stopped_on - d.received_on END AS days,
      CASE WHEN NOT (${inTime}) THEN coalesce(d.breach_reason, 'none') END AS breach,
      ${inTime} AS in_time
    FROM referral d
    ${joins}
    WHERE d.received_on BETWEEN ${f.from}::date AND ${f.to}::date
      ${f.regionId !== undefined ? sql`AND d.home_region_id = ${f.regionId}` : sql``}
      ${f.prisonOnly ? sql`AND d.legal_route IN (${sql.join([...PRISON_TRANSFER_ROUTES])})` : sql``}
  )`;
}

/**
 * Counts by group, month, days to admission and (for breaches) the reason recorded. Medians,
 * percentiles and breach reasons are read from these histograms in the service, so the database
 * hashes the window once, in one pass, and never sorts it.
 */
// A window of months to years: a plan made for one date range is wrong for another.
export async function selectHistogram(db: Db, f: MeasureFilter): Promise<HistogramRow[]> {
  // Memory enough to hash the window rather than sort it on disk, for this query only.
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    const { rows } = await sql<HistogramRow>`${sql.raw(PLAN_EACH_TIME)}
    SELECT m.group_key::text AS group_key, min(m.group_name COLLATE "C") AS group_name, to_char(m.month, 'YYYY-MM') AS month, m.days, m.breach,
      count(*)::int AS referrals,
      count(*) FILTER (WHERE m.state = 'admitted')::int AS admitted,
      count(*) FILTER (WHERE m.state = 'admitted' AND m.in_time)::int AS met,
      sum(m.assessment_count)::int AS assessments
    FROM ${measured(f)} m
    GROUP BY m.group_key, m.month, m.days, m.breach`.execute(trx);
    return rows;
  });
}
