// The CODEOWNERS files (and file listings) of synced GitHub repositories: written by the GitHub
// sync, read whole by the ownership index that answers "who owns this file?".
import { inArray, like, sql } from 'drizzle-orm';
import type { RepositoryCodeOwners } from '../github-records.js';
import type { Db } from './database.js';
import { repositoryCodeOwners } from './schema.js';

export class CodeOwnersStore {
  /** Bumped on every write, so a reader knows when to rebuild what it derived. */
  private writes = 0;

  constructor(private readonly db: Db) {}

  get version(): number {
    return this.writes;
  }

  /** CODEOWNERS oid and listed commit per location key under a prefix, to skip unchanged repositories. */
  async known(prefix: string): Promise<Map<string, { oid: string; commit: string | null }>> {
    const rows = await this.db
      .select({
        key: repositoryCodeOwners.locationKey,
        oid: repositoryCodeOwners.oid,
        commit: repositoryCodeOwners.commit,
      })
      .from(repositoryCodeOwners)
      .where(like(repositoryCodeOwners.locationKey, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
    return new Map(rows.map((r) => [r.key, { oid: r.oid, commit: r.commit }]));
  }

  /** Writes what changed: a row per repository with a CODEOWNERS file; `removed` lost theirs. */
  async save(rows: RepositoryCodeOwners[], removed: string[] = []): Promise<void> {
    if (!rows.length && !removed.length) return;
    await this.db.transaction(async (tx) => {
      if (removed.length)
        await tx.delete(repositoryCodeOwners).where(inArray(repositoryCodeOwners.locationKey, removed));
      if (rows.length)
        await tx
          .insert(repositoryCodeOwners)
          .values(rows.map((r) => ({ ...r, readAt: new Date() })))
          .onConflictDoUpdate({
            target: repositoryCodeOwners.locationKey,
            set: {
              repository: sql`excluded.repository`,
              path: sql`excluded.path`,
              oid: sql`excluded.oid`,
              text: sql`excluded.text`,
              commit: sql`excluded.commit`,
              files: sql`excluded.files`,
              readAt: sql`excluded.read_at`,
            },
          });
    });
    this.writes += 1;
  }

  async all(): Promise<RepositoryCodeOwners[]> {
    const rows = await this.db.select().from(repositoryCodeOwners);
    return rows.map(({ readAt: _readAt, ...row }) => row);
  }
}
