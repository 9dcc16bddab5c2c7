// The code of PGlite's worker thread, as plain JavaScript run with `new Worker(source, { eval: true })`.
// It is a string rather than a module of its own because the same file must run under vitest
// (which runs the TypeScript sources, and whose transform never reaches a worker thread) and from
// dist/ under plain node. It loads PGlite from the URL the main thread resolved, opens it with the
// options it was given, and answers the main thread's requests (pglite-worker.ts) one message each.
//
// The first message is { wasmModule }, PGlite's compiled WASM; the worker answers { id: 0 } once
// PGlite is open (or with the error it failed with). Then requests: { id, op, ... } with op one of
// query, exec, begin, commit, rollback, listen, unlisten, dump, close. Replies: { id, result } or
// { id, error }, an error as a plain object of its fields (a DatabaseError's code, detail,
// constraint, ...: structured cloning keeps only an Error's message). NOTIFY: { listener, payload }.
export const PGLITE_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

const identity = (value) => value;
/** The interactive transactions the main thread holds open, by its id: PGlite's tx and how to end it. */
const transactions = new Map();
/** Unsubscribe functions of the main thread's listeners, by its id. */
const listeners = new Map();
const ROLLBACK = Symbol('rollback');
let pg;

/** An error as a cloneable object: every field a DatabaseError (or a Node error) carries. */
function errorFields(error) {
  if (error === null || typeof error !== 'object') return { message: String(error) };
  const fields = { message: String(error.message), name: error.name, stack: error.stack };
  for (const key of Object.keys(error)) {
    const value = error[key];
    if (value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      fields[key] = value;
    }
  }
  if (error.cause !== undefined) fields.cause = errorFields(error.cause);
  return fields;
}

/** PGlite parses every type it knows; these oids the caller wants as Postgres's text. */
function rawParsers(oids) {
  if (!oids || oids.length === 0) return undefined;
  const parsers = {};
  for (const oid of oids) parsers[oid] = identity;
  return parsers;
}

function target(tx) {
  if (tx === undefined) return pg;
  const open = transactions.get(tx);
  if (!open) throw new Error('Transaction is closed');
  return open.tx;
}

/** Opens PGlite's transaction and holds it open until the main thread commits or rolls back. */
function begin(id) {
  return new Promise((opened, failed) => {
    let end;
    const ended = new Promise((resolve, reject) => {
      end = { resolve, reject };
    });
    const settled = pg.transaction(async (tx) => {
      transactions.set(id, { tx, end, settled });
      opened();
      return ended;
    });
    // Before the callback ran (BEGIN failed) this fails the begin; after, finish() reports it.
    settled.catch(failed);
  });
}

async function finish(id, commit) {
  const open = transactions.get(id);
  if (!open) throw new Error('Transaction is closed');
  if (commit) open.end.resolve();
  else open.end.reject(ROLLBACK);
  try {
    await open.settled;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(id);
  }
}

async function handle(message) {
  switch (message.op) {
    case 'query':
      return target(message.tx).query(message.sql, message.params, {
        rowMode: message.rowMode,
        parsers: rawParsers(message.raw),
      });
    case 'exec':
      return target(message.tx).exec(message.sql);
    case 'begin':
      return begin(message.tx);
    case 'commit':
      return finish(message.tx, true);
    case 'rollback':
      return finish(message.tx, false);
    case 'listen': {
      const unsubscribe = await pg.listen(message.channel, (payload) =>
        parentPort.postMessage({ listener: message.listener, payload }),
      );
      listeners.set(message.listener, unsubscribe);
      return undefined;
    }
    case 'unlisten': {
      const unsubscribe = listeners.get(message.listener);
      listeners.delete(message.listener);
      if (unsubscribe) await unsubscribe();
      return undefined;
    }
    case 'dump':
      return pg.dumpDataDir(message.compression);
    case 'close':
      await pg.close();
      return undefined;
    default:
      throw new Error('unknown request to the PGlite worker: ' + message.op);
  }
}

(async () => {
  try {
    // The main thread sends PGlite's compiled WASM first, while this thread loads PGlite's JS.
    const [{ PGlite }, { wasmModule }] = await Promise.all([
      import(workerData.pgliteUrl),
      new Promise((resolve) => parentPort.once('message', resolve)),
    ]);
    pg = await PGlite.create({ ...workerData.options, pgliteWasmModule: wasmModule });
  } catch (error) {
    parentPort.postMessage({ id: 0, error: errorFields(error) });
    return;
  }
  parentPort.on('message', (message) => {
    handle(message).then(
      (result) => parentPort.postMessage({ id: message.id, result }),
      (error) => parentPort.postMessage({ id: message.id, error: errorFields(error) }),
    );
  });
  parentPort.postMessage({ id: 0, result: 'ready' });
})();
`;
