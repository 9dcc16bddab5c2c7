// `callboard notices`: prints what would be sent and to whom without sending; `--send` sends it,
// once (a second --send finds nothing new).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FakeSlack } from '../support/fake-slack.js';
import { PAYMENTS, PAYMENTS_BROKEN, TEAM_FILE } from './support.js';

describe('callboard notices', () => {
  let dir: string;
  let dataDir: string;
  let slack: FakeSlack;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-notices-cli-'));
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-notices-data-'));
    writeFileSync(join(dir, 'team.yaml'), TEAM_FILE);
    writeFileSync(join(dir, 'payments.yaml'), PAYMENTS);
    slack = await FakeSlack.start({
      users: [{ id: 'U0AMARA', name: 'amara', email: 'amara@example.com' }],
      channels: [{ id: 'C0PAYMENTS', name: 'payments' }],
    });
    env = {
      CATALOG_DIRS: dir,
      CALLBOARD_DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'test-secret',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'silent',
    };
    const output = { out: () => {}, err: () => {} };
    expect(await main(['node', 'callboard', 'sync'], output, env)).toBe(0);
    // An edit breaks payments: sync reports the problem (exit 1) and keeps what the file had.
    writeFileSync(join(dir, 'payments.yaml'), PAYMENTS_BROKEN);
    expect(await main(['node', 'callboard', 'sync'], output, env)).toBe(1);
  });

  afterEach(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  function capture() {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, output: { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l) } };
  }

  it('prints what would be sent and where, and sends nothing', async () => {
    const run = capture();
    expect(await main(['node', 'callboard', 'notices'], run.output, env)).toBe(0);
    expect(run.lines[0]).toBe('group:default/payments-team → team channel C0PAYMENTS (1 notice(s), one message)');
    expect(run.lines[1]).toContain(
      'component:default/payments has a catalog problem: payments.yaml: Cannot read the YAML',
    );
    expect(run.lines.at(-1)).toContain('Nothing was sent');
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('sends with --send, once', async () => {
    const first = capture();
    expect(await main(['node', 'callboard', 'notices', '--send'], first.output, env)).toBe(0);
    expect(first.lines.at(-1)).toBe('Sent 1 notice(s) in 1 message(s); edited 0 resolved message(s)');
    expect(slack.callsTo('chat.postMessage').map((call) => call.args.channel)).toEqual(['C0PAYMENTS']);
    const second = capture();
    expect(await main(['node', 'callboard', 'notices', '--send'], second.output, env)).toBe(0);
    expect(second.lines[0]).toBe('No notices to send: nothing in the catalog needs anyone right now.');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
