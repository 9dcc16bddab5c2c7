// Keys of work that must happen once across every replica (a schedule's occurrence enqueued, a
// team's digest for a week posted). A replica claims a key for a lease; the work runs; the key is
// marked done and never claimed again. A replica that dies holding a claim loses it when the lease
// runs out, and the next to ask takes over. Times come from the caller's clock, so tests can move it.
import { and, eq, isNull, like, lt } from 'drizzle-orm';
import type { Db } from './database.js';
import { onceKeys } from './schema.js';

export interface OnceKeyRow {
  key: string;
  claimedBy: string;
  claimedUntil: Date;
  doneAt?: Date;
  result?: Record<string, unknown>;
}

export class OnceLedger {
  constructor(private readonly db: Db) {}

  /**
   * Claims `key` for `by` until `until`: true when it was free (never claimed, or a lease that ran
   * out before `now` and was never done). False when done, or held by a live lease.
   */
  async claim(key: string, by: string, now: Date, until: Date): Promise<boolean> {
    const rows = await this.db
      .insert(onceKeys)
      .values({ key, claimedBy: by, claimedUntil: until })
      .onConflictDoUpdate({
        target: onceKeys.key,
        set: { claimedBy: by, claimedUntil: until },
        setWhere: and(isNull(onceKeys.doneAt), lt(onceKeys.claimedUntil, now)),
      })
      .returning({ key: onceKeys.key });
    return rows.length > 0;
  }

  /**
   * Marks the key done. With `by`, only while `by` holds the claim (a replica whose lease ran out
   * and was taken over cannot); without, whoever finished the work says so.
   */
  async done(key: string, by: string | undefined, now: Date, result?: Record<string, unknown>): Promise<boolean> {
    const rows = await this.db
      .update(onceKeys)
      .set({ doneAt: now, result: result ?? null })
      .where(
        and(eq(onceKeys.key, key), by === undefined ? undefined : eq(onceKeys.claimedBy, by), isNull(onceKeys.doneAt)),
      )
      .returning({ key: onceKeys.key });
    return rows.length > 0;
  }

  /** Makes `by` the holder of a key not yet done (the replica that took the queued job). */
  async takeOver(key: string, by: string, until: Date): Promise<void> {
    await this.db
      .update(onceKeys)
      .set({ claimedBy: by, claimedUntil: until })
      .where(and(eq(onceKeys.key, key), isNull(onceKeys.doneAt)));
  }

  /** Moves a live claim's end (long work keeps its lease while it runs). */
  async extend(key: string, by: string, until: Date): Promise<void> {
    await this.db
      .update(onceKeys)
      .set({ claimedUntil: until })
      .where(and(eq(onceKeys.key, key), eq(onceKeys.claimedBy, by), isNull(onceKeys.doneAt)));
  }

  /** Gives a claim back at once (the work failed and may be retried by anyone). */
  async release(key: string, by: string): Promise<void> {
    await this.db
      .update(onceKeys)
      .set({ claimedUntil: new Date(0) })
      .where(and(eq(onceKeys.key, key), eq(onceKeys.claimedBy, by), isNull(onceKeys.doneAt)));
  }

  async get(key: string): Promise<OnceKeyRow | undefined> {
    const [row] = await this.db.select().from(onceKeys).where(eq(onceKeys.key, key));
    return row ? toRow(row) : undefined;
  }

  /** Every key starting with `prefix` (a digest week's teams), done or not. */
  async withPrefix(prefix: string): Promise<OnceKeyRow[]> {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = await this.db
      .select()
      .from(onceKeys)
      .where(like(onceKeys.key, `${escaped}%`))
      .orderBy(onceKeys.key);
    return rows.map(toRow);
  }

  /** Forgets finished keys older than `before` (occurrences long past). */
  async forgetDoneBefore(before: Date): Promise<void> {
    await this.db.delete(onceKeys).where(lt(onceKeys.doneAt, before));
  }
}

function toRow(row: typeof onceKeys.$inferSelect): OnceKeyRow {
  return {
    key: row.key,
    claimedBy: row.claimedBy,
    claimedUntil: row.claimedUntil,
    doneAt: row.doneAt ?? undefined,
    result: row.result ?? undefined,
  };
}
