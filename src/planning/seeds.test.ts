import { describe, expect, it } from 'vitest';
import { replicationSeed } from './seeds.js';

describe('replicationSeed', () => {
  it('is a fixed function of base seed and replication, distinct across 10,000 replications', () => {
    expect(replicationSeed(1, 0)).toBe(replicationSeed(1, 0));
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(replicationSeed(2026, i));
    expect(seen.size).toBe(10_000);
    expect(replicationSeed(1, 5)).not.toBe(replicationSeed(2, 5));
    for (const s of seen) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});
