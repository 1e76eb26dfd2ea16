import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer.js';

/** A run that records each batch it was given and answers after the test releases it. */
function recordingRun(fail?: (item: number) => boolean) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() => (items.some((i) => fail?.(i)) ? reject(new Error(`bad item in ${items.join(',')}`)) : resolve(items.map((i) => `answer ${i}`))));
    });
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { run, batches, releaseAll };
}

const mayRetryAlone = () => true;

describe('Coalescer', () => {
  it('runs a call alone when nothing else is waiting', async () => {
    const r = recordingRun();
    const c = new Coalescer(r.run, { concurrency: 2, maxBatch: 10, mayRetryAlone });
    const answer = c.submit(1);
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(await answer).toBe('answer 1');
  });

  it('puts calls that arrive together in one batch, and each caller gets its own answer', async () => {
    const r = recordingRun();
    const c = new Coalescer(r.run, { concurrency: 2, maxBatch: 10, mayRetryAlone });
    const answers = Promise.all([1, 2, 3].map((i) => c.submit(i)));
    await new Promise((res) => setImmediate(res));
    await r.releaseAll();
    expect(r.batches).toEqual([[1, 2, 3]]);
    expect(await answers).toEqual(['answer 1', 'answer 2', 'answer 3']);
  });

  it('keeps at most `concurrency` batches in flight; calls arriving meanwhile go together next, in order', async () => {
    const r = recordingRun();
    const c = new Coalescer(r.run, { concurrency: 1, maxBatch: 10, mayRetryAlone });
    const first = c.submit(1);
    await new Promise((res) => setImmediate(res));
    const later = [2, 3, 4].map((i) => c.submit(i));
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all([first, ...later])).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4']);
  });

  it('never puts more than maxBatch calls in one batch', async () => {
    const r = recordingRun();
    const c = new Coalescer(r.run, { concurrency: 3, maxBatch: 2, mayRetryAlone });
    const answers = Promise.all([1, 2, 3, 4, 5].map((i) => c.submit(i)));
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
    await r.releaseAll();
    expect(await answers).toHaveLength(5);
  });

  it('when a batch fails, tries its calls one by one: only the call that cannot succeed fails', async () => {
    const r = recordingRun((i) => i === 2);
    const c = new Coalescer(r.run, { concurrency: 1, maxBatch: 10, mayRetryAlone });
    const settled = Promise.allSettled([1, 2, 3].map((i) => c.submit(i)));
    await new Promise((res) => setImmediate(res));
    await r.releaseAll();
    const results = await settled;
    expect(r.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad item in 2');
  });

  it('fails every call of a batch, trying none again, when the failure may have left the batch done', async () => {
    const r = recordingRun((i) => i === 2);
    const c = new Coalescer(r.run, { concurrency: 1, maxBatch: 10, mayRetryAlone: () => false });
    const settled = Promise.allSettled([1, 2, 3].map((i) => c.submit(i)));
    await new Promise((res) => setImmediate(res));
    await r.releaseAll();
    expect(r.batches).toEqual([[1, 2, 3]]);
    expect((await settled).map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
