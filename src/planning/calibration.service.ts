import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { can, seesAggregatesOnly } from '../http/policy.js';
import { areaOf, type Area } from './area.js';
import { calibrate, CalibrationError, iso, type Pooling } from './calibration.js';
import * as repo from './calibration.repo.js';
import type { CalibrationQuery, CalibrationResponse } from './calibration.schema.js';
import type { PlanningSettings } from './job-settings.js';
import { isSecureTier } from './places.js';
import { DAY_MS, stayOf } from './stays.js';
import { wholeMonthsUntil } from '../shared/whole-months.js';
import type { Sex, Specialism } from '../shared/vocabulary.js';

// Calibration from the live register: read an area's stays and beds (aggregates only leave this
// service), fit the model, and return the scenario with the evidence for it.

/** A window shorter than this gives too few stays to say anything; longer than this outruns the register. */
const MIN_WINDOW_DAYS = 365;
const MAX_WINDOW_YEARS = 30;

const invalid = (field: string, message: string) => new AppError('validation_failed', `${field}: ${message}`, { details: [{ field, message }] });

export class CalibrationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: PlanningSettings,
  ) {}

  /** The area with this code, or a 400 naming the field. */
  async area(code: string | undefined): Promise<Area> {
    const area = areaOf(await repo.selectRegions(this.db), code);
    if (!area) throw invalid('area', `no region or nation has the code "${code}"`);
    return area;
  }

  async calibrate(caller: Caller, q: CalibrationQuery): Promise<CalibrationResponse> {
    const asked = { from: new Date(`${q.from}T00:00:00Z`), to: new Date(`${q.to}T00:00:00Z`) };
    if (Number.isNaN(asked.from.getTime())) throw invalid('from', 'is not a date');
    if (Number.isNaN(asked.to.getTime())) throw invalid('to', 'is not a date');
    const now = this.clock.now();
    if (asked.to.getTime() > now.getTime() + DAY_MS) throw invalid('to', 'must not be after today: the window must have happened');
    // Planners, commissioners and analysts see aggregates only, and so does anyone else who may not
    // see named patients (the operator at a terminal): no figure from an exact count, over whole months.
    const controlled = seesAggregatesOnly(caller.role) || !can(caller.role, 'patients:read');
    const window = controlled ? wholeMonthsUntil(q.from, q.to, iso(now)) : q;
    const from = new Date(`${window.from}T00:00:00Z`);
    const to = new Date(`${window.to}T00:00:00Z`);
    if (to.getTime() - from.getTime() < MIN_WINDOW_DAYS * DAY_MS) throw invalid('from', 'the window must be at least a year long');
    if (to.getTime() - from.getTime() > MAX_WINDOW_YEARS * 365.25 * DAY_MS) throw invalid('from', `the window may be at most ${MAX_WINDOW_YEARS} years long`);
    const area = await this.area(q.area);
    if (area.regionIds.length === 0) throw new AppError('calibration_insufficient_data', 'The register holds no regions yet, so there is nothing to calibrate from.');
    const [rows, beds] = await Promise.all([repo.selectStayRows(this.db, area.regionIds, from, to), repo.selectOpenBeds(this.db, area.regionIds, to)]);
    const windowEnd = to.getTime() / DAY_MS;
    try {
      const { scenario, report } = calibrate({
        area: area.name,
        from,
        to,
        stays: rows.map((r) => stayOf(r, windowEnd)),
        beds: beds.filter((b) => isSecureTier(b.tier)).map((b) => ({ tier: b.tier as 'high' | 'medium' | 'low', sex: b.sex as Sex, specialism: b.specialism as Specialism, beds: b.beds })),
        tariffs: this.settings.tariffs,
        pooling: (q.pooling ?? 'sex-and-specialism') as Pooling,
        controlled,
      });
      return { area: { level: area.level, code: area.code, name: area.name, population: area.population }, scenario, report };
    } catch (e) {
      if (e instanceof CalibrationError) throw new AppError('calibration_insufficient_data', e.problems[0], { details: e.problems.map((message) => ({ message })) });
      throw e;
    }
  }
}
