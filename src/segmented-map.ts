// A map that never grows one of its tables past a bound. A JavaScript Map doubles its table as it
// fills, and rehashes every entry in one step that cannot be paused: at 131,072 entries that step
// held the event loop 23-35 ms here (at 262,144, 51-79 ms), more than a slice of a search build
// may take. Kept as several Maps of at most SEGMENT_ENTRIES, the largest rehash is a few ms.

/** Entries per Map: its last rehash (16k to 32k entries) takes 4-10 ms on a busy 2-core machine. */
const SEGMENT_ENTRIES = 32_768;

/** A Map of at most SEGMENT_ENTRIES per table. Values are never `undefined` (get says absent). */
export class SegmentedMap<K, V extends NonNullable<unknown>> {
  private readonly segments: Array<Map<K, V>> = [new Map()];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    // Newest first: a lookup right after a set finds it at once.
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const value = this.segments[i].get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  has(key: K): boolean {
    for (let i = this.segments.length - 1; i >= 0; i--) if (this.segments[i].has(key)) return true;
    return false;
  }

  set(key: K, value: V): this {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const segment = this.segments[i];
      if (segment.has(key)) {
        segment.set(key, value);
        return this;
      }
    }
    let last = this.segments[this.segments.length - 1];
    if (last.size >= SEGMENT_ENTRIES) {
      last = new Map();
      this.segments.push(last);
    }
    last.set(key, value);
    this.count++;
    return this;
  }

  *keys(): IterableIterator<K> {
    for (const segment of this.segments) yield* segment.keys();
  }

  *entries(): IterableIterator<[K, V]> {
    for (const segment of this.segments) yield* segment.entries();
  }
}
