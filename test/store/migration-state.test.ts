import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src/store/index.js';
import { migrationsFolder } from '../../src/store/database.js';
import {
  migrationsApplied,
  newestAppliedMigrationQuery,
  newestMigrationMillis,
} from '../../src/store/migration-state.js';

const newestApplied = (client: PGlite) => async () =>
  (await client.query<{ newest: unknown }>(newestAppliedMigrationQuery('drizzle'))).rows[0]?.newest;

describe('migration state', () => {
  it('a fresh database needs migrating; a migrated data folder does not, and reopens with its data', async () => {
    const fresh = new PGlite();
    try {
      expect(await migrationsApplied(migrationsFolder(), newestApplied(fresh))).toBe(false);
    } finally {
      await fresh.close();
    }

    const dir = await mkdtemp(join(tmpdir(), 'callboard-migrations-'));
    try {
      const store = await CatalogStore.open({ dataDir: dir });
      await store.startSyncRun('dir:/a');
      await store.close();

      const reopened = new PGlite({ dataDir: dir });
      try {
        expect(Number(await newestApplied(reopened)())).toBe(newestMigrationMillis(migrationsFolder()));
        expect(await migrationsApplied(migrationsFolder(), newestApplied(reopened))).toBe(true);
      } finally {
        await reopened.close();
      }
      const again = await CatalogStore.open({ dataDir: dir });
      expect((await again.lastSyncRun())?.source).toBe('dir:/a');
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
