// The composition root: opens the store, the search index and the portal that every
// command (start, sync, ask) works through.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Portal } from '../portal/index.js';
import { SearchService } from '../search/index.js';
import { CatalogStore, describeDbError } from '../store/index.js';

export interface Callboard {
  config: Config;
  store: CatalogStore;
  search: SearchService;
  portal: Portal;
  close(): Promise<void>;
}

export async function openCallboard(config: Config, logger: Logger): Promise<Callboard> {
  let store: CatalogStore;
  try {
    store = await CatalogStore.open(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    throw new Error(`cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${describeDbError(error)}`);
  }
  // PGlite's folder is this process's alone: a sync still marked running died with an earlier process.
  if (!config.databaseUrl) await store.markRunsInterrupted();
  const search = new SearchService(() => store.searchRows(), () => store.catalogVersion());
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options), { docsBaseUrl: config.docsBaseUrl });
  // Another replica's sync (or webhook) changed the catalog: rebuild this replica's index.
  const stopListening = await store.onCatalogChange(() => {
    search.refresh().catch((error: unknown) => logger.warn({ err: error }, 'search index refresh failed'));
  });
  return {
    config, store, search, portal,
    async close() {
      await stopListening();
      await store.close();
    },
  };
}
