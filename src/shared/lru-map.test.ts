import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('drops the least recently used entry when it would hold too many', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now more recent than b
    m.set('c', 3);
    expect([...m].map(([k]) => k)).toEqual(['a', 'c']);
    expect(m.get('b')).toBeUndefined();
  });

  it('counts setting again as a use, and peeking not', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.peek('a')).toBe(1);
    m.set('c', 3);
    expect(m.peek('a')).toBeUndefined();
    m.set('b', 20);
    m.set('d', 4);
    expect([...m]).toEqual([
      ['b', 20],
      ['d', 4],
    ]);
  });

  it('holds nothing when its size is zero', () => {
    const m = new LruMap<string, number>(0);
    m.set('a', 1);
    expect(m.size).toBe(0);
  });

  it('forgets a deleted entry', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.delete('a');
    expect(m.get('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });
});
