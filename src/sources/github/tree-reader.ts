// Lists every file of a branch (one recursive git tree read over REST), for globs. A listing is
// kept per branch and reused while the branch's head commit stays the same, so a glob costs one
// read per repository when it changed, and none when it did not.
import type { GitHubConnection } from './connection.js';
import { branchKey } from './location-keys.js';
import { describeError } from './repository-listing.js';

export interface TreeFile {
  path: string;
  oid: string;
}

type TreeRead = { kind: 'found'; files: TreeFile[] } | { kind: 'missing' } | { kind: 'failed'; error: string };

export class TreeReader {
  private readonly cache = new Map<string, { commit: string; files: TreeFile[] }>();
  private readonly inFlight = new Map<string, Promise<TreeRead>>();

  constructor(private readonly connection: GitHubConnection) {}

  /** The branch's files; `commit`, when known, lets an unchanged branch answer from memory. */
  read(owner: string, repo: string, ref: string, commit?: string): Promise<TreeRead> {
    const key = branchKey(owner, repo, ref);
    const cached = this.cache.get(key);
    if (commit && cached?.commit === commit) return Promise.resolve({ kind: 'found', files: cached.files });
    const flightKey = `${key}#${commit ?? ''}`;
    const running = this.inFlight.get(flightKey);
    if (running) return running;
    const reading = this.fetch(owner, repo, ref, commit, key).finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, reading);
    return reading;
  }

  private async fetch(
    owner: string,
    repo: string,
    ref: string,
    commit: string | undefined,
    key: string,
  ): Promise<TreeRead> {
    try {
      const { data } = await this.connection.octokit.rest.git.getTree({
        owner,
        repo,
        tree_sha: commit ?? ref,
        recursive: 'true',
      });
      if (data.truncated)
        return { kind: 'failed', error: 'the repository has too many files for GitHub to list them in one tree' };
      const files = data.tree
        .filter((e) => e.type === 'blob' && e.path && e.sha)
        .map((e) => ({ path: e.path as string, oid: e.sha as string }));
      if (commit) this.cache.set(key, { commit, files });
      return { kind: 'found', files };
    } catch (error) {
      const status = (error as { status?: number }).status;
      // 404: no such repository or branch; 409: an empty repository.
      if (status === 404 || status === 409) return { kind: 'missing' };
      return { kind: 'failed', error: describeError(error) };
    }
  }
}
