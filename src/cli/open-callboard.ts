// The composition root: opens the store, the search index and the portal that every
// command (start, sync, ask) works through.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Metrics } from '../metrics/metrics.js';
import { Portal } from '../portal/index.js';
import { SearchService } from '../search/index.js';
import { CatalogStore, describeDbError } from '../store/index.js';

export interface Callboard {
  config: Config;
  store: CatalogStore;
  search: SearchService;
  portal: Portal;
  /** What GET /metrics serves: answers, syncs, the search index, GitHub's rate limit, the process. */
  metrics: Metrics;
  close(): Promise<void>;
}

export async function openCallboard(config: Config, logger: Logger): Promise<Callboard> {
  let store: CatalogStore;
  try {
    store = await CatalogStore.open(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    throw new Error(`cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${describeDbError(error)}`);
  }
  const metrics = new Metrics();
  // The store is also the change feed: a change of a few entities reads only their rows.
  const search = new SearchService(() => store.searchRows(), () => store.catalogVersion(), store, {
    onBackgroundError: (error) => logger.warn({ err: error }, 'search index rebuild failed; the previous index answers'),
    onUpdated: (kind, seconds) => metrics.indexBuildSeconds.observe({ kind }, seconds),
  });
  metrics.indexSize(() => search.size);
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options), { docsBaseUrl: config.docsBaseUrl });
  // A replica's sync (or webhook) changed the catalog: bring this replica's index up to that version.
  const stopListening = await store.onCatalogChange((version) => {
    search.refresh(version).catch((error: unknown) => logger.warn({ err: error }, 'search index refresh failed'));
  });
  return {
    config, store, search, portal, metrics,
    async close() {
      await stopListening();
      await store.close();
    },
  };
}
