// An edit in CATALOG_DIRS while `start` runs, as GitHub's push is in github-push.test.ts: the
// search index follows the change log alone, so each change refreshes it once (not also from the
// folder sync's own hook), and the new text is searchable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { serviceYaml } from '../support/service-yaml.js';

const component = (description: string) => serviceYaml('payments', 'payments-team', description);

let started: StartedCallboard | undefined;
const folders: string[] = [];

afterEach(async () => {
  await started?.stop();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  started = undefined;
});

describe('an edit in a catalog folder, under start', () => {
  it('refreshes search once per change, from the change log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-edit-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-edit-data-'));
    folders.push(dir, dataDir);
    writeFileSync(join(dir, 'catalog-info.yaml'), component('Takes card payments'));
    started = await startCallboard(
      loadConfig({ CALLBOARD_DATA_DIR: dataDir, PORT: '0', CATALOG_DIRS: dir }),
      silentLogger,
    );
    const { search } = started.callboard;
    await search.settled();
    expect(search.search('quartermaster')).toEqual([]);

    const refresh = search.refresh.bind(search);
    const called: Array<(done: Promise<boolean>) => void> = [];
    const nextRefresh = () => new Promise<Promise<boolean>>((resolve) => called.push(resolve));
    const refreshes = vi.spyOn(search, 'refresh').mockImplementation((version?: number) => {
      const done = refresh(version);
      for (const resolve of called.splice(0)) resolve(done);
      return done;
    });

    for (const [count, word] of [
      [1, 'quartermaster'],
      [2, 'harbourmaster'],
    ] as const) {
      const refreshed = nextRefresh();
      writeFileSync(join(dir, 'catalog-info.yaml'), component(`Takes card payments for the ${word}`));
      await await refreshed;
      await search.settled();
      expect(search.search(word)[0]?.ref).toBe('component:default/payments');
      expect(refreshes).toHaveBeenCalledTimes(count);
    }
  });
});
