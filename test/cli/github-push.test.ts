// A push through the GitHub wiring `callboard start` uses (openCallboard + openGitHubSync): the
// location is read from the store once, at planning, and handed on to applying; the search index
// follows the change log alone, so the push refreshes it once, and the new text is searchable.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGitHubSync } from '../../src/cli/github.js';
import { openCallboard, type Callboard } from '../../src/cli/open-callboard.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { GitHubSyncSetup } from '../../src/sync/github/index.js';
import {
  componentYaml,
  deliverWebhook,
  FakeOrganisation,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github.js';

const SECRET = 'push-test-webhook-secret';

let github: FakeGitHub | undefined;
let board: Callboard | undefined;
let setup: GitHubSyncSetup | undefined;
let server: Server | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await setup?.sync.stop();
  if (server) await new Promise((done) => server!.close(done));
  await board?.close();
  await github?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  github = board = setup = server = dataDir = undefined;
});

describe('a GitHub push, wired as callboard start wires it', () => {
  it('reads its location from the store once and refreshes search once', async () => {
    const org = new FakeOrganisation('acme');
    org.addRepository({ name: 'payments', files: { 'catalog-info.yaml': componentYaml('payments', 'team-a') } });
    org.addRepository({ name: 'ledger', files: { 'catalog-info.yaml': componentYaml('ledger', 'team-a') } });
    github = await startFakeGitHub({ org });
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-push-'));
    board = await openCallboard(
      loadConfig({
        CALLBOARD_DATA_DIR: dataDir,
        GITHUB_ORG: 'acme',
        GITHUB_TOKEN: github.token,
        GITHUB_API_URL: github.url,
        GITHUB_WEBHOOK_SECRET: SECRET,
      }),
      silentLogger,
    );
    setup = await openGitHubSync(board, silentLogger);
    expect((await setup!.sync.runFull()).status).toBe('succeeded');
    await board.search.refresh();
    expect(board.search.search('quartermaster')).toEqual([]);

    const handler = setup!.webhookHandler!;
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;

    const catalog = board.stores.catalog;
    const reads = {
      locationStates: vi.spyOn(catalog, 'locationStates'),
      knownFileShas: vi.spyOn(catalog, 'knownFileShas'),
      locationKeys: vi.spyOn(catalog, 'locationKeys'),
      knownFileShasByPrefix: vi.spyOn(catalog, 'knownFileShasByPrefix'),
    };
    const search = board.search;
    const refresh = search.refresh.bind(search);
    let refreshed!: () => void;
    const firstRefresh = new Promise<void>((resolve) => {
      refreshed = resolve;
    });
    const refreshes = vi.spyOn(search, 'refresh').mockImplementation((version?: number) => {
      refreshed();
      return refresh(version);
    });

    org.setFile('payments', 'catalog-info.yaml', componentYaml('payments', 'team-a', 'quartermaster'));
    const answer = await deliverWebhook(
      url,
      github.payloads.push('payments', { modified: ['catalog-info.yaml'] }),
      SECRET,
    );
    expect(answer.status).toBe(202);
    await setup!.sync.idle();
    // The change log's notification is what refreshes the index.
    await firstRefresh;
    await search.settled();

    expect(search.search('quartermaster')[0]?.ref).toBe('component:default/payments');
    expect(refreshes).toHaveBeenCalledTimes(1);
    expect(reads.locationStates).toHaveBeenCalledTimes(1);
    expect(reads.locationStates).toHaveBeenCalledWith(['github:acme/payments']);
    expect(reads.knownFileShas).not.toHaveBeenCalled();
    expect(reads.locationKeys).not.toHaveBeenCalled();
    expect(reads.knownFileShasByPrefix).not.toHaveBeenCalled();
  });
});
