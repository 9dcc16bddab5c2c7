// App Home's "Needs your attention": a team member sees the team's open notices, Snooze a week
// hides one, and Not ours records who pressed it and asks the platform channel to re-assign.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands, homeTab } from '../../commands/index.js';
import { DISOWN_NOTICE, SNOOZE_NOTICE, noticeActionHandlers } from '../../commands/notices/attention.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { createLogger } from '../../src/log.js';
import { noticeActions } from '../../src/notices/notice-actions.js';
import { type CommandContext, renderText } from '../../src/slack/index.js';
import { searchAndPortal } from '../support/callboard.js';
import { FAKE_BOT_TOKEN } from '../support/fake-slack.js';
import { blockProblems } from '../support/slack-block-rules.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { NoticeWorld, PAYMENTS_BROKEN } from './support.js';

describe('App Home: needs your attention', () => {
  let stores: TestStores;
  let world: NoticeWorld;
  let ctx: CommandContext;

  beforeEach(async () => {
    stores = await openTestStores();
    world = await NoticeWorld.open(stores);
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    await world.replica().reconcile();
    const messenger = new SlackNoticeMessenger({
      token: FAKE_BOT_TOKEN,
      apiUrl: world.slack.apiUrl,
      slackCache: stores.slackCache,
      logger: createLogger({ level: 'silent' }),
    });
    const actions = noticeActions({
      notices: stores.notices,
      tellPlatform: async (request, by) => {
        await messenger.askToReassign('C0PLATFORM', request, by);
        return true;
      },
      clock: world.clock,
    });
    const { portal } = searchAndPortal(stores.catalog, { notices: actions });
    ctx = { portal, userId: 'U0AMARA', commands, slackUserIds: async () => new Map() };
  });

  afterEach(async () => {
    await world.close();
    await stores.close();
  });

  async function home(): Promise<string> {
    const blocks = await homeTab.render({ userId: 'U0AMARA', email: 'amara@example.com' }, ctx);
    expect(blockProblems(blocks, 'view')).toEqual([]);
    return renderText({ blocks });
  }

  const press = (id: string) => noticeActionHandlers.find((action) => action.id === id)!;

  it("lists the team's open notice with its buttons, and Snooze a week hides it for a week", async () => {
    expect(await home()).toContain('Needs your attention (1)');
    expect(await home()).toContain('component:default/payments has a catalog problem');
    const [notice] = await stores.notices.open();
    const answer = await press(SNOOZE_NOTICE).handle(notice.key, ctx);
    expect(answer.text).toContain('Snoozed until');
    expect((await stores.notices.get(notice.key))?.snoozedUntil?.toISOString()).toBe('2026-12-14T10:00:00.000Z');
    expect(await home()).not.toContain('Needs your attention');
    world.clock.advance(7 * 24 * 3600_000);
    expect(await home()).toContain('Needs your attention (1)');
  });

  it('Not ours names who pressed it to the platform channel', async () => {
    const [notice] = await stores.notices.open();
    const answer = await press(DISOWN_NOTICE).handle(notice.key, ctx);
    expect(answer.text).toContain('platform channel has been asked');
    expect((await stores.notices.get(notice.key))?.disownedBy).toBe('U0AMARA');
    const [asked] = world.slack.callsTo('chat.postMessage');
    expect(asked.args.channel).toBe('C0PLATFORM');
    expect(asked.args.text).toContain('<@U0AMARA> says component:default/payments is not group:default/payments-team');
  });
});
