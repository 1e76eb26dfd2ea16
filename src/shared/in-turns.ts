/**
 * Maps a long list a slice at a time, letting the event loop answer other requests between slices.
 * For work behind a kept answer, like the national referral board's queue (some 1,800 clocks, about
 * 40 ms of CPU at once): the requests in flight while it is remade are held up by one slice, not all.
 */
export async function mapInTurns<T, U>(items: readonly T[], fn: (item: T) => U, perTurn = 200): Promise<U[]> {
  const out: U[] = [];
  for (let start = 0; start < items.length; start += perTurn) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const item of items.slice(start, start + perTurn)) out.push(fn(item));
  }
  return out;
}
