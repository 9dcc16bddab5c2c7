// Applies what sources read to the store, one location (one transaction) at a time.
import type { CatalogRules } from '../catalog/catalog-rules.js';
import { appendAll } from '../append.js';
import { parseCatalogFileSteps } from '../catalog/index.js';
import { enterPhase } from '../work-phase.js';
import type { LocationSnapshot } from '../sources/types.js';
import type { CatalogStore, LocationChange, LocationChangeResult, LocationState } from '../store/index.js';
import {
  planLocationChangeInPieces,
  planLocationChangeInSlices,
  type ParseFile,
  type PlannedChange,
} from './plan-location-change.js';

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
  /** Which kinds a repository's files may declare (CATALOG_RULES; default Backstage's). */
  rules?: CatalogRules;
  /** Catalog files larger than this are refused with a problem (default DEFAULT_MAX_BYTES). */
  maxFileBytes?: number;
  /**
   * What the store holds for some of the locations, read by whoever planned the reads (a webhook
   * runner): used as it is instead of being read again. Locations not in it are read.
   */
  stored?: ReadonlyMap<string, LocationState>;
  /**
   * When a location is written in pieces while it is parsed: above `aboveChars` of text to parse,
   * `entities` at a time (default PIECES on Postgres, none on PGlite; tests make them small).
   */
  pieces?: { aboveChars: number; entities: number };
}

export function emptySummary(): SyncSummary {
  return {
    locations: 0,
    failedLocations: 0,
    removedLocations: 0,
    added: 0,
    updated: 0,
    removed: 0,
    problems: 0,
    filesParsed: 0,
    filesSkipped: 0,
  };
}

/**
 * How sync parses a file; `callboard validate` checks files with the very same rules. A file met
 * by walking a folder that holds no entity (an OpenAPI file) is passed over; a file named as a
 * catalog file is read whole, so YAML that cannot be read is a problem, as validate reports it.
 * Files over `maxBytes` (CATALOG_MAX_FILE_MB) are refused with a problem.
 */
export function parserForSync(maxBytes?: number): ParseFile {
  return (text, origin, resolvePlaceholder, named) =>
    parseCatalogFileSteps(text, origin, { skipNonEntityFiles: !named, resolvePlaceholder, maxBytes });
}

/** parserForSync with the default size limit. */
export const parseForSync: ParseFile = parserForSync();

/** Locations written per transaction: enough to save most commits, few enough to stay short. */
const LOCATIONS_PER_TRANSACTION = 100;

/**
 * Applies snapshots in batches: the stored state of a whole batch is read in one go, and every
 * location of the batch that changed is written in one transaction.
 */
export async function syncSnapshots(
  store: CatalogStore,
  snapshots: LocationSnapshot[],
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const summary = emptySummary();
  let done = 0;
  for (let i = 0; i < snapshots.length; i += LOCATIONS_PER_TRANSACTION) {
    const batch = snapshots.slice(i, i + LOCATIONS_PER_TRANSACTION);
    const readable = batch.filter((s) => s.status === 'ok');
    for (const snapshot of batch.filter((s) => s.status !== 'ok'))
      await syncSnapshot(store, snapshot, options, summary);
    await applyReadable(store, readable, options, summary);
    for (const snapshot of batch)
      options.onProgress?.({ done: ++done, total: snapshots.length, location: snapshot.key });
  }
  return summary;
}

/**
 * Applies one snapshot. Its figures are added into `summary` as each step is done, so a sync that
 * fails part-way still has figures saying what it parsed and what committed.
 */
export async function syncSnapshot(
  store: CatalogStore,
  snapshot: LocationSnapshot,
  options: SyncOptions = {},
  summary: SyncSummary = emptySummary(),
): Promise<SyncSummary> {
  const location = { key: snapshot.key, type: snapshot.type, target: snapshot.target };
  if (snapshot.status === 'ok') return applyReadable(store, [snapshot], options, summary);
  if (snapshot.status === 'failed') {
    // A failed read never deletes: the location keeps every entity it had.
    await store.markLocationFailed(location, snapshot.error ?? 'could not be read');
    summary.locations++;
    summary.failedLocations++;
    return summary;
  }
  const removed = await store.removeLocation(snapshot.key);
  summary.locations++;
  summary.removedLocations++;
  summary.removed += removed.length;
  if (removed.length) options.onChanged?.(removed);
  return summary;
}

