// Opens a fresh, empty store for a test: PGlite in memory always, and the machine's Postgres too
// when DATABASE_URL is set (each store in a schema of its own, dropped on close).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import {
  CatalogStore,
  migratedPgliteSnapshot,
  openDatabase,
  storesOn,
  type Database,
  type Db,
  type Stores,
} from '../../src/store/index.js';

export type Backend = 'pglite' | 'postgres';

/** The backends the store's tests run on here: PGlite always, Postgres when DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

let snapshot: Promise<Blob> | undefined;

/** Migrating costs seconds: each test worker migrates once and starts every store from a copy. */
export function migratedSnapshot(): Promise<Blob> {
  snapshot ??= migratedPgliteSnapshot();
  return snapshot;
}

/** A fresh, migrated, empty PGlite database (from this worker's snapshot), for tests of the database itself. */
export async function openTestPglite(): Promise<Database> {
  return openDatabase({ pgliteSnapshot: await migratedSnapshot() });
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

/** Every store of a second replica on the same Postgres schema as `stores` (see openReplicaStore). */
export async function openReplicaStores(stores: Stores): Promise<Stores> {
  return storesOn(await openDatabase({ url: postgresUrl(), pgSchema: testSchemaOf(stores) }));
}

/** The Postgres schema a test store lives in, for a child process to open it too. */
export function testSchemaOf(stores: Stores): string {
  const pgSchema = schemas.get(stores.catalog);
  if (!pgSchema) throw new Error('not a Postgres test store');
  return pgSchema;
}

function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('a replica needs DATABASE_URL');
  return url;
}

/** A fresh catalog store alone (its database closes, and its Postgres schema is dropped, with it). */
export async function openTestStore(backend: Backend = 'pglite'): Promise<CatalogStore> {
  const stores = await openTestStores(backend);
  stores.catalog.close = stores.close;
  return stores.catalog;
}

/** Fresh stores, opened together as Callboard opens them; `db` lets a test read what ended up stored. */
export async function openTestStores(backend: Backend = 'pglite'): Promise<TestStores> {
  if (backend === 'pglite') return testStoresOn(await openTestPglite());
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const stores = testStoresOn(await openDatabase({ url, pgSchema }));
  schemas.set(stores.catalog, pgSchema);
  const close = stores.close;
  stores.close = async () => {
    await close();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    } finally {
      await admin.end();
    }
  };
  return stores;
}

export interface TestStores extends Stores {
  /** The raw tables, for assertions on what was stored; the code under test never gets this. */
  db: Db;
}

/** Test stores over a database a test opened itself (e.g. through a proxy it can cut). */
export function testStoresOn(database: Database): TestStores {
  return { ...storesOn(database), db: database.db };
}
