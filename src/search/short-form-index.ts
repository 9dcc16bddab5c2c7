// Finds the entries whose name words a short form stands for: `ops` beside "Operations", `frd`
// for fraud, `ldg` for ledger. Trigrams cannot: a short form shares no three-letter piece with
// its word. The distinct name words are kept by first letter, so a short form is checked only
// against words that start as it does.
import { runToEnd, type Steps } from '../slices.js';
import { isAbbreviation } from './token-match.js';
import { SegmentedMap } from '../segmented-map.js';

/** Entries read between two pauses of a build. */
const ENTRIES_PER_STEP = 1024;

export class ShortFormIndex {
  private constructor(
    /** Distinct name words by their first character. */
    private readonly wordsByFirst: Map<string, string[]>,
    /** The entries whose name (or title) holds each word. */
    private readonly idsByWord: SegmentedMap<string, number[]>,
  ) {}

  /** `wordsOf(id)` gives the words of entry `id`'s name and title, for ids 0..size-1. */
  static build(size: number, wordsOf: (id: number) => Iterable<string>): ShortFormIndex {
    return runToEnd(ShortFormIndex.buildSteps(size, wordsOf));
  }

  static *buildSteps(size: number, wordsOf: (id: number) => Iterable<string>): Steps<ShortFormIndex> {
    // Segmented: distinct name words grow with the catalog (segmented-map.ts).
    const idsByWord = new SegmentedMap<string, number[]>();
    for (let id = 0; id < size; id++) {
      for (const word of wordsOf(id)) {
        if (!word) continue;
        const ids = idsByWord.get(word);
        if (!ids) idsByWord.set(word, [id]);
        else if (ids[ids.length - 1] !== id) ids.push(id);
      }
      if (id % ENTRIES_PER_STEP === 0) yield;
    }
    const wordsByFirst = new Map<string, string[]>();
    for (const word of idsByWord.keys()) {
      const list = wordsByFirst.get(word[0]);
      if (list) list.push(word);
      else wordsByFirst.set(word[0], [word]);
    }
    return new ShortFormIndex(wordsByFirst, idsByWord);
  }

  /**
   * The entries with a name word that `typed` is a short form of, at most `limit`. A typed word
   * that is itself a name word, or starts one, is what it says and stands for nothing else.
   */
  candidates(typed: string, limit: number, accept: (id: number) => boolean): number[] {
    const words = this.wordsByFirst.get(typed[0]);
    if (!words || this.idsByWord.has(typed)) return [];
    if (words.some((word) => word.startsWith(typed))) return [];
    const out: number[] = [];
    for (const word of words) {
      if (!isAbbreviation(typed, word)) continue;
      for (const id of this.idsByWord.get(word)!) {
        if (!accept(id)) continue;
        out.push(id);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}
