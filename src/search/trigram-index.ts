// Picks the few entries that share the most three-letter pieces with a query, so that a fuzzy
// scorer only has to look at those instead of the whole catalog.
import { runToEnd, type Steps } from '../slices.js';

/** Entries read between two pauses of a build. */
const ENTRIES_PER_STEP = 1024;
/**
 * Up to this many entries the postings live in a map: the dense layout's arrays (one slot per
 * possible trigram, about 3 MB) would cost a small index, such as the overlay of a few changed
 * entities rebuilt on every change, far more than its entries do.
 */
const SPARSE_MAX_ENTRIES = 4096;

/** Letters, digits and the word break get their own code; any other character shares one of a few. */
const SYMBOL_BITS = 6;
const SPACE_SYMBOL = 36;
const OTHER_SYMBOLS = 64 - 37;
const GRAM_SPACE = 1 << (SYMBOL_BITS * 3);

function symbolOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  if (code === 32) return SPACE_SYMBOL;
  // Rarer characters may share a code: that only adds candidates, which the scorer then rejects.
  return 37 + (code % OTHER_SYMBOLS);
}

/**
 * Calls `visit` with the number of every padded trigram of a normalized text (the padding marks
 * word starts and ends). A trigram repeated within the text is visited again.
 */
function forEachTrigram(text: string, visit: (gram: number) => void): void {
  let previous = SPACE_SYMBOL;
  let current = text.length ? symbolOf(text.charCodeAt(0)) : SPACE_SYMBOL;
  for (let i = 1; i <= text.length; i++) {
    const next = i < text.length ? symbolOf(text.charCodeAt(i)) : SPACE_SYMBOL;
    visit((previous << (SYMBOL_BITS * 2)) | (current << SYMBOL_BITS) | next);
    previous = current;
    current = next;
  }
}

interface CandidateOptions {
  /** How many candidates at most. */
  limit: number;
  /** Entries the caller cannot use (wrong kind, already found). */
  accept?: (id: number) => boolean;
  /** Orders entries that share equally many trigrams: smaller first. */
  tieBreak: (id: number) => number;
}

/** Trigrams longer queries are cut to: enough to find a name, bounded in work. */
const MAX_QUERY_TRIGRAMS = 64;

export class TrigramIndex {
  /** Scratch counters, one per entry, reset after every query. */
  private readonly shared: Uint8Array;
  private readonly touched: Int32Array;

  /** `postingsOf(g)`: the ids of the entries holding trigram `g`, ascending. */
  private constructor(
    private readonly postingsOf: (gram: number) => ArrayLike<number> | undefined,
    readonly size: number,
  ) {
    this.shared = new Uint8Array(size);
    this.touched = new Int32Array(size);
  }

  /** `textsOf(id)` gives the normalized texts of entry `id`, for ids 0..size-1. */
  static build(size: number, textsOf: (id: number) => Iterable<string | undefined>): TrigramIndex {
    return runToEnd(TrigramIndex.buildSteps(size, textsOf));
  }

  /** The build as pausable steps (see slices.ts). */
  static *buildSteps(size: number, textsOf: (id: number) => Iterable<string | undefined>): Steps<TrigramIndex> {
    if (size <= SPARSE_MAX_ENTRIES) return yield* TrigramIndex.buildSparse(size, textsOf);
    // Two passes over the texts, counting then filling, so the postings land in one typed array.
    const offsets = new Int32Array(GRAM_SPACE + 1);
    const lastEntry = new Int32Array(GRAM_SPACE).fill(-1);
    let id = 0;
    const count = (gram: number) => {
      if (lastEntry[gram] === id) return;
      lastEntry[gram] = id;
      offsets[gram + 1]++;
    };
    for (; id < size; id++) {
      for (const text of textsOf(id)) if (text) forEachTrigram(text, count);
      if (id % ENTRIES_PER_STEP === 0) yield;
    }
    for (let gram = 0; gram < GRAM_SPACE; gram++) offsets[gram + 1] += offsets[gram];

    const postings = new Int32Array(offsets[GRAM_SPACE]);
    const next = offsets.slice(0, GRAM_SPACE);
    lastEntry.fill(-1);
    const fill = (gram: number) => {
      if (lastEntry[gram] === id) return;
      lastEntry[gram] = id;
      postings[next[gram]++] = id;
    };
    yield;
    for (id = 0; id < size; id++) {
      for (const text of textsOf(id)) if (text) forEachTrigram(text, fill);
      if (id % ENTRIES_PER_STEP === 0) yield;
    }
    // The postings of trigram `g` are `postings[offsets[g] .. offsets[g + 1])`.
    return new TrigramIndex((gram) => postings.subarray(offsets[gram], offsets[gram + 1]), size);
  }

  private static *buildSparse(
    size: number,
    textsOf: (id: number) => Iterable<string | undefined>,
  ): Steps<TrigramIndex> {
    const postings = new Map<number, number[]>();
    let id = 0;
    const add = (gram: number) => {
      const ids = postings.get(gram);
      if (!ids) postings.set(gram, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    };
    for (; id < size; id++) {
      for (const text of textsOf(id)) if (text) forEachTrigram(text, add);
      if (id % ENTRIES_PER_STEP === 0) yield;
    }
    return new TrigramIndex((gram) => postings.get(gram), size);
  }

  /**
   * Entries sharing enough of the query's trigrams, most shared first: a quarter of them for a
   * short query (a typo breaks up to three of its few trigrams), two fifths for a long one.
   */
  candidates(normalizedQuery: string, options: CandidateOptions): number[] {
    const grams = new Set<number>();
    forEachTrigram(normalizedQuery, (gram) => {
      if (grams.size < MAX_QUERY_TRIGRAMS) grams.add(gram);
    });
    const minShared = Math.max(2, Math.ceil(grams.size * (grams.size <= 10 ? 0.25 : 0.4)));
    const { shared, touched } = this;
    let touchedCount = 0;
    for (const gram of grams) {
      const ids = this.postingsOf(gram);
      if (!ids) continue;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (shared[id]++ === 0) touched[touchedCount++] = id;
      }
    }

    // Bucket by shared count, best buckets first, until `limit` entries are taken.
    const buckets: number[][] = [];
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i];
      const count = shared[id];
      shared[id] = 0;
      if (count < minShared || (options.accept && !options.accept(id))) continue;
      buckets[count] ??= [];
      buckets[count].push(id);
    }
    const chosen: number[] = [];
    for (let count = buckets.length - 1; count >= minShared && chosen.length < options.limit; count--) {
      const bucket = buckets[count];
      if (!bucket) continue;
      const room = options.limit - chosen.length;
      if (bucket.length > room) bucket.sort((a, b) => options.tieBreak(a) - options.tieBreak(b));
      for (let i = 0; i < bucket.length && i < room; i++) chosen.push(bucket[i]);
    }
    return chosen;
  }
}
