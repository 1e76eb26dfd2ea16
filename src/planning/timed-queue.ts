// A binary min-heap of (time, integer item) in typed arrays, for the engine's inner loop. The seed
// generator's EventHeap is generic and returns a fresh object from every pop; measured on the M/M/c
// bench this one is about twice as fast and allocates nothing per event. Same contract: ties leave in
// insertion order, so a run is reproducible.

export class TimedQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private items: Int32Array;
  private n = 0;
  private seq = 0;
  /** Time of the event most recently popped. */
  lastTime = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, item: number): void {
    if (this.n === this.times.length) this.grow();
    const { times, seqs, items } = this;
    const seq = this.seq++;
    // Sift the hole up rather than swapping: one write per level.
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes the earliest event and returns its item (its time goes to `lastTime`); the caller checks size. */
  pop(): number {
    const { times, seqs, items } = this;
    const top = items[0]!;
    this.lastTime = times[0]!;
    const n = --this.n;
    if (n > 0) {
      const time = times[n]!;
      const seq = seqs[n]!;
      const item = items[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const r = child + 1;
        if (r < n && (times[r]! < times[child]! || (times[r] === times[child] && seqs[r]! < seqs[child]!))) child = r;
        const ct = times[child]!;
        if (time < ct || (time === ct && seq < seqs[child]!)) break;
        times[i] = ct;
        seqs[i] = seqs[child]!;
        items[i] = items[child]!;
        i = child;
      }
      times[i] = time;
      seqs[i] = seq;
      items[i] = item;
    }
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    const items = new Int32Array(size);
    times.set(this.times);
    seqs.set(this.seqs);
    items.set(this.items);
    this.times = times;
    this.seqs = seqs;
    this.items = items;
  }
}
