// The index a replica answers from between full builds: a base built from the whole catalog,
// and a small overlay of the entities changed since, which hide their entries in the base. A
// change of k entities rebuilds only the overlay, so its cost follows the changes, not the
// catalog; the search service folds the overlay into a fresh base (in slices) once it grows.
import { CatalogSearchIndex } from './catalog-search-index.js';
import { kindRank, refName } from './normalize.js';
import { runInSlices, runToEnd, type Steps } from '../slices.js';
import type { SearchDoc, SearchHit, SearchOptions } from './types.js';

const DEFAULT_LIMIT = 10;
/** A change touching more entities than this (its own and the overlay's) is worked in slices. */
const SLICED_CHANGE_SIZE = 2000;
/** Changed entities looked up in the base between two pauses. */
const CHANGES_PER_STEP = 1024;

const EMPTY = CatalogSearchIndex.build([]);

/** The base index's own order, read from the refs: score, then preferred kinds, shorter names, ref. */
function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    a.score - b.score ||
    kindRank(a.ref.slice(0, a.ref.indexOf(':'))) - kindRank(b.ref.slice(0, b.ref.indexOf(':'))) ||
    refName(a.ref).length - refName(b.ref).length ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  );
}

export class LayeredSearchIndex {
  private constructor(
    readonly base: CatalogSearchIndex,
    /** The current documents of every entity changed since the base was built (removed ones absent). */
    private readonly overlayDocs: ReadonlyMap<string, SearchDoc>,
    private readonly overlay: CatalogSearchIndex,
    /** Base entries of entities changed or removed since: left out of the base's answers. */
    private readonly hidden: ReadonlySet<number>,
  ) {}

  static of(base: CatalogSearchIndex): LayeredSearchIndex {
    return new LayeredSearchIndex(base, new Map(), EMPTY, new Set());
  }

  /** How many entities the index answers from. */
  get size(): number {
    return this.base.size - this.hidden.size + this.overlay.size;
  }

  /** How many entities changed since the base was built: the work each further change repeats. */
  get changedSinceBase(): number {
    return Math.max(this.hidden.size, this.overlayDocs.size);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const fromBase = this.base.searchExcept(query, options, this.hidden);
    if (!this.overlay.size) return fromBase;
    const merged = [...fromBase, ...this.overlay.search(query, options)].sort(compareHits);
    return merged.slice(0, options.limit ?? DEFAULT_LIMIT);
  }

  /**
   * This index with the entities `refs` replaced by `docs`: a ref without a doc was removed. The
   * index itself does not change (queries under way keep a consistent view); swap in the result.
   * A large change is worked in slices that give the event loop back, as a full build is.
   */
  async withChanges(refs: readonly string[], docs: readonly SearchDoc[]): Promise<LayeredSearchIndex> {
    const steps = this.withChangesSteps(refs, docs);
    const large = refs.length + docs.length + this.overlayDocs.size > SLICED_CHANGE_SIZE;
    return large ? await runInSlices(steps) : runToEnd(steps);
  }

  private *withChangesSteps(refs: readonly string[], docs: readonly SearchDoc[]): Steps<LayeredSearchIndex> {
    const overlayDocs = new Map(this.overlayDocs);
    const hidden = new Set(this.hidden);
    // Finding 10k entities' places in a 160k base takes about 15 ms: paused like the build.
    let seen = 0;
    const hide = (ref: string) => {
      const id = this.base.idOf(ref);
      if (id !== undefined) hidden.add(id);
    };
    for (const ref of refs) {
      overlayDocs.delete(ref);
      hide(ref);
      if (++seen % CHANGES_PER_STEP === 0) yield;
    }
    for (const doc of docs) {
      overlayDocs.set(doc.ref, doc);
      hide(doc.ref);
      if (++seen % CHANGES_PER_STEP === 0) yield;
    }
    const overlay = yield* CatalogSearchIndex.buildSteps([...overlayDocs.values()]);
    return new LayeredSearchIndex(this.base, overlayDocs, overlay, hidden);
  }
}
