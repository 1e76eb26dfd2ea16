import { describe, expect, it } from 'vitest';
import { mapInTurns } from './in-turns.js';

describe('mapInTurns', () => {
  it('maps every item, in order', async () => {
    expect(await mapInTurns([1, 2, 3, 4, 5], (n) => n * 10, 2)).toEqual([10, 20, 30, 40, 50]);
    expect(await mapInTurns([], (n: number) => n)).toEqual([]);
  });

  it('lets other work waiting on the event loop run between slices, not only at the end', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('another request'));
    await mapInTurns([1, 2, 3, 4], (n) => seen.push(`item ${n}`), 2);
    expect(seen).toEqual(['item 1', 'item 2', 'another request', 'item 3', 'item 4']);
  });
});
