// Holds the current search index and keeps it up with the catalog. A change of a few entities is
// read from the store's change log and applied to a small overlay (layered-index.ts), in time
// that follows the change; a full build (the first, after a change too large to list, or to fold
// a grown overlay back in) runs in slices that give the event loop back, while the previous
// index keeps answering. Queries always see a complete index, swapped in with one assignment.
import { CatalogSearchIndex } from './catalog-search-index.js';
import { LayeredSearchIndex } from './layered-index.js';
import type { SearchDoc, SearchHit, SearchOptions } from './types.js';

/** No catalog version has been indexed yet. */
const NOT_LOADED = Number.NEGATIVE_INFINITY;

/** The store's change log, as search reads it (CatalogStore provides both). */
export interface CatalogChangeFeed {
  /** The version after `since` and the entities changed up to it; refs undefined: not listable. */
  catalogChangesSince(since: number): Promise<{ version: number; refs?: string[] }>;
  /** The current search fields of `refs`; a removed entity has none. */
  searchRowsFor(refs: string[]): Promise<SearchDoc[]>;
}

export interface SearchServiceOptions {
  /**
   * A change of more entities than this (or than a quarter of the catalog) is not applied
   * entity by entity: the index is rebuilt in full instead.
   */
  maxIncrementalChange?: number;
  /** The overlay is folded into a fresh base once more entities than this changed since. */
  foldOverlayAt?: number;
  /** Told when a background build fails (the previous index keeps answering). */
  onBackgroundError?: (error: unknown) => void;
  /** Told after each update of the index: a full build or an incremental change, and how long it took. */
  onUpdated?: (kind: 'full' | 'incremental', seconds: number) => void;
}

const DEFAULTS = { maxIncrementalChange: 20_000, foldOverlayAt: 1000 };

export class SearchService {
  private live = LayeredSearchIndex.of(CatalogSearchIndex.build([]));
  private builtFrom = NOT_LOADED;
  private running: Promise<boolean> | undefined;
  private folding: Promise<void> | undefined;
  /** Settles when the running refresh turns out to need a full build (searchFresh stops waiting then). */
  private fullBuildStarted = deferred();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private readonly options: Required<Omit<SearchServiceOptions, 'onBackgroundError' | 'onUpdated'>> &
    SearchServiceOptions;

  /**
   * `load` reads every entity's search fields; `version` reads the catalog's change counter, which
   * moves on every change; `changes` (optional) reads which entities a version changed. All are
   * handed in by the store. Without `changes` every change rebuilds the index in full.
   */
  constructor(
    private readonly load: () => Promise<SearchDoc[]>,
    private readonly version: () => Promise<number>,
    private readonly changes?: CatalogChangeFeed,
    options: SearchServiceOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Searches the current index (empty until the first refresh). */
  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.live.search(query, options);
  }

  /** How many entities the current index holds. */
  get size(): number {
    return this.live.size;
  }

  /** The catalog version the current index was built from; undefined before the first build. */
  get indexedVersion(): number | undefined {
    return this.builtFrom === NOT_LOADED ? undefined : this.builtFrom;
  }

  /**
   * Brings the index up to the catalog's version: the changed entities only when the change log
   * lists them, a full build otherwise. `knownVersion` (a notification's payload) skips the
   * database when this index already holds it. Calls made while a refresh runs share it.
   * Resolves to whether the index changed; on failure the old index stays and the error is passed on.
   */
  refresh(knownVersion?: number): Promise<boolean> {
    if (knownVersion !== undefined && knownVersion <= this.builtFrom) return Promise.resolve(false);
    this.running ??= this.catchUp().finally(() => {
      this.running = undefined;
      // Whoever still waits on this signal waits on a refresh that is over.
      this.fullBuildStarted.resolve();
      this.fullBuildStarted = deferred();
    });
    return this.running;
  }

