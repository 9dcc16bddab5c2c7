// Opens the one database Callboard uses: Postgres through postgres.js when a URL is given,
// embedded PGlite otherwise. Both get the same migrations and the same drizzle queries. Each
// engine's driver is loaded only when that engine is opened: a process uses one of them.
// PGlite runs on a worker thread of its own (pglite-worker.ts): drizzle and the migrator talk to it
// through PgliteWorker, which offers the part of PGlite's client they use.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { migrationsApplied, newestAppliedMigrationQuery } from './migration-state.js';
import { seedFreshDataDir } from './pglite-template.js';
import { PgliteWorker } from './pglite-worker.js';
import * as schema from './schema.js';

export { describeDbError } from './describe-db-error.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * A read that a person waits for, planned once per database session and run by name after: on
 * PGlite, planning the card's query took longer than running it (about 1 ms against 0.6 ms on a
 * quiet machine, several times that on a busy one). `text` uses $1..$n, typed by `params`.
 */
export interface PreparedRead {
  /** A statement name, unique among prepared reads. */
  name: string;
  text: string;
  /** The type of each of `text`'s parameters, in order. */
  params: Array<'text' | 'text[]'>;
}

/** A prepared read's arguments: a string for a text parameter, a list of strings for text[]. */
export type PreparedArgs = Array<string | string[]>;

export interface DatabaseOptions {
  /** Postgres connection string; absent: embedded PGlite. */
  url?: string;
  /** PGlite's folder; absent (with no url): PGlite in memory. */
  dataDir?: string;
  /**
   * Postgres schema to keep every table in (tests use a fresh one each so they can run side by
   * side on one database). Default: public.
   */
  pgSchema?: string;
  /**
   * A PGlite data folder dumped earlier (PGlite's dumpDataDir) to start from instead of an empty
   * database: tests start every store from one already migrated, which is several times faster.
   */
  pgliteSnapshot?: Blob;
}

