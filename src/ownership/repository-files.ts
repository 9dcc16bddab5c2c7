// Every synced repository's CODEOWNERS rules and file paths, indexed so a stack frame's path finds
// its repository file in memory: by file name first, then the longest run of trailing folders in
// common (a container's `/app/ledger/book.go` is the repository's `ledger/book.go`; Java's
// `com/acme/Charge.java` is `src/main/java/com/acme/Charge.java`). Pure: built from stored rows.
import { parseCodeOwners, ruleFor, type CodeOwnersFile, type CodeOwnersRule } from './code-owners.js';

export interface RepositoryFilesRow {
  repository: string;
  path: string;
  text: string;
  files: string[];
}

interface RepositoryFile {
  /** The repository's URL, as synced. */
  repository: string;
  path: string;
}

interface FileOwnership extends RepositoryFile {
  /** The CODEOWNERS line that decides, or undefined when no line matches. */
  rule?: CodeOwnersRule;
  codeOwnersPath: string;
}

interface Repository {
  url: string;
  /** `owner/name`, lower-cased. */
  slug: string;
  codeOwnersPath: string;
  codeOwners: CodeOwnersFile;
}

export class RepositoryFilesIndex {
  private readonly repositories: Repository[] = [];
  private readonly bySlug = new Map<string, Repository>();
  /** File name → [repository index, path]. */
  private readonly byName = new Map<string, Array<[number, string]>>();

  constructor(rows: RepositoryFilesRow[]) {
    for (const row of rows) {
      const index = this.repositories.length;
      const repository: Repository = {
        url: row.repository,
        slug: slugOf(row.repository),
        codeOwnersPath: row.path,
        codeOwners: parseCodeOwners(row.text),
      };
      this.repositories.push(repository);
      this.bySlug.set(repository.slug, repository);
      for (const path of row.files) {
        const name = path.slice(path.lastIndexOf('/') + 1);
        const list = this.byName.get(name);
        if (list) list.push([index, path]);
        else this.byName.set(name, [[index, path]]);
      }
    }
  }

  get size(): number {
    return this.repositories.length;
  }

  /** The repository file a stack frame's path names, or undefined when no repository has that file. */
  fileForFrame(framePath: string): RepositoryFile | undefined {
    const segments = framePath.split('/').filter((s) => s && s !== '.');
    const name = segments[segments.length - 1];
    const candidates = name ? this.byName.get(name) : undefined;
    if (!candidates) return undefined;
    let best: { index: number; path: string; score: number; length: number } | undefined;
    for (const [index, path] of candidates) {
      const theirs = path.split('/');
      let score = 0;
      while (
        score < segments.length &&
        score < theirs.length &&
        segments[segments.length - 1 - score] === theirs[theirs.length - 1 - score]
      )
        score += 1;
      // More trailing folders in common wins; then the shorter path (fewer guesses about a prefix).
      if (!best || score > best.score || (score === best.score && theirs.length < best.length))
        best = { index, path, score, length: theirs.length };
    }
    return best && { repository: this.repositories[best.index].url, path: best.path };
  }

  /** Who CODEOWNERS says owns a file of a repository (given as `owner/name` or its URL). */
  ownership(repository: string, path: string): FileOwnership | undefined {
    const repo = this.bySlug.get(slugOf(repository));
    if (!repo) return undefined;
    return { repository: repo.url, path, rule: ruleFor(repo.codeOwners, path), codeOwnersPath: repo.codeOwnersPath };
  }
}

/** `https://github.com/Acme/Payments` and `acme/payments` alike → `acme/payments`. */
function slugOf(repository: string): string {
  return repository
    .replace(/^[a-z]+:\/\/[^/]+\//i, '')
    .replace(/\.git$/, '')
    .split('/')
    .slice(0, 2)
    .join('/')
    .toLowerCase();
}
