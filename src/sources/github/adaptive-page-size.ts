// GitHub answers a heavy GraphQL page slowly, or with a 502 when it runs past its own time limit.
// The listing then asks for smaller pages, and grows back once answers come quickly again.

export class AdaptivePageSize {
  private current: number;
  private fastInARow = 0;

  constructor(private readonly limits: { initial: number; min: number; max: number; slowMs: number }) {
    this.current = limits.initial;
  }

  get size(): number {
    return this.current;
  }

  /** A page answered; slow answers shrink the next page, a run of quick ones grows it. */
  answered(elapsedMs: number): void {
    if (elapsedMs > this.limits.slowMs) {
      this.shrink();
      return;
    }
    this.fastInARow += 1;
    if (this.fastInARow >= 3 && elapsedMs < this.limits.slowMs / 4 && this.current < this.limits.max) {
      this.current = Math.min(this.limits.max, this.current * 2);
      this.fastInARow = 0;
    }
  }

  /** A page timed out or failed with a gateway error: retry it smaller. */
  failed(): void {
    this.shrink();
  }

  private shrink(): void {
    this.fastInARow = 0;
    this.current = Math.max(this.limits.min, Math.floor(this.current / 2));
  }
}
