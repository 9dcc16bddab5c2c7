// Keys sorted once, so every key starting with a prefix is one contiguous run found by binary search.
import { runToEnd, sortSteps, type Steps } from './slices.js';

interface PrefixEntry {
  key: string;
  id: number;
}

function byKeyThenId(a: PrefixEntry, b: PrefixEntry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id;
}

export class PrefixIndex {
  private constructor(
    private readonly keys: string[],
    private readonly ids: Int32Array,
  ) {}

  static build(entries: PrefixEntry[]): PrefixIndex {
    return runToEnd(PrefixIndex.buildSteps(entries));
  }

  /** The build as pausable steps (see slices.ts). */
  static *buildSteps(entries: PrefixEntry[]): Steps<PrefixIndex> {
    const sorted = yield* sortSteps(entries, byKeyThenId);
    yield;
    return new PrefixIndex(
      sorted.map((e) => e.key),
      Int32Array.from(sorted, (e) => e.id),
    );
  }

  get size(): number {
    return this.keys.length;
  }

  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.keys[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Calls `visit` for each key starting with `prefix`, in key order, at most `maxVisits` times. */
  forEachWithPrefix(prefix: string, maxVisits: number, visit: (id: number, key: string) => void): void {
    const start = this.lowerBound(prefix);
    const end = Math.min(this.keys.length, start + maxVisits);
    for (let i = start; i < end; i++) {
      const key = this.keys[i];
      if (!key.startsWith(prefix)) return;
      visit(this.ids[i], key);
    }
  }
}
