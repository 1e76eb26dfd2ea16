import type { TimeWeighted } from './time-weighted.js';

// The mean of some time-weighted levels over consecutive periods of the whole run, warm-up included,
// for charts of occupancy over time (a fan across replications). It reads the areas TimeWeighted
// keeps without changing them, so it adds no work to each event and leaves every other figure
// exactly as it would be without it: only a little work at each period boundary.

export class LevelSeries {
  /** Per tracked level, the mean over each period in order. */
  readonly values: number[][];
  /** When the next period ends, in days from the start. */
  nextAt: number;
  private periods = 0;
  /** Area from the start of the current period up to a window reset (which zeroes the areas). */
  private readonly carried: Float64Array;
  /** Area as it stood when the current period began (or the window last reset). */
  private readonly since: Float64Array;

  constructor(
    private readonly levels: TimeWeighted,
    private readonly indices: readonly number[],
    readonly periodDays: number,
    private readonly end: number,
  ) {
    if (!(periodDays > 0)) throw new RangeError(`a series period must be positive, not ${periodDays}`);
    this.values = indices.map(() => []);
    this.carried = new Float64Array(indices.length);
    this.since = new Float64Array(indices.length);
    this.nextAt = Math.min(periodDays, end);
  }

  /** Records every period that ends at or before `now` (levels have not changed since the last event). */
  pass(now: number): void {
    while (this.nextAt <= now) this.close(this.nextAt);
  }

  /** Call just before TimeWeighted.startWindow, which drops the areas so far. */
  windowStarting(at: number): void {
    this.indices.forEach((level, k) => {
      this.carried[k]! += this.levels.areaAt(level, at) - this.since[k]!;
      this.since[k] = 0;
    });
  }

  /** Closes the last period (shorter than the others if the run does not divide evenly). */
  finish(): void {
    this.pass(this.end);
  }

  private close(at: number): void {
    const start = this.periods * this.periodDays;
    this.indices.forEach((level, k) => {
      const area = this.levels.areaAt(level, at);
      this.values[k]!.push((this.carried[k]! + area - this.since[k]!) / (at - start));
      this.carried[k] = 0;
      this.since[k] = area;
    });
    this.periods++;
    const next = (this.periods + 1) * this.periodDays;
    // The last boundary is the end itself, so rounding never drops or splits the final period.
    this.nextAt = this.periods * this.periodDays >= this.end - 1e-9 * this.end ? Infinity : Math.min(next, this.end);
  }
}
