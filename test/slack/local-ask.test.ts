// `callboard ask` and the playground: the same Bolt app and listeners, reached without Slack,
// printing what Slack would show.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderText, type SlackApp } from '../../src/slack/index.js';
import type { Stores } from '../../src/store/index.js';
import { demoSlackApp } from './demo-slack-app.js';
import { startHarness, type Harness } from './harness.js';
import { button } from './message-query.js';

describe('asking the Slack app locally', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { users: [{ id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' }] } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('prints the same content as the Slack reply', async () => {
    for (const line of ['/owner payments', '/service paymnts', '/docs payments', '/callboard search ledger']) {
      const [command, ...words] = line.split(' ');
      const overHttp = await h.client.command(command, words.join(' '));
      const local = await h.slack.ask(line);
      expect(local.text, line).toBe(renderText(overHttp.json as never));
      expect(local.message?.blocks, line).toEqual(overHttp.json?.blocks);
    }
    const owner = await h.slack.ask('/owner payments');
    expect(owner.text).toContain('@U0AMARA (Amara Mendes)');
    expect(owner.text).toContain('Tomás Haddad · tomas.haddad@example.com');
  });

  it('`callboard ask "/owner payments"` prints the same content as the Slack reply', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-ask-'));
    try {
      const out: string[] = [];
      const code = await main(
        ['node', 'callboard', 'ask', '/owner payments'],
        { out: (l) => out.push(l), err: () => {} },
        {
          CALLBOARD_DATA_DIR: dataDir,
          DOCS_BASE_URL: 'https://docs.example.com',
          SLACK_BOT_TOKEN: h.fake.botToken,
          SLACK_SIGNING_SECRET: 'unused-by-ask',
          SLACK_API_URL: h.fake.apiUrl,
        },
      );
      expect(code).toBe(0);
      const overHttp = await h.client.command('/owner', 'payments');
      expect(out.join('\n')).toBe(renderText(overHttp.json as never));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('`callboard ask "/create"` without Slack names the templates and the dry run to try one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-ask-'));
    try {
      const out: string[] = [];
      const code = await main(
        ['node', 'callboard', 'ask', '/create'],
        { out: (l) => out.push(l), err: () => {} },
        { CALLBOARD_DATA_DIR: dataDir },
      );
      expect(code).toBe(0);
      const text = out.join('\n');
      expect(text).toContain('/create opens a form in Slack');
      expect(text).toContain('• typescript-service: TypeScript HTTP service');
      expect(text).toMatch(/callboard create \S+ --values values.json --dry-run --out/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('presses buttons through the same listeners, answering through a response_url', async () => {
    const card = await h.slack.ask('/service payments');
    const dependencies = await h.slack.press(button(card.message as never, /^Dependencies/));
    expect(dependencies.replies).toHaveLength(1);
    expect(dependencies.replies[0]).toMatchObject({ replace_original: true });
    expect(dependencies.text).toContain('Depends on (3)');

    const shared = await h.slack.press(button(card.message as never, 'Share in channel'));
    expect(shared.replies.map((r) => r.response_type ?? Object.keys(r).join())).toEqual([
      'in_channel',
      'delete_original',
    ]);
    expect(shared.text).toContain('Shared by @U0LOCAL');
  });

  it("says so when a command is not Callboard's", async () => {
    expect((await h.slack.ask('/deploy payments')).text).toBe(
      '/deploy is not a Callboard command. Try one of: /service, /owner, /oncall, /docs, /scorecard, /callboard, /create',
    );
    expect((await h.slack.ask('owner payments')).text).toContain('Who owns Payments Service');
  });
});

describe('with no Slack workspace configured', () => {
  let stores: Stores;
  let slack: SlackApp;
  beforeAll(async () => {
    ({ stores, app: slack } = await demoSlackApp({}));
  });
  afterAll(async () => {
    await slack?.stop();
    await stores?.close();
  });

  it('runs locally, showing people by name, and still serves /healthz', async () => {
    expect(slack.mode).toBe('local');
    // App Home needs Slack's Web API; without a workspace only commands and buttons are served.
    expect(slack.registered.events).toEqual([]);
    const owner = await slack.ask('/owner payments');
    expect(owner.text).toContain('Amara Mendes · amara.mendes@example.com');
    expect(owner.text).not.toContain('<@');
    const { port } = await slack.start();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
