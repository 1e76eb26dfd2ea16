/**
 * Work that is already under way, by key: a caller asking for a key being worked out waits for that
 * answer instead of starting the same work again. Without it, a cached answer that expires under
 * load has every request in flight redo the work at once: the national referral board, at 50
 * clients, spent seconds recomputing one queue fifty times over when its minute ran out.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, work: () => Promise<V>): Promise<V> {
    const running = this.running.get(key);
    if (running) return running;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
