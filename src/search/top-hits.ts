// Keeps the best `limit` hits seen so far, so that scanning thousands of matches costs no sort.

export interface RankedHit {
  id: number;
  score: number;
  match: 'exact' | 'prefix' | 'fuzzy';
}

/** Negative when `a` ranks before `b`. */
type HitOrder = (a: RankedHit, b: RankedHit) => number;

export class TopHits {
  private readonly hits: RankedHit[] = [];
  private readonly ids = new Set<number>();

  constructor(
    private readonly limit: number,
    private readonly order: HitOrder,
  ) {}

  get full(): boolean {
    return this.hits.length >= this.limit;
  }

  /** The score a new hit must beat once the list is full. */
  get worstScore(): number {
    return this.hits.length ? this.hits[this.hits.length - 1].score : Infinity;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** Offers a hit; an entity offered twice keeps its better ranking. */
  offer(hit: RankedHit): void {
    if (this.limit <= 0) return;
    const { hits } = this;
    if (this.ids.has(hit.id)) {
      const kept = hits.findIndex((h) => h.id === hit.id);
      if (this.order(hit, hits[kept]) >= 0) return;
      hits.splice(kept, 1);
      this.ids.delete(hit.id);
    }
    if (hits.length >= this.limit && this.order(hit, hits[hits.length - 1]) >= 0) return;
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.order(hits[mid], hit) <= 0) low = mid + 1;
      else high = mid;
    }
    hits.splice(low, 0, hit);
    this.ids.add(hit.id);
    if (hits.length > this.limit) this.ids.delete(hits.pop()!.id);
  }

  toArray(): RankedHit[] {
    return [...this.hits];
  }
}
