// The whole entry point as `callboard start` composes it, from configuration alone: the demo
// catalog synced, Slack over signed HTTP (commands and /create's modal), /healthz, /readyz, GitHub's
// webhook verified, and the organisation synced in the background.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { defaultCatalogDir } from '../../src/config.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { FakeSlack } from '../support/fake-slack.js';
import { SlackClient } from '../support/slack-client.js';
import { renderText } from '../../src/slack/index.js';

const SIGNING_SECRET = 'start-test-signing-secret-0123456789';

describe('callboard start', () => {
  let slack: FakeSlack;
  let github: FakeGitHub;
  let dataDir: string;
  let started: StartedCallboard;
  let baseUrl: string;
  let client: SlackClient;

  beforeAll(async () => {
    slack = await FakeSlack.start();
    github = await startFakeGitHub({ org: 'acme' });
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-start-'));
    const config = loadConfig({
      CALLBOARD_DATA_DIR: dataDir,
      PORT: '0',
      CATALOG_DIRS: defaultCatalogDir(),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      GITHUB_ORG: 'acme',
      GITHUB_TOKEN: github.token,
      GITHUB_API_URL: github.url,
      GITHUB_WEBHOOK_SECRET: 'start-webhook-secret',
    });
    started = await startCallboard(config, silentLogger);
    baseUrl = `http://127.0.0.1:${started.server.port}`;
    client = new SlackClient(`${baseUrl}/slack/events`, SIGNING_SECRET, () => slack.responseUrl());
  });
  afterAll(async () => {
    await started?.stop();
    await slack.close();
    await github.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves Slack over HTTP with the demo catalog, /healthz and /readyz', async () => {
    expect(started.server.slackMode).toBe('http');
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', searchIndex: 'ok' } });
    const reply = await client.command('/service', 'paymnts');
    expect(renderText(reply.json as never)).toMatch(/^Payments Service\n/);
  });

  it('lists every command in /callboard help, /create included', async () => {
    const help = renderText((await client.command('/callboard', 'help')).json as never);
    for (const command of ['/service', '/owner', '/docs', '/create', '/callboard']) {
      expect(help).toContain(`${command} `);
    }
    expect(help).toContain('/create typescript-service');
  });

  it("opens /create's modal through the Slack Web API", async () => {
    const before = slack.callsTo('views.open').length;
    await client.command('/create', '');
    await slack.waitFor(() => slack.callsTo('views.open')[before], 'the /create modal');
  });

  it('refuses a GitHub webhook with a bad signature', async () => {
    const response = await fetch(`${baseUrl}/github/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'd1',
        'x-hub-signature-256': 'sha256=00',
      },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('records the background GitHub sync of the organisation', async () => {
    const catalog = started.callboard.stores.catalog;
    // Listening before looking: a run that finishes between the two is still heard.
    const finished = new Promise<void>((resolve) => {
      catalog.onSyncRunFinished((run) => {
        if (run.source === 'github') resolve();
      });
    });
    if (!(await catalog.lastSyncRun('github'))?.finishedAt) await finished;
    expect(await catalog.lastSyncRun('github')).toMatchObject({ status: 'succeeded' });
  });

  it("serves /metrics: answers by command and outcome, their latency, GitHub's rate limit, the index", async () => {
    const count = (text: string, series: string) => Number(text.match(new RegExp(`^${series} (\\S+)$`, 'm'))?.[1] ?? 0);
    const before = await (await fetch(`${baseUrl}/metrics`)).text();
    await client.command('/service', 'ledger');
    await client.command('/service', 'ledger');
    await client.command('/service', 'x'.repeat(600));
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const inAck = 'callboard_answers_total{command="/service",outcome="in_ack"}';
    expect(count(text, inAck) - count(before, inAck)).toBe(2);
    expect(count(text, 'callboard_answers_total{command="/service",outcome="refused"}')).toBe(1);
    const histogram = 'callboard_answer_duration_seconds_count{command="/service"}';
    expect(count(text, histogram) - count(before, histogram)).toBe(3);
    expect(count(text, 'callboard_search_index_entities')).toBeGreaterThan(50);
    expect(text).toMatch(/^callboard_provider_calls_total\{provider="github",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^callboard_github_rate_limit_remaining\{resource="\w+"\} \d+/m);
    expect(text).toMatch(/^callboard_sync_runs_total\{source="dir",status="succeeded"\} [1-9]/m);
    expect(text).toMatch(/^callboard_nodejs_eventloop_lag_p99_seconds /m);
  });
});
