// Embedded PGlite runs on a worker thread: while a long query runs, the serving thread keeps
// answering (its timers fire), and queries, errors, transactions and NOTIFY behave as PGlite's own.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/index.js';
import { PgliteWorker } from '../../src/store/pglite-worker.js';
import { migratedSnapshot, openTestPglite } from '../support/store.js';

const opened: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function database(): Promise<Database> {
  const database = await openTestPglite();
  opened.push(database);
  return database;
}

/** Rows of a drizzle `execute` on PGlite. */
function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A query that keeps PGlite busy for a good while (hundreds of milliseconds here). */
const LONG_SQL = 'SELECT sum(i % 7)::int8 AS total FROM generate_series(1, 3000000) AS i';

describe('PGlite on a worker thread', () => {
  it('keeps the event loop turning while a long query runs', async () => {
    const { db } = await database();
    let finished = false;
    const query = db.execute(sql.raw(LONG_SQL)).then((result) => {
      finished = true;
      return result;
    });
    // Each tick is a timer callback that ran on this thread while the query was still running.
    let ticksDuringQuery = 0;
    while (!finished && ticksDuringQuery < 5) {
      await new Promise((tick) => setTimeout(tick, 1));
      if (!finished) ticksDuringQuery++;
    }
    expect(ticksDuringQuery).toBe(5);
    expect(rows<{ total: number }>(await query)).toEqual([{ total: 8999997 }]);
  });

  it('returns rows, and PGlite errors with their Postgres fields (a unique violation is 23505)', async () => {
    const { db } = await database();
    await db.execute(sql`CREATE TABLE probe (name text CONSTRAINT probe_name PRIMARY KEY, seen timestamptz)`);
    await db.execute(sql`INSERT INTO probe VALUES ('payments', '2026-01-02T03:04:05Z')`);
    expect(rows(await db.execute(sql`SELECT name, seen FROM probe`))).toEqual([
      { name: 'payments', seen: '2026-01-02 03:04:05+00' },
    ]);

    const failure = await db.execute(sql`INSERT INTO probe VALUES ('payments', NULL)`).catch((error: Error) => error);
    const cause = (failure as Error).cause as Record<string, unknown>;
    expect(cause).toBeInstanceOf(Error);
    expect(cause).toMatchObject({
      message: 'duplicate key value violates unique constraint "probe_name"',
      code: '23505',
      severity: 'ERROR',
      constraint: 'probe_name',
      table: 'probe',
      schema: 'public',
      detail: 'Key (name)=(payments) already exists.',
    });
  });

  it('rolls a transaction back when its work throws, and commits it when it returns', async () => {
    const { db } = await database();
    await db.execute(sql`CREATE TABLE probe (name text PRIMARY KEY)`);
    const refused = await db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO probe VALUES ('half-written')`);
        throw new Error('the work failed');
      })
      .catch((error: Error) => error.message);
    expect(refused).toBe('the work failed');
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO probe VALUES ('kept')`);
      // A savepoint rolled back inside a committed transaction.
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`INSERT INTO probe VALUES ('inner')`);
          throw new Error('inner work failed');
        })
        .catch(() => {});
    });
    expect(rows(await db.execute(sql`SELECT name FROM probe ORDER BY name`))).toEqual([{ name: 'kept' }]);
  });

  it('delivers NOTIFY payloads to listeners until they stop listening', async () => {
    const database_ = await database();
    const heard: string[] = [];
    let heardOne: () => void = () => {};
    const stop = await database_.listen('probe_channel', (payload) => {
      heard.push(payload);
      heardOne();
    });
    const arrived = new Promise<void>((resolve) => {
      heardOne = resolve;
    });
    await database_.db.execute(sql`SELECT pg_notify('probe_channel', 'version 7')`);
    await arrived;
    await stop();
    await database_.db.execute(sql`SELECT pg_notify('probe_channel', 'version 8')`);
    // A round trip after the second NOTIFY: any payload for it would have arrived before this answer.
    await database_.db.execute(sql`SELECT 1`);
    expect(heard).toEqual(['version 7']);
  });

  it('fails every waiting query with a clear error when the worker thread dies, and later ones too', async () => {
    const client = await PgliteWorker.open({ loadDataDir: await migratedSnapshot() });
    opened.push(client);
    const waiting = client.query(LONG_SQL).catch((error: Error) => error);
    // An unexpected exit, as a crash of the thread would be.
    await (client as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(String(await waiting)).toMatch(/PGlite's worker thread exited/);
    await expect(client.query('SELECT 1')).rejects.toThrow(/PGlite's worker thread exited/);
  });

  it('refuses queries once closed', async () => {
    const database_ = await openTestPglite();
    await database_.close();
    const refused = await database_.db.execute(sql`SELECT 1`).catch((error: Error) => error);
    expect(String((refused as Error).cause)).toMatch(/PGlite is closed/);
  });
});
