// Group commit for requests that would each take the same locks: calls arriving while a batch is
// being worked on wait and form the next batch, so N of them share one transaction (one commit,
// one round trip per statement) instead of queueing N times for the same row. No timer: a call
// that finds nothing running starts at once, so a quiet shop pays no extra latency.

interface Waiting<I, O> {
  item: I;
  resolve(result: O): void;
  reject(reason: unknown): void;
}

export class Batcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private running = 0;

  /**
   * `work` answers every item of a batch, in order, with its result or an Error of its own (a
   * refusal of that item only); if it throws, every item of the batch fails with that error.
   * Up to `concurrency` batches run at once (each on its own connection, say), so one can do
   * its first steps while another finishes.
   */
  constructor(
    private readonly work: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running < (this.options.concurrency ?? 1)) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running += 1;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.options.maxBatch ?? 100);
        try {
          const results = await this.work(batch.map((waiting) => waiting.item));
          batch.forEach((waiting, i) => {
            const result = results[i];
            if (result instanceof Error) waiting.reject(result);
            else waiting.resolve(result as O);
          });
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.running -= 1;
    }
  }
}