  /**
   * Searches after checking the catalog's version at most once per `maxStalenessMs`. Change
   * notifications (and sync in this process) refresh the index at once; the check only catches a
   * notification that was missed, so it need not cost every query a database round trip. Waits
   * for a catch-up of a few entities, never for a full build while an index is there to answer.
   */
  async searchFresh(query: string, options?: SearchOptions, maxStalenessMs = 1000): Promise<SearchHit[]> {
    if (Date.now() - this.checkedAt >= maxStalenessMs) {
      this.checkedAt = Date.now();
      const fresh = this.ensureFresh();
      if (this.builtFrom === NOT_LOADED) await fresh;
      else await Promise.race([fresh, this.fullBuildStarted.promise]);
    }
    return this.search(query, options);
  }

  /**
   * A cheap check, fit to run before every query: one version read, and a refresh only when the
   * catalog has changed. Waits for a refresh already under way.
   */
  async ensureFresh(): Promise<void> {
    if (this.running) {
      await this.running;
      return;
    }
    if ((await this.version()) !== this.builtFrom) await this.refresh();
  }

  /**
   * Resolves once no refresh or background build is under way (their failures are reported where
   * they always are): what a closing process waits for before it closes the store they read.
   */
  async settled(): Promise<void> {
    while (this.running || this.folding) {
      await Promise.allSettled([this.running, this.folding]);
    }
  }

  private async catchUp(): Promise<boolean> {
    const { changes } = this;
    while (changes && this.builtFrom !== NOT_LOADED) {
      const from = this.live;
      const since = this.builtFrom;
      const listed = await changes.catalogChangesSince(since);
      if (listed.version === since) return false;
      if (!listed.refs || !this.smallEnough(listed.refs.length)) break;
      const started = performance.now();
      const next = await from.withChanges(listed.refs, await changes.searchRowsFor(listed.refs));
      // A folded base was swapped in meanwhile: apply the change to it instead.
      if (this.live !== from) continue;
      this.live = next;
      this.builtFrom = listed.version;
      this.options.onUpdated?.('incremental', (performance.now() - started) / 1000);
      if (next.changedSinceBase > this.options.foldOverlayAt) this.foldInBackground();
      return true;
    }
    this.fullBuildStarted.resolve();
    return this.rebuild();
  }

  private smallEnough(changed: number): boolean {
    return changed <= this.options.maxIncrementalChange && (changed <= 100 || changed <= this.live.size / 4);
  }

  private async rebuild(): Promise<boolean> {
    // Read the version first: a change landing during the load moves it again, so the next
    // refresh catches up rather than mistaking this index for current.
    const version = await this.version();
    if (version === this.builtFrom) return false;
    const started = performance.now();
    const base = await CatalogSearchIndex.buildInSlices(await this.load());
    this.live = LayeredSearchIndex.of(base);
    this.builtFrom = version;
    this.options.onUpdated?.('full', (performance.now() - started) / 1000);
    return true;
  }

  /**
   * Builds a fresh base from the whole catalog in slices, while the layered index answers, then
   * replays onto it the changes that landed during the build and swaps it in.
   */
  private foldInBackground(): void {
    this.folding ??= this.fold()
      .catch((error: unknown) => this.options.onBackgroundError?.(error))
      .finally(() => {
        this.folding = undefined;
      });
  }

  private async fold(): Promise<void> {
    const { changes } = this;
    if (!changes) return;
    let at = await this.version();
    const started = performance.now();
    let folded = LayeredSearchIndex.of(await CatalogSearchIndex.buildInSlices(await this.load()));
    this.options.onUpdated?.('full', (performance.now() - started) / 1000);
    for (;;) {
      // Swapped in only when it holds at least what the index in use holds.
      if (this.builtFrom <= at) {
        this.live = folded;
        this.builtFrom = at;
        return;
      }
      const listed = await changes.catalogChangesSince(at);
      if (!listed.refs) return;
      folded = await folded.withChanges(listed.refs, await changes.searchRowsFor(listed.refs));
      at = listed.version;
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
