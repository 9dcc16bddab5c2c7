// A cache that answers many askers with one request: a fresh answer is reused for `ttlMs`, a
// load already under way is shared by everyone who asks meanwhile, and the last good answer is
// kept (with its age) for when the provider later fails or is slow.

export interface Cached<T> {
  value: T;
  /** When the value was fetched (ms since the epoch, by the cache's clock). */
  at: number;
}

export class SharedCache<T> {
  private readonly known = new Map<string, Cached<T>>();
  private readonly inFlight = new Map<string, Promise<Cached<T>>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The last good answer, however old. */
  lastKnown(key: string): Cached<T> | undefined {
    return this.known.get(key);
  }

  get(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const known = this.known.get(key);
    if (known && this.now() - known.at < this.ttlMs) return Promise.resolve(known);
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = load()
      .then((value) => {
        const cached = { value, at: this.now() };
        this.known.set(key, cached);
        return cached;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
