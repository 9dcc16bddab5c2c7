// manifest.yml declares exactly what the app uses: its commands (with the same descriptions and
// hints as help shows), its events, interactivity, and the scopes of the Web API methods it calls.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { FAKE_SLACK_METHOD_SCOPES } from '../support/fake-slack.js';
import { startHarness, type Harness } from './harness.js';

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { home_tab_enabled: boolean };
    bot_user: { display_name: string };
    unfurl_domains?: string[];
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = load(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
const sorted = (items: string[]) => [...items].sort();

describe('manifest.yml', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      fake: {
        scopes: manifest.oauth_config.scopes.bot,
        users: [{ id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' }],
        userGroups: { S0CREATORS: ['U0AMARA'] },
      },
      createPolicy: { groups: [], slackUserGroups: ['S0CREATORS'] },
      // The manifest's unfurl domains are UNFURL_DOMAINS: the app unfurls exactly those.
      unfurlDomains: loadConfig({ UNFURL_DOMAINS: (manifest.features.unfurl_domains ?? []).join(',') }).unfurlDomains,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("parses, and names the app within Slack's limits", () => {
    expect(manifest.display_information.name).toBe('Callboard');
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name).toBe('callboard');
  });

  it('declares every command the app registers and no other, as help describes them', () => {
    const declared = manifest.features.slash_commands;
    expect(sorted(declared.map((c) => c.command))).toEqual(sorted(h.slack.registered.commands));
    for (const command of commands) {
      const entry = declared.find((c) => c.command === `/${command.name}`);
      expect(entry, `/${command.name}`).toMatchObject({
        description: command.description,
        usage_hint: command.usageHint,
      });
    }
  });

  it('subscribes to every event the app listens for and no other', () => {
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(sorted(h.slack.registered.events));
    expect(manifest.settings.event_subscriptions.user_events ?? []).toEqual([]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(h.slack.registered.events.includes('app_home_opened'));
  });

  it('claims at most five unfurl domains, each a value UNFURL_DOMAINS accepts', () => {
    const domains = manifest.features.unfurl_domains ?? [];
    expect(domains.length).toBeGreaterThan(0);
    expect(domains.length).toBeLessThanOrEqual(5);
    expect(loadConfig({ UNFURL_DOMAINS: domains.join(',') }).unfurlDomains).toEqual(domains);
  });

  it('turns interactivity on because the app answers buttons, all on the one Bolt endpoint', () => {
    expect(h.slack.registered.actions.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('asks for exactly the scopes of the Web API methods the app calls', async () => {
    // Drive every path that calls Slack, with the fake granting only the manifest's scopes.
    await h.client.command('/owner', 'payments');
    await h.client.event(
      { type: 'app_home_opened', user: 'U0AMARA', channel: 'D0AMARA', tab: 'home', event_ts: '1.0' },
      'Ev0MANIFEST1',
    );
    const published = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[0], 'App Home');
    expect(published.ok).toBe(true);
    // /create: the modal (who may create), a submitted form, and the DM thread it starts.
    await h.client.command('/create', 'hello-log', { userId: 'U0AMARA' });
    const form = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[0], "/create's modal")).answer.view as Record<
      string,
      unknown
    >;
    await h.client.send(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          team: { id: 'T0FAKE' },
          user: { id: 'U0AMARA', name: 'amara', team_id: 'T0FAKE' },
          api_app_id: 'A0CALLBOARD',
          token: 'x',
          trigger_id: '1.2.3',
          view: {
            ...form,
            state: { values: { 'field:name': { value: { type: 'plain_text_input', value: 'manifest' } } } },
          },
        }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    await h.fake.waitFor(() => h.fake.callsTo('chat.update')[0], "/create's DM thread");
    // Notices reach a team with no channel through a DM with its members (conversations.open).
    const notices = new SlackNoticeMessenger({
      token: h.fake.botToken,
      apiUrl: h.fake.apiUrl,
      slackCache: h.stores.slackCache,
      logger: createLogger({ level: 'silent' }),
    });
    await notices.openDirectMessage(['U0AMARA']);
    // A link to an unfurl domain (link_shared) is unfurled with chat.unfurl.
    const [domain] = manifest.features.unfurl_domains ?? [];
    const url = `https://${domain}/catalog/default/component/payments`;
    await h.client.event(
      {
        type: 'link_shared',
        channel: 'C0GENERAL',
        is_bot_user_member: true,
        user: 'U0AMARA',
        message_ts: '1700000000.000100',
        links: [{ domain, url }],
        event_ts: '1700000000.000100',
      },
      'Ev0MANIFEST2',
    );
    await h.fake.waitFor(() => h.fake.callsTo('chat.unfurl')[0], 'an unfurl');
    const failed = h.fake.calls.filter((c) => c.error === 'missing_scope');
    expect(failed).toEqual([]);
    const needed = new Set(
      h.fake.calls.map((c) => FAKE_SLACK_METHOD_SCOPES[c.method]).filter((s): s is string => Boolean(s)),
    );
    // Slash commands need `commands`; every other scope must be needed by a call the app made.
    needed.add('commands');
    // conversations.open with several members (a group DM) needs mpim:write beside im:write.
    needed.add('mpim:write');
    // Events need scopes of their own: mentions and DMs to the app.
    const eventScopes: Record<string, string> = {
      app_mention: 'app_mentions:read',
      'message.im': 'im:history',
      link_shared: 'links:read',
    };
    for (const event of manifest.settings.event_subscriptions.bot_events as string[])
      if (eventScopes[event]) needed.add(eventScopes[event]);
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted([...needed]));
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });
});
