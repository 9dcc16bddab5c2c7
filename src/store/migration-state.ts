// Whether a database already has every committed migration: a store opened on an existing data
// folder (every `callboard ask`, every restart) then skips drizzle's migrator, which reads and
// hashes every migration file and runs its own DDL before finding nothing to do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** drizzle-kit's journal: each migration's tag and the time it was generated. */
interface Journal {
  entries: Array<{ tag: string; when: number }>;
}

/** When the newest committed migration was generated (drizzle records this as created_at). */
export function newestMigrationMillis(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** The query that reads the newest applied migration's time from drizzle's table in `schema`. */
export function newestAppliedMigrationQuery(schema: string): string {
  return `SELECT max(created_at) AS newest FROM "${schema.replace(/"/g, '')}"."__drizzle_migrations"`;
}

/**
 * True when the newest applied migration is the newest committed one. `readNewest` runs the query
 * above; it fails on a fresh database (no table yet), which counts as not migrated.
 */
export async function migrationsApplied(
  migrationsFolder: string,
  readNewest: () => Promise<unknown>,
): Promise<boolean> {
  try {
    const newest = Number(await readNewest());
    return Number.isFinite(newest) && newest >= newestMigrationMillis(migrationsFolder);
  } catch {
    return false;
  }
}
