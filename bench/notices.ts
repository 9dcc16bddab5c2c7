// Notices at scale: a 20k-entity catalog where 2,000 entities break at once (problems injected
// into the finder's facts, as a sync would store them), every notice found, stored and sent; the
// longest event-loop stall meanwhile; notice raised -> posted with no batching wait (p50); and
// the weekly digest for every team channel. Slack is a local stand-in that answers in Slack's
// shape and notes when each message arrived in which channel.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { SlackNoticeMessenger } from '../commands/notices/slack-notice-messenger.js';
import { entityRef, parseEntityRef, stringifyEntityRef } from '../src/catalog/refs.js';
import { RELATION_OWNED_BY } from '../src/catalog/relation-types.js';
import { InProcessQueue, systemClock } from '../src/jobs/index.js';
import { createLogger } from '../src/log.js';
import { WeeklyDigest } from '../src/notices/digest.js';
import { NoticeService } from '../src/notices/notice-service.js';
import { openStores, type Stores } from '../src/store/index.js';
import { BENCH_LOCATION_CHANGE, writes } from './catalog-writes.js';
import { ActivityLog, busyStallText, longestStall } from './event-loop-stall.js';
import { generateOrganisation } from './generate-org.js';

const CATALOG = 20_000;
const BROKEN = 2_000;

interface Post {
  channel: string;
  at: number;
  text: string;
}

