// One location's change as sync computed it; the store applies it in a single transaction.
import type { CatalogEntity, Problem } from '../catalog/types.js';

interface StoredEntityState {
  hash: string;
  file: string;
}

/** What the store holds for a location, so sync can tell what changed. */
export interface LocationState {
  /** The store has this location (read before, even if it holds no file now). */
  held: boolean;
  files: Map<string, { sha: string; url?: string }>;
  entities: Map<string, StoredEntityState>;
}

export interface EntityWrite extends CatalogEntity {
  hash: string;
}

export interface LocationChange {
  location: { key: string; type: string; target: string };
  /** Files parsed this time: their sha is recorded and their old problems replaced. */
  parsedFiles: Array<{ path: string; url?: string; sha: string }>;
  /** Files that are gone: their rows and problems are dropped. */
  removedFiles: string[];
  /** Files that could not be read: their problems are replaced by the read error, entities kept. */
  failedFiles: Array<{ path: string; error: string }>;
  /** New or changed entities. */
  upserts: EntityWrite[];
  /** Refs to delete (they belonged to this location). */
  removals: string[];
  /** Problems found in the parsed files. */
  problems: Problem[];
}

/** A change of `location` that changes nothing yet: sync and writers fill in what they found. */
export function emptyLocationChange(location: LocationChange['location']): LocationChange {
  return { location, parsedFiles: [], removedFiles: [], failedFiles: [], upserts: [], removals: [], problems: [] };
}

export interface LocationChangeResult {
  added: string[];
  updated: string[];
  removed: string[];
  /** Entities that another location already provides: not written, reported as problems. */
  conflicts: Problem[];
}
