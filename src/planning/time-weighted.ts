// Time-weighted levels (beds occupied, people waiting, people held at too high a tier), integrated
// over the measured window only. `startWindow` is called once when the warm-up ends: it brings every
// level up to that moment and drops the warm-up's area, so `add` in the inner loop needs no check.

export class TimeWeighted {
  readonly level: Float64Array;
  readonly area: Float64Array;
  private readonly last: Float64Array;

  constructor(size: number) {
    this.level = new Float64Array(size);
    this.area = new Float64Array(size);
    this.last = new Float64Array(size);
  }

  add(i: number, now: number, delta: number): void {
    this.area[i]! += this.level[i]! * (now - this.last[i]!);
    this.last[i] = now;
    this.level[i]! += delta;
  }

  /** Brings level i's area up to `now`; call for every level at the end of the window. */
  accrue(i: number, now: number): void {
    this.area[i]! += this.level[i]! * (now - this.last[i]!);
    this.last[i] = now;
  }

  /** Level i's area up to `now` (not before its last change), without touching the running sums. */
  areaAt(i: number, now: number): number {
    return this.area[i]! + this.level[i]! * (now - this.last[i]!);
  }

  startWindow(at: number): void {
    this.last.fill(at);
    this.area.fill(0);
  }
}
