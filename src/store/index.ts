export { CatalogStore, type StoredLocation } from './catalog-store.js';
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
export { ScorecardStore } from './scorecard-store.js';
export type {
  SaveResult,
  SaveScope,
  ScoreRow,
  ScoringInput,
  ScoringPage,
  StoredLevel,
  StoredOutcome,
  LevelMove,
  ChangedHistory,
} from './scorecard-store.js';
export { SlackCache } from './slack-cache.js';
export type { CatalogChanges } from './catalog-store.js';
export { TaskStore } from './task-store.js';
export { openStores, storesOn, type Stores } from './stores.js';
export { OnceLedger, type OnceKeyRow } from './once-ledger.js';
export { NoticeStore } from './notice-store.js';
export type { NoticeRow, NoticeDraft } from './notice-store.js';
export { RepositoryFactsStore } from './repository-facts-store.js';
export { OwnershipCheckStore, type OwnershipCheckRow, type OwnershipAnswer } from './ownership-check-store.js';
