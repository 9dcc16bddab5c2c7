// The daily re-score of everything runs on the job queue as a schedule (croner, in a time zone),
// once per occurrence: on PGlite in one process, and on Postgres with two replicas where the one
// running it, a process of its own, is killed with SIGKILL mid-run and the other completes the
// occurrence, once, after the dead replica's lease runs out.
import { afterEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { InProcessQueue, type JobQueue, ManualClock, PgBossQueue, Schedules } from '../../src/jobs/index.js';
import { createLogger } from '../../src/log.js';
import { DAILY_RESCORE, dailyRescoreSchedule } from '../../src/scorecards/daily-rescore.js';
import { loadScorecards } from '../../src/scorecards/load-scorecards.js';
import { ScoringService } from '../../src/scorecards/scoring-service.js';
import type { ScorecardStore, Stores } from '../../src/store/index.js';
import { postgresMissing, unless } from '../support/skips.js';
import { runChild } from '../cli/child.js';
import { openReplicaStores, openTestStores, testSchemaOf } from '../support/store.js';
import { DAILY_WHEN, LEASE_SECONDS } from './fixtures/daily-rescore-settings.js';

const logger = createLogger({ level: 'silent' });
const PAYMENTS = 'component:default/payments';
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

interface Replica {
  id: string;
  stores: Stores;
  queue: JobQueue;
  schedules: Schedules;
  fullRuns: number;
}

/** A replica's scorer, reading the catalog in pages of 10 entities; `onFull` hears each full run. */
async function replica(
  id: string,
  stores: Stores,
  queue: JobQueue,
  clock: ManualClock,
  onFull?: () => void,
): Promise<Replica> {
  const real = stores.scorecards;
  const store = Object.create(real) as ScorecardStore;
  store.scoringPages = () => real.scoringPages(10);
  const self: Replica = {
    id,
    stores,
    queue,
    schedules: new Schedules({ queue, ledger: stores.once, clock, replicaId: id, leaseSeconds: LEASE_SECONDS }),
    fullRuns: 0,
  };
  const scoring = new ScoringService({
    catalog: stores.catalog,
    store,
    loaded: loadScorecards(loadConfig({}).scorecardDirs),
    logger,
    onScored: (run) => {
      if (run.kind !== 'full') return;
      self.fullRuns++;
      onFull?.();
    },
  });
  await self.schedules.add({ ...dailyRescoreSchedule(scoring, DAILY_WHEN, logger), retry: { retryLimit: 0 } });
  return self;
}

/** Waits until `done` says so (each look is a store read), or fails after a minute. */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the daily re-score', () => {
  it('runs once at 03:00 in its time zone (PGlite, one process)', { timeout: 120_000 }, async () => {
    const stores = await openTestStores();
    cleanup.push(() => stores.close());
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    const clock = new ManualClock('2026-12-08T01:59:00Z');
    const queue = new InProcessQueue(logger);
    cleanup.push(() => queue.stop());
    const only = await replica('only', stores, queue, clock);
    expect(await only.schedules.tick()).toEqual([]);
    expect(await stores.scorecards.levelsOf([PAYMENTS])).toEqual([]);
    clock.set('2026-12-08T02:00:00Z');
    expect(await only.schedules.tick()).toEqual([`schedule:${DAILY_RESCORE}@2026-12-08T02:00:00.000Z`]);
    await queue.drain?.();
    clock.advance(600_000);
    expect(await only.schedules.tick()).toEqual([]);
    await queue.drain?.();
    expect(only.fullRuns).toBe(1);
    // The demo's payments service, scored by it: Silver (its Gold checks need GitHub).
    expect((await stores.scorecards.levelsOf([PAYMENTS]))[0].level).toBe('Silver');
  });

  it('is completed exactly once by the other replica when the process running it is killed mid-run (Postgres)', {
    ...unless(postgresMissing()),
    timeout: 180_000,
  }, async () => {
    const stores = await openTestStores('postgres');
    cleanup.push(() => stores.close());
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    const schema = `${testSchemaOf(stores)}_jobs`;
    cleanup.push(async () => {
      const { default: postgres } = await import('postgres');
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    // A replica process ticks at 02:00 UTC, takes the job and holds before its third page: killed there.
    const child = runChild(
      'test/scorecards/fixtures/rescore-replica.ts',
      [process.env.DATABASE_URL!, testSchemaOf(stores), schema, '2026-12-08T02:00:00Z'],
      {},
    );
    cleanup.push(async () => {
      if (child.process.exitCode === null) child.process.kill('SIGKILL');
    });
    await child.waitForLog((line) => line.msg === 'holding page 3', 'the replica to hold its third page');
    expect(child.logs().map((line) => line.msg)).toContain(`queued schedule:${DAILY_RESCORE}@2026-12-08T02:00:00.000Z`);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    expect(child.logs().map((line) => line.msg)).not.toContain('scored everything');
    // Part-way: two pages of 10 are stored, not all of them.
    const partial = await stores.scorecards.levelCounts();
    const scoredSoFar = partial.reduce((n, c) => n + c.count, 0);
    expect(scoredSoFar).toBeGreaterThan(0);

    // The other replica, at the same minute: within the dead one's lease it queues nothing; after it, it runs it.
    const clock = new ManualClock('2026-12-08T02:00:00Z');
    const own = await openReplicaStores(stores);
    const queue = await PgBossQueue.start({ url: process.env.DATABASE_URL!, schema, pollingIntervalSeconds: 0.5 });
    let scoredAll: () => void = () => {};
    const scoredOnce = new Promise<void>((resolve) => {
      scoredAll = resolve;
    });
    const alive = await replica('replica-b', own, queue, clock, () => scoredAll());
    cleanup.push(async () => {
      alive.schedules.stop();
      await queue.stop();
      await own.close();
    });
    expect(await alive.schedules.tick()).toEqual([]);
    clock.advance((LEASE_SECONDS + 1) * 1000);
    expect(await alive.schedules.tick()).toEqual([`schedule:${DAILY_RESCORE}@2026-12-08T02:00:00.000Z`]);
    await scoredOnce;
    // Done: the ledger holds the occurrence done once, and later ticks queue nothing more.
    const occurrence = async () => stores.once.withPrefix(`schedule:${DAILY_RESCORE}@`);
    await until(async () => (await occurrence()).every((row) => row.doneAt), 'the occurrence to be marked done');
    expect((await occurrence()).map((row) => Boolean(row.doneAt))).toEqual([true]);
    clock.advance(600_000);
    expect(await alive.schedules.tick()).toEqual([]);
    expect(alive.fullRuns).toBe(1);
    // Every entity the scorecards apply to is stored, more than the dead replica got to.
    const counts = await stores.scorecards.levelCounts();
    const scored = counts.reduce((n, c) => n + c.count, 0);
    expect(scored).toBeGreaterThan(scoredSoFar);
    expect((await stores.scorecards.levelsOf([PAYMENTS]))[0].level).toBe('Silver');
    expect(counts.filter((c) => c.scorecard === 'production-readiness')).toEqual(
      expect.arrayContaining([
        { scorecard: 'production-readiness', levelIndex: 1, count: 8 },
        { scorecard: 'production-readiness', levelIndex: 0, count: 7 },
      ]),
    );
  });
});