async function slackStandIn() {
  const posts: Post[] = [];
  let ts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const args = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const method = (req.url ?? '').replace('/api/', '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (method === 'chat.postMessage') {
        posts.push({ channel: args.channel, at: performance.now(), text: args.text ?? '' });
        res.end(JSON.stringify({ ok: true, channel: args.channel, ts: `1800000000.${String(++ts).padStart(6, '0')}` }));
      } else if (method === 'conversations.open')
        res.end(JSON.stringify({ ok: true, channel: { id: `D${args.users}` } }));
      else res.end(JSON.stringify({ ok: false, error: 'users_not_found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return { posts, apiUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * On embedded PGlite, and on Postgres too when DATABASE_URL is set (in a schema of its own, dropped
 * after); BENCH_ENGINE=pglite or postgres runs one of them.
 */
export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const only = process.env.BENCH_ENGINE;
  if (only !== 'postgres') {
    console.log('engine: PGlite (embedded)');
    await runOn(await openStores());
  }
  if (only === 'pglite') return;
  if (!url) {
    console.log('engine: Postgres skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test_notices)');
    return;
  }
  const pgSchema = `bench_notices_${randomBytes(4).toString('hex')}`;
  console.log('engine: Postgres (postgres.js)');
  try {
    await runOn(await openStores({ url, pgSchema }));
  } finally {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await admin.end();
  }
}

async function runOn(stores: Stores): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const slack = await slackStandIn();
  const queue = new InProcessQueue(logger);
  try {
    const entities = generateOrganisation(CATALOG);
    // Owners come from each entity's ownedBy relation, as a sync would write it.
    const upserts = writes(entities).map((write) => {
      const owner = write.entity.spec?.owner;
      if (typeof owner !== 'string') return write;
      const target = stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'Group' }));
      return { ...write, relations: [{ source: write.ref, type: RELATION_OWNED_BY, target }] };
    });
    await stores.catalog.applyLocationChange({ ...BENCH_LOCATION_CHANGE, upserts });
    const messenger = new SlackNoticeMessenger({
      token: 'xoxb-bench',
      apiUrl: slack.apiUrl,
      slackCache: stores.slackCache,
      logger,
    });
    const service = new NoticeService({
      catalog: stores.catalog,
      notices: stores.notices,
      queue,
      messenger,
      clock: systemClock,
      settings: { platformChannel: 'C0PLATFORM', maxDirectMessages: 3, batchSeconds: 0 },
      logger,
    });
    const owned = entities.filter((e) => e.kind === 'Component' && e.spec?.owner).slice(0, BROKEN);
    const problems = owned.map((e, i) => ({
      locationKey: BENCH_LOCATION_CHANGE.location.key,
      file: 'catalog-info.yaml',
      document: i,
      field: 'spec.type',
      entityRef: entityRef(e),
      message: 'must be a string',
      category: 'document',
    }));
    const facts = await stores.notices.facts();
    // Only the problems differ from what the store holds: inject them where the finder reads.
    stores.notices.facts = async () => ({ ...facts, problems });
    // What ran around the longest stall, by name.
    const activity = new ActivityLog();
    activity.wrap(stores.notices, 'notices', [
      'reconcile',
      'claimToPost',
      'markSent',
      'claimToEdit',
      'release',
      'nextDue',
      'inMessage',
    ]);
    activity.wrap(service as unknown as Record<string, unknown>, 'service', ['findWithFacts']);
    activity.wrap(service.router, 'router', ['route']);
    activity.wrap(messenger, 'slack', ['postNotices', 'openDirectMessage', 'slackUserIds']);
    activity.wrap(stores.catalog, 'catalog', ['getEntity', 'getEntities', 'relationsFrom']);
    let sent = 0;
    const started = performance.now();
    const profile = await startProfile();
    const stall = await longestStall(async () => {
      await service.reconcile();
      sent = (await service.delivery.deliverDue()).noticesSent;
    }, activity);
    await profile?.();
    const seconds = (performance.now() - started) / 1000;
    const byChannel = new Map<string, number[]>();
    for (const post of slack.posts) byChannel.set(post.channel, [...(byChannel.get(post.channel) ?? []), post.at]);
    const teams = new Set(problems.map((p) => entities.find((e) => entityRef(e) === p.entityRef)?.spec?.owner)).size;
    const twice = [...byChannel.values()].filter((times) => times.length > 1).length;
    console.log(
      `${BROKEN} of ${CATALOG} entities break at once: ${sent} notices sent in ${slack.posts.length} messages to ${byChannel.size} channels (${teams} owning teams) in ${seconds.toFixed(1)} s; channels that got more than one message: ${twice}`,
    );
    console.log(`longest event-loop stall while they went out: ${busyStallText(stall)}`);

    // Raised -> posted, no batching wait: one new notice at a time.
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = slack.posts.length;
      const extra = { ...problems[0], document: BROKEN + i, message: `new problem ${i}` };
      stores.notices.facts = async () => ({ ...facts, problems: [...problems, extra] });
      const raised = performance.now();
      await service.reconcile();
      await service.delivery.deliverDue();
      const post = slack.posts[before];
      if (post) latencies.push(post.at - raised);
      // Let the channel's one-a-second turn pass so pacing is not what is measured.
      stores.notices.facts = async () => ({ ...facts, problems });
      await service.reconcile();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `notice raised -> posted (no batching wait), p50: ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms over ${latencies.length}`,
    );

    stores.notices.facts = async () => facts;
    const digest = new WeeklyDigest({
      notices: stores.notices,
      once: stores.once,
      messenger,
      clock: systemClock,
      replicaId: 'bench',
      logger,
    });
    const before = slack.posts.length;
    const digestStarted = performance.now();
    const first = await digest.run(new Date('2026-12-07T09:00:00Z'));
    const digestSeconds = (performance.now() - digestStarted) / 1000;
    const again = await digest.run(new Date('2026-12-07T09:00:00Z'));
    const digestChannels = new Map<string, number>();
    for (const post of slack.posts.slice(before))
      digestChannels.set(post.channel, (digestChannels.get(post.channel) ?? 0) + 1);
    const twiceDigest = [...digestChannels.values()].filter((n) => n > 1).length;
    console.log(
      `weekly digest: ${first.sent.length} team channels sent in ${digestSeconds.toFixed(1)} s (${digestSeconds <= 600 ? 'within' : 'NOT within'} 10 minutes of the hour); a second run sent ${again.sent.length}; channels that got it twice: ${twiceDigest} (${slack.posts.length - before} messages in all)`,
    );
  } finally {
    await queue.stop();
    await slack.close();
    await stores.close();
  }
}

/**
 * With BENCH_CPU_PROFILE=<file>, a CPU profile of the time the notices go out (not the catalog's
 * setup), for finding what holds the event loop: open it in Chrome's DevTools.
 */
async function startProfile(): Promise<(() => Promise<void>) | undefined> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the notices going out: ${file}`);
  };
}
