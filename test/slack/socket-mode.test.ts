// Socket Mode (SLACK_APP_TOKEN): the same listeners, reached over a WebSocket the app opens to
// Slack; answers ride in the envelope acknowledgements and response_url posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../src/slack/index.js';
import type { Stores } from '../../src/store/index.js';
import { FakeSlack } from '../support/fake-slack.js';
import { demoSlackApp } from './demo-slack-app.js';
import { shown } from './message-query.js';

describe('Socket Mode', () => {
  let stores: Stores;
  let fake: FakeSlack;
  let slack: SlackApp;
  beforeAll(async () => {
    fake = await FakeSlack.start({ users: [{ id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' }] });
    ({ stores, app: slack } = await demoSlackApp({
      botToken: fake.botToken,
      appToken: fake.appToken,
      apiUrl: fake.apiUrl,
    }));
    await slack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    await stores?.close();
  });

  it('connects with the app-level token, with no public URL', async () => {
    expect(slack.mode).toBe('socket');
    await fake.socket.connected;
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(fake.callsTo('apps.connections.open')[0].ok).toBe(true);
  });

  it('answers a slash command in its acknowledgement', async () => {
    const ack = await fake.socket.send({
      type: 'slash_commands',
      payload: {
        command: '/owner',
        text: 'payments',
        user_id: 'U0ASKER',
        user_name: 'asker',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        team_id: 'T0FAKE',
        team_domain: 'fake',
        api_app_id: 'A0CALLBOARD',
        response_url: fake.responseUrl(),
        trigger_id: '1.2.3',
      },
    });
    expect(ack.response_type).toBe('ephemeral');
    expect(shown(ack)).toContain('Who owns Payments Service');
    expect(JSON.stringify(ack)).toContain('<@U0AMARA>');
  });

  it('answers a button through the response_url', async () => {
    const responseUrl = fake.responseUrl();
    const ack = await fake.socket.send({
      type: 'interactive',
      payload: {
        type: 'block_actions',
        team: { id: 'T0FAKE', domain: 'fake' },
        user: { id: 'U0ASKER', username: 'asker', team_id: 'T0FAKE' },
        api_app_id: 'A0CALLBOARD',
        trigger_id: '1.2.4',
        response_url: responseUrl,
        container: { type: 'message', message_ts: '1.1', channel_id: 'C0GENERAL', is_ephemeral: true },
        channel: { id: 'C0GENERAL', name: 'general' },
        actions: [
          {
            type: 'button',
            action_id: 'service.open:0',
            block_id: 'b',
            value: 'component:default/payments',
            action_ts: '1.2',
          },
        ],
      },
    });
    expect(ack).toEqual({});
    const post = await fake.waitFor(() => fake.responsesTo(responseUrl)[0], 'the card');
    expect(post.error).toBeUndefined();
    expect(shown(post.body)).toMatch(/^Payments Service\n/);
  });

  it('handles an event once, even when Slack sends it again', async () => {
    const envelope = (retryAttempt?: number) => ({
      type: 'events_api' as const,
      retryAttempt,
      payload: {
        type: 'event_callback',
        team_id: 'T0FAKE',
        api_app_id: 'A0CALLBOARD',
        event_id: 'Ev0SOCKET',
        event_time: 1,
        event: { type: 'app_home_opened', user: 'U0AMARA', channel: 'D0AMARA', tab: 'home', event_ts: '1.0' },
      },
    });
    await fake.socket.send(envelope());
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1, 'App Home');
    await fake.socket.send(envelope(1));
    await fake.socket.send({ ...envelope(), payload: { ...envelope().payload, event_id: 'Ev0SOCKET2' } });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 2, 'the second App Home');
    expect(fake.callsTo('views.publish')).toHaveLength(2);
  });
});
