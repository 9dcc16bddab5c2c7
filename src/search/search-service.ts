// Holds the current search index and replaces it when the catalog changes. Queries always see a
// complete index: a new one is built on the side and swapped in with one assignment.
import { CatalogSearchIndex } from './catalog-search-index.js';
import type { SearchDoc, SearchHit, SearchOptions } from './types.js';

/** No catalog version has been indexed yet. */
const NOT_LOADED = Number.NEGATIVE_INFINITY;

export class SearchService {
  private index = CatalogSearchIndex.build([]);
  private builtFrom = NOT_LOADED;
  private running: Promise<boolean> | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  /**
   * `load` reads every entity's search fields; `version` reads the catalog's change counter, which
   * moves on every change. Both are handed in by the store.
   */
  constructor(
    private readonly load: () => Promise<SearchDoc[]>,
    private readonly version: () => Promise<number>,
  ) {}

  /** Searches the current index (empty until the first refresh). */
  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.index.search(query, options);
  }

  /** How many entities the current index holds. */
  get size(): number {
    return this.index.size;
  }

  /** The catalog version the current index was built from; undefined before the first build. */
  get indexedVersion(): number | undefined {
    return this.builtFrom === NOT_LOADED ? undefined : this.builtFrom;
  }

  /**
   * Rebuilds the index when the catalog version has moved since the last build. Calls made while
   * a rebuild runs share it. Resolves to whether a new index was swapped in; on failure the old
   * index stays in use and the error is passed on.
   */
  refresh(): Promise<boolean> {
    this.running ??= this.rebuildIfMoved().finally(() => { this.running = undefined; });
    return this.running;
  }

  /**
   * Searches after checking the catalog's version at most once per `maxStalenessMs`. Change
   * notifications (and sync in this process) refresh the index at once; the check only catches a
   * notification that was missed, so it need not cost every query a database round trip.
   */
  async searchFresh(query: string, options?: SearchOptions, maxStalenessMs = 1000): Promise<SearchHit[]> {
    if (Date.now() - this.checkedAt >= maxStalenessMs) {
      this.checkedAt = Date.now();
      await this.ensureFresh();
    }
    return this.search(query, options);
  }

  /**
   * A cheap check, fit to run before every query: one version read, and a rebuild only when the
   * catalog has changed. Waits for a rebuild already under way.
   */
  async ensureFresh(): Promise<void> {
    if (this.running) {
      await this.running;
      return;
    }
    if ((await this.version()) !== this.builtFrom) await this.refresh();
  }

  private async rebuildIfMoved(): Promise<boolean> {
    // Read the version first: a change landing during the load moves it again, so the next
    // refresh rebuilds rather than mistaking this index for current.
    const version = await this.version();
    if (version === this.builtFrom) return false;
    const index = CatalogSearchIndex.build(await this.load());
    this.index = index;
    this.builtFrom = version;
    return true;
  }
}
