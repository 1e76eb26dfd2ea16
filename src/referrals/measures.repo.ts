import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import { PRISON_TRANSFER_ROUTES } from '../shared/referral-vocabulary.js';

// Transfer measures straight from the referral table: per group and month, and per group overall
// (GROUPING SETS), with days counted on local calendar dates exactly as the live clock counts them.

export interface MeasureRow {
  group_key: string;
  group_name: string;
  /** YYYY-MM, or null for the group's totals. */
  month: string | null;
  referrals: number;
  admitted: number;
  median_days: number | null;
  p90_days: number | null;
  met: number;
  assessments: number;
}

export interface BreachRow {
  group_key: string;
  breach_reason: string;
  breached: number;
}

export interface MeasureFilter {
  groupBy: 'region' | 'provider' | 'nation';
  from: string;
  to: string;
  regionId?: number;
  prisonOnly?: boolean;
  timeZone: string;
}

/** The referrals in the window with their local dates, whether they met the clock, and the group. */
function measured(f: MeasureFilter): RawBuilder<unknown> {
  const tz = f.timeZone;
  const key =
    f.groupBy === 'region' ? sql`hr.id::text` : f.groupBy === 'provider' ? sql`coalesce(o.id::text, 'panel-' || tr.id)` : sql`n.id::text`;
  const name =
    f.groupBy === 'region' ? sql`hr.name` : f.groupBy === 'provider' ? sql`coalesce(o.name, tr.name || ' regional panel')` : sql`n.name`;
  return sql`(
    SELECT ${key} AS group_key, ${name} AS group_name, to_char(d.received_on, 'YYYY-MM') AS month, d.state, d.breach_reason,
      (SELECT count(*) FROM assessment a WHERE a.referral_id = d.id)::int AS assessment_count,
      CASE WHEN d.state = 'admitted' THEN d.stopped_on - d.received_on END AS days,
      CASE
        WHEN d.stopped_on IS NULL THEN NULL
        WHEN d.clock_policy = 'single_14' THEN d.stopped_on - d.received_on <= 14
        ELSE coalesce(d.assessed_on, d.stopped_on) - d.received_on <= 14 AND (d.assessed_on IS NULL OR d.stopped_on - d.assessed_on <= 14)
      END AS in_time
    FROM (
      SELECT rf.*, (rf.received_at AT TIME ZONE ${tz})::date AS received_on, (rf.stopped_at AT TIME ZONE ${tz})::date AS stopped_on,
        (rf.first_assessment_at AT TIME ZONE ${tz})::date AS assessed_on
      FROM referral rf
      WHERE rf.received_at >= ((${f.from}::date)::timestamp AT TIME ZONE ${tz})
        AND rf.received_at < (((${f.to}::date) + 1)::timestamp AT TIME ZONE ${tz})
        ${f.regionId !== undefined ? sql`AND rf.home_region_id = ${f.regionId}` : sql``}
        ${f.prisonOnly ? sql`AND rf.legal_route IN (${sql.join([...PRISON_TRANSFER_ROUTES])})` : sql``}
    ) d
    JOIN region hr ON hr.id = d.home_region_id
    JOIN nation n ON n.id = hr.nation_id
    JOIN region tr ON tr.id = d.target_region_id
    LEFT JOIN unit tu ON tu.id = d.target_unit_id
    LEFT JOIN organisation o ON o.id = tu.organisation_id
  )`;
}

export async function selectMeasures(db: DbOrTx, f: MeasureFilter): Promise<MeasureRow[]> {
  const { rows } = await sql<MeasureRow>`
    SELECT m.group_key, m.group_name, m.month,
      count(*)::int AS referrals,
      count(*) FILTER (WHERE m.state = 'admitted')::int AS admitted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY m.days) AS median_days,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY m.days) AS p90_days,
      count(*) FILTER (WHERE m.state = 'admitted' AND m.in_time)::int AS met,
      sum(m.assessment_count)::int AS assessments
    FROM ${measured(f)} m
    GROUP BY GROUPING SETS ((m.group_key, m.group_name, m.month), (m.group_key, m.group_name))
    ORDER BY m.group_name, m.month NULLS FIRST`.execute(db);
  return rows;
}

/** Referrals whose clock was breached, by the reason recorded for the delay ('none' when missing). */
export async function selectBreachReasons(db: DbOrTx, f: MeasureFilter): Promise<BreachRow[]> {
  const { rows } = await sql<BreachRow>`
    SELECT m.group_key, coalesce(m.breach_reason, 'none') AS breach_reason, count(*)::int AS breached
    FROM ${measured(f)} m
    WHERE m.in_time = false
    GROUP BY 1, 2`.execute(db);
  return rows;
}
