import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { can, seesAggregatesOnly } from '../http/policy.js';
import { shownCount } from '../shared/disclosure.js';
import { selectMonths } from './measures.repo.js';
import { percentileOfCounts, toPoint, type DayCounts } from './measures.rules.js';
import type { ReferralSettings } from './referral-settings.js';
import type { Measures, MeasuresQuery } from './referrals.schema.js';
import { monthStart, wholeMonthsThrough } from '../shared/whole-months.js';
import { addDays, daysBetween, localDate } from './transfer-clock.js';

const MAX_WINDOW_DAYS = 10 * 366;

interface Cell {
  referrals: number;
  admitted: number;
  met: number;
  assessments: number;
  days: DayCounts;
}

/** Days to admission, 14-day compliance, assessments per referral and breach reasons, as run-chart series. */
export class MeasuresService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: ReferralSettings,
  ) {}

  async measures(caller: Caller, q: MeasuresQuery): Promise<Measures> {
    const today = localDate(this.clock.now(), this.settings.timeZone);
    const askedTo = q.to ?? today;
    const asked = { to: askedTo, from: q.from ?? monthStart(addDays(askedTo, -364)) };
    if (asked.from > asked.to) throw new AppError('validation_failed', 'The start of the period must be before its end.', { details: [{ field: 'from', message: 'after "to"' }] });
    if (daysBetween(asked.from, asked.to) > MAX_WINDOW_DAYS) {
      throw new AppError('validation_failed', 'Choose a period of at most 10 years.', { details: [{ field: 'from', message: 'period longer than 10 years' }] });
    }
    // People who see aggregates only, or never a named referral (the operator at the command line,
    // whose figures go into reports), see disclosure-controlled figures, over whole months.
    const controlled = seesAggregatesOnly(caller.role) || !can(caller.role, 'referrals:read');
    const { from, to } = controlled ? wholeMonthsThrough(asked.from, asked.to, today) : asked;
    if (from > to) {
      throw new AppError('validation_failed', 'Figures without names cover complete months only, and this period lies in the month still going on. Choose an earlier period.', {
        details: [{ field: 'to', message: 'no complete month in the period' }],
      });
    }
    const filter = { groupBy: q.groupBy ?? 'region', from, to, regionId: q.regionId, prisonOnly: q.prisonOnly, timeZone: this.settings.timeZone } as const;
    const rows = await selectMonths(this.db, filter);
    const breaches = new Map<string, Map<string, number>>();
    const cells = new Map<string, Cell>();
    const names = new Map<string, string>();
    for (const r of rows) {
      names.set(r.group_key, r.group_name);
      if (r.breach_reasons.length > 0) {
        const reasons = breaches.get(r.group_key) ?? new Map<string, number>();
        r.breach_reasons.forEach((reason, i) => reasons.set(reason, (reasons.get(reason) ?? 0) + r.breach_counts[i]!));
        breaches.set(r.group_key, reasons);
      }
      for (const key of [`${r.group_key}|${r.month}`, `${r.group_key}|all`]) {
        const cell = cells.get(key) ?? { referrals: 0, admitted: 0, met: 0, assessments: 0, days: new Map() };
        cell.referrals += r.referrals;
        cell.admitted += r.admitted;
        cell.met += r.met;
        cell.assessments += r.assessments;
        r.admission_days.forEach((days, i) => cell.days.set(days, (cell.days.get(days) ?? 0) + r.admission_counts[i]!));
        cells.set(key, cell);
      }
    }
    const point = (key: string, month: string) => {
      const c = cells.get(key)!;
      return toPoint({ month, ...c, median_days: percentileOfCounts(c.days, 0.5), p90_days: percentileOfCounts(c.days, 0.9) }, controlled);
    };
    const groups = new Map<string, Measures['groups'][number]>();
    for (const [groupKey, name] of [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]))) {
      const months = [...cells.keys()]
        .filter((k) => k.startsWith(`${groupKey}|`) && !k.endsWith('|all'))
        .map((k) => k.slice(groupKey.length + 1))
        .sort();
      groups.set(groupKey, { key: groupKey, name, totals: point(`${groupKey}|all`, 'all'), months: months.map((m) => point(`${groupKey}|${m}`, m)), breachReasons: {} });
    }
    for (const [groupKey, reasons] of breaches) {
      const g = groups.get(groupKey)!;
      // In the order of the reasons, not of the rows: the same figures always read the same way.
      for (const [reason, n] of [...reasons].sort((a, b) => a[0].localeCompare(b[0]))) g.breachReasons[reason] = shownCount(n, controlled);
    }
    return { from, to, groupBy: filter.groupBy, disclosureControlled: controlled, groups: [...groups.values()] };
  }
}
