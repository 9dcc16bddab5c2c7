// Scorecards through the notices' seams, from what the scorecard store keeps: an entity that drops
// a level and a check that newly fails are told to the owner (one message, through the fake Slack),
// and the message is edited to resolved when the entity recovers; an entity failing a check since
// it was first scored raises nothing. The weekly digest names the team's level changes this week
// and the checks failing on most of its entities.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { createLogger } from '../../src/log.js';
import { WeeklyDigest } from '../../src/notices/digest.js';
import { scorecardDigestSource, scorecardNoticeSource } from '../../src/scorecards/scorecard-notices.js';
import { renderText } from '../../src/slack/index.js';
import type { ScoreRow } from '../../src/store/index.js';
import { FAKE_BOT_TOKEN } from '../support/fake-slack.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';
import { NoticeWorld } from './support.js';

const TEAM = 'group:default/payments-team';
const CARD = 'production-readiness';
const LEVELS = ['Bronze', 'Silver', 'Gold'];

function score(entityRef: string, levelIndex: number, failing: string[]): ScoreRow {
  const checks = ['has-owner', 'has-docs', 'ci-green'];
  return {
    entityRef,
    scorecard: CARD,
    level: LEVELS[levelIndex],
    levelIndex,
    owner: TEAM,
    failing,
    outcomes: Object.fromEntries(checks.map((check) => [check, failing.includes(check) ? 'fail' : 'pass'])),
  };
}

describe.each(testBackends())('scorecard notices and digest lines (%s)', { timeout: 180_000 }, (backend) => {
  let stores: TestStores;
  let world: NoticeWorld;

  beforeEach(async () => {
    stores = await openTestStores(backend);
    world = await NoticeWorld.open(stores);
    // First scored: payments at Gold; ledger at Bronze, failing ci-green from the start.
    await stores.scorecards.saveScores(
      [score('component:default/payments', 2, []), score('component:default/ledger', 0, ['ci-green'])],
      'all',
      new Date('2026-11-30T06:00:00Z'),
    );
  });

  afterEach(async () => {
    await world.close();
    await stores.close();
  });

  it('tells the owner once that payments dropped to Silver and newly fails has-docs, and edits it when it recovers', async () => {
    const service = world.replica();
    service.addSource(scorecardNoticeSource(stores.scorecards));
    await service.reconcile();
    expect(await stores.notices.open()).toEqual([]);

    await stores.scorecards.saveScores(
      [score('component:default/payments', 1, ['has-docs']), score('component:default/ledger', 0, ['ci-green'])],
      'all',
      new Date('2026-12-03T06:00:00Z'),
    );
    await service.reconcile();
    await service.deliver();
    const posts = world.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0].args.channel).toBe('C0PAYMENTS');
    const text = renderText(posts[0].args as { blocks?: unknown[] });
    expect(text).toContain('component:default/payments dropped from Gold to Silver on production-readiness');
    expect(text).toContain('Its level fell on 2026-12-03; failing now: has-docs');
    expect(text).toContain('component:default/payments newly fails has-docs (production-readiness)');
    expect(text).not.toContain('ledger');

    // A second replica (or a restart) sends nothing more.
    const other = world.replica();
    other.addSource(scorecardNoticeSource(stores.scorecards));
    await other.reconcile();
    await other.deliver();
    expect(world.posts()).toHaveLength(1);

    // Back to Gold: both resolve, and the message says so.
    await stores.scorecards.saveScores(
      [score('component:default/payments', 2, []), score('component:default/ledger', 0, ['ci-green'])],
      'all',
      new Date('2026-12-05T06:00:00Z'),
    );
    const { resolved } = await service.reconcile();
    expect(resolved.map((notice) => notice.kind)).toEqual(['scorecard', 'scorecard']);
    await service.deliver();
    const [edit] = world.slack.callsTo('chat.update');
    expect(edit.args).toMatchObject({ channel: 'C0PAYMENTS', ts: posts[0].answer.ts });
    expect(renderText(edit.args as { blocks?: unknown[] })).toContain('Resolved: nothing in the catalog needs');
    expect(world.posts()).toHaveLength(1);
  });

  it('a drop in two steps is one notice, still open after a partial climb, resolved back at the level it fell from', async () => {
    const source = scorecardNoticeSource(stores.scorecards);
    const at = async (day: string, level: number, failing: string[]) => {
      await stores.scorecards.saveScores(
        [score('component:default/payments', level, failing)],
        {
          refs: ['component:default/payments'],
        },
        new Date(`${day}T06:00:00Z`),
      );
      return (await source.notices()).filter((draft) => draft.title.includes('dropped'));
    };
    const [first] = await at('2026-12-01', 1, ['has-docs']);
    const [second] = await at('2026-12-02', 0, ['has-docs', 'ci-green']);
    expect(second.key).toBe(first.key);
    expect(second.title).toContain('dropped from Gold to Bronze');
    expect(second.why).toContain('Its level fell on 2026-12-01');
    const [climbing] = await at('2026-12-03', 1, ['ci-green']);
    expect(climbing.key).toBe(first.key);
    expect(await at('2026-12-04', 2, [])).toEqual([]);
  });

  it("gives the team's digest its level changes this week and its most failing checks", async () => {
    await stores.scorecards.saveScores(
      [
        score('component:default/payments', 1, ['has-docs']),
        score('component:default/ledger', 0, ['ci-green', 'has-docs']),
      ],
      'all',
      new Date('2026-12-03T06:00:00Z'),
    );
    const digest = new WeeklyDigest({
      notices: stores.notices,
      once: stores.once,
      messenger: new SlackNoticeMessenger({
        token: FAKE_BOT_TOKEN,
        apiUrl: world.slack.apiUrl,
        slackCache: stores.slackCache,
        logger: createLogger({ level: 'silent' }),
      }),
      clock: world.clock,
      replicaId: 'only',
      sources: [scorecardDigestSource(stores.scorecards)],
    });
    const run = await digest.run(new Date('2026-12-07T09:00:00Z'));
    expect(run.sent).toEqual([TEAM]);
    const [posted] = world.posts();
    const text = renderText(posted.args as { blocks?: unknown[] });
    expect(text).toContain('component:default/payments: Gold → Silver (production-readiness)');
    expect(text).not.toContain('component:default/ledger: Bronze');
    expect(text).toContain(
      'Failing most: has-docs (production-readiness) on 2 entities; ci-green (production-readiness) on 1 entity',
    );
  });
});
