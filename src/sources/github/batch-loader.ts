// Collects the loads asked for in the same turn of the event loop and answers them with as few
// batched calls as possible (the idea of DataLoader), so that many repositories reading their
// files at once cost a handful of GraphQL queries instead of one each.

export class BatchLoader<K, V> {
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly loadBatch: (keys: K[]) => Promise<V[]>,
    private readonly maxBatch: number,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const pending = this.queue;
    this.queue = [];
    for (let i = 0; i < pending.length; i += this.maxBatch) {
      const batch = pending.slice(i, i + this.maxBatch);
      this.loadBatch(batch.map((p) => p.key)).then(
        (values) =>
          batch.forEach((p, j) => {
            p.resolve(values[j]);
          }),
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      );
    }
  }
}
