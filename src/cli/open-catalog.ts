// What one-shot commands that only read or write the catalog (sync, validate, locations, forget,
// create) open: the stores alone, nothing they would throw away. Apart from open-callboard.ts, so
// that such a command loads none of what answering needs (search, scorecards, on-call, notices,
// Slack): those imports cost a sync of an empty folder about half its time.
// On embedded PGlite it first takes the data folder's lock, so that no second process ever opens
// the same files.
import type { Config } from '../config.js';
import { describeDbError, openStores, type Stores } from '../store/index.js';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from './data-dir-lock.js';

/** The stores alone, as one-shot commands that answer nothing open them. */
export interface OpenCatalog {
  config: Config;
  /** The catalog, the scaffolder's tasks and what Slack told us, on one database. */
  stores: Stores;
  /** The data folder's lock (embedded PGlite only). */
  dataDirLock?: DataDirLock;
  close(): Promise<void>;
}

/** The stores (migrated), and nothing else. `command` names this process in the data folder's lock. */
export async function openCatalog(config: Config, command: string): Promise<OpenCatalog> {
  const dataDirLock = config.databaseUrl ? undefined : lockDataDir(config.dataDir, command);
  let stores: Stores;
  try {
    stores = await openStores(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    dataDirLock?.release();
    throw new Error(
      `cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${describeDbError(error)}`,
    );
  }
  // PGlite's folder is this process's alone: a sync still marked running died with an earlier process.
  if (!config.databaseUrl) await stores.catalog.markRunsInterrupted();
  return {
    config,
    stores,
    dataDirLock,
    async close() {
      try {
        await stores.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}

/**
 * Takes the PGlite folder's lock. Throws DataDirBusyError, before any file of the database is
 * touched, when another process holds it; a folder that cannot be made or written is named in one
 * line, as the store would name it.
 */
function lockDataDir(dataDir: string, command: string): DataDirLock {
  try {
    return acquireDataDirLock(dataDir, command);
  } catch (error) {
    if (error instanceof DataDirBusyError) throw error;
    throw new Error(`cannot open the database (${dataDir}): ${describeDbError(error)}`);
  }
}
