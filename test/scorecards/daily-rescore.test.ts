// The daily re-score of everything runs on the job queue as a schedule (croner, in a time zone),
// once per occurrence: on PGlite in one process, and on Postgres with two replicas where the one
// running it is killed mid-run (its job abandoned, its store closed) and the other completes the
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
import { openReplicaStores, openTestStores, testSchemaOf } from '../support/store.js';

const logger = createLogger({ level: 'silent' });
const PAYMENTS = 'component:default/payments';
// 03:00 in Berlin on 8 December is 02:00 UTC.
const WHEN = { cron: '0 3 * * *', timeZone: 'Europe/Berlin' };
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

/**
 * A replica's scorer reads the catalog in pages of 10 entities, so a run has many pages; `hang`
 * (when given) is asked before each page is written and may hold that write forever.
 */
async function replica(
  id: string,
  stores: Stores,
  queue: JobQueue,
  clock: ManualClock,
  hang?: (id: string) => Promise<void>,
): Promise<Replica> {
  const real = stores.scorecards;
  const store = Object.create(real) as ScorecardStore;
  store.scoringPages = () => real.scoringPages(10);
  store.saveScores = async (...args) => {
    await hang?.(id);
    return real.saveScores(...args);
  };
  const self: Replica = {
    id,
    stores,
    queue,
    schedules: new Schedules({ queue, ledger: stores.once, clock, replicaId: id, leaseSeconds: 120 }),
    fullRuns: 0,
  };
  const scoring = new ScoringService({
    catalog: stores.catalog,
    store,
    loaded: loadScorecards(loadConfig({}).scorecardDirs),
    logger,
    onScored: (run) => {
      if (run.kind === 'full') self.fullRuns++;
    },
  });
  await self.schedules.add({ ...dailyRescoreSchedule(scoring, WHEN, logger), retry: { retryLimit: 0 } });
  return self;
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

  it('is completed exactly once by the other replica when the one running it is killed mid-run (Postgres)', {
    ...unless(postgresMissing()),
    timeout: 180_000,
  }, async () => {
    const stores = await openTestStores('postgres');
    cleanup.push(() => stores.close());
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    const clock = new ManualClock('2026-12-08T02:00:00Z');
    const schema = `${testSchemaOf(stores)}_jobs`;
    cleanup.push(async () => {
      const { default: postgres } = await import('postgres');
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    // Whichever replica writes its third page first never gets past it: it is the one to kill.
    let pagesWritten = 0;
    let stuck: string | undefined;
    let reachedStuck: () => void = () => {};
    const stuckReached = new Promise<void>((resolve) => {
      reachedStuck = resolve;
    });
    const hang = async (id: string) => {
      if (stuck === undefined && ++pagesWritten === 3) {
        stuck = id;
        reachedStuck();
      }
      if (stuck === id) await new Promise(() => {});
    };
    const replicas: Replica[] = [];
    for (const id of ['replica-a', 'replica-b']) {
      const own = await openReplicaStores(stores);
      const queue = await PgBossQueue.start({ url: process.env.DATABASE_URL!, schema, pollingIntervalSeconds: 0.5 });
      const r = await replica(id, own, queue, clock, hang);
      replicas.push(r);
      cleanup.push(async () => {
        r.schedules.stop();
        await queue.stop();
        await own.close();
      });
    }
    // Both tick at that minute: one queues the occurrence; one replica takes the job.
    expect((await Promise.all(replicas.map((r) => r.schedules.tick()))).flat()).toHaveLength(1);
    await stuckReached;
    const dead = replicas.find((r) => r.id === stuck)!;
    const alive = replicas.find((r) => r !== dead)!;
    await (dead.queue as PgBossQueue).crash();
    dead.schedules.stop();
    await dead.stores.close();
    // Part-way: some pages are stored, not all of them.
    const partial = await stores.scorecards.levelCounts();
    const scoredSoFar = partial.reduce((n, c) => n + c.count, 0);

    // Within the dead replica's lease nothing is queued again; after it, the live one runs it.
    expect(await alive.schedules.tick()).toEqual([]);
    clock.advance(121_000);
    expect(await alive.schedules.tick()).toEqual([`schedule:${DAILY_RESCORE}@2026-12-08T02:00:00.000Z`]);
    const deadline = Date.now() + 60_000;
    while (alive.fullRuns === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive.fullRuns).toBe(1);
    expect(dead.fullRuns).toBe(0);
    // Done: later ticks queue nothing more, and the ledger holds the occurrence done once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    clock.advance(600_000);
    expect(await alive.schedules.tick()).toEqual([]);
    const occurrences = await stores.once.withPrefix(`schedule:${DAILY_RESCORE}@`);
    expect(occurrences.map((row) => Boolean(row.doneAt))).toEqual([true]);
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
