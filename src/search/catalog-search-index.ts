// An in-memory index of the catalog that answers loose words in a few milliseconds even for
// hundreds of thousands of entities. Each kind of match has its own structure, tried best first:
// exact names (a map), name prefixes (a sorted array), fuzzy names (trigram candidates scored
// word by word, token-match.ts; short forms such as `ops`, short-form-index.ts), then words from descriptions, tags, owners and systems (an inverted word index).
// A worse kind of match is only looked for while the result list still has room for it.
import { kindRank, meaningfulWords, normalizeText, refName, withoutEmoji } from './normalize.js';
import { PrefixIndex } from './prefix-index.js';
import { runInSlices, runToEnd, type Steps } from '../slices.js';
import { enterPhase } from '../work-phase.js';
import { SegmentedMap } from '../segmented-map.js';
import { ShortFormIndex } from './short-form-index.js';
import { tokenMatch } from './token-match.js';
import { TopHits, type RankedHit } from './top-hits.js';
import { TrigramIndex } from './trigram-index.js';
import type { SearchDoc, SearchHit, SearchOptions } from './types.js';
import { WORD_FIELD, WordIndex } from './word-index.js';

const DEFAULT_LIMIT = 10;
/** Score bands: every exact match ranks before every prefix match, and so on. */
const EXACT_ALIAS_SCORE = 0.01;
const PREFIX_BASE = 0.1;
const PREFIX_SPAN = 0.09;
const FUZZY_BASE = 0.2;
const FUZZY_SPAN = 0.29;
const WORDS_BASE = 0.5;
const WORDS_SPAN = 0.45;
/**
 * A name whose words match the query's this well (token-match.ts) is a fuzzy match of the name;
 * a fainter likeness ranks among the word matches rather than before them, and below the second
 * threshold it is no match at all.
 */
const FUZZY_MIN_QUALITY = 0.55;
const FAINT_MIN_QUALITY = 0.35;
/** A title is what people call an entity, but its name is what they type: a title match counts a little less. */
const TITLE_QUALITY = 0.97;
/**
 * How many trigram candidates are scored word by word: enough to hold the right name, few
 * enough to be quick. Longer queries cost more per candidate but pick candidates more sharply.
 */
const MAX_FUZZY_CANDIDATES = 200;
const MIN_FUZZY_CANDIDATES = 60;
const FUZZY_CANDIDATE_CHARACTERS = 2400;
const MIN_FUZZY_QUERY_LENGTH = 3;
/** A one-letter prefix can match a sixth of a catalog; ranking stops looking after this many. */
const MAX_PREFIX_SCAN = 20_000;
/** Entries a short form may bring to the word-by-word scorer, on top of the trigram candidates. */
const MAX_SHORT_FORM_CANDIDATES = 100;
/**
 * A Location only says where other entities are read from: nobody asks for one by name, and one
 * named after the organisation would answer for it. Searched only when asked for by kind.
 */
const UNSEARCHED_KINDS = new Set(['location']);

/** A name (or title) that maps to one entity or to several. */
type IdSet = number | number[];

/** Entities read between two pauses of a build. */
const DOCS_PER_STEP = 512;

interface IndexParts {
  refs: string[];
  idsByRef: SegmentedMap<string, number>;
  names: string[];
  namespaces: string[];
  normalizedNames: string[];
  normalizedTitles: Array<string | undefined>;
  kindTable: string[];
  kindIds: Uint8Array;
  kindRanks: Uint8Array;
  exact: SegmentedMap<string, IdSet>;
  prefixes: PrefixIndex;
  nameTrigrams: TrigramIndex;
  shortForms: ShortFormIndex;
  words: WordIndex;
}

function addTo(map: SegmentedMap<string, IdSet>, key: string | undefined, id: number): void {
  if (!key) return;
  const known = map.get(key);
  if (known === undefined) map.set(key, id);
  else if (typeof known === 'number') {
    if (known !== id) map.set(key, [known, id]);
  } else if (known[known.length - 1] !== id) known.push(id);
}

