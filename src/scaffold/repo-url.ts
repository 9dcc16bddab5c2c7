// Backstage's RepoUrlPicker value, `github.com?owner=acme&repo=payments`, read and written.

export interface RepoUrl {
  host: string;
  repo: string;
  owner?: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

export class RepoUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoUrlError';
  }
}

export function parseRepoUrl(value: unknown): RepoUrl {
  if (typeof value !== 'string' || !value.trim()) {
    throw new RepoUrlError(
      'a repository location must be written host?owner=...&repo=..., e.g. github.com?owner=acme&repo=payments',
    );
  }
  const question = value.indexOf('?');
  const host = (question === -1 ? value : value.slice(0, question)).trim();
  const query = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
  if (!host || /[\s/]/.test(host)) throw new RepoUrlError(`"${value}" has no valid host before "?"`);
  const repo = query.get('repo')?.trim();
  if (!repo) throw new RepoUrlError(`"${value}" names no repository (repo=...)`);
  const out: RepoUrl = { host, repo };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const part = query.get(key)?.trim();
    if (part) out[key] = part;
  }
  return out;
}

export function formatRepoUrl(parts: { host: string; owner: string; repo: string }): string {
  const query = new URLSearchParams({ owner: parts.owner, repo: parts.repo });
  return `${parts.host}?${query.toString()}`;
}

/** `owner/repo` (GitHub), or `workspace/project/repo` for hosts that have them. */
export function projectSlug(value: unknown): string {
  const url = parseRepoUrl(value);
  const owner = url.owner ?? url.organization ?? url.workspace;
  if (!owner) throw new RepoUrlError(`"${String(value)}" names no owner (owner=...)`);
  return url.project ? `${owner}/${url.project}/${url.repo}` : `${owner}/${url.repo}`;
}

// GitHub's own rule for repository names: letters, digits, '.', '-', '_', at most 100 characters.
const GITHUB_REPO_NAME = /^[A-Za-z0-9._-]+$/;

/** Why GitHub would refuse `name` as a repository name, or undefined when it is fine. */
export function githubRepoNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a repository name.';
  if (name.length > 100) return 'A repository name can have at most 100 characters.';
  if (/\s/.test(name)) return 'A repository name cannot contain spaces; use - instead.';
  if (!GITHUB_REPO_NAME.test(name)) return 'A repository name can only contain letters, digits, ".", "-" and "_".';
  if (name === '.' || name === '..') return `"${name}" is reserved; choose another name.`;
  if (name.toLowerCase().endsWith('.git')) return 'A repository name cannot end in ".git".';
  return undefined;
}
