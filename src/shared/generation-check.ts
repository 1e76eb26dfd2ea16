import { SingleFlight } from './single-flight.js';

/**
 * A change counter kept in the database, read at most once every `recheckMs` and then by one query
 * however many requests ask. After `invalidate()` (a change committed through this server) the next
 * ask reads afresh: a read already under way may have begun before that commit, so its answer is
 * handed to those already waiting on it but not kept, and not shared with later askers.
 */
export class GenerationCheck {
  private seen: { value: string; at: number } | undefined;
  private epoch = 0;
  private readonly reads = new SingleFlight<number, string>();

  constructor(
    private readonly read: () => Promise<string>,
    private readonly recheckMs: number,
  ) {}

  invalidate(): void {
    this.epoch++;
    this.seen = undefined;
  }

  async current(): Promise<string> {
    const started = performance.now();
    if (this.seen && started - this.seen.at < this.recheckMs) return this.seen.value;
    const epoch = this.epoch;
    const value = await this.reads.run(epoch, this.read);
    if (epoch === this.epoch) this.seen = { value, at: started };
    return value;
  }
}
