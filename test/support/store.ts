// Opens a fresh, empty store for a test: PGlite in memory always, and the machine's Postgres too
// when DATABASE_URL is set (each store in a schema of its own, dropped on close).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { CatalogStore, migratedPgliteSnapshot } from '../../src/store/index.js';

export type Backend = 'pglite' | 'postgres';

/** The backends the store's tests run on here: PGlite always, Postgres when DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

let snapshot: Promise<Blob> | undefined;

/** Migrating costs seconds: each test worker migrates once and starts every store from a copy. */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= migratedPgliteSnapshot();
  return snapshot;
}

/** The schema each Postgres test store lives in, so a second handle can open the same one. */
const schemas = new WeakMap<CatalogStore, string>();

/**
 * A second handle on the same Postgres database and schema as `store`: another replica, with its
 * own connections and notifications. Closing it leaves the data to `store`.
 */
export async function openReplicaStore(store: CatalogStore): Promise<CatalogStore> {
  const pgSchema = schemas.get(store);
  const url = process.env.DATABASE_URL;
  if (!pgSchema || !url) throw new Error('a replica needs a Postgres test store');
  return CatalogStore.open({ url, pgSchema });
}

export async function openTestStore(backend: Backend = 'pglite'): Promise<CatalogStore> {
  if (backend === 'pglite') return CatalogStore.open({ pgliteSnapshot: await migratedSnapshot() });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const store = await CatalogStore.open({ url, pgSchema });
  schemas.set(store, pgSchema);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    } finally {
      await admin.end();
    }
  };
  return store;
}
