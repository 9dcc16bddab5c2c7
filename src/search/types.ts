// What the search layer indexes and what it answers.
import type { EntitySearchFields } from '../catalog/summary.js';

/** One catalog entity as search sees it: the store reads these straight out of its rows. */
export type SearchDoc = EntitySearchFields;

export type SearchMatch = 'exact' | 'prefix' | 'fuzzy';

export interface SearchHit {
  ref: string;
  match: SearchMatch;
  /** 0 is a perfect match; larger is worse. Exact < 0.1 <= prefix < 0.2 <= fuzzy name < 0.5 <= words < 1. */
  score: number;
}

export interface SearchOptions {
  /** Only entities of these kinds (case-insensitive). */
  kinds?: string[];
  /** At most this many hits (default 10). */
  limit?: number;
}