/** An in-memory PGlite database, migrated, dumped: a starting point for `pgliteSnapshot`. */
export async function migratedPgliteSnapshot(): Promise<Blob> {
  const { drizzlePglite, migratePglite } = await pgliteDriver();
  const client = await PgliteWorker.open({});
  try {
    await migratePglite(drizzlePglite(client as unknown as PGlite), { migrationsFolder: migrationsFolder() });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

export interface Database {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** Calls `onNotify` with the payload whenever NOTIFY `channel` fires (from any replica). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `work` only if no other process holds the lock `name` (a Postgres advisory lock, so
   * one replica of several does the work); { ran: false } when another holds it.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Runs a prepared read (planned on its first run in each session); rows keyed by column name. */
  preparedRead<Row>(read: PreparedRead, args: PreparedArgs): Promise<Row[]>;
  close(): Promise<void>;
}

/** The committed migrations, found from src/store (vitest) and dist/src/store (node) alike. */
export function migrationsFolder(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/') ? resolve(here, '../../../migrations') : resolve(here, '../../migrations');
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.pgSchema)
    : await openPglite(options.dataDir, options.pgliteSnapshot);
  return database;
}

/**
 * PGlite's Postgres settings. Its WASM heap starts at 128 MB (the module's own minimum) and
 * Postgres's default shared_buffers of 128 MB grows it by as much again; a catalog's working set
 * is far smaller, and the data folder's pages stay in the OS cache anyway. A new WAL segment is
 * not filled with zeros first (wal_init_zero=off, safe on every file system; zeros only
 * pre-allocate space): in memory, PGlite's file system grew and copied a 16 MB segment at each
 * 8 kB of zeros, a quarter of the CPU of writing a scorecard run's 30k rows.
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'wal_buffers=512kB', 'wal_init_zero=off'];

async function pgliteDriver() {
  const [{ drizzle }, { migrate }] = await Promise.all([
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  return { drizzlePglite: drizzle, migratePglite: migrate };
}

async function postgresDriver() {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ]);
  return { postgres, drizzlePostgres: drizzle, migratePostgres: migrate };
}

async function openPglite(dataDir?: string, snapshot?: Blob): Promise<Database> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // A fresh folder starts from the template made at install rather than from initdb.
    if (!snapshot) seedFreshDataDir(dataDir);
  }
  // drizzle loads on this thread while the worker starts and opens PGlite.
  const [driver, opened] = await Promise.allSettled([
    pgliteDriver(),
    PgliteWorker.open({ dataDir, loadDataDir: snapshot, postgresqlconf: PGLITE_SETTINGS }),
  ]);
  if (opened.status === 'rejected') throw opened.reason;
  const client = opened.value;
  if (driver.status === 'rejected') {
    await client.close().catch(() => {});
    throw driver.reason;
  }
  const { drizzlePglite, migratePglite } = driver.value;
  // drizzle's pglite driver calls only query (with rowMode and parsers) and transaction.
  const pglite = client as unknown as PGlite;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  try {
    const applied = await migrationsApplied(
      migrationsFolder(),
      async () => (await client.query<{ newest: unknown }>(newestAppliedMigrationQuery('drizzle'))).rows[0]?.newest,
    );
    if (!applied) await migratePglite(drizzlePglite(pglite), { migrationsFolder: migrationsFolder() });
  } catch (error) {
    // The worker would otherwise keep running; the migration's error is the one to report.
    await client.close().catch(() => {});
    throw error;
  }
  return {
    db,
    engine: 'pglite',
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, onNotify);
      return async () => {
        await unsubscribe();
      };
    },
    // PGlite lives inside this one process: an in-process flag is the whole lock.
    exclusively: inProcessLock(),
    preparedRead: pglitePreparedReads(client),
    close: () => client.close(),
  };
}

/**
 * PGlite's query() parses and plans every statement afresh, and it has no named statements of
 * its own: its one session PREPAREs each read once, and EXECUTE runs it by name. EXECUTE takes no
 * bind parameters, so each argument is written as a string literal (quotes doubled; PGlite keeps
 * standard_conforming_strings on, so a backslash is an ordinary character).
 */
function pglitePreparedReads(client: { exec(sql: string): Promise<Array<{ rows: unknown[] }>> }) {
  const prepared = new Map<string, Promise<unknown>>();
  return async <Row>(read: PreparedRead, args: PreparedArgs): Promise<Row[]> => {
    if (
      args.length !== read.params.length ||
      args.some((arg, i) => Array.isArray(arg) !== (read.params[i] === 'text[]'))
    )
      throw new Error(`${read.name} takes (${read.params.join(', ')})`);
    let ready = prepared.get(read.name);
    if (!ready) {
      ready = client.exec(`PREPARE ${read.name}(${read.params.join(', ')}) AS ${read.text}`);
      prepared.set(read.name, ready);
      // A PREPARE that failed is tried again next time rather than remembered.
      ready.catch(() => prepared.delete(read.name));
    }
    await ready;
    const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
    const literals = args
      .map((arg) => (Array.isArray(arg) ? `ARRAY[${arg.map(literal).join(', ')}]::text[]` : literal(arg)))
      .join(', ');
    const results = await client.exec(`EXECUTE ${read.name}(${literals})`);
    return (results[results.length - 1]?.rows ?? []) as Row[];
  };
}

function inProcessLock(): Database['exclusively'] {
  const held = new Set<string>();
  return async (name, work) => {
    if (held.has(name)) return { ran: false };
    held.add(name);
    try {
      return { ran: true, value: await work() };
    } finally {
      held.delete(name);
    }
  };
}

async function openPostgres(url: string, pgSchema?: string): Promise<Database> {
  const { postgres, drizzlePostgres, migratePostgres } = await postgresDriver();
  const connectionOptions = {
    max: 10,
    onnotice: () => {},
    connection: pgSchema ? { search_path: pgSchema } : undefined,
  };
  const client = postgres(url, connectionOptions);
  // Replicas starting together on an empty database would each run the same CREATE TABLEs and
  // all but one fail: the first to take the lock migrates, the others wait and then find nothing
  // left to do. The lock lives in its own session, released when it ends (even by a crash).
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const migrationsSchema = pgSchema ?? 'drizzle';
    const applied = await migrationsApplied(
      migrationsFolder(),
      async () =>
        (await client.unsafe<Array<{ newest: unknown }>>(newestAppliedMigrationQuery(migrationsSchema)))[0]?.newest,
    );
    if (!applied) {
      await lock`SELECT pg_advisory_lock(hashtext(${`callboard-migrations:${pgSchema ?? 'public'}`}))`;
      if (pgSchema) await lock.unsafe(`CREATE SCHEMA IF NOT EXISTS "${pgSchema.replace(/"/g, '')}"`);
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder(), migrationsSchema });
    }
  } catch (error) {
    await client.end();
    // Most often not the migration but the connection: describeDbError names which.
    throw error;
  } finally {
    await lock.end();
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    async listen(channel, onNotify) {
      const { unlisten } = await client.listen(channel, onNotify);
      return unlisten;
    },
    async exclusively(name, work) {
      // Advisory locks belong to a session: hold one connection for the lock's whole life.
      const session = await client.reserve();
      try {
        const [{ locked }] = await session<
          Array<{ locked: boolean }>
        >`SELECT pg_try_advisory_lock(hashtext(${name})) AS locked`;
        if (!locked) return { ran: false };
        try {
          return { ran: true, value: await work() };
        } finally {
          await session`SELECT pg_advisory_unlock(hashtext(${name}))`;
        }
      } finally {
        session.release();
      }
    },
    // postgres.js prepares a named statement on each connection the first time it runs one there.
    preparedRead: async <Row>(read: PreparedRead, args: PreparedArgs) =>
      (await client.unsafe(read.text, args, { prepare: true })) as unknown as Row[],
    close: () => client.end({ timeout: 5 }),
  };
}
