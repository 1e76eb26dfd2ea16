import { describe, expect, it } from 'vitest';
import { mmcScenario } from './mmc.js';
import { runMonteCarlo, type MonteCarloResult } from './monte-carlo.js';
import { smallSecureSystem } from './test-scenarios.js';

// Worker threads run the same replications as this thread would: results for a seed do not depend
// on how many workers share them. (These tests start real workers through tsx, as production does.)

const comparable = (r: MonteCarloResult) => JSON.stringify({ ...r, seconds: 0, workers: 0 });

describe('runMonteCarlo', () => {
  it('gives the same answer in this thread, on one worker and on two', async () => {
    const s = smallSecureSystem();
    const options = { replications: 6, years: 3, warmupYears: 1, seed: 77 };
    const here = await runMonteCarlo(s, { ...options, workers: 0 });
    const one = await runMonteCarlo(s, { ...options, workers: 1 });
    const two = await runMonteCarlo(s, { ...options, workers: 2 });
    expect(comparable(one)).toBe(comparable(here));
    expect(comparable(two)).toBe(comparable(here));
    expect(two.workers).toBe(2);
    expect(here.tiers.medium.occupancy.n).toBe(6);
    expect(here.events).toBeGreaterThan(0);
  }, 20_000);

  it('reports progress once per replication and can keep each result', async () => {
    const seen: number[] = [];
    const r = await runMonteCarlo(smallSecureSystem(), { replications: 5, years: 1, warmupYears: 0, workers: 0, keepReplications: true, onProgress: (done, total) => seen.push(done * 10 + total) });
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    expect(r.replicationResults).toHaveLength(5);
    expect(new Set(r.replicationResults!.map((x) => x.seed)).size).toBe(5);
  });

  it('puts the true mean inside the 95% interval (M/M/6: 5 beds occupied on average)', async () => {
    const r = await runMonteCarlo(mmcScenario(1, 5, 6), { replications: 30, years: 10, warmupYears: 0.5, seed: 3, workers: 0 });
    const occupied = r.tiers.medium.meanOccupied;
    expect(occupied.ciLow!).toBeLessThan(5);
    expect(occupied.ciHigh!).toBeGreaterThan(5);
    expect(occupied.ciHigh! - occupied.ciLow!).toBeLessThan(0.2);
    expect(r.intervalMethod).toMatch(/Student's t/);
  });

  it('stops when aborted, in this thread and on workers', async () => {
    for (const workers of [0, 2]) {
      const controller = new AbortController();
      const run = runMonteCarlo(smallSecureSystem(), { replications: 500, workers, signal: controller.signal, onProgress: () => controller.abort(new Error('stop')) });
      await expect(run).rejects.toThrow('stop');
    }
  }, 20_000);

  it('passes a failing replication back as an error', async () => {
    await expect(runMonteCarlo(smallSecureSystem(), { replications: 2, years: -1, workers: 1 })).rejects.toThrow(/replication 0 failed: years must be a positive number/);
    await expect(runMonteCarlo(smallSecureSystem(), { replications: 0 })).rejects.toThrow(/replications/);
  }, 20_000);
});
