export { CatalogStore } from './catalog-store.js';
export type {
  StoredEntity,
  EntitySearchRow,
  EntitySummaryRow,
  StoredProblem,
  SyncRunRecord,
  CardRows,
} from './catalog-store.js';
export { openDatabase, describeDbError, migratedPgliteSnapshot } from './database.js';
export type { Database, DatabaseOptions, Db } from './database.js';
export type { LocationChange, LocationChangeResult, LocationState, EntityWrite } from './location-change.js';
export { SlackCache } from './slack-cache.js';
export { TaskStore } from './task-store.js';
export { openStores, storesOn, type Stores } from './stores.js';
