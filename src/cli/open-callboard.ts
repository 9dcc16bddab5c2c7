// The composition root: opens the store, the search index and the portal that every
// command (start, sync, ask) works through. On embedded PGlite it first takes the data folder's
// lock, so that no second process ever opens the same files.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Portal } from '../portal/index.js';
import { SearchService } from '../search/index.js';
import { CatalogStore, describeDbError } from '../store/index.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export interface Callboard {
  config: Config;
  store: CatalogStore;
  search: SearchService;
  portal: Portal;
  /** The data folder's lock (embedded PGlite only). */
  dataDirLock?: DataDirLock;
  close(): Promise<void>;
}

/** `command` names this process in the lock, for whoever finds the folder taken. */
export async function openCallboard(config: Config, logger: Logger, command = 'start'): Promise<Callboard> {
  // Throws DataDirBusyError, before any file of the database is touched, when another process holds it.
  const dataDirLock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir, command);
  let store: CatalogStore;
  try {
    store = await CatalogStore.open(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    dataDirLock?.release();
    throw new Error(`cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${describeDbError(error)}`);
  }
  const search = new SearchService(() => store.searchRows(), () => store.catalogVersion());
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options), { docsBaseUrl: config.docsBaseUrl });
  // Another replica's sync (or webhook) changed the catalog: rebuild this replica's index.
  const stopListening = await store.onCatalogChange(() => {
    search.refresh().catch((error: unknown) => logger.warn({ err: error }, 'search index refresh failed'));
  });
  return {
    config, store, search, portal, dataDirLock,
    async close() {
      try {
        await stopListening();
        await store.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}
