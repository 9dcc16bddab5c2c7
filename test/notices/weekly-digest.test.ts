// The weekly digest on a fake clock at Monday 09:00 (Berlin): one message per team channel with
// what the team owns and its open notices, exactly once per team and week, with three replicas
// on one Postgres starting at that minute and the replica that took the job killed mid-way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { InProcessQueue, type JobQueue, ManualClock, PgBossQueue, Schedules } from '../../src/jobs/index.js';
import { createLogger } from '../../src/log.js';
import { WeeklyDigest } from '../../src/notices/digest.js';
import { renderText } from '../../src/slack/index.js';
import type { Stores } from '../../src/store/index.js';
import { FAKE_BOT_TOKEN, FakeSlack } from '../support/fake-slack.js';
import { openReplicaStores, openTestStores, testSchemaOf } from '../support/store.js';

const TEAMS = ['alpha', 'bravo', 'charlie', 'delta'];
const logger = createLogger({ level: 'silent' });
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

function catalogFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-digest-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  TEAMS.forEach((team, i) => {
    writeFileSync(
      join(dir, `${team}.yaml`),
      `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${team}
  annotations:
    slack.com/channel-id: C0TEAM${i}
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${team}-api
  annotations:
    github.com/project-slug: acme/${team}-api
spec:
  type: service
  lifecycle: production
  owner: ${team}
`,
    );
  });
  return dir;
}

async function world() {
  const slack = await FakeSlack.start({ channels: TEAMS.map((team, i) => ({ id: `C0TEAM${i}`, name: team })) });
  cleanup.push(() => slack.close());
  return slack;
}

function replica(stores: Stores, queue: JobQueue, slack: FakeSlack, clock: ManualClock, id: string) {
  const digest = new WeeklyDigest({
    notices: stores.notices,
    once: stores.once,
    messenger: new SlackNoticeMessenger({
      token: FAKE_BOT_TOKEN,
      apiUrl: slack.apiUrl,
      slackCache: stores.slackCache,
      logger,
    }),
    clock,
    replicaId: id,
    leaseSeconds: 60,
  });
  const schedules = new Schedules({ queue, ledger: stores.once, clock, replicaId: id, leaseSeconds: 120 });
  return { digest, schedules, queue, stores, id };
}

async function addDigestSchedule(r: ReturnType<typeof replica>): Promise<void> {
  await r.schedules.add({
    name: 'weekly-digest',
    cron: '0 9 * * MON',
    timeZone: 'Europe/Berlin',
    retry: { retryLimit: 0 },
    run: async (occurrence) => {
      await r.digest.run(occurrence);
    },
  });
}

function postsByChannel(slack: FakeSlack): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of slack.callsTo('chat.postMessage').filter((c) => c.ok)) {
    const channel = String(call.args.channel);
    counts[channel] = (counts[channel] ?? 0) + 1;
  }
  return counts;
}

const ONE_EACH = Object.fromEntries(TEAMS.map((_, i) => [`C0TEAM${i}`, 1]));

describe('weekly digest', () => {
  it('posts each team its digest once at Monday 09:00 in its time zone (PGlite, one process)', async () => {
    const stores = await openTestStores();
    cleanup.push(() => stores.close());
    await syncFolders(stores.catalog, [catalogFolder()]);
    const slack = await world();
    const clock = new ManualClock('2026-12-07T07:59:00Z');
    const queue = new InProcessQueue(logger);
    cleanup.push(() => queue.stop());
    const only = replica(stores, queue, slack, clock, 'only');
    await addDigestSchedule(only);
    await only.schedules.tick();
    await queue.drain();
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
    clock.set('2026-12-07T08:00:00Z');
    await only.schedules.tick();
    await queue.drain();
    clock.advance(60_000);
    await only.schedules.tick();
    await queue.drain();
    expect(postsByChannel(slack)).toEqual(ONE_EACH);
    const alpha = slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0TEAM0')!;
    const text = renderText(alpha.args as { blocks?: unknown[] });
    expect(text).toContain('Weekly digest: group:default/alpha');
    expect(text).toContain('1 component');
    expect(text).toContain('component:default/alpha-api');
    expect(text).toContain('New this week');
    expect(text).toContain('acme/alpha-api');
  });

  it.runIf(process.env.DATABASE_URL)(
    'sends exactly one per team with three replicas, even when the one running it dies mid-way',
    async () => {
      const stores = await openTestStores('postgres');
      cleanup.push(() => stores.close());
      await syncFolders(stores.catalog, [catalogFolder()]);
      const slack = await world();
      const clock = new ManualClock('2026-12-07T08:00:00Z');
      const schema = `${testSchemaOf(stores)}_jobs`;
      cleanup.push(async () => {
        const { default: postgres } = await import('postgres');
        const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      });
      const replicas = [];
      for (const id of ['replica-a', 'replica-b', 'replica-c']) {
        const own = await openReplicaStores(stores);
        const queue = await PgBossQueue.start({ url: process.env.DATABASE_URL!, schema, pollingIntervalSeconds: 0.5 });
        const r = replica(own, queue, slack, clock, id);
        await addDigestSchedule(r);
        replicas.push(r);
        cleanup.push(async () => {
          r.schedules.stop();
          await queue.stop();
          await own.close();
        });
      }
      // The second digest post never gets an answer: whoever sends it dies there.
      slack.holdNext('chat.postMessage', { after: 1 });
      // All three start at that minute.
      const queued = (await Promise.all(replicas.map((r) => r.schedules.tick()))).flat();
      expect(queued).toHaveLength(1);
      await slack.waitFor(() => slack.heldCalls.includes('chat.postMessage'), 'the second digest post', 20_000);
      const unfinished = (await stores.once.withPrefix('digest:')).filter((row) => !row.doneAt);
      expect(unfinished).toHaveLength(1);
      const dead = replicas.find((r) => r.id === unfinished[0].claimedBy)!;
      await (dead.queue as PgBossQueue).crash();
      dead.schedules.stop();
      await dead.stores.close();
      const alive = replicas.filter((r) => r !== dead);

      // Within the lease nobody else touches it; after it, a live replica finishes the week.
      expect((await Promise.all(alive.map((r) => r.schedules.tick()))).flat()).toEqual([]);
      clock.advance(121_000);
      expect((await Promise.all(alive.map((r) => r.schedules.tick()))).flat()).toHaveLength(1);
      await slack.waitFor(
        () => Object.keys(postsByChannel(slack)).length === TEAMS.length,
        'every team digest',
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      clock.advance(600_000);
      expect((await Promise.all(alive.map((r) => r.schedules.tick()))).flat()).toEqual([]);
      expect(postsByChannel(slack)).toEqual(ONE_EACH);
      const done = await stores.once.withPrefix('digest:');
      expect(done.filter((row) => row.doneAt)).toHaveLength(TEAMS.length);
    },
    90_000,
  );
});
