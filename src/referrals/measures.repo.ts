import { sql, type RawBuilder } from 'kysely';
import { PLAN_EACH_TIME, type Db } from '../db/connection.js';
import { PRISON_TRANSFER_ROUTES } from '../shared/referral-vocabulary.js';

// Transfer measures straight from the referral table, with days counted on local calendar dates exactly as the live clock counts them.

/**
 * One group's referrals received in one month, with histograms: days to admission with how many
 * admissions took that long, and the reasons recorded for missed clocks with how many referrals
 * gave each. A value may come more than once in a histogram; its counts add up.
 */
export interface MonthRow {
  group_key: string;
  group_name: string;
  /** YYYY-MM */
  month: string;
  referrals: number;
  admitted: number;
  met: number;
  assessments: number;
  admission_days: number[];
  admission_counts: number[];
  /** 'none' for a missed clock with no reason recorded. */
  breach_reasons: string[];
  breach_counts: number[];
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
 * Counts by group and month, with the histograms medians, percentiles and breach reasons are read
 * from in the service: the database hashes the window once, in one pass, rather than sorting it.
 *
 * One row a group and month (some 700 for every region over five years), not one a group, month,
 * day count and reason (some 31,000): turning that many rows into objects cost more than the
 * database took to count them.
 */
// A window of months to years: a plan made for one date range is wrong for another.
export async function selectMonths(db: Db, f: MeasureFilter): Promise<MonthRow[]> {
  // Memory enough to hash the window rather than sort it on disk, for this query only. The planner
  // would sort the 31,000 histogram rows to group them into months (it cannot tell how few months
  // there are); hashing them instead took a fifth off the query (about 75 ms at scale 10).
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`SET LOCAL enable_sort = off`.execute(trx);
    const { rows } = await sql<MonthRow>`${sql.raw(PLAN_EACH_TIME)}
    WITH h AS (
      SELECT m.group_key::text AS group_key, min(m.group_name COLLATE "C") AS group_name, m.month, m.days, m.breach,
        count(*)::int AS referrals,
        count(*) FILTER (WHERE m.state = 'admitted')::int AS admitted,
        count(*) FILTER (WHERE m.state = 'admitted' AND m.in_time)::int AS met,
        sum(m.assessment_count)::int AS assessments
      FROM ${measured(f)} m
      GROUP BY m.group_key, m.month, m.days, m.breach
    )
    SELECT h.group_key, min(h.group_name) AS group_name, to_char(h.month, 'YYYY-MM') AS month,
      sum(h.referrals)::int AS referrals, sum(h.admitted)::int AS admitted, sum(h.met)::int AS met, sum(h.assessments)::int AS assessments,
      to_json(coalesce(array_agg(h.days) FILTER (WHERE h.days IS NOT NULL), '{}')) AS admission_days,
      to_json(coalesce(array_agg(h.admitted) FILTER (WHERE h.days IS NOT NULL), '{}')) AS admission_counts,
      to_json(coalesce(array_agg(h.breach) FILTER (WHERE h.breach IS NOT NULL), '{}')) AS breach_reasons,
      to_json(coalesce(array_agg(h.referrals) FILTER (WHERE h.breach IS NOT NULL), '{}')) AS breach_counts
    FROM h
    GROUP BY h.group_key, h.month`.execute(trx);
    return rows;
  });
}
