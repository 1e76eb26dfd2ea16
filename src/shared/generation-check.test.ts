import { afterEach, describe, expect, it, vi } from 'vitest';
import { GenerationCheck } from './generation-check.js';

/** A counter whose reads are counted; while `gate`d, reads take their value at once but answer on `open`. */
function counter() {
  let value = 1;
  let reads = 0;
  let gated = false;
  const held: (() => void)[] = [];
  return {
    read: async () => {
      reads++;
      const seen = String(value);
      if (gated) await new Promise<void>((resolve) => held.push(resolve));
      return seen;
    },
    bump: () => value++,
    gate: () => (gated = true),
    open: () => {
      gated = false;
      for (const resolve of held.splice(0)) resolve();
    },
    reads: () => reads,
  };
}

afterEach(() => vi.useRealTimers());

describe('GenerationCheck', () => {
  it('reads the counter once for requests that ask together, and not again within the recheck time', async () => {
    const c = counter();
    const check = new GenerationCheck(c.read, 250);
    c.gate();
    const asked = Promise.all(Array.from({ length: 20 }, () => check.current()));
    c.open();
    expect(await asked).toEqual(Array(20).fill('1'));
    c.bump();
    expect(await check.current()).toBe('1');
    expect(c.reads()).toBe(1);
  });

  it('reads again once the recheck time has passed', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const c = counter();
    const check = new GenerationCheck(c.read, 250);
    expect(await check.current()).toBe('1');
    c.bump();
    vi.advanceTimersByTime(251);
    expect(await check.current()).toBe('2');
    expect(c.reads()).toBe(2);
  });

  it('after a change through this server, does not reuse a read that began before it', async () => {
    const c = counter();
    const check = new GenerationCheck(c.read, 250);
    c.gate();
    const before = check.current(); // read under way: it will answer '1'
    c.bump(); // the change commits...
    check.invalidate(); // ...and this server says so
    const after = check.current();
    c.open();
    expect(await before).toBe('1');
    expect(await after).toBe('2');
    expect(await check.current()).toBe('2');
  });
});