function idsOf(map: SegmentedMap<string, IdSet>, key: string): readonly number[] {
  const found = map.get(key);
  return found === undefined ? [] : typeof found === 'number' ? [found] : found;
}

/** Rounds a score so near-equal matches tie and the kind and length preferences decide. */
function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}

/** A query written as a ref: `component:payments`, `default/payments`, `api:default/payments-api`. */
function parseRefQuery(lower: string): { kind?: string; namespace?: string; name: string } | undefined {
  const match = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(lower);
  if (!match || (!match[1] && !match[2])) return undefined;
  return { kind: match[1], namespace: match[2], name: match[3] };
}

export class CatalogSearchIndex {
  private readonly refs: string[];
  private readonly names: string[];
  private readonly namespaces: string[];
  private readonly normalizedNames: string[];
  private readonly normalizedTitles: Array<string | undefined>;
  /** Kinds are few: each entity holds the index of its lower-cased kind in `kindTable`. */
  private readonly kindTable: string[];
  private readonly kindIds: Uint8Array;
  private readonly kindRanks: Uint8Array;
  /**
   * Normalized names and titles, so `Payments Gateway` meets `payments-gateway`; the name as
   * written is told apart at lookup and ranks first.
   */
  private readonly exact: SegmentedMap<string, IdSet>;
  private readonly prefixes: PrefixIndex;
  private readonly nameTrigrams: TrigramIndex;
  private readonly shortForms: ShortFormIndex;
  private readonly words: WordIndex;
  /** Where each entity sits, so a change can hide its old entry. */
  private readonly idsByRef: SegmentedMap<string, number>;

  private constructor(parts: IndexParts) {
    this.refs = parts.refs;
    this.idsByRef = parts.idsByRef;
    this.names = parts.names;
    this.namespaces = parts.namespaces;
    this.normalizedNames = parts.normalizedNames;
    this.normalizedTitles = parts.normalizedTitles;
    this.kindTable = parts.kindTable;
    this.kindIds = parts.kindIds;
    this.kindRanks = parts.kindRanks;
    this.exact = parts.exact;
    this.prefixes = parts.prefixes;
    this.nameTrigrams = parts.nameTrigrams;
    this.shortForms = parts.shortForms;
    this.words = parts.words;
  }

  static build(docs: SearchDoc[]): CatalogSearchIndex {
    return runToEnd(CatalogSearchIndex.buildSteps(docs));
  }

  /** Builds in slices that give the event loop a turn every `sliceMs`: a large build never stalls requests. */
  static buildInSlices(docs: SearchDoc[], sliceMs?: number): Promise<CatalogSearchIndex> {
    return runInSlices(CatalogSearchIndex.buildSteps(docs), sliceMs);
  }

