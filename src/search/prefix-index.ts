// Keys sorted once, so every key starting with a prefix is one contiguous run found by binary search.
import { runToEnd, sortSteps, type Steps } from '../slices.js';

/** Entries copied between two pauses of a build. */
const ENTRIES_PER_STEP = 16_384;

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
    // A plain loop that pauses: `Int32Array.from(sorted, mapper)` over 300k entries held the
    // event loop for 80 ms in one piece.
    const keys = new Array<string>(sorted.length);
    const ids = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      keys[i] = sorted[i].key;
      ids[i] = sorted[i].id;
      if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    }
    return new PrefixIndex(keys, ids);
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
