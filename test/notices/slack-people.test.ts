// "No Slack account found" orphans: the workspace's people are read from the fake Slack's
// users.list a page at a time (cursor after cursor) from the reconcile job, matched to User
// entities by email. A group none of whose members has an active Slack user gets one orphan notice
// saying so; a failed, rate-limited or partial read raises nothing; the notice resolves when a
// member appears in Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { SlackPeople } from '../../src/notices/slack-people.js';
import { renderText } from '../../src/slack/index.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { NoticeWorld } from './support.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { FAKE_BOT_TOKEN } from '../support/fake-slack.js';

// A team without a channel: its notices go to its members by DM, or with nobody reachable, to
// the platform channel.
const TEAM_WITHOUT_CHANNEL = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
spec:
  type: team
  children: []
  members: [amara, bo]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: amara
spec:
  profile:
    email: amara@example.com
  memberOf: [payments-team]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: bo
spec:
  profile:
    email: Bo@Example.com
  memberOf: [payments-team]
`;

describe('orphans with no Slack account', () => {
  let stores: TestStores;
  let world: NoticeWorld;
  let waits: number[];

  beforeEach(async () => {
    stores = await openTestStores();
    world = await NoticeWorld.open(stores);
    world.write('team.yaml', TEAM_WITHOUT_CHANNEL);
    await world.sync();
    waits = [];
    // The fake's workspace: amara is not in it, bo was deactivated; others fill a few pages.
    world.slack.users.splice(
      0,
      world.slack.users.length,
      { id: 'U0ZED', name: 'zed', email: 'zed@example.com' },
      { id: 'U0BO', name: 'bo', email: 'bo@example.com', deleted: true },
      { id: 'U0BOT1', name: 'deploybot', isBot: true },
      { id: 'U0YAN', name: 'yan', email: 'yan@example.com' },
      { id: 'U0XIA', name: 'xia', email: 'xia@example.com' },
    );
  });

  afterEach(async () => {
    await world.close();
    await stores.close();
  });

  function people(): SlackPeople {
    const messenger = new SlackNoticeMessenger({
      token: FAKE_BOT_TOKEN,
      apiUrl: world.slack.apiUrl,
      slackCache: stores.slackCache,
      logger: createLogger({ level: 'silent' }),
    });
    return new SlackPeople({
      client: messenger.client,
      cache: stores.slackCache,
      once: stores.once,
      clock: world.clock,
      replicaId: 'replica-a',
      pageSize: 2,
      wait: async (ms) => {
        waits.push(ms);
      },
      logger: createLogger({ level: 'silent' }),
    });
  }

  /** A reconcile that starts the read, the read to its end, then the reconcile it asks for. */
  async function reconcileAfterRead(slackPeople: SlackPeople) {
    const service = world.replica(stores, 0, undefined, slackPeople);
    await service.reconcile();
    await slackPeople.whenIdle();
    await service.reconcile();
    await service.deliver();
    return service;
  }

  function orphanPosts() {
    return world
      .posts()
      .map((post) => renderText(post.args as { blocks?: unknown[] }))
      .filter((text) => text.includes('No Slack account found'));
  }

  it('reads users.list page by page and sends one orphan notice naming why', async () => {
    await reconcileAfterRead(people());
    const lists = world.slack.callsTo('users.list');
    expect(lists.map((call) => call.args)).toEqual([
      { limit: '2' },
      { limit: '2', cursor: expect.any(String) },
      { limit: '2', cursor: expect.any(String) },
    ]);
    expect(lists.every((call) => call.ok)).toBe(true);
    // Tier 2's pace between pages.
    expect(waits).toEqual([3000, 3000]);
    const posts = world.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0].args.channel).toBe('C0PLATFORM');
    const text = orphanPosts()[0];
    expect(text).toContain('group:default/payments-team');
    expect(text).toContain('user:default/amara (amara@example.com)');
    expect(text).toContain('user:default/bo (Bo@Example.com)');
    // Stored for every replica and for routing: bo is deactivated, amara unknown to Slack.
    expect(
      await stores.slackCache.knownSlackAccounts(['amara@example.com', 'bo@example.com', 'zed@example.com']),
    ).toEqual(
      new Map([
        ['amara@example.com', null],
        ['bo@example.com', null],
        ['zed@example.com', 'U0ZED'],
      ]),
    );
    // A second replica and a second reconcile send nothing more, nor read Slack again this period.
    const again = await reconcileAfterRead(people());
    await again.reconcile();
    expect(world.posts()).toHaveLength(1);
    expect(world.slack.callsTo('users.list')).toHaveLength(3);
  });

  it('raises nothing from a failed or partial read, and reads again later', async () => {
    // The second page fails: the first page's answers are not kept.
    world.slack.failNext('users.list', 'internal_error', { after: 1 });
    const slackPeople = people();
    await reconcileAfterRead(slackPeople);
    expect(world.slack.callsTo('users.list').map((call) => call.ok)).toEqual([true, false]);
    expect(world.posts()).toEqual([]);
    expect(await stores.slackCache.knownSlackAccounts(['amara@example.com', 'zed@example.com'])).toEqual(new Map());
    // Rate limited past the retries: still nothing.
    world.clock.advance(11 * 60_000);
    for (let i = 0; i < 4; i++) world.slack.rateLimitNext('users.list', 7);
    await reconcileAfterRead(slackPeople);
    expect(waits).toEqual([3000, 7000, 7000, 7000]);
    expect(world.posts()).toEqual([]);
    // Slack answering again: the read completes and the notice goes out.
    world.clock.advance(11 * 60_000);
    await reconcileAfterRead(slackPeople);
    expect(orphanPosts()).toHaveLength(1);
  });

  it('resolves the notice when a member appears in Slack', async () => {
    const slackPeople = people();
    await reconcileAfterRead(slackPeople);
    expect(orphanPosts()).toHaveLength(1);
    const [posted] = world.posts();
    world.slack.users.push({ id: 'U0AMARA', name: 'amara', email: 'amara@example.com' });
    // The next period's read finds her.
    world.clock.advance(6 * 3600_000);
    await reconcileAfterRead(slackPeople);
    const updates = world.slack.callsTo('chat.update').filter((call) => call.ok);
    expect(updates).toHaveLength(1);
    expect(updates[0].args.ts).toBe(posted.answer.ts);
    expect(renderText(updates[0].args as { blocks?: unknown[] })).toMatch(/resolved/i);
    expect(world.posts()).toHaveLength(1);
  });
});
