// Applies what sources read to the store, one location (one transaction) at a time.
import { parseCatalogFile } from '../catalog/index.js';
import type { LocationSnapshot } from '../sources/types.js';
import type { CatalogStore } from '../store/index.js';
import { planLocationChange, type ParseFile } from './plan-location-change.js';

export interface SyncSummary {
  locations: number;
  failedLocations: number;
  removedLocations: number;
  added: number;
  updated: number;
  removed: number;
  problems: number;
  filesParsed: number;
  filesSkipped: number;
}

export interface SyncProgress {
  done: number;
  total: number;
  location: string;
}

export interface SyncOptions {
  /** After each location (syncSnapshots). */
  onProgress?: (progress: SyncProgress) => void;
  /** After each file of a location is looked at: parsing is where a large location spends its time. */
  onFile?: (progress: SyncProgress) => void;
  /** Called after a location's change committed, with the refs that changed. */
  onChanged?: (refs: string[]) => void;
}

export function emptySummary(): SyncSummary {
  return { locations: 0, failedLocations: 0, removedLocations: 0, added: 0, updated: 0, removed: 0, problems: 0, filesParsed: 0, filesSkipped: 0 };
}

const parseForSync: ParseFile = (text, origin, resolvePlaceholder) =>
  parseCatalogFile(text, origin, { skipNonEntityFiles: true, resolvePlaceholder });

export async function syncSnapshots(store: CatalogStore, snapshots: LocationSnapshot[], options: SyncOptions = {}): Promise<SyncSummary> {
  const summary = emptySummary();
  let done = 0;
  for (const snapshot of snapshots) {
    addInto(summary, await syncSnapshot(store, snapshot, options));
    options.onProgress?.({ done: ++done, total: snapshots.length, location: snapshot.key });
  }
  return summary;
}

export async function syncSnapshot(store: CatalogStore, snapshot: LocationSnapshot, options: SyncOptions = {}): Promise<SyncSummary> {
  const summary = emptySummary();
  summary.locations = 1;
  const location = { key: snapshot.key, type: snapshot.type, target: snapshot.target };
  if (snapshot.status === 'failed') {
    // A failed read never deletes: the location keeps every entity it had.
    await store.markLocationFailed(location, snapshot.error ?? 'could not be read');
    summary.failedLocations = 1;
    return summary;
  }
  if (snapshot.status === 'gone') {
    const removed = await store.removeLocation(snapshot.key);
    summary.removedLocations = 1;
    summary.removed = removed.length;
    if (removed.length) options.onChanged?.(removed);
    return summary;
  }
  const stored = await store.locationState(snapshot.key);
  const { change, filesParsed, filesSkipped } = planLocationChange(snapshot, stored, parseForSync,
    options.onFile && ((done, total, path) => options.onFile!({ done, total, location: path })));
  summary.filesParsed = filesParsed;
  summary.filesSkipped = filesSkipped;
  const nothingToWrite = !change.parsedFiles.length && !change.removedFiles.length && !change.failedFiles.length
    && !change.upserts.length && !change.removals.length;
  if (nothingToWrite) return summary;
  const result = await store.applyLocationChange(change);
  summary.added = result.added.length;
  summary.updated = result.updated.length;
  summary.removed = result.removed.length;
  summary.problems = change.problems.length + change.failedFiles.length + result.conflicts.length;
  const changed = [...result.added, ...result.updated, ...result.removed];
  if (changed.length) options.onChanged?.(changed);
  return summary;
}

export function addInto(total: SyncSummary, part: SyncSummary): void {
  for (const key of Object.keys(total) as Array<keyof SyncSummary>) total[key] += part[key];
}
