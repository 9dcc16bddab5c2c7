// Keeps the RepositoryFilesIndex (CODEOWNERS rules and file paths of every synced repository) in
// memory, rebuilt from the store at most once a minute (a sync on another replica is seen within
// that) and at once after this process's own sync wrote. One load runs at a time.
import { RepositoryFilesIndex, type RepositoryFilesRow } from '../ownership/repository-files.js';

interface RepositoryFilesSource {
  all(): Promise<RepositoryFilesRow[]>;
  /** Moves when this process writes. */
  readonly version: number;
}

const MAX_AGE_MS = 60_000;

export class RepositoryFilesCache {
  private index?: { built: number; version: number; value: RepositoryFilesIndex };
  private loading?: Promise<RepositoryFilesIndex>;

  constructor(
    private readonly source: RepositoryFilesSource,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<RepositoryFilesIndex> {
    const held = this.index;
    if (held && held.version === this.source.version && this.now() - held.built < MAX_AGE_MS) return held.value;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<RepositoryFilesIndex> {
    const version = this.source.version;
    const value = new RepositoryFilesIndex(await this.source.all());
    this.index = { built: this.now(), version, value };
    return value;
  }
}
