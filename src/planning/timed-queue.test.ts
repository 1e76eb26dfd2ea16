import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedQueue } from './timed-queue.js';

describe('TimedQueue', () => {
  it('pops in time order, ties in insertion order, while pushing and popping', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 400 }), (ops) => {
        const q = new TimedQueue(2);
        const model: { time: number; item: number }[] = [];
        let item = 0;
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, item);
            model.push({ time: op, item: item++ });
          } else if (model.length > 0) {
            // Stable sort: equal times keep insertion order.
            model.sort((a, b) => a.time - b.time);
            const want = model.shift()!;
            expect(q.peekTime()).toBe(want.time);
            expect(q.pop()).toBe(want.item);
            expect(q.lastTime).toBe(want.time);
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('reports Infinity when empty', () => {
    expect(new TimedQueue().peekTime()).toBe(Infinity);
  });
});
