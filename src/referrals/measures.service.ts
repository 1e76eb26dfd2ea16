import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { selectBreachReasons, selectMeasures } from './measures.repo.js';
import { shownCount, toPoint } from './measures.rules.js';
import type { ReferralSettings } from './referral-settings.js';
import type { Measures, MeasuresQuery } from './referrals.schema.js';
import { addDays, daysBetween, localDate } from './transfer-clock.js';

const MAX_WINDOW_DAYS = 10 * 366;

/** Days to admission, 14-day compliance, assessments per referral and breach reasons, as run-chart series. */
export class MeasuresService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: ReferralSettings,
  ) {}

  async measures(caller: Caller, q: MeasuresQuery): Promise<Measures> {
    const today = localDate(this.clock.now(), this.settings.timeZone);
    const to = q.to ?? today;
    const from = q.from ?? `${addDays(to, -364).slice(0, 7)}-01`;
    if (from > to) throw new AppError('validation_failed', 'The start of the period must be before its end.', { details: [{ field: 'from', message: 'after "to"' }] });
    if (daysBetween(from, to) > MAX_WINDOW_DAYS) {
      throw new AppError('validation_failed', 'Choose a period of at most 10 years.', { details: [{ field: 'from', message: 'period longer than 10 years' }] });
    }
    // People without access to named referrals see disclosure-controlled figures.
    const controlled = !caller.permissions.includes('referrals:read');
    const filter = { groupBy: q.groupBy ?? 'region', from, to, regionId: q.regionId, prisonOnly: q.prisonOnly, timeZone: this.settings.timeZone } as const;
    const [rows, breaches] = await Promise.all([selectMeasures(this.db, filter), selectBreachReasons(this.db, filter)]);
    const groups = new Map<string, Measures['groups'][number]>();
    for (const r of rows) {
      let g = groups.get(r.group_key);
      if (!g) {
        g = { key: r.group_key, name: r.group_name, totals: toPoint({ ...r, month: 'all' }, controlled), months: [], breachReasons: {} };
        groups.set(r.group_key, g);
      }
      if (r.month === null) g.totals = toPoint({ ...r, month: 'all' }, controlled);
      else g.months.push(toPoint({ ...r, month: r.month }, controlled));
    }
    for (const b of breaches) {
      const g = groups.get(b.group_key);
      if (g) g.breachReasons[b.breach_reason] = shownCount(b.breached, controlled);
    }
    return { from, to, groupBy: filter.groupBy, disclosureControlled: controlled, groups: [...groups.values()] };
  }
}
