// What the GitHub reader (src/sources/github) hands on and the store (src/store) keeps, written
// once here: neither layer may import the other, and both hold these records the same way.

/** Open Dependabot alerts by severity. */
export interface AlertCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** One repository's scorecard facts; a null fact is one GitHub would not tell (the token's permissions). */
export interface RepositoryFacts {
  /** `org/repo`, lower-cased, as it was asked for (the catalog's name for it). */
  repository: string;
  isArchived: boolean;
  /** ISO time of the last push; null for a repository never pushed to. */
  pushedAt: string | null;
  /** SPDX id; '' when the repository has no licence GitHub recognises. */
  licence: string;
  hasReadme: boolean | null;
  hasCodeowners: boolean | null;
  codeownersErrorCount: number | null;
  defaultBranchProtected: boolean | null;
  /** The default branch head's combined status (`SUCCESS`, `FAILURE`, ...); '' when it has none. */
  defaultBranchCheckStatus: string | null;
  dependabotAlerts: AlertCounts | null;
}

/** One repository's CODEOWNERS file and the paths of its default branch. */
export interface RepositoryCodeOwners {
  locationKey: string;
  repository: string;
  path: string;
  oid: string;
  text: string;
  /** The commit `files` lists; null when the tree could not be read. */
  commit: string | null;
  files: string[];
}
