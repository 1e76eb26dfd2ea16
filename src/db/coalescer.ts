/**
 * Runs many concurrent calls of one kind as a few batches, each one statement: at most
 * `concurrency` batches are in flight, and calls that arrive meanwhile wait and go together in the
 * next. When the server is quiet a call runs at once, alone (after the current turn of the event
 * loop, so calls that arrive together go together); under load, the database plans, locks and
 * commits once per batch instead of once per call.
 *
 * Each call's answer is its own: `run` returns one result per item, in order. If a batch fails in
 * a way `mayRetryAlone` says changed nothing (for a statement: PostgreSQL refused it, see
 * refusedStatement), its calls are tried again one by one, so a call that cannot succeed fails alone
 * and the others are answered. Any other failure fails every call of the batch: a batch whose
 * answer was lost may have been done, and doing it again would do it twice.
 */
export class Coalescer<In, Out> {
  private readonly waiting: { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly options: { concurrency: number; maxBatch: number; mayRetryAlone: (reason: unknown) => boolean },
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < this.options.concurrency) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush() {
    while (this.waiting.length > 0 && this.inFlight < this.options.concurrency) {
      this.inFlight++;
      void this.runBatch(this.waiting.splice(0, this.options.maxBatch));
    }
  }

  private async runBatch(batch: typeof this.waiting) {
    const outcomes = await this.attempt(batch.map((b) => b.item));
    // The next batch goes to the database before these answers are handled, so it is not left idle
    // while the callers build their responses.
    this.inFlight--;
    this.flush();
    outcomes.forEach((o, i) => (o.status === 'fulfilled' ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.reason)));
  }

  private async attempt(items: In[]): Promise<PromiseSettledResult<Out>[]> {
    try {
      return (await this.run(items)).map((value) => ({ status: 'fulfilled', value }));
    } catch (reason) {
      if (items.length === 1 || !this.options.mayRetryAlone(reason)) return items.map(() => ({ status: 'rejected', reason }));
      const one: PromiseSettledResult<Out>[] = [];
      for (const item of items) one.push(...(await this.attempt([item])));
      return one;
    }
  }
}
