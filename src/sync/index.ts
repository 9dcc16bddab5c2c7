export { syncSnapshots, syncSnapshot, emptySummary, addInto, parseForSync, parserForSync } from './sync-snapshots.js';
export type { SyncSummary, SyncProgress, SyncOptions } from './sync-snapshots.js';
export { planLocationChange, planLocationChangeInSlices } from './plan-location-change.js';
export { entityHash } from './entity-hash.js';
