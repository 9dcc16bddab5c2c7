// SIGTERM to `callboard start`, as an orchestrator sends it before replacing a replica: it stops
// taking requests, still delivers the answer it was working on, and exits (code 0) well within
// its 10-second grace period. Run as a real child process: only a process can be signalled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogDir } from '../../src/config.js';
import { FakeSlack } from '../support/fake-slack.js';
import { SlackClient } from '../support/slack-client.js';
import { runChild, type Child } from './child.js';

const SIGNING_SECRET = 'graceful-stop-signing-secret-0123456789';

describe('callboard start, on SIGTERM', () => {
  let slack: FakeSlack;
  let dataDir: string;
  let child: Child;
  beforeAll(async () => {
    slack = await FakeSlack.start();
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-stop-'));
    child = runChild('test/cli/fixtures/run-cli.ts', ['start'], {
      CALLBOARD_DATA_DIR: dataDir,
      PORT: '0',
      CATALOG_DIRS: defaultCatalogDir(),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
  });
  afterAll(async () => {
    if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A child process compiles and opens PGlite on its own: on a busy machine that takes a while.
  it('refuses new requests, finishes the answer under way, and exits 0', { timeout: 180_000 }, async () => {
    const serving = await child.waitForLog((l) => String(l.msg).startsWith('Callboard is serving Slack'), 'the start');
    const baseUrl = `http://127.0.0.1:${String(serving.port)}`;
    const client = new SlackClient(`${baseUrl}/slack/events`, SIGNING_SECRET, () => slack.responseUrl());

    // Slack holds the owner's user lookup: the answer is still being worked on after its ack.
    const release = slack.holdNext('users.lookupByEmail');
    const asked = await client.command('/owner', 'payments');
    expect(asked.status).toBe(200);
    expect(asked.text).toBe('');
    await slack.waitFor(() => slack.heldCalls.includes('users.lookupByEmail'), 'the held lookup');

    child.process.kill('SIGTERM');
    await child.waitForLog((l) => String(l.msg).startsWith('stopping'), 'the stop to begin');
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();

    release();
    const answer = await slack.waitFor(() => slack.responsesTo(asked.responseUrl)[0], 'the answer under way');
    expect(JSON.stringify(answer.body)).toContain('Payments Team');
    expect(await child.exited).toBe(0);
    expect(child.logs().map((l) => l.msg)).toContain('stopped');
  });
});
