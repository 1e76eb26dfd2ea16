import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.js';

/** Work that counts its starts and finishes when told to. */
function gatedWork<V>(answer: V) {
  let starts = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { work: async () => (starts++, await gate, answer), starts: () => starts, open: () => open() };
}

describe('SingleFlight', () => {
  it('runs work once for callers who ask for the same key while it runs, and gives each the answer', async () => {
    const flight = new SingleFlight<string, number>();
    const w = gatedWork(42);
    const answers = Promise.all(Array.from({ length: 50 }, () => flight.run('national board', w.work)));
    w.open();
    expect(await answers).toEqual(Array(50).fill(42));
    expect(w.starts()).toBe(1);
  });

  it('runs work for different keys separately', async () => {
    const flight = new SingleFlight<string, string>();
    const a = gatedWork('north');
    const b = gatedWork('south');
    const answers = Promise.all([flight.run('north', a.work), flight.run('south', b.work)]);
    a.open();
    b.open();
    expect(await answers).toEqual(['north', 'south']);
    expect([a.starts(), b.starts()]).toEqual([1, 1]);
  });

  it('starts afresh once the work is done, so a later caller gets a new answer', async () => {
    const flight = new SingleFlight<string, number>();
    let n = 0;
    expect(await flight.run('k', async () => ++n)).toBe(1);
    expect(await flight.run('k', async () => ++n)).toBe(2);
  });

  it('gives a failure to every caller waiting on it, then lets the next caller try again', async () => {
    const flight = new SingleFlight<string, number>();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let starts = 0;
    const failing = async (): Promise<number> => {
      starts++;
      await gate;
      throw new Error('database unavailable');
    };
    const both = Promise.allSettled([flight.run('k', failing), flight.run('k', failing)]);
    open();
    expect((await both).map((r) => (r.status === 'rejected' ? String(r.reason) : 'answered'))).toEqual(['Error: database unavailable', 'Error: database unavailable']);
    expect(starts).toBe(1);
    expect(await flight.run('k', async () => 7)).toBe(7);
  });
});