  /** The build as pausable steps (see slices.ts). */
  static *buildSteps(docs: SearchDoc[]): Steps<CatalogSearchIndex> {
    enterPhase('search build: names');
    const count = docs.length;
    const refs = new Array<string>(count);
    // Segmented: one Map of 160k refs rehashed all at once stalled a slice 30 ms (segmented-map.ts).
    const idsByRef = new SegmentedMap<string, number>();
    const names = new Array<string>(count);
    const namespaces = new Array<string>(count);
    const normalizedNames = new Array<string>(count);
    const normalizedTitles = new Array<string | undefined>(count);
    const kindTable: string[] = [];
    const kindIds = new Uint8Array(count);
    const kindRanks = new Uint8Array(count);
    const kindIndex = new Map<string, number>();
    const exact = new SegmentedMap<string, IdSet>();
    const prefixEntries: Array<{ key: string; id: number }> = [];

    for (let id = 0; id < count; id++) {
      const doc = docs[id];
      const kind = doc.kind.toLowerCase();
      let kindId = kindIndex.get(kind);
      if (kindId === undefined) {
        kindId = kindTable.push(kind) - 1;
        kindIndex.set(kind, kindId);
      }
      const normalizedName = normalizeText(doc.name);
      const normalizedTitle = doc.title ? normalizeText(doc.title) : undefined;
      refs[id] = doc.ref;
      idsByRef.set(doc.ref, id);
      names[id] = doc.name;
      namespaces[id] = doc.namespace.toLowerCase();
      kindIds[id] = kindId;
      kindRanks[id] = kindRank(kind);
      normalizedNames[id] = normalizedName;
      const title = normalizedTitle !== normalizedName ? normalizedTitle : undefined;
      normalizedTitles[id] = title;

      addTo(exact, normalizedName, id);
      if (title) addTo(exact, title, id);
      if (normalizedName) prefixEntries.push({ key: normalizedName, id });
      if (title) prefixEntries.push({ key: title, id });
      if (id % DOCS_PER_STEP === 0) yield;
    }

    enterPhase('search build: prefixes');
    const prefixes = yield* PrefixIndex.buildSteps(prefixEntries);
    enterPhase('search build: trigrams');
    const nameTrigrams = yield* TrigramIndex.buildSteps(count, (id) => [normalizedNames[id], normalizedTitles[id]]);
    enterPhase('search build: short forms');
    const shortForms = yield* ShortFormIndex.buildSteps(count, (id) => [
      ...normalizedNames[id].split(' '),
      ...(normalizedTitles[id]?.split(' ') ?? []),
    ]);
    enterPhase('search build: words');
    const words = yield* WordIndex.buildSteps(count, (id, add) => {
      const doc = docs[id];
      add(WORD_FIELD.name, doc.name);
      add(WORD_FIELD.name, doc.title);
      for (const tag of doc.tags) add(WORD_FIELD.tag, tag);
      add(WORD_FIELD.relation, doc.owner && refName(doc.owner));
      add(WORD_FIELD.relation, doc.system && refName(doc.system));
      add(WORD_FIELD.classifier, doc.kind);
      add(WORD_FIELD.classifier, doc.type);
      add(WORD_FIELD.classifier, doc.lifecycle);
      add(WORD_FIELD.description, doc.description);
    });
    enterPhase('search build: done');
    return new CatalogSearchIndex({
      refs,
      idsByRef,
      names,
      namespaces,
      normalizedNames,
      normalizedTitles,
      kindTable,
      kindIds,
      kindRanks,
      exact,
      prefixes,
      nameTrigrams,
      shortForms,
      words,
    });
  }

  get size(): number {
    return this.refs.length;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.searchExcept(query, options);
  }

  /** The id of the entity `ref`, if this index holds it. */
  idOf(ref: string): number | undefined {
    return this.idsByRef.get(ref);
  }

  /** Searches as `search` does, leaving out the entities whose ids are in `hidden`. */
  searchExcept(query: string, options: SearchOptions = {}, hidden?: ReadonlySet<number>): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const raw = withoutEmoji(query);
    if (!raw || limit <= 0) return [];
    const lower = raw.toLowerCase();
    const normalized = normalizeText(raw);
    const accept = this.acceptFilter(options.kinds, hidden);
    const top = new TopHits(limit, this.order);
    const worthLooking = (bandBase: number) => !top.full || top.worstScore > bandBase;

    this.findExact(lower, normalized, accept, top);
    if (normalized && worthLooking(PREFIX_BASE)) this.findPrefixes(normalized, accept, top);
    if (normalized.length >= MIN_FUZZY_QUERY_LENGTH && worthLooking(FUZZY_BASE))
      this.findFuzzy(normalized, accept, top);
    if (worthLooking(WORDS_BASE)) this.findWords(raw, accept, top);

