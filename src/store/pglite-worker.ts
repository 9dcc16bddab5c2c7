// Embedded PGlite on a worker thread of its own. PGlite runs Postgres as WASM synchronously inside
// the JS task that calls it: in the serving thread, every query would stop the event loop for as
// long as it ran (a page of 1,000 entities: 683 ms in which no Slack request, timer or health check
// is answered). Here the serving thread only posts a message and waits for the answer.
//
// PgliteWorker offers the part of PGlite's client that drizzle's pglite driver and database.ts use
// (query with rowMode and parsers, exec, transaction, listen, dumpDataDir, close), so
// `drizzle(worker)` and drizzle's migrator work unchanged. The worker's code is
// pglite-worker-source.ts. PGlite's WASM is compiled once per process and handed to each worker
// (a WebAssembly.Module is shared, not copied, between threads). Its 6 MB file system bundle is
// read by each worker itself (from the OS's cache: a few milliseconds), not kept in this thread.
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source.js';

export interface PgliteWorkerOptions {
  dataDir?: string;
  /** A data folder dumped earlier (dumpDataDir) to start from. */
  loadDataDir?: Blob;
  postgresqlconf?: string[];
}

/** Options of a query, as drizzle passes them: parsers by type oid, run on this thread. */
export interface WorkerQueryOptions {
  rowMode?: 'object' | 'array';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

export interface WorkerResults<T = Record<string, unknown>> {
  rows: T[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
  command?: string;
  rowCount?: number;
}

/** A transaction's queries, routed to PGlite's own transaction in the worker. */
export interface WorkerTransaction {
  query<T>(sql: string, params?: unknown[], options?: WorkerQueryOptions): Promise<WorkerResults<T>>;
  exec(sql: string): Promise<WorkerResults[]>;
  readonly closed: boolean;
}

/**
 * An error PGlite raised in the worker, with every field it had: a DatabaseError's code, detail,
 * constraint, table, schema, position, severity and the rest, a Node error's code and path.
 */
export class PgliteWorkerError extends Error {
  [field: string]: unknown;
}

/**
 * How much a WebAssembly function of PGlite runs before V8 recompiles it with its optimising
 * compiler: 100 times V8's default. At the default, a first start optimised a great share of
 * Postgres's code for a single sync and a handful of queries, and that code stayed resident
 * (about 30 MB of a 260 MB start). At this budget only what runs hot for long (a large sync's
 * inserts, a busy bot's lookups) is optimised: a 16k-entity ingest took as long as before.
 * V8's flags are the process's, worker threads included; it is set before PGlite's module is
 * compiled. It holds for every module instantiated later; the only other one here is the HTTP
 * parser of Node's fetch, which is small and quick enough unoptimised.
 */
const PGLITE_WASM_TIERING_BUDGET = 180_000_000;

/**
 * The worker's young generation, in MB. Its JavaScript only turns PGlite's rows into messages, so
 * short-lived objects never need V8's default semi-spaces (16 MB each); left at the default they
 * kept the serving process about 10 MB above its RSS goal on the demo catalog.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

let compiled: Promise<WebAssembly.Module> | undefined;

/** PGlite's WASM compiled (off this thread, by V8's background compiler), once per process. */
function pgliteWasmModule(pgliteUrl: string): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    setFlagsFromString(`--wasm-tiering-budget=${PGLITE_WASM_TIERING_BUDGET}`);
    return WebAssembly.compile(await readFile(new URL('./pglite.wasm', pgliteUrl)));
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Request =
  | { op: 'query'; sql: string; params?: unknown[]; rowMode?: 'object' | 'array'; raw?: number[]; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { op: 'listen'; channel: string; listener: number }
  | { op: 'unlisten'; listener: number }
  | { op: 'dump'; compression?: 'none' | 'gzip' | 'auto' }
  | { op: 'close' };

type Reply = { id: number; result?: unknown; error?: Record<string, unknown> } | { listener: number; payload: string };

export class PgliteWorker {
  /** Starts a worker and opens PGlite in it; rejects with PGlite's own error when it cannot open. */
  static async open(options: PgliteWorkerOptions): Promise<PgliteWorker> {
    const pgliteUrl = import.meta.resolve('@electric-sql/pglite');
    const worker = new Worker(PGLITE_WORKER_SOURCE, {
      eval: true,
      workerData: { pgliteUrl, options },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const client = new PgliteWorker(worker);
    try {
      // The worker loads PGlite's JS while the WASM compiles (the first time); then it opens PGlite.
      worker.postMessage({ wasmModule: await pgliteWasmModule(pgliteUrl) });
      await client.opened;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return client;
  }

  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  private nextId = 1;
  private nextTransaction = 1;
  private nextListener = 1;
  /** Why no request can be answered any more: closed, or the worker died. */
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly opened: Promise<unknown>;

  private constructor(private readonly worker: Worker) {
    // Request 0 is the worker's own "ready" (or the error PGlite failed to open with).
    this.opened = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }));
    // Awaited by open(), unless the WASM failed to compile first: then the worker's end is no news.
    this.opened.catch(() => {});
    worker.on('message', (reply: Reply) => this.receive(reply));
    worker.on('error', (error) =>
      this.stop(new Error(`PGlite's worker thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('messageerror', (error) => {
      this.stop(new Error(`PGlite's worker thread sent an answer that could not be read: ${error.message}`));
      void worker.terminate();
    });
    worker.on('exit', (code) => this.stop(new Error(`PGlite's worker thread exited (code ${code})`)));
  }

  get closed(): boolean {
    return this.stopped !== undefined;
  }

  query<T>(sql: string, params?: unknown[], options: WorkerQueryOptions = {}): Promise<WorkerResults<T>> {
    return this.runQuery<T>(undefined, sql, params, options);
  }

  exec(sql: string): Promise<WorkerResults[]> {
    return this.request({ op: 'exec', sql }) as Promise<WorkerResults[]>;
  }

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Other
   * queries wait for it, as on PGlite itself (its transaction mutex, in the worker).
   */
  async transaction<T>(work: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const id = this.nextTransaction++;
    await this.request({ op: 'begin', tx: id });
    let closed = false;
    const open = (): void => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: WorkerTransaction = {
      query: async <R>(sql: string, params?: unknown[], options: WorkerQueryOptions = {}) => {
        open();
        return this.runQuery<R>(id, sql, params, options);
      },
      exec: async (sql: string) => {
        open();
        return this.request({ op: 'exec', sql, tx: id }) as Promise<WorkerResults[]>;
      },
      get closed() {
        return closed;
      },
    };
    let value: T;
    try {
      value = await work(tx);
    } catch (error) {
      closed = true;
      await this.request({ op: 'rollback', tx: id });
      throw error;
    }
    closed = true;
    await this.request({ op: 'commit', tx: id });
    return value;
  }

  /** Calls `onNotify` with each NOTIFY payload on `channel`; the function returned stops it. */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = this.nextListener++;
    this.listeners.set(listener, onNotify);
    try {
      await this.request({ op: 'listen', channel, listener });
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return async () => {
      this.listeners.delete(listener);
      // A closed database listens to nothing any more.
      if (!this.stopped) await this.request({ op: 'unlisten', listener });
    };
  }

  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob> {
    return this.request({ op: 'dump', compression }) as Promise<Blob>;
  }

  /** Closes PGlite (which writes out its files) and ends the worker, so the process can exit. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.stopped) return;
      try {
        await this.request({ op: 'close' });
      } finally {
        this.stop(new Error('PGlite is closed'));
        await this.worker.terminate();
      }
    })();
    return this.closing;
  }

  private async runQuery<T>(
    tx: number | undefined,
    sql: string,
    params: unknown[] | undefined,
    options: WorkerQueryOptions,
  ): Promise<WorkerResults<T>> {
    const parsers = options.parsers;
    const raw = parsers ? Object.keys(parsers).map(Number) : undefined;
    const results = (await this.request({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode,
      raw,
      tx,
    })) as WorkerResults<T>;
    if (parsers && raw && raw.length > 0) applyParsers(results, parsers, options.rowMode ?? 'object');
    return results;
  }

  private request(request: Request): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter that cannot be sent to another thread (a function, a symbol).
        reject(error);
        return;
      }
      // An idle PGlite never kept a process alive; one waiting for an answer does.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  private receive(reply: Reply): void {
    if ('listener' in reply) {
      this.listeners.get(reply.listener)?.(reply.payload);
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.settled(reply.id);
    if (reply.error) pending.reject(workerError(reply.error));
    else pending.resolve(reply.result);
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** No answer will come any more: every request still waiting fails with `reason`, and so do later ones. */
  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const [id, pending] of this.pending) {
      this.settled(id);
      pending.reject(this.stopped);
    }
  }
}

/** Runs the caller's parsers on this thread over the columns the worker sent as text. */
function applyParsers(
  results: WorkerResults<unknown>,
  parsers: NonNullable<WorkerQueryOptions['parsers']>,
  rowMode: 'object' | 'array',
): void {
  const columns = results.fields
    .map((field, index) => ({ index, name: field.name, type: field.dataTypeID, parse: parsers[field.dataTypeID] }))
    .filter((column) => column.parse !== undefined);
  if (columns.length === 0) return;
  for (const row of results.rows as Array<Record<string | number, unknown>>) {
    for (const column of columns) {
      const key = rowMode === 'array' ? column.index : column.name;
      const value = row[key];
      if (typeof value === 'string') row[key] = column.parse!(value, column.type);
    }
  }
}

function workerError(fields: Record<string, unknown>): PgliteWorkerError {
  const cause = fields.cause as Record<string, unknown> | undefined;
  const error = new PgliteWorkerError(String(fields.message), cause ? { cause: workerError(cause) } : undefined);
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'message' && key !== 'cause') error[key] = value;
  }
  return error;
}
