// Seeds for replications. Replication i always gets the same seed from a base seed, whichever worker
// runs it, so a Monte Carlo result depends only on the scenario and the base seed. Mixing with a hash
// (murmur3's finaliser) keeps neighbouring replications' generators unrelated.

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function replicationSeed(baseSeed: number, replication: number): number {
  return fmix32((baseSeed >>> 0) ^ fmix32(Math.imul(replication + 1, 0x9e3779b9)));
}