    return top.toArray().map((hit) => ({ ref: this.refs[hit.id], match: hit.match, score: hit.score }));
  }

  private readonly order = (a: RankedHit, b: RankedHit): number =>
    a.score - b.score ||
    this.kindRanks[a.id] - this.kindRanks[b.id] ||
    this.names[a.id].length - this.names[b.id].length ||
    (this.refs[a.id] < this.refs[b.id] ? -1 : this.refs[a.id] > this.refs[b.id] ? 1 : 0);

  private acceptFilter(kinds: string[] | undefined, hidden: ReadonlySet<number> | undefined): (id: number) => boolean {
    const visible = hidden?.size ? (id: number) => !hidden.has(id) : undefined;
    const wanted = kinds?.length ? new Set(kinds.map((k) => k.toLowerCase())) : undefined;
    const allowed = this.kindTable.map((kind) => (wanted ? wanted.has(kind) : !UNSEARCHED_KINDS.has(kind)));
    if (allowed.every(Boolean)) return visible ?? (() => true);
    return visible ? (id) => allowed[this.kindIds[id]] && visible(id) : (id) => allowed[this.kindIds[id]];
  }

  private findExact(lower: string, normalized: string, accept: (id: number) => boolean, top: TopHits): void {
    const ref = parseRefQuery(lower);
    if (ref) {
      for (const id of idsOf(this.exact, normalizeText(ref.name))) {
        if (
          accept(id) &&
          this.names[id].toLowerCase() === ref.name &&
          (!ref.kind || this.kindTable[this.kindIds[id]] === ref.kind) &&
          (!ref.namespace || this.namespaces[id] === ref.namespace)
        )
          top.offer({ id, score: 0, match: 'exact' });
      }
    }
    for (const id of idsOf(this.exact, normalized)) {
      if (accept(id))
        top.offer({ id, score: this.names[id].toLowerCase() === lower ? 0 : EXACT_ALIAS_SCORE, match: 'exact' });
    }
  }

  private findPrefixes(normalized: string, accept: (id: number) => boolean, top: TopHits): void {
    this.prefixes.forEachWithPrefix(normalized, MAX_PREFIX_SCAN, (id, key) => {
      if (!accept(id)) return;
      const unmatched = 1 - normalized.length / key.length;
      top.offer({ id, score: roundScore(PREFIX_BASE + PREFIX_SPAN * unmatched), match: 'prefix' });
    });
  }

  private findFuzzy(normalized: string, accept: (id: number) => boolean, top: TopHits): void {
    const candidates = this.nameTrigrams.candidates(normalized, {
      limit: Math.max(
        MIN_FUZZY_CANDIDATES,
        Math.min(MAX_FUZZY_CANDIDATES, Math.floor(FUZZY_CANDIDATE_CHARACTERS / normalized.length)),
      ),
      accept: (id) => accept(id) && !top.has(id),
      tieBreak: (id) => this.normalizedNames[id].length,
    });
    // `the ledger` is asked about the ledger: the name has no `the` to match.
    const typed = meaningfulWords(normalized);
    const found = new Set(candidates);
    for (const word of typed) {
      for (const id of this.shortForms.candidates(word, MAX_SHORT_FORM_CANDIDATES, (id) => accept(id) && !top.has(id)))
        found.add(id);
    }
    for (const id of found) {
      const title = this.normalizedTitles[id];
      const byName = tokenMatch(typed, this.normalizedNames[id].split(' '));
      const byTitle = title ? tokenMatch(typed, title.split(' ')) : undefined;
      const best = byTitle && TITLE_QUALITY * byTitle.quality > byName.quality ? byTitle : byName;
      const quality = best === byName ? byName.quality : TITLE_QUALITY * best.quality;
      // A name that lacks one of the query's words is no better than the words around an entity.
      if (best.missing === 0 && quality >= FUZZY_MIN_QUALITY) {
        top.offer({ id, score: roundScore(FUZZY_BASE + FUZZY_SPAN * (1 - quality)), match: 'fuzzy' });
      } else if (quality >= FAINT_MIN_QUALITY) {
        top.offer({ id, score: roundScore(WORDS_BASE + WORDS_SPAN * (1 - quality)), match: 'fuzzy' });
      }
    }
  }

  private findWords(raw: string, accept: (id: number) => boolean, top: TopHits): void {
    this.words.match(raw, (id, quality) => {
      if (accept(id)) top.offer({ id, score: roundScore(WORDS_BASE + WORDS_SPAN * (1 - quality)), match: 'fuzzy' });
    });
  }
}
