// How the app treats Slack's requests themselves: signatures and timestamps (Bolt's checks),
// redelivered events, and the 3-second acknowledgement whatever a command costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { SlashCommand } from '../../src/slack/index.js';
import { processedEvents } from '../../src/store/schema.js';
import { gatedCommand } from './gated-command.js';
import { startHarness, type Harness } from './harness.js';
import { shown } from './message-query.js';

const broken: SlashCommand = {
  name: 'broken',
  description: 'fails',
  usageHint: '',
  examples: [],
  handle: async () => {
    throw new Error('connection to postgres://callboard:hunter2@db/callboard refused');
  },
};

describe('requests as Slack sends them', () => {
  let h: Harness;
  const slow = gatedCommand();
  beforeAll(async () => {
    h = await startHarness({
      commands: [...commands, slow.command, broken],
      ackBudgetMs: 200,
      fake: { users: [{ id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' }] },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const homeOpened = { type: 'app_home_opened', user: 'U0AMARA', channel: 'D0AMARA', tab: 'home', event_ts: '1.0' };

  it.each([
    ['a bad signature', { signature: 'bad' as const }],
    ['no signature', { signature: 'missing' as const }],
    ['no timestamp', { timestamp: 'missing' as const }],
    ['a timestamp 6 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
  ])('refuses %s with 401, and no listener runs', async (_, delivery) => {
    const callsBefore = h.fake.calls.length;
    const postsBefore = h.fake.responses.length;
    const eventId = `Ev0BAD${Math.random().toString(36).slice(2)}`;
    const command = await h.client.command('/owner', 'payments', {}, delivery);
    expect(command.status).toBe(401);
    expect(command.text).toBe('');
    const event = await h.client.event(homeOpened, eventId, delivery);
    expect(event.status).toBe(401);
    const press = await h.client.blockAction(
      { action_id: 'service.open:0', value: 'component:default/payments' },
      { message: { ephemeral: true } },
      {},
      delivery,
    );
    expect(press.status).toBe(401);
    // Nothing reached Slack and nothing was answered: no listener ran.
    expect(h.fake.calls.length).toBe(callsBefore);
    expect(h.fake.responses.length).toBe(postsBefore);
    expect((await h.db.select().from(processedEvents)).map((r) => r.id)).not.toContain(`event:${eventId}`);
  });

  it('handles a redelivered event (X-Slack-Retry-Num) once', async () => {
    const first = await h.client.event(homeOpened, 'Ev0ONCE');
    expect(first.status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('views.publish').length === 1, 'the first App Home');
    const retry = await h.client.event(homeOpened, 'Ev0ONCE', { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    // A different event after the retry: once it is answered, the retry has long been decided.
    await h.client.event(homeOpened, 'Ev0OTHER');
    await h.fake.waitFor(() => h.fake.callsTo('views.publish').length === 2, 'the second App Home');
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
    expect(h.fake.callsTo('users.info')).toHaveLength(2);
    const seen = (await h.db.select().from(processedEvents)).map((r) => r.id);
    expect(seen.filter((id) => id === 'event:Ev0ONCE')).toHaveLength(1);
    expect(seen).toContain('event:Ev0OTHER');
  });

  it('acknowledges a slow command at once and posts the answer to the response_url', async () => {
    const reply = await h.client.command('/slowpoke', 'payments');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(h.fake.responsesTo(reply.responseUrl)).toEqual([]);
    slow.release();
    const answer = await h.fake.waitFor(() => h.fake.responsesTo(reply.responseUrl)[0], 'the slow answer');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'finally: payments' });
  });

  it('answers a failing command with an apology that names no internals', async () => {
    const reply = await h.client.command('/broken', 'anything');
    expect(reply.status).toBe(200);
    const text = shown(reply.json);
    expect(text).toContain('Sorry, /broken anything could not be answered just now');
    expect(reply.text).not.toContain('hunter2');
    expect(reply.text).not.toContain('postgres');
  });

  it('serves /healthz beside /slack/events', async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
