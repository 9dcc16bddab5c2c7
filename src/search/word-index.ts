// Finds entities by the words around them: description, tags, kind, type, owner, system, and the
// words of the name and title. A typed word also reaches longer words it starts (`recon` finds
// `reconciliation`) and near spellings of itself (`setlement` finds `settlement`).
import Fuse from 'fuse.js';
import { PrefixIndex } from './prefix-index.js';
import { searchTerms } from './normalize.js';
import { TrigramIndex } from './trigram-index.js';
import { GrowableInts } from './growable-ints.js';
import { runToEnd, type Steps } from '../slices.js';
import { enterPhase } from '../work-phase.js';
import { SegmentedMap } from '../segmented-map.js';

/** Entries (or postings) handled between two pauses of a build. */
const ENTRIES_PER_STEP = 512;
const POSTINGS_PER_STEP = 65_536;

/** Where a word was found; a lower number is a stronger signal. */
export const WORD_FIELD = { name: 0, tag: 1, relation: 2, classifier: 3, description: 4 } as const;
type WordField = (typeof WORD_FIELD)[keyof typeof WORD_FIELD];
const FIELD_WEIGHT = [1, 0.9, 0.8, 0.75, 0.7];
const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;

/** How much a word counts when it was reached by prefix, or by a near spelling. */
const PREFIX_WEIGHT = 0.8;
const NEAR_SPELLING_WEIGHT = 0.6;
const MAX_PREFIX_EXPANSIONS = 30;
const MAX_NEAR_SPELLINGS = 5;
const NEAR_SPELLING_THRESHOLD = 0.34;
const MIN_PREFIX_LENGTH = 3;
const MIN_NEAR_SPELLING_LENGTH = 4;
const MAX_QUERY_TERMS = 8;

/** Kinds, types, owners, systems and tags repeat across thousands of entities: split each once. */
const MAX_CACHED_TEXT_LENGTH = 64;
/** Below the size whose Map's next rehash would take over 10 ms (segmented-map.ts). */
const MAX_CACHED_TEXTS = 30_000;

/** Numbers the distinct terms of a catalog as they are met. */
class Vocabulary {
  readonly terms: string[] = [];
  /** Segmented: a catalog's vocabulary may run to 100k terms (segmented-map.ts). */
  readonly ids = new SegmentedMap<string, number>();
  private readonly repeatedTexts = new Map<string, number[]>();

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.push(term) - 1;
      this.ids.set(term, id);
    }
    return id;
  }

  /** `repeats`: the text is likely shared by many entries (a tag, a kind), so worth remembering. */
  termIdsOf(text: string, repeats: boolean): number[] {
    if (!repeats || text.length > MAX_CACHED_TEXT_LENGTH) return searchTerms(text).map((term) => this.idOf(term));
    let ids = this.repeatedTexts.get(text);
    if (!ids) {
      if (this.repeatedTexts.size >= MAX_CACHED_TEXTS) this.repeatedTexts.clear();
      ids = searchTerms(text).map((term) => this.idOf(term));
      this.repeatedTexts.set(text, ids);
    }
    return ids;
  }
}

/** Receives one text of an entry and the field it came from. */
type AddText = (field: WordField, text: string | undefined) => void;

export class WordIndex {
  private readonly termBest: Float32Array;
  private readonly total: Float32Array;
  private readonly termTouched: Int32Array;
  private readonly touched: Int32Array;
  private readonly vocabularyPrefixes: PrefixIndex;
  private readonly vocabularyTrigrams: TrigramIndex;

  /**
   * The postings of term `t` are `postings[offsets[t] .. offsets[t + 1])`, each `id << 3 | field`,
   * in id order, at most one per entry (its strongest field).
   */
  private constructor(
    private readonly termIds: SegmentedMap<string, number>,
    private readonly offsets: Int32Array,
    private readonly postings: Int32Array,
    private readonly vocabulary: string[],
    readonly size: number,
    vocabularyIndexes: { prefixes: PrefixIndex; trigrams: TrigramIndex },
  ) {
    this.termBest = new Float32Array(size);
    this.total = new Float32Array(size);
    this.termTouched = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.vocabularyPrefixes = vocabularyIndexes.prefixes;
    this.vocabularyTrigrams = vocabularyIndexes.trigrams;
  }

  /** `textsOf(id, add)` hands each text of entry `id` to `add`, with the field it came from. */
  static build(size: number, textsOf: (id: number, add: AddText) => void): WordIndex {
    return runToEnd(WordIndex.buildSteps(size, textsOf));
  }

