// Reads what answers "who owns this file?" for listed repositories: the CODEOWNERS file the
// listing brought (GitHub's three places, first found wins) and, when it or the head commit
// moved since the last sync, the branch's file paths (one tree read), so a stack trace's path
// can be matched to a repository. Unchanged repositories cost nothing beyond the listing.
import type { ListedRepository } from './repository-query.js';
import type { TreeReader } from './tree-reader.js';
import type { RepositoryCodeOwners } from '../../github-records.js';

interface KnownCodeOwners {
  oid: string;
  commit: string | null;
}

interface CodeOwnersChange {
  changed: RepositoryCodeOwners[];
  /** Location keys of repositories whose CODEOWNERS file is gone. */
  removed: string[];
}

export interface CodeOwnersOptions {
  known: ReadonlyMap<string, KnownCodeOwners>;
  onChange: (change: CodeOwnersChange) => Promise<void>;
}

export async function readCodeOwners(
  trees: TreeReader,
  listed: { key: string; repo: ListedRepository }[],
  known: ReadonlyMap<string, KnownCodeOwners>,
): Promise<CodeOwnersChange> {
  const change: CodeOwnersChange = { changed: [], removed: [] };
  await Promise.all(
    listed.map(async ({ key, repo }) => {
      const found = repo.codeOwners;
      const before = known.get(key);
      if (!found || !repo.branch) {
        if (before) change.removed.push(key);
        return;
      }
      const commit = repo.branch.commit ?? null;
      if (before && before.oid === found.oid && before.commit !== null && before.commit === commit) return;
      const tree = await trees.read(repo.owner, repo.name, repo.branch.name, commit ?? undefined);
      change.changed.push({
        locationKey: key,
        repository: repo.url,
        ...found,
        commit: tree.kind === 'found' ? commit : null,
        files: tree.kind === 'found' ? tree.files.map((f) => f.path) : [],
      });
    }),
  );
  return change;
}
