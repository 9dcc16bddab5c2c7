// Notices through the fake Slack Web API: a catalog edit that breaks an entity sends its owner one
// message; fixing it edits that message to resolved; another replica and a restart send nothing
// more. A 429 delays without dropping; a deleted channel falls back to the team's members by DM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callboard } from '../../commands/callboard.js';
import { commands } from '../../commands/index.js';
import { renderText } from '../../src/slack/index.js';
import type { Stores } from '../../src/store/index.js';
import { searchAndPortal } from '../support/callboard.js';
import { blockProblems } from '../support/slack-block-rules.js';
import { openReplicaStores, openTestStores, testBackends, type TestStores } from '../support/store.js';
import { NoticeWorld, PAYMENTS, PAYMENTS_BROKEN } from './support.js';

describe.each(testBackends())('notices to owners (%s)', (backend) => {
  let stores: TestStores;
  let world: NoticeWorld;
  const extra: Stores[] = [];

  beforeEach(async () => {
    stores = await openTestStores(backend);
    world = await NoticeWorld.open(stores);
  });

  afterEach(async () => {
    await world.close();
    for (const replica of extra.splice(0)) await replica.close();
    await stores.close();
  });

  it('tells the owner once when an edit breaks an entity, and edits that message when it is fixed', async () => {
    const first = world.replica();
    await first.reconcile();
    await first.deliver();
    expect(world.posts()).toEqual([]);

    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    await first.reconcile();
    await first.deliver();
    const [post] = world.posts();
    expect(world.posts()).toHaveLength(1);
    expect(post.args.channel).toBe('C0PAYMENTS');
    const shown = renderText(post.args as { text?: string; blocks?: unknown[] });
    expect(shown).toContain('component:default/payments has a catalog problem');
    expect(shown).toContain('payments.yaml');
    expect(shown).toContain('What to do');

    // Another replica (on Postgres: another connection pool) and a restart find it already sent.
    const second = world.replica(backend === 'postgres' ? await replicaStores() : stores);
    await second.reconcile();
    await second.deliver();
    const restarted = world.replica();
    await restarted.reconcile();
    await restarted.deliver();
    expect(world.posts()).toHaveLength(1);

    world.write('payments.yaml', PAYMENTS);
    await world.sync();
    await second.reconcile();
    await Promise.all([first.deliver(), second.deliver(), restarted.deliver()]);
    const updates = world.slack.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0].ok).toBe(true);
    expect(updates[0].args).toMatchObject({ channel: 'C0PAYMENTS', ts: post.answer.ts });
    expect(renderText(updates[0].args as { text?: string; blocks?: unknown[] })).toContain('resolved');
    expect(world.posts()).toHaveLength(1);
  });

  it("waits out a 429's Retry-After, then sends, and drops nothing", async () => {
    const service = world.replica();
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    await service.reconcile();
    world.slack.rateLimitNext('chat.postMessage', 30);
    const limited = await service.deliver();
    expect(limited).toMatchObject({ posted: 0, deferred: 1 });
    expect(world.slack.callsTo('chat.postMessage').map((call) => call.error)).toEqual(['ratelimited']);
    // Before Retry-After has passed nothing goes out; after it, the notice does, once.
    world.clock.advance(29_000);
    await service.deliver();
    expect(world.posts()).toHaveLength(0);
    world.clock.advance(1_000);
    await service.deliver();
    expect(world.posts()).toHaveLength(1);
    const [notice] = await stores.notices.open();
    expect(notice.sentAt).toBeTruthy();
  });

  it('falls back to DMs when the team channel is gone, and records it for /callboard status', async () => {
    const service = world.replica();
    world.slack.removeChannel('C0PAYMENTS');
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    await service.reconcile();
    await service.deliver();
    expect(world.slack.callsTo('chat.postMessage').map((call) => [call.args.channel, call.error ?? 'ok'])).toEqual([
      ['C0PAYMENTS', 'channel_not_found'],
      [expect.stringMatching(/^D/), 'ok'],
    ]);
    expect(world.slack.callsTo('conversations.open')[0].args.users).toBe('U0AMARA');
    expect(await stores.notices.deliveryIssues()).toMatchObject([
      { channel: 'C0PAYMENTS', teamRef: 'group:default/payments-team', error: 'channel_not_found' },
    ]);
    // /callboard status shows it.
    const { portal } = searchAndPortal(stores.catalog, { deliveryIssues: () => stores.notices.deliveryIssues() });
    const status = await callboard.handle('status', {
      portal,
      userId: 'U0AMARA',
      commands,
      slackUserIds: async () => new Map(),
    });
    expect(blockProblems(status.blocks, 'message')).toEqual([]);
    expect(renderText(status)).toContain('Notices could not reach these channels');
    expect(renderText(status)).toContain('group:default/payments-team): channel_not_found');
  });

  async function replicaStores(): Promise<Stores> {
    const replica = await openReplicaStores(stores);
    extra.push(replica);
    return replica;
  }
});