async function applyReadable(
  store: CatalogStore,
  snapshots: LocationSnapshot[],
  options: SyncOptions,
  summary: SyncSummary,
): Promise<SyncSummary> {
  if (!snapshots.length) return summary;
  enterPhase('read stored state');
  const states = new Map(options.stored);
  const unread = snapshots.map((s) => s.key).filter((key) => !states.has(key));
  if (unread.length) for (const [key, state] of await store.locationStates(unread)) states.set(key, state);
  const parse = options.maxFileBytes === undefined ? parseForSync : parserForSync(options.maxFileBytes);
  const planOptions = {
    rules: options.rules,
    onFileParsed:
      options.onFile &&
      ((done: number, total: number, path: string) => options.onFile!({ done, total, location: path })),
  };
  // On PGlite the transaction would hold up every read while the location is parsed, so a large
  // location is held whole there (unless asked otherwise); on Postgres others read meanwhile.
  const pieces = options.pieces ?? (store.readsWaitForTransactions ? undefined : PIECES);
  const pending: LocationChange[] = [];
  /** Locations planned with nothing to write: counted once those before them are applied. */
  let unchanged = 0;
  for (const snapshot of snapshots) {
    const stored = states.get(snapshot.key)!;
    if (pieces && textToParse(snapshot, stored) > pieces.aboveChars) {
      // Locations are applied in order (the first to claim an entity keeps it): those planned
      // before this one go first.
      await applyPlanned(store, pending.splice(0), unchanged, options, summary);
      unchanged = 0;
      let change: LocationChange | undefined;
      const location = { key: snapshot.key, type: snapshot.type, target: snapshot.target };
      const result = await store.applyLocationChangeInPieces(location, async (writePiece) => {
        const planned = await planLocationChangeInPieces(
          snapshot,
          stored,
          parse,
          { ...planOptions, pieceSize: pieces.entities },
          writePiece,
        );
        change = planned.change;
        countPlanned(summary, planned);
        return planned.change;
      });
      addResults(summary, [change!], [result], options);
      continue;
    }
    const planned = await planLocationChangeInSlices(snapshot, stored, parse, planOptions);
    countPlanned(summary, planned);
    if (isEmptyChange(planned.change)) unchanged++;
    else pending.push(planned.change);
  }
  await applyPlanned(store, pending, unchanged, options, summary);
  return summary;
}

/**
 * A location with more text to parse than this (about 15k entities) is written in pieces of about
 * 2,000 new or changed entities while it is parsed, in one transaction: held whole, 160k entities
 * from one folder took over 1 GB.
 */
const PIECES = { aboveChars: 6_000_000, entities: 2000 };

function textToParse(snapshot: LocationSnapshot, stored: LocationState): number {
  let chars = 0;
  for (const file of snapshot.files) {
    if (file.status === 'read' && stored.files.get(file.path)?.sha !== file.sha) chars += file.text.length;
  }
  return chars;
}

function countPlanned(summary: SyncSummary, planned: PlannedChange): void {
  summary.filesParsed += planned.filesParsed;
  summary.filesSkipped += planned.filesSkipped;
}

function isEmptyChange(change: LocationChange): boolean {
  return (
    !change.parsedFiles.length &&
    !change.removedFiles.length &&
    !change.failedFiles.length &&
    !change.upserts.length &&
    !change.removals.length
  );
}

async function applyPlanned(
  store: CatalogStore,
  changes: LocationChange[],
  unchanged: number,
  options: SyncOptions,
  summary: SyncSummary,
): Promise<void> {
  const results = await store.applyLocationChanges(changes);
  summary.locations += unchanged;
  addResults(summary, changes, results, options);
}

/** Adds what committed to the summary and tells `onChanged`. */
function addResults(
  summary: SyncSummary,
  changes: LocationChange[],
  results: LocationChangeResult[],
  options: SyncOptions,
): void {
  const changed: string[] = [];
  for (const [i, result] of results.entries()) {
    summary.locations++;
    summary.problems += changes[i].problems.length + changes[i].failedFiles.length;
    summary.added += result.added.length;
    summary.updated += result.updated.length;
    summary.removed += result.removed.length;
    summary.problems += result.conflicts.length;
    appendAll(appendAll(appendAll(changed, result.added), result.updated), result.removed);
  }
  if (changed.length) options.onChanged?.(changed);
}

export function addInto(total: SyncSummary, part: SyncSummary): void {
  for (const key of Object.keys(total) as Array<keyof SyncSummary>) total[key] += part[key];
}
