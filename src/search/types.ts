// What the search layer indexes and what it answers.

/** One catalog entity as search sees it: the store reads these straight out of its rows. */
export interface SearchDoc {
  /** Canonical ref, `kind:namespace/name`, lower-cased. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  /** The owner's canonical ref. */
  owner?: string;
  system?: string;
  type?: string;
  lifecycle?: string;
}

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
