// "On call this week" in the weekly digest, from the on-call providers (the fake PagerDuty, held to
// its published API): the team's own service names who is on call now and who takes over before
// the week is out; a team that names no provider is answered from its entities' annotations; a
// provider that hangs leaves the digest saying "unknown" after its budget, and the digest still goes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { ManualClock } from '../../src/jobs/index.js';
import { silentLogger } from '../../src/log.js';
import { WeeklyDigest } from '../../src/notices/digest.js';
import { teamOnCall } from '../../src/notices/digest-on-call.js';
import { createOnCall } from '../../src/oncall/index.js';
import { renderText } from '../../src/slack/index.js';
import { DEMO_PAGERDUTY_TOKEN, demoPagerDuty } from '../support/demo-on-call.js';
import { FAKE_BOT_TOKEN } from '../support/fake-slack.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { NoticeWorld, PAYMENTS, TEAM_FILE } from './support.js';

let pagerduty: FakePagerDuty;
beforeAll(async () => {
  pagerduty = await FakePagerDuty.start(demoPagerDuty());
});
afterAll(async () => {
  await pagerduty?.close();
});

describe('on call this week, in the digest', { timeout: 180_000 }, () => {
  let stores: TestStores;
  let world: NoticeWorld;

  afterEach(async () => {
    pagerduty.http.hang(false);
    await world.close();
    await stores.close();
  });

  async function digestText(budgets: { directoryMs?: number; digestMs?: number } = {}) {
    const { directory } = createOnCall(
      {
        pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.http.url, eventsUrl: pagerduty.http.url },
        opsgenie: { apiUrl: 'http://127.0.0.1:9' },
      },
      silentLogger,
      { budgetMs: budgets.directoryMs },
    );
    const digest = new WeeklyDigest({
      notices: stores.notices,
      once: stores.once,
      messenger: new SlackNoticeMessenger({
        token: FAKE_BOT_TOKEN,
        apiUrl: world.slack.apiUrl,
        slackCache: stores.slackCache,
        logger: silentLogger,
      }),
      // This week, as the provider sees it: shifts are read at the real time.
      clock: new ManualClock(new Date()),
      replicaId: 'only',
      onCallFor: teamOnCall(directory, stores.catalog),
      onCallBudgetMs: budgets.digestMs,
    });
    const run = await digest.run(new Date());
    expect(run.sent).toEqual(['group:default/payments-team']);
    const [posted] = world.posts();
    return renderText(posted.args as { blocks?: unknown[] });
  }

  async function open(team: string, component: string) {
    stores = await openTestStores();
    world = await NoticeWorld.open(stores);
    world.write('team.yaml', team);
    world.write('payments.yaml', component);
    await world.sync();
  }

  const annotated = (yaml: string, after: string) =>
    yaml.replace(after, `${after}\n    pagerduty.com/service-id: PPAYMNT`);

  it("names the team's level-1 on-call now and the next shift of the week", async () => {
    await open(annotated(TEAM_FILE, 'slack.com/channel-id: C0PAYMENTS'), PAYMENTS);
    expect(await digestText()).toContain(
      'On call this week: Tomás Haddad, then Wen Nakamura (PagerDuty: Payments escalation policy)',
    );
  });

  it("falls back to what the team's entities name when the team names no provider", async () => {
    await open(
      TEAM_FILE,
      PAYMENTS.replace('name: payments', 'name: payments\n  annotations:\n    pagerduty.com/service-id: PPAYMNT'),
    );
    expect(await digestText()).toContain('On call this week: Tomás Haddad, then Wen Nakamura');
  });

  it('says unknown when the provider does not answer within the budget, and sends the digest anyway', async () => {
    await open(annotated(TEAM_FILE, 'slack.com/channel-id: C0PAYMENTS'), PAYMENTS);
    pagerduty.http.hang(true);
    const text = await digestText({ directoryMs: 30_000, digestMs: 300 });
    expect(text).toContain('On call this week: unknown: the on-call provider did not answer in time');
    expect(text).toContain('What you own');
  });

  it('says no schedule is linked when nothing names a provider', async () => {
    await open(TEAM_FILE, PAYMENTS);
    expect(await digestText()).toContain('On call this week: no on-call schedule linked');
  });
});
