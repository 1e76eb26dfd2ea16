import type { PersonTable } from './person-table.js';

// First-come-first-served queues for beds, one per (pool, tier) slot, threaded through the people
// table's `link` column so joining and leaving a queue allocate nothing.

export class BedQueues {
  readonly length: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;

  constructor(
    slots: number,
    private readonly people: PersonTable,
  ) {
    this.length = new Int32Array(slots);
    this.head = new Int32Array(slots).fill(-1);
    this.tail = new Int32Array(slots).fill(-1);
  }

  push(slot: number, person: number): void {
    this.people.link[person] = -1;
    const t = this.tail[slot]!;
    if (t === -1) this.head[slot] = person;
    else this.people.link[t] = person;
    this.tail[slot] = person;
    this.length[slot]!++;
  }

  /** Removes and returns the person at the front; the caller checks length first. */
  shift(slot: number): number {
    const p = this.head[slot]!;
    const next = this.people.link[p]!;
    this.head[slot] = next;
    if (next === -1) this.tail[slot] = -1;
    this.length[slot]!--;
    return p;
  }

  /** Calls `f` for each person waiting in `slot`, front first. */
  forEach(slot: number, f: (person: number) => void): void {
    for (let p = this.head[slot]!; p !== -1; p = this.people.link[p]!) f(p);
  }
}
