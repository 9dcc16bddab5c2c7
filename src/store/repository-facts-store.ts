// What GitHub said about the repositories the catalog names, kept so that scoring and notices read
// it without asking GitHub: written by the GitHub facts refresh (a full refresh in batches, one
// repository after a webhook), read per entity by the scorer and as a set by the archived notice.
import { eq, inArray, sql } from 'drizzle-orm';
import { chunk } from './batches.js';
import type { RepositoryFacts } from '../github-records.js';
import type { Db } from './database.js';
import { entities, repositoryFacts } from './schema.js';

const READ_BATCH = 1000;

export class RepositoryFactsStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores what was read (`gone`: GitHub says these do not exist, so nothing is known of them) and
   * returns the repositories whose facts changed, the ones whose entities need scoring again.
   */
  async save(rows: RepositoryFacts[], gone: string[] = [], readAt = new Date()): Promise<string[]> {
    const changed: string[] = [];
    const names = [...rows.map((r) => r.repository), ...gone];
    if (!names.length) return changed;
    const before = await this.factsOf(names);
    await this.db.transaction(async (tx) => {
      for (const batch of chunk(rows, READ_BATCH)) {
        await tx
          .insert(repositoryFacts)
          .values(batch.map(({ repository, ...facts }) => ({ repository, facts, archived: facts.isArchived, readAt })))
          .onConflictDoUpdate({
            target: repositoryFacts.repository,
            set: {
              facts: sql`excluded.facts`,
              archived: sql`excluded.archived`,
              readAt: sql`excluded.read_at`,
            },
          });
      }
      for (const batch of chunk(gone, READ_BATCH))
        await tx.delete(repositoryFacts).where(inArray(repositoryFacts.repository, batch));
    });
    for (const row of rows) {
      const old = before.get(row.repository);
      if (!old || canonical(old) !== canonical(row)) changed.push(row.repository);
    }
    for (const name of gone) if (before.has(name)) changed.push(name);
    return changed;
  }

  /** The stored facts of `repositories` (`org/repo`, lower-cased), by name; absent: not known. */
  async factsOf(repositories: readonly string[]): Promise<Map<string, RepositoryFacts>> {
    const out = new Map<string, RepositoryFacts>();
    for (const batch of chunk([...new Set(repositories)], READ_BATCH)) {
      const rows = await this.db.select().from(repositoryFacts).where(inArray(repositoryFacts.repository, batch));
      for (const row of rows)
        out.set(row.repository, {
          ...(row.facts as Omit<RepositoryFacts, 'repository'>),
          repository: row.repository,
        });
    }
    return out;
  }

  /** Repositories GitHub reports archived. */
  async archived(): Promise<Set<string>> {
    const rows = await this.db
      .select({ repository: repositoryFacts.repository })
      .from(repositoryFacts)
      .where(eq(repositoryFacts.archived, true));
    return new Set(rows.map((r) => r.repository));
  }

  /** Every repository the catalog's entities name, each once (what a full refresh reads). */
  async namedByCatalog(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ repository: sql<string>`unnest(${entities.repositories})` })
      .from(entities);
    return rows.map((r) => r.repository).sort();
  }
}

/** The same facts give the same text whatever order their keys were written in (jsonb reorders them). */
function canonical(facts: RepositoryFacts): string {
  return JSON.stringify(facts, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
