/**
 * Runs many concurrent calls of one kind as a few batches, each one statement: at most
 * `concurrency` batches are in flight, and calls that arrive meanwhile wait and go together in the
 * next. When the server is quiet a call runs at once, alone (after the current turn of the event
 * loop, so calls that arrive together go together); under load, the database plans, locks and
 * commits once per batch instead of once per call.
 *
 * Each call's answer is its own: `run` returns one result per item, in order. If a batch fails,
 * its calls are tried again one by one, so a call that cannot succeed fails alone and the others are
 * answered (a failed statement changed nothing, so trying again is safe).
 */
export class Coalescer<In, Out> {
  private readonly waiting: { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly options: { concurrency: number; maxBatch: number },
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
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async settle(batch: typeof this.waiting) {
    try {
      const outs = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(outs[i] as Out));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const b of batch) await this.settle([b]);
    }
  }
}
