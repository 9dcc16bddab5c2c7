// The stores Callboard keeps, opened together on one database and handed out by what they hold:
// the catalog, the scaffolder's tasks, what Slack told us, and repositories' CODEOWNERS. Other layers receive these
// objects, never the database handle underneath them.
import { CatalogStore } from './catalog-store.js';
import { CodeOwnersStore } from './code-owners-store.js';
import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { SlackCache } from './slack-cache.js';
import { TaskStore } from './task-store.js';

export interface Stores {
  catalog: CatalogStore;
  tasks: TaskStore;
  slackCache: SlackCache;
  /** Synced repositories' CODEOWNERS files. */
  codeOwners: CodeOwnersStore;
  /** Closes the database all three share. */
  close(): Promise<void>;
}

export async function openStores(options: DatabaseOptions = {}): Promise<Stores> {
  return storesOn(await openDatabase(options));
}

/** The three stores over an open database; closing them closes it. */
export function storesOn(database: Database): Stores {
  return {
    catalog: new CatalogStore(database),
    tasks: new TaskStore(database.db),
    slackCache: new SlackCache(database.db),
    codeOwners: new CodeOwnersStore(database.db),
    close: () => database.close(),
  };
}
