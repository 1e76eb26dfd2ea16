// The people in a replication as columns of typed arrays indexed by person number, with a free list so
// numbers are reused and a long run allocates nothing per event once the table has grown to size.

export const NO_TIER = -1;

export class PersonTable {
  pool: Int32Array;
  /** Tier index of the bed held, or NO_TIER while waiting outside. */
  tier: Int8Array;
  /** Index of the source of the first admission (SOURCES), or -1 for people present at time zero. */
  source: Int8Array;
  /** Next person in the same bed queue (intrusive FIFO list), or -1. */
  link: Int32Array;
  /** When the current run of days at this tier began. */
  stayStart: Float64Array;
  /** When the current wait for a bed began. */
  waitStart: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(capacity = 1024) {
    this.pool = new Int32Array(capacity);
    this.tier = new Int8Array(capacity);
    this.source = new Int8Array(capacity);
    this.link = new Int32Array(capacity);
    this.stayStart = new Float64Array(capacity);
    this.waitStart = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
  }

  alloc(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.used === this.pool.length) this.grow();
    return this.used++;
  }

  release(i: number): void {
    this.free[this.freeCount++] = i;
  }

  private grow(): void {
    const n = this.pool.length * 2;
    const bigger = <A extends Int32Array | Int8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.pool = bigger(this.pool, (k) => new Int32Array(k));
    this.tier = bigger(this.tier, (k) => new Int8Array(k));
    this.source = bigger(this.source, (k) => new Int8Array(k));
    this.link = bigger(this.link, (k) => new Int32Array(k));
    this.stayStart = bigger(this.stayStart, (k) => new Float64Array(k));
    this.waitStart = bigger(this.waitStart, (k) => new Float64Array(k));
    this.free = bigger(this.free, (k) => new Int32Array(k));
  }
}
