// "Do you still own these?": every N days each team is asked once (two replicas ticking the same
// daily schedule), in its channel, with its entities and Yes / Not ours buttons. Presses arrive as
// Slack sends them (signed block_actions to the real Bolt app): Yes records who and when and edits
// the question to say so; Not ours asks the platform channel to re-assign, naming who pressed it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_OWNERSHIP, DISOWN_OWNERSHIP } from '../../commands/notices/ownership-message.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { dailyAt } from '../../src/cli/notices-runtime.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { InProcessQueue, ManualClock, Schedules } from '../../src/jobs/index.js';
import { silentLogger } from '../../src/log.js';
import { noticeActions } from '../../src/notices/notice-actions.js';
import { OwnershipChecks } from '../../src/notices/ownership-checks.js';
import { NoticeRouter } from '../../src/notices/routing.js';
import { renderText } from '../../src/slack/index.js';
import { FAKE_BOT_TOKEN, type FakeSlack } from '../support/fake-slack.js';
import { blockProblems } from '../support/slack-block-rules.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { type Harness, startHarness } from '../slack/harness.js';
import { PAYMENTS, TEAM_FILE } from './support.js';

const DAYS = 28;
const LEDGER_LATER = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;
// A team with no channel and no member Slack knows: only the platform channel could be asked.
const NOBODY = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ghost-team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: haunted
spec:
  type: service
  lifecycle: production
  owner: ghost-team
