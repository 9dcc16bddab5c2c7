// Secrets never reach a log, a reply or an error message: a rejected GitHub token and a Slack
// token, used with the most talkative log level, appear nowhere in what Callboard prints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const GITHUB_TOKEN = 'ghp_thisTokenMustNeverBePrinted0001';
const WEBHOOK_SECRET = 'whsec-never-printed-0002';

describe('secrets in output', () => {
  let github: FakeGitHub;
  let dataDir: string;
  let printed: string[];
  beforeEach(async () => {
    github = await startFakeGitHub({ org: 'acme' });
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-secrets-'));
    printed = [];
    // The logger writes to stderr directly; catch that as well as the CLI's own lines.
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await github.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a GitHub sync with a rejected token fails clearly without printing the token', async () => {
    const output = { out: (line: string) => printed.push(line), err: (line: string) => printed.push(line) };
    const code = await main(['node', 'callboard', 'sync', '--github'], output, {
      CALLBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      GITHUB_ORG: 'acme',
      GITHUB_TOKEN,
      GITHUB_API_URL: github.url,
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    }).catch((error: unknown) => {
      printed.push(String(error instanceof Error ? `${error.message}\n${error.stack}` : error));
      return 1;
    });
    expect(code).not.toBe(0);
    const all = printed.join('\n');
    // Nothing could be read, so the run is partial (issue 25: any failed read), keeping everything.
    expect(all).toContain('GitHub sync partial: 0 repositories seen');
    expect(all).toContain('partial: listing repositories failed: GitHub answered 401: Bad credentials');
    expect(all).toContain('what could not be read was kept');
    expect(all).not.toContain(GITHUB_TOKEN);
    expect(all).not.toContain(WEBHOOK_SECRET);
  });
});
