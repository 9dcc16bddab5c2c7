// How GitHub locations are named in the store, and how their files are named inside them.

export function repositoryLocationKey(org: string, repo: string): string {
  return `github:${org}/${repo}`;
}

export function organisationLocationKey(org: string): string {
  return `github-org:${org}`;
}

/** Every repository location of the organisation starts with this. */
export function repositoryKeyPrefix(org: string): string {
  return `github:${org}/`;
}

/** The repository name in a repository location key of `org`, or undefined. */
export function repositoryOfKey(org: string, key: string): string | undefined {
  const prefix = repositoryKeyPrefix(org);
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

export interface FileAddress {
  owner: string;
  repo: string;
  /** A branch name, or HEAD for the default branch. */
  ref: string;
  path: string;
}

/** Identifies one branch of one repository, case-insensitively as GitHub does. */
export function branchKey(owner: string, repo: string, ref: string): string {
  return `${owner}/${repo}@${ref}`.toLowerCase();
}

/**
 * A file's name inside a repository's location: its path when it lives in that repository's read
 * branch, `repo@ref:path` (or `owner/repo@ref:path`) when a Location points elsewhere.
 */
export function fileNameInLocation(home: { owner: string; repo: string; ref: string }, file: FileAddress): string {
  if (branchKey(home.owner, home.repo, home.ref) === branchKey(file.owner, file.repo, file.ref)) return file.path;
  const repo = file.owner.toLowerCase() === home.owner.toLowerCase() ? file.repo : `${file.owner}/${file.repo}`;
  return `${repo}@${file.ref}:${file.path}`;
}
