// A few answers worked on at once, the rest waiting their turn in arrival order. This replaced
// Bottleneck, whose in-process store yields the event loop with setTimeout(0) at each step of a
// job (submit, register, free, done): about 5 ms added to every answer, a card's whole budget.
// Here a free slot starts the work in the same tick, and a finished one hands its slot straight
// to the next waiting answer.

export class AnswerSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /**
   * `size`: answers worked on at once. `expiryMs`: an answer still running after this long gives
   * up its slot (its promise rejects; the work itself cannot be stopped and runs on unheld).
   */
  constructor(
    private readonly size: number,
    private readonly expiryMs: number,
  ) {}

  /** True when every slot is taken: new work would wait for one. */
  get full(): boolean {
    return this.running + this.waiting.length >= this.size;
  }

  /** Runs `work` in a free slot, after the work already waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.size && !this.waiting.length) this.running++;
    // The slot is handed over by release(): `running` already counts this work then.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        release();
        reject(new Error(`the answer gave up its slot after ${this.expiryMs} ms`));
      }, this.expiryMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(work), expired]);
    } finally {
      clearTimeout(timer);
      release();
    }
  }
}