  /** The build as pausable steps (see slices.ts). */
  static *buildSteps(size: number, textsOf: (id: number, add: AddText) => void): Steps<WordIndex> {
    const vocabulary = new Vocabulary();
    // Every (term, entry) pair once, with its strongest field, in entry order.
    const pairTerms = new GrowableInts(size * 8);
    const pairPostings = new GrowableInts(size * 8);
    // Where the current entry's pair for a term sits, to keep only its strongest field.
    const lastEntry = new GrowableInts();
    const lastPair = new GrowableInts();
    let id = 0;
    const add: AddText = (field, text) => {
      if (!text) return;
      const termIds = vocabulary.termIdsOf(text, field !== WORD_FIELD.name && field !== WORD_FIELD.description);
      lastEntry.resize(vocabulary.terms.length, -1);
      lastPair.resize(vocabulary.terms.length, -1);
      for (const termId of termIds) {
        if (lastEntry.get(termId) === id) {
          const pair = lastPair.get(termId);
          if (field < (pairPostings.get(pair) & FIELD_MASK)) pairPostings.set(pair, (id << FIELD_BITS) | field);
          continue;
        }
        lastEntry.set(termId, id);
        pairTerms.push(termId);
        lastPair.set(termId, pairPostings.push((id << FIELD_BITS) | field));
      }
    };
    for (; id < size; id++) {
      textsOf(id, add);
      if (id % ENTRIES_PER_STEP === 0) yield;
    }

    enterPhase('search build: words sorted');
    // Counting sort of the pairs by term: one array of postings, sliced by offsets.
    const { terms, ids } = vocabulary;
    const offsets = new Int32Array(terms.length + 1);
    for (let i = 0; i < pairTerms.length; i++) {
      offsets[pairTerms.get(i) + 1]++;
      if (i % POSTINGS_PER_STEP === 0) yield;
    }
    for (let t = 0; t < terms.length; t++) offsets[t + 1] += offsets[t];
    const next = offsets.slice(0, terms.length);
    const postings = new Int32Array(pairTerms.length);
    for (let i = 0; i < pairTerms.length; i++) {
      postings[next[pairTerms.get(i)]++] = pairPostings.get(i);
      if (i % POSTINGS_PER_STEP === 0) yield;
    }
    enterPhase('search build: vocabulary');
    const prefixes = yield* PrefixIndex.buildSteps(terms.map((key, termId) => ({ key, id: termId })));
    const trigrams = yield* TrigramIndex.buildSteps(terms.length, (termId) => [terms[termId]]);
    return new WordIndex(ids, offsets, postings, terms, size, { prefixes, trigrams });
  }

  /**
   * Calls `visit(id, quality)` for every entry matching at least one word of `query`. Quality is
   * in (0, 1]: the average over the query's words of how strongly each was found.
   */
  match(query: string, visit: (id: number, quality: number) => void): void {
    const terms = [...new Set(searchTerms(query))].slice(0, MAX_QUERY_TERMS);
    if (!terms.length) return;
    const { termBest, total, termTouched, touched } = this;
    let touchedCount = 0;
    for (const term of terms) {
      let termTouchedCount = 0;
      for (const [termId, weight] of this.expand(term)) {
        const end = this.offsets[termId + 1];
        for (let i = this.offsets[termId]; i < end; i++) {
          const posting = this.postings[i];
          const id = posting >>> FIELD_BITS;
          const strength = weight * FIELD_WEIGHT[posting & FIELD_MASK];
          if (strength > termBest[id]) {
            if (termBest[id] === 0) termTouched[termTouchedCount++] = id;
            termBest[id] = strength;
          }
        }
      }
      for (let i = 0; i < termTouchedCount; i++) {
        const id = termTouched[i];
        if (total[id] === 0) touched[touchedCount++] = id;
        total[id] += termBest[id];
        termBest[id] = 0;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i];
      const quality = total[id] / terms.length;
      total[id] = 0;
      visit(id, quality);
    }
  }

  /** The indexed words (term ids) a query word stands for, each with how much it counts. */
  private expand(term: string): Map<number, number> {
    const words = new Map<number, number>();
    const exact = this.termIds.get(term);
    if (exact !== undefined) words.set(exact, 1);
    if (term.length >= MIN_PREFIX_LENGTH) {
      this.vocabularyPrefixes.forEachWithPrefix(term, MAX_PREFIX_EXPANSIONS + 1, (termId) => {
        if (!words.has(termId)) words.set(termId, PREFIX_WEIGHT);
      });
    }
    if (words.size === 0 && term.length >= MIN_NEAR_SPELLING_LENGTH) {
      for (const [termId, weight] of this.nearSpellings(term)) words.set(termId, weight);
    }
    return words;
  }

  private nearSpellings(term: string): Array<[number, number]> {
    const candidates = this.vocabularyTrigrams.candidates(term, {
      limit: 50,
      tieBreak: (id) => Math.abs(this.vocabulary[id].length - term.length),
    });
    if (!candidates.length) return [];
    const fuse = new Fuse(
      candidates.map((id) => ({ id, word: this.vocabulary[id] })),
      {
        keys: ['word'],
        includeScore: true,
        threshold: NEAR_SPELLING_THRESHOLD,
        ignoreLocation: true,
        minMatchCharLength: 2,
      },
    );
    return fuse
      .search(term, { limit: MAX_NEAR_SPELLINGS })
      .map((result): [number, number] => [result.item.id, NEAR_SPELLING_WEIGHT * (1 - (result.score ?? 0))]);
  }
}