`;

let stores: TestStores;
let h: Harness;
let dir: string;
const clock = new ManualClock('2026-12-07T08:00:00Z');
const queues: InProcessQueue[] = [];

function messenger(fake: FakeSlack) {
  return new SlackNoticeMessenger({
    token: FAKE_BOT_TOKEN,
    apiUrl: fake.apiUrl,
    slackCache: stores.slackCache,
    logger: silentLogger,
  });
}

/** One replica's ownership schedule, as notices-runtime adds it (daily at DIGEST_CRON's hour). */
async function replica(id: string) {
  const queue = new InProcessQueue(silentLogger);
  queues.push(queue);
  const slack = messenger(h.fake);
  const checks = new OwnershipChecks({
    days: DAYS,
    notices: stores.notices,
    checks: stores.ownershipChecks,
    once: stores.once,
    router: new NoticeRouter(stores.catalog, slack, { platformChannel: 'C0PLATFORM', maxDirectMessages: 3 }, () =>
      stores.notices.deliveryIssues(),
    ),
    messenger: slack,
    clock,
    replicaId: id,
  });
  const schedules = new Schedules({ queue, ledger: stores.once, clock, replicaId: id });
  await schedules.add({
    name: 'ownership-check',
    cron: dailyAt('0 9 * * MON'),
    timeZone: 'Europe/Berlin',
    run: async (occurrence) => {
      await checks.run(occurrence);
    },
  });
  return { schedules, queue, checks };
}

async function tickAll(replicas: Array<Awaited<ReturnType<typeof replica>>>) {
  await Promise.all(replicas.map((r) => r.schedules.tick()));
  for (const r of replicas) await r.queue.drain?.();
}

const questions = () =>
  h.fake.callsTo('chat.postMessage').filter((call) => call.ok && String(call.args.text).startsWith('Does '));

beforeAll(async () => {
  // The checks' store and the once ledger on Postgres too, when CI has one.
  stores = await openTestStores(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  dir = mkdtempSync(join(tmpdir(), 'callboard-ownership-'));
  writeFileSync(join(dir, 'team.yaml'), TEAM_FILE);
  writeFileSync(join(dir, 'payments.yaml'), PAYMENTS);
  writeFileSync(join(dir, 'ghost.yaml'), NOBODY);
  await syncFolders(stores.catalog, [dir]);
  h = await startHarness({
    stores,
    fake: {
      users: [{ id: 'U0AMARA', name: 'amara', email: 'amara@example.com' }],
      channels: [
        { id: 'C0PAYMENTS', name: 'payments' },
        { id: 'C0PLATFORM', name: 'platform' },
      ],
    },
    noticeActions: (fake) => {
      const slack = messenger(fake);
      return noticeActions({
        notices: stores.notices,
        ownershipChecks: stores.ownershipChecks,
        tellPlatform: async (request, by) => {
          await slack.askToReassign('C0PLATFORM', request, by);
          return true;
        },
        editOwnershipCheck: (check) => slack.updateOwnershipCheck(check),
        clock,
      });
    },
  });
}, 120_000);

afterAll(async () => {
  for (const queue of queues) await queue.stop();
  await h?.close();
  await stores?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function press(actionId: string, key: string) {
  const reply = await h.client.blockAction(
    { action_id: actionId, value: key },
    { message: { ephemeral: false, channelId: 'C0PAYMENTS' } },
    { userId: 'U0AMARA', userName: 'amara', channelId: 'C0PAYMENTS' },
  );
  expect(reply.status).toBe(200);
  const [answer] = await h.fake.waitFor(
    () => (h.fake.responsesTo(reply.responseUrl!).length ? h.fake.responsesTo(reply.responseUrl!) : undefined),
    'the answer to the presser',
  );
  return answer.body as { text: string; replace_original?: boolean };
}

describe('ownership confirmation', () => {
  it('asks each team once per period, across two replicas and every daily tick of it', async () => {
    const replicas = [await replica('replica-a'), await replica('replica-b')];
    await tickAll(replicas);
    clock.advance(3600_000);
    await tickAll(replicas);
    expect(questions()).toHaveLength(1);
    const [asked] = questions();
    expect(asked.args.channel).toBe('C0PAYMENTS');
    const shown = renderText(asked.args as { blocks?: unknown[] });
    expect(shown).toContain('Does group:default/payments-team still own these?');
    expect(shown).toContain('component:default/payments');
    expect(blockProblems(asked.args.blocks as unknown[], 'message')).toEqual([]);
    const buttons = (asked.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }>)
      .flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []))
      .map((button) => button.action_id);
    expect(buttons).toEqual([CONFIRM_OWNERSHIP, DISOWN_OWNERSHIP]);
    // The ghost team could only be asked through the platform channel: it is not.
    expect(questions().some((call) => String(call.args.text).includes('ghost-team'))).toBe(false);

    // The next days of the period ask nobody again.
    clock.advance(5 * 24 * 3600_000);
    await tickAll(replicas);
    expect(questions()).toHaveLength(1);
  });

  it('Yes records who confirmed and when, and edits the question to say so', async () => {
    const [check] = await stores.ownershipChecks.ofTeam('group:default/payments-team');
    const answer = await press(CONFIRM_OWNERSHIP, check.key);
    expect(answer.text).toContain('ownership is confirmed');
    const stored = await stores.ownershipChecks.get(check.key);
    expect(stored).toMatchObject({ answer: 'yes', answeredBy: 'U0AMARA', answeredAt: clock.now() });
    const [edit] = h.fake.callsTo('chat.update');
    expect(edit.ok).toBe(true);
    expect(edit.args).toMatchObject({ channel: check.channel, ts: check.messageTs });
    const edited = renderText(edit.args as { blocks?: unknown[] });
    expect(edited).toContain('Confirmed by @U0AMARA on 2026-12-12 09:00 UTC');
    expect(JSON.stringify(edit.args.blocks)).toContain('Confirmed by <@U0AMARA>');
    expect(JSON.stringify(edit.args.blocks)).not.toContain(CONFIRM_OWNERSHIP);

    // A second press (someone else, or Slack redelivering) changes nothing.
    const again = await press(DISOWN_OWNERSHIP, check.key);
    expect(again.text).toContain('answered this already');
    expect((await stores.ownershipChecks.get(check.key))?.answer).toBe('yes');
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0PLATFORM')).toEqual([]);
  });

  it('the next period asks again, with what the team owns now; Not ours asks the platform channel, naming who', async () => {
    writeFileSync(join(dir, 'ledger.yaml'), LEDGER_LATER);
    await syncFolders(stores.catalog, [dir]);
    const replicas = [await replica('replica-c'), await replica('replica-d')];
    clock.advance(DAYS * 24 * 3600_000);
    await tickAll(replicas);
    expect(questions()).toHaveLength(2);
    expect(renderText(questions()[1].args as { blocks?: unknown[] })).toContain('component:default/ledger');

    const [check] = await stores.ownershipChecks.ofTeam('group:default/payments-team');
    expect(check.entityRefs).toEqual(['component:default/ledger', 'component:default/payments']);
    const answer = await press(DISOWN_OWNERSHIP, check.key);
    expect(answer.text).toContain('platform channel has been asked');
    expect(await stores.ownershipChecks.get(check.key)).toMatchObject({ answer: 'not-ours', answeredBy: 'U0AMARA' });
    const [asked] = h.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0PLATFORM');
    expect(asked.args.text).toContain(
      "<@U0AMARA> says these 2 entities are not group:default/payments-team's: component:default/ledger, component:default/payments",
    );
    const edit = h.fake.callsTo('chat.update').at(-1)!;
    expect(edit.args).toMatchObject({ channel: check.channel, ts: check.messageTs });
    expect(JSON.stringify(edit.args.blocks)).toContain('<@U0AMARA> said these are not ours');
  });
});
