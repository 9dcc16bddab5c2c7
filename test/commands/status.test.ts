// /callboard status as a platform engineer reads it: each source's last run with its figures,
// and the problems per location with file and reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callboard } from '../../commands/callboard.js';
import { commands } from '../../commands/index.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { Portal } from '../../src/portal/index.js';
import { renderText, type CommandContext } from '../../src/slack/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { blockProblems } from '../support/slack-block-rules.js';
import { openTestStore } from '../support/store.js';

const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Not A Name
spec: { type: service, lifecycle: production, owner: team-a }
`;

describe('/callboard status', () => {
  let store: CatalogStore;
  let dir: string;
  let ctx: CommandContext;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-status-'));
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    store = await openTestStore();
    await syncFolders(store, [dir]);
    const run = await store.startSyncRun('github');
    await store.finishSyncRun(run, {
      status: 'failed',
      stats: { repositoriesSeen: 300, repositoriesChanged: 4, repositoriesFailed: 2, graphqlPoints: 6 },
      error: 'GitHub answered 502 for 2 pages',
    });
    ctx = { portal: new Portal(store, () => []), userId: 'U0ME', commands, slackUserIds: async () => new Map() };
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows every source's last run and each problem with its location, file and field", async () => {
    const message = await callboard.handle('status', ctx);
    expect(blockProblems(message.blocks, 'message')).toEqual([]);
    const text = renderText(message);
    expect(text).toContain('Problems: 1');
    expect(text).toMatch(
      /github failed.*\n300 repositories seen, 4 changed, 2 failed, 6 GraphQL points\nGitHub answered 502 for 2 pages/,
    );
    expect(text).toMatch(/dir succeeded.*\n0 entities added, 0 updated, 0 removed/);
    expect(text).toContain(`${dir} · \`broken.yaml\` (metadata.name): metadata.name "Not A Name" is not valid`);
  });
});
